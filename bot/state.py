"""The intake in progress: the record being built plus what the planner needs to go on.

Travels as one JSON value (a Rasa slot, a database column): `IntakeState.model_dump(mode="json")`
and back with `IntakeState.model_validate(...)`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from bot.record import IntakeRecord, Role

Pronoun = Literal["he", "she", "they"]


class Mention(BaseModel):
    """A person named in a sentence: by name, age, role word, or "ik"."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    role: Role
    label: str | None = None
    name: str | None = None
    age: int | None = None
    is_respondent: bool = False


class Heard(BaseModel):
    """A life domain heard in the person's words, not yet placed on a member.

    Kept until it can be placed: before the household is known, or when the words fit more
    than one member (then the planner asks "Over wie gaat dit?").
    """

    model_config = ConfigDict(extra="forbid")
    domain: str
    words: str  # the sentence it was heard in
    clause: str = ""  # the part of the sentence about one subject, for given names
    mentions: list[Mention] = Field(default_factory=list)  # who the clause names
    pronoun: Pronoun | None = None  # "hij", "ze", ... when the clause names nobody
    about: str | None = None  # the member the question was about, if any


class PendingHit(BaseModel):  # being replaced by Heard (lead, in progress)
    model_config = ConfigDict(extra="forbid")
    domain: str
    member_hint: str | None = None
    phrase: str | None = None


class IntakeState(BaseModel):
    model_config = ConfigDict(extra="forbid")
    record: IntakeRecord = Field(default_factory=IntakeRecord)
    answered: list[str] = Field(default_factory=list)  # question keys, in the order answered
    unplaced: list[Heard] = Field(default_factory=list)
    pending: list[PendingHit] = Field(default_factory=list)
    misses: dict[str, list[str]] = Field(default_factory=dict)  # key -> answers not understood
    awaiting_correction: bool = False  # the person said the summary is not right
    reflection_wrong: bool = False  # the person said the restated request is not right
    danger_to_confirm: str | None = None  # words only the model read as acute: ask first
    respondent_age: int | None = None  # "ik ben 16" in the story, before the household question

    def is_answered(self, key: str) -> bool:
        return key in self.answered

    def mark(self, key: str) -> None:
        if key not in self.answered:
            self.answered.append(key)
