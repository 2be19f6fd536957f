"""Staff accounts, teams and team membership."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.db_base import Base, utcnow

ROLES = ("kcc", "team", "admin")

staff_memberships = Table(
    "staff_memberships",
    Base.metadata,
    Column("user_id", ForeignKey("staff_users.id", ondelete="CASCADE"), primary_key=True),
    Column("team_slug", ForeignKey("teams.slug", ondelete="CASCADE"), primary_key=True),
)


class Team(Base):
    """A receiving team (wijkteam, CJG, JOT...), addressed by its slug."""

    __tablename__ = "teams"

    slug: Mapped[str] = mapped_column(String(60), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))


class StaffUser(Base):
    """A KCC employee, team member or administrator. `password_hash` is empty for OIDC users."""

    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    roles: Mapped[list] = mapped_column(default=list)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    teams: Mapped[list[Team]] = relationship(secondary=staff_memberships, lazy="selectin")

    @property
    def team_slugs(self) -> list[str]:
        return sorted(t.slug for t in self.teams)

    def has_role(self, role: str) -> bool:
        return role in self.roles
