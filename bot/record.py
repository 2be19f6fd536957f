"""The intake record: what the person confirmed and what the case system and teams receive.

A versioned pydantic model. Its JSON Schema is published in docs/intake-record.schema.json
(regenerate with `.venv/bin/python scripts/export_record_schema.py`); docs/intake-record.md
explains each field. Change `SCHEMA_VERSION` on any change that is not purely additive.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from bot.catalogue import DOMAIN_IDS, AgeBand, age_band_for, check_domain

SCHEMA_VERSION = "1.0"

Channel = Literal["web", "kcc"]
Language = Literal["nl", "en"]
ShortText = Annotated[str, Field(max_length=2000)]
LongText = Annotated[str, Field(max_length=10000)]


def utcnow() -> datetime:
    return datetime.now(UTC)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Role(StrEnum):
    PARENT = "parent"  # parent or carer
    PARTNER = "partner"
    CHILD = "child"
    OTHER = "other"


class DomainStatus(StrEnum):
    INDICATED = "indicated"  # the person gave an indication or said how it goes
    NOT_DISCUSSED = "not_discussed"  # not asked or skipped: never read as "no problem"
    DECLINED = "declined"  # the person chose not to answer
    NOT_APPLICABLE = "not_applicable"


class Source(StrEnum):
    SELF = "self"  # the member about themself
    PARENT = "parent"  # a parent or carer about this member
    OTHER = "other"  # someone else (e.g. a KCC employee's note, a professional)


class SafetyLevel(StrEnum):
    NONE = "none"
    CONCERN = "concern"  # non-acute signal: a professional's safety assessment is needed
    ACUTE = "acute"  # immediate danger: answered at once with 112/113/Veilig Thuis


class ChildView(_Model):
    """The child's own voice: does the child know of this request, and what would it say?"""

    knows_about_request: bool | None = None
    view: ShortText | None = None  # what the child says or wishes, in the words given
    said_by: Source  # self: the child told it; parent: a parent told it on the child's behalf


class Member(_Model):
    """A person in the household. `id` is stable for the whole intake (m1, m2, ...)."""

    id: Annotated[str, Field(pattern=r"^m[0-9]{1,3}$")]
    role: Role
    label: Annotated[str, Field(max_length=80)] | None = None  # e.g. "zoon", "oudste dochter"
    name: Annotated[str, Field(max_length=80)] | None = None  # given name, as the person wrote it
    age: Annotated[int, Field(ge=0, le=120)] | None = None
    age_band: AgeBand | None = None
    is_respondent: bool = False  # the person who is chatting or calling
    heard_directly: bool = False  # this member told their own story (not only via a parent)
    child_view: ChildView | None = None  # asked for each child of 4 and older

    @model_validator(mode="after")
    def _band_follows_age(self) -> Member:
        if self.age_band == AgeBand.HOUSEHOLD:
            raise ValueError("a member's age band is adult, youth or child")
        if self.age is not None:
            band = age_band_for(self.age)
            if self.age_band not in (None, band):
                raise ValueError(f"age {self.age} does not fit age band {self.age_band}")
            object.__setattr__(self, "age_band", band)
        return self


class DomainEntry(_Model):
    """What is known about one domain for one member (member_id null: the whole household)."""

    member_id: str | None = None
    domain: Annotated[str, Field(json_schema_extra={"enum": list(DOMAIN_IDS)})]
    indication: Annotated[int, Field(ge=1, le=5)] | None = None  # self-reported, not a ZRM score
    indication_from_words: bool = False  # estimated from the person's words, not chosen on a scale
    status: DomainStatus = DomainStatus.NOT_DISCUSSED
    concern: bool = False  # a problem was raised here (by the person, or heard in their words)
    own_words: ShortText | None = None
    source: Source | None = None

    @field_validator("domain")
    @classmethod
    def _known_domain(cls, value: str) -> str:
        return check_domain(value)

    @model_validator(mode="after")
    def _indication_needs_status(self) -> DomainEntry:
        if self.indication is not None and self.status != DomainStatus.INDICATED:
            raise ValueError("an indication is only recorded with status 'indicated'")
        return self


class SafetySignal(_Model):
    """One safety signal: which kind, how serious, where it came from."""

    code: Annotated[str, Field(max_length=60)]  # e.g. suicide, domestic_violence, child_abuse
    level: Literal["concern", "acute"]
    source: Literal["lexicon", "model", "answer", "staff"]
    excerpt: ShortText | None = None  # the words that raised it
    member_id: str | None = None
    at: datetime = Field(default_factory=utcnow)


class Safety(_Model):
    level: SafetyLevel = SafetyLevel.NONE
    questions_asked: bool = False
    signals: list[SafetySignal] = Field(default_factory=list)

    @model_validator(mode="after")
    def _level_covers_signals(self) -> Safety:
        worst = max((_LEVEL_RANK[s.level] for s in self.signals), default=0)
        if _LEVEL_RANK[self.level] < worst:
            raise ValueError("safety level is lower than its worst signal")
        return self


