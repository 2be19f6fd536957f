"""The intake in progress: the record being built plus what the planner needs to go on.

Travels as one JSON value (a Rasa slot, a database column): `IntakeState.model_dump(mode="json")`
and back with `IntakeState.model_validate(...)`.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from bot.record import IntakeRecord


class PendingHit(BaseModel):
    """A life domain heard before the household was known; placed on a member later."""

    model_config = ConfigDict(extra="forbid")
    domain: str
    member_hint: str | None = None
    phrase: str | None = None


class IntakeState(BaseModel):
    model_config = ConfigDict(extra="forbid")
    record: IntakeRecord = Field(default_factory=IntakeRecord)
    answered: list[str] = Field(default_factory=list)  # question keys, in the order answered
    pending: list[PendingHit] = Field(default_factory=list)
    awaiting_correction: bool = False  # the person said the summary is not right

    def is_answered(self, key: str) -> bool:
        return key in self.answered

    def mark(self, key: str) -> None:
        if key not in self.answered:
            self.answered.append(key)
