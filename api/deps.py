"""The only place that builds settings, sessions and the current employee for routes.

SettingsDep    the Settings (override `get_settings` in tests)
RasaDep        the HTTP client for the Rasa server
SessionDep     a Session: committed when the route returns, rolled back if it raises
CurrentStaff   the signed-in employee (Bearer token or session cookie), else 401
require_role("team", "kcc")  a dependency: the employee must hold one of these roles, else 403
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from sqlalchemy.orm import Session

from api.conversations.rasa_client import RasaClient
from api.core.config import Settings, get_settings
from api.core.db import Database
from api.core.security import TokenError, decode_access_token
from api.staff.schemas import StaffPublic
from api.staff.service import get_by_username, to_public

SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_rasa(request: Request) -> RasaClient:
    """The app's client for the Rasa server (made by `create_app`)."""
    return request.app.state.rasa


RasaDep = Annotated[RasaClient, Depends(get_rasa)]


def get_db(request: Request) -> Database:
    """The app's Database (made by `create_app`)."""
    return request.app.state.db


def get_session(db: Annotated[Database, Depends(get_db)]) -> Iterator[Session]:
    """One session per request; the commit happens before the response is sent."""
    with db.session() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def _unauthorized(reason: str) -> HTTPException:
    return HTTPException(
        status_code=status.HTTP_401_UNAUTHORIZED,
        detail=reason,
        headers={"WWW-Authenticate": "Bearer"},
    )


def request_token(request: Request, settings: Settings) -> str | None:
    """The Bearer token if sent, else the session cookie's."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token:
        return token.strip()
    return request.cookies.get(settings.session_cookie_name)


def current_staff(request: Request, session: SessionDep, settings: SettingsDep) -> StaffPublic:
    """The employee behind the token; roles and teams are read fresh from the database."""
    token = request_token(request, settings)
    if not token:
        raise _unauthorized("not authenticated")
    try:
        claims = decode_access_token(token, key=settings.signing_key)
    except TokenError as exc:
        raise _unauthorized(str(exc)) from None
    user = get_by_username(session=session, username=claims["sub"])
    if user is None or not user.active:
        raise _unauthorized("account not active")
    return to_public(user)


CurrentStaff = Annotated[StaffPublic, Depends(current_staff)]


def optional_staff(
    request: Request, session: SessionDep, settings: SettingsDep
) -> StaffPublic | None:
    """The signed-in employee, or None: for routes a parent's conversation token also opens."""
    try:
        return current_staff(request, session, settings)
    except HTTPException:
        return None


def require_role(*roles: str) -> Callable[[StaffPublic], StaffPublic]:
    """A dependency that lets through an employee holding at least one of `roles`."""

    def dependency(staff: CurrentStaff) -> StaffPublic:
        if not any(staff.has_role(role) for role in roles):
            raise HTTPException(
                status_code=status.HTTP_403_FORBIDDEN,
                detail=f"requires role: {' or '.join(roles)}",
            )
        return staff

    return dependency


def client_address(request: Request) -> str:
    """The caller's address (behind a proxy, run uvicorn with --proxy-headers)."""
    return request.client.host if request.client else "unknown"