_LEVEL_RANK = {"none": 0, "concern": 1, "acute": 2}


class InvolvedService(_Model):
    """A professional or organisation already involved with the family."""

    kind: Annotated[str, Field(max_length=60)]  # e.g. huisarts, school, veilig_thuis, other
    description: ShortText | None = None  # in the person's words: since when, does it help
    member_id: str | None = None


class Coordination(_Model):
    current_coordinator: ShortText | None = None
    wants_single_coordinator: bool | None = None
    own_words: ShortText | None = None


class Contact(_Model):
    preference: Literal["phone", "email", "chat", "letter", "none"] | None = None
    details: Annotated[str, Field(max_length=200)] | None = None  # number or address given
    best_time: Annotated[str, Field(max_length=200)] | None = None


class Consent(_Model):
    """An explicit, withdrawable consent for an optional extra (not the legal basis)."""

    code: Annotated[str, Field(max_length=60)]  # e.g. contact_huisarts
    granted: bool
    at: datetime = Field(default_factory=utcnow)


class UnclearAnswer(_Model):
    """An answer the assistant did not understand twice: kept verbatim, the item left open."""

    question_key: Annotated[str, Field(max_length=80)]
    member_id: str | None = None
    domain: str | None = None
    words: list[ShortText] = Field(default_factory=list)


class FlagReason(_Model):
    """Which rule fired, on which facts, in words a team member reads at a glance."""

    rule: Annotated[str, Field(max_length=60)]
    facts: list[Annotated[str, Field(max_length=200)]] = Field(default_factory=list)
    text: ShortText


class Flag(_Model):
    code: Literal[
        "gezinsregie",
        "complex",
        "joint_assessment",
        "safety_assessment",
        "acute",
        "coordination_wish",
    ]
    reasons: list[FlagReason] = Field(min_length=1)


class IntakeRecord(_Model):
    """The structured intake of one family, as confirmed by the person."""

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    id: str = Field(default_factory=lambda: str(uuid.uuid4()))
    reference: Annotated[str, Field(max_length=40)] | None = None
    channel: Channel = "web"
    language: Language = "nl"
    notice_version_shown: Annotated[str, Field(max_length=40)] | None = None
    members: list[Member] = Field(default_factory=list, max_length=30)
    request_own_words: LongText | None = None
    request_summary: ShortText | None = None
    domains: list[DomainEntry] = Field(default_factory=list)
    safety: Safety = Field(default_factory=Safety)
    involved_services: list[InvolvedService] = Field(default_factory=list)
    coordination: Coordination = Field(default_factory=Coordination)
    desired_outcome: ShortText | None = None
    contact: Contact = Field(default_factory=Contact)
    consents: list[Consent] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)
    summary_confirmed: bool = False
    summary_corrections: list[ShortText] = Field(default_factory=list)  # verbatim, per round
    unclear_answers: list[UnclearAnswer] = Field(default_factory=list)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    confirmed_at: datetime | None = None

    @model_validator(mode="after")
    def _references_are_consistent(self) -> IntakeRecord:
        ids = [m.id for m in self.members]
        if len(ids) != len(set(ids)):
            raise ValueError("member ids must be unique")
        known = set(ids)
        refs = [d.member_id for d in self.domains]
        refs += [s.member_id for s in self.safety.signals]
        refs += [s.member_id for s in self.involved_services]
        refs += [u.member_id for u in self.unclear_answers]
        unknown = sorted({r for r in refs if r is not None and r not in known})
        if unknown:
            raise ValueError(f"unknown member ids: {unknown}")
        keys = [(d.member_id, d.domain) for d in self.domains]
        if len(keys) != len(set(keys)):
            raise ValueError("one entry per member and domain")
        if self.summary_confirmed and self.confirmed_at is None:
            raise ValueError("a confirmed record has confirmed_at")
        return self

    def member(self, member_id: str) -> Member | None:
        return next((m for m in self.members if m.id == member_id), None)

    def entry(self, member_id: str | None, domain: str) -> DomainEntry | None:
        return next(
            (d for d in self.domains if d.member_id == member_id and d.domain == domain), None
        )

    @property
    def has_children(self) -> bool:
        return any(m.role == Role.CHILD for m in self.members)


def reference_for(record_id: str) -> str:
    """The short number a person quotes on the phone: GI- plus 8 characters of the id."""
    return "GI-" + record_id.replace("-", "")[:8].upper()


def record_json_schema() -> dict:
    """The published JSON Schema of the record."""
    schema = IntakeRecord.model_json_schema()
    schema["$id"] = f"https://schemas.gezinsintake.nl/intake-record/{SCHEMA_VERSION}.json"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
