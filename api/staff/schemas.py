"""What the API says about staff: login request and answer, and the signed-in employee."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from api.core.actor import Actor

StaffRole = Literal["kcc", "team", "admin"]


class LoginRequest(BaseModel):
    username: str = Field(min_length=1, max_length=80)
    password: str = Field(min_length=1, max_length=200)


class TokenPublic(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int


class StaffPublic(BaseModel):
    """The signed-in employee (`CurrentStaff`); roles and teams come from the database."""

    model_config = ConfigDict(frozen=True)

    id: int
    username: str
    roles: list[StaffRole]
    teams: list[str]

    def has_role(self, role: str) -> bool:
        return role in self.roles

    def in_team(self, team: str | None) -> bool:
        return team is not None and team in self.teams

    def actor(self, role: str, on_behalf_of: str | None = None) -> Actor:
        """This employee as the actor of an action allowed by `role`."""
        return Actor(
            kind="staff",
            id=str(self.id),
            username=self.username,
            role=role,
            on_behalf_of=on_behalf_of,
        )
