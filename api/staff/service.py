"""Staff accounts and teams: create, look up, and the development demo account."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.core.errors import ConflictError, InvalidInputError
from api.core.security import hash_password
from api.staff.models import ROLES, StaffUser, Team
from api.staff.schemas import StaffPublic

DEMO_USERNAME, DEMO_PASSWORD, DEMO_TEAM = "kcc-demo", "demo", "wijkteam-demo"


def get_by_username(*, session: Session, username: str) -> StaffUser | None:
    return session.scalar(select(StaffUser).where(StaffUser.username == username))


def ensure_team(*, session: Session, slug: str, name: str | None = None) -> Team:
    """The team with this slug, created if absent."""
    team = session.get(Team, slug)
    if team is None:
        team = Team(slug=slug, name=name or slug)
        session.add(team)
        session.flush()
    return team


def create_user(
    *,
    session: Session,
    username: str,
    password: str | None,
    roles: Iterable[str],
    teams: Iterable[str] = (),
) -> StaffUser:
    """A new active account; unknown teams are created. `password` None: external login only."""
    roles = sorted(set(roles))
    unknown = [r for r in roles if r not in ROLES]
    if not roles or unknown:
        raise InvalidInputError(f"roles must be some of {ROLES}, got {roles}")
    if get_by_username(session=session, username=username) is not None:
        raise ConflictError(f"user {username!r} already exists")
    user = StaffUser(
        username=username,
        password_hash=hash_password(password) if password else None,
        roles=roles,
        teams=[ensure_team(session=session, slug=slug) for slug in sorted(set(teams))],
    )
    session.add(user)
    session.flush()
    return user


def ensure_demo_user(*, session: Session) -> None:
    """Development only: `kcc-demo` / `demo` with roles kcc and team, if it does not exist."""
    if get_by_username(session=session, username=DEMO_USERNAME) is None:
        create_user(
            session=session,
            username=DEMO_USERNAME,
            password=DEMO_PASSWORD,
            roles=["kcc", "team"],
            teams=[DEMO_TEAM],
        )


def to_public(user: StaffUser) -> StaffPublic:
    return StaffPublic(id=user.id, username=user.username, roles=user.roles, teams=user.team_slugs)
