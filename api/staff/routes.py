"""Staff login, logout and "who am I". Login and logout are public; /me needs a token."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, Response, status

from api.audit.service import record_event
from api.core.config import Settings
from api.core.ratelimit import make_rate_limiter
from api.core.security import create_access_token
from api.deps import CurrentStaff, SessionDep, SettingsDep, client_address
from api.staff.authenticator import get_authenticator
from api.staff.models import StaffUser
from api.staff.schemas import LoginRequest, StaffPublic, TokenPublic
from api.staff.service import to_public

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])


def issue_session(user: StaffUser, response: Response, settings: Settings) -> TokenPublic:
    """Sign a token for the user and set it as an HttpOnly, SameSite=Strict cookie too."""
    issued = create_access_token(
        username=user.username,
        roles=user.roles,
        teams=user.team_slugs,
        key=settings.signing_key,
        minutes=settings.access_token_minutes,
    )
    response.set_cookie(
        settings.session_cookie_name,
        issued.access_token,
        max_age=issued.expires_in,
        httponly=True,
        samesite="strict",
        secure=settings.is_production,
        path="/",
    )
    return TokenPublic(access_token=issued.access_token, expires_in=issued.expires_in)


@router.post("/login")
def login(
    credentials: LoginRequest,
    request: Request,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
) -> TokenPublic:
    limiter = make_rate_limiter(
        settings,
        session.get_bind(),
        "login",
        settings.login_rate_limit,
        settings.login_rate_window_seconds,
    )
    address = client_address(request)
    if limiter.exceeded(address):
        raise HTTPException(
            status_code=status.HTTP_429_TOO_MANY_REQUESTS,
            detail="too many failed logins; try again later",
            headers={"Retry-After": str(settings.login_rate_window_seconds)},
        )
    user = get_authenticator(settings).authenticate(session=session, credentials=credentials)
    if user is None:
        limiter.hit(address)
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED, detail="wrong username or password"
        )
    staff = to_public(user)
    record_event(
        session=session, actor=staff.actor(role=",".join(staff.roles)), action="auth.login"
    )
    return issue_session(user, response, settings)


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
def logout(response: Response, settings: SettingsDep) -> None:
    """Remove the session cookie (a Bearer token simply expires)."""
    response.delete_cookie(
        settings.session_cookie_name,
        path="/",
        httponly=True,
        samesite="strict",
        secure=settings.is_production,
    )


@router.get("/me")
def me(staff: CurrentStaff) -> StaffPublic:
    return staff
