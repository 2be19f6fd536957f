"""The seam between "who is this?" and the rest of the app.

An `Authenticator` turns proof of identity into a local `StaffUser` row. After that the app
always issues its own token (api/core/security.py), and `CurrentStaff` / `require_role` work
the same whatever proved the identity. `GI_AUTH_BACKEND` picks the authenticator.

Replacing local accounts with a municipality's OpenID Connect provider:
1. add `OidcAuthenticator` here, configured by settings (issuer URL, client id; the client
   secret from the environment), registered as `AUTHENTICATORS["oidc"]`, and allow "oidc" in
   `Settings.auth_backend`;
2. give it a redirect route (authorisation code flow with PKCE) and a callback route that
   validates the ID token against the issuer's JWKS and maps claims (e.g. `groups`) to roles
   and teams, creating or updating the `staff_users` row just in time (no password hash);
3. the callback then calls `issue_session()` from api/staff/routes.py like the password login.
Accounts then live at the provider; deactivating them there ends access at the next login.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from sqlalchemy.orm import Session

from api.core.config import Settings
from api.core.security import verify_password
from api.staff.models import StaffUser
from api.staff.schemas import LoginRequest
from api.staff.service import get_by_username


class Authenticator(ABC):
    """Checks credentials and returns the active account, or None if they do not prove it."""

    @abstractmethod
    def authenticate(self, *, session: Session, credentials: LoginRequest) -> StaffUser | None:
        """The account these credentials belong to, or None (never says which part was wrong)."""


class LocalAuthenticator(Authenticator):
    """Username and password checked against the argon2 hash in `staff_users`."""

    def authenticate(self, *, session: Session, credentials: LoginRequest) -> StaffUser | None:
        user = get_by_username(session=session, username=credentials.username)
        password_hash = user.password_hash if user and user.active else None
        return user if verify_password(credentials.password, password_hash) else None


AUTHENTICATORS: dict[str, type[Authenticator]] = {"local": LocalAuthenticator}


def get_authenticator(settings: Settings) -> Authenticator:
    return AUTHENTICATORS[settings.auth_backend]()
