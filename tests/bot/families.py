"""Families as test fixtures, and a simulated parent who answers the assistant's questions.

The families live in tests/e2e/families/*.json, in the format of the shared family-sim tool
(../shared/tools/family-sim/README.md), so that tool can play them against `make run` too.
Two fields are ours: `"typing": "self"` (a young person chats for themself) and
`"child_views"` (what each child would say). Problems are keyed "member:domain"; the
household-level domains (financien, huisvesting, huiselijke_relaties, opvoeding) are keyed
"household:domain", as the record keeps them with member_id null.

`Parent` answers a question by its metadata (kind, key, member id, domain, options), in the
family's own words, the way a parent reads a question: it does not parse the question's text.
It is transport-free, so the same parent plays a family through Rasa (tests/e2e) and through
the plain-Python core (tests/bot).
"""

from __future__ import annotations

import json
import random
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.record import IntakeRecord, Member

FAMILY_DIR = Path(__file__).resolve().parents[1] / "e2e" / "families"
HOUSEHOLD = "household"  # the key of problems kept for the whole household
HOUSEHOLD_DOMAINS = frozenset({"financien", "huisvesting", "huiselijke_relaties", "opvoeding"})

PHRASES = {
    "nl": {
        "yes": "ja, dat klopt",
        "consent": "ja, dat is goed",
        "no_danger": "nee, er is nu geen direct gevaar",
        "no_more": "nee, verder gaat het goed",
        "dont_know": "weet ik niet",
        "told_already": "dat heb ik net al verteld",
        "whole_family": "ons hele gezin",
        "child_view": "dat weet ik niet, daar hebben we het nog niet over gehad",
        "summary_fine": "nee, het klopt zo",
        "years": "{age} jaar",
        "and": " en ",
    },
    "en": {
        "yes": "yes, that's right",
        "consent": "yes, that's fine",
        "no_danger": "no, there is no immediate danger",
        "no_more": "no, everything else is fine",
        "dont_know": "I don't know",
        "told_already": "I just told you",
        "whole_family": "all of us",
        "child_view": "I don't know, we have not talked about it yet",
        "summary_fine": "no, it is right like this",
        "years": "{age} years",
        "and": " and ",
    },
}
GIVE_UP_OPTIONS = ("dont_know", "declined", "none", "nobody", "not_sure_yet")


@dataclass(frozen=True)
class FamilyMember:
    key: str
    role: str  # parent, partner, child, other
    age: int | None = None
    name: str | None = None  # given in the household answer, so the record should hold it
    label: str | None = None  # how the family refers to this person ("mijn zoon", "de kleine")
    self: bool = False  # the one who chats (or calls)

    def called(self) -> str:
        """How the parent names this member in an answer: the given name, else the role words."""
        return self.name or self.label or self.key


@dataclass(frozen=True)
class Expect:
    problems: frozenset[tuple[str, str]]  # (member key or "household", domain)
    flags_required: frozenset[str]
    flags_forbidden: frozenset[str]
    safety_level: frozenset[str]
    max_questions: int
    acute_reply: bool = False
    kcc_phrasing: bool = False
    record_language: str | None = None


@dataclass(frozen=True)
class Family:
    id: str
    origin: str
    language: str
    channel: str
    typing_self: bool
    opening: str
    household: str
    members: tuple[FamilyMember, ...]
    problems: dict[tuple[str, str], str]
    answers: dict[str, str]  # safety_home, services, coordination, outcome, contact, ...
    child_views: dict[str, str]
    expect: Expect
    reflection: str | None = None  # a typed answer to the reflection instead of "ja"

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Family:
        members = tuple(FamilyMember(**m) for m in raw["members"])
        keys = {m.key for m in members} | {HOUSEHOLD}
        problems = {_pair(p, keys): text for p, text in raw["problems"].items()}
        exp = raw["expect"]
        expect = Expect(
            problems=frozenset(_pair(p, keys) for p in exp["problems"]),
            flags_required=frozenset(exp.get("flags_required", [])),
            flags_forbidden=frozenset(exp.get("flags_forbidden", [])),
            safety_level=frozenset(exp["safety_level"]),
            max_questions=exp["max_questions"],
            acute_reply=exp.get("acute_reply", False),
            kcc_phrasing=exp.get("kcc_phrasing", False),
            record_language=exp.get("record_language"),
        )
        answer_fields = (
            "safety",
            "safety_home",
            "safety_children",
            "safety_confirm",
            "services",
            "coordinator",
            "coordination",
            "outcome",
            "contact",
            "contact_details",
        )
        return cls(
            id=raw["id"],
            origin=raw["origin"],
            language=raw.get("language", "nl"),
            channel=raw.get("channel", "web"),
            typing_self=raw.get("typing") == "self",
            opening=raw["opening"],
            household=raw["household"],
            members=members,
            problems=problems,
            answers={k: raw[k] for k in answer_fields if k in raw},
            child_views=dict(raw.get("child_views", {})),
            expect=expect,
            reflection=raw.get("reflection"),
        )

    def member(self, key: str) -> FamilyMember:
        return next(m for m in self.members if m.key == key)

    @property
    def respondent(self) -> FamilyMember:
        return next(m for m in self.members if m.self)

    def phrase(self, name: str) -> str:
        return PHRASES[self.language][name]


def _pair(problem: str, keys: set[str]) -> tuple[str, str]:
    who, _, domain = problem.partition(":")
    if who not in keys:
        raise ValueError(f"problem {problem!r} names no member of the family")
    if (who == HOUSEHOLD) != (domain in HOUSEHOLD_DOMAINS):
        raise ValueError(f"{problem!r}: {domain} is kept for the household, and only it")
    return who, domain


def load_families(directory: Path = FAMILY_DIR) -> list[Family]:
    return [Family.from_dict(json.loads(p.read_text())) for p in sorted(directory.glob("*.json"))]


def noisy(text: str) -> str:
    """Type `text` as people do in a chat: lower case, no accents, "mn" for "mijn", now and
    then "k" for "ik", and two letters swapped in one long word. Seeded by the text itself, so
    a test run is repeatable."""
    rng = random.Random(text)
    plain = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    words = []
    for word in plain.split(" "):
        if word == "mijn":
            word = "mn"
        elif word == "ik" and rng.random() < 0.5:
            word = "k"
        words.append(word)
    long_words = [i for i, w in enumerate(words) if len(w) >= 7 and w.isalpha()]
    if long_words:
        i = rng.choice(long_words)
        w = words[i]
        j = rng.randrange(1, len(w) - 2)
        words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    return " ".join(words)


@dataclass(frozen=True)
class Asked:
    """A question as the parent sees it: its metadata and its words."""

    key: str
    kind: str | None
    text: str = ""
    member_id: str | None = None
    domain: str | None = None
    options: tuple[str, ...] = ()  # option values
    multiple: bool = False

    @property
    def prefix(self) -> str:
        return self.key.split(":")[0]


@dataclass(frozen=True)
class Reply:
    """What the parent does: type `text`, or press the buttons `press`."""

    text: str | None = None
    press: tuple[str, ...] = ()


def map_members(family: Family, members: Iterable[Member]) -> dict[str, str]:
    """Record member id -> family member key: by name, then age, then role.

    "Role" is, in this order: the one chatting (is_respondent / self), the record's label in the
    family's own words for that person ("zoon" in "mijn zoon"), and the role alone. Each family
    member is used once, so twins of the same age are told apart by name.
    """
    members = list(members)
    free = {m.key: m for m in family.members}
    mapping: dict[str, str] = {}

    def take(fits: Any) -> None:
        for rm in members:
            if rm.id in mapping:
                continue
            match = [fm for fm in free.values() if fits(rm, fm)]
            if len(match) == 1 or (match and fits is not _by_age):
                mapping[rm.id] = match[0].key
                del free[match[0].key]

    for fits in (_by_name, _by_age, _by_self, _by_label, _by_role):
        take(fits)
    return mapping


def _norm(text: str | None) -> str:
    plain = unicodedata.normalize("NFKD", (text or "").lower())
    return "".join(c for c in plain if not unicodedata.combining(c)).strip()


def _by_name(rm: Member, fm: FamilyMember) -> bool:
    return bool(rm.name and fm.name and _norm(rm.name) == _norm(fm.name))


def _by_age(rm: Member, fm: FamilyMember) -> bool:
    return rm.age is not None and rm.age == fm.age and rm.role.value == _role(fm)


def _by_self(rm: Member, fm: FamilyMember) -> bool:
    return rm.is_respondent and fm.self


def _by_label(rm: Member, fm: FamilyMember) -> bool:
    label = _norm(rm.label)
    return bool(label) and re.search(rf"\b{re.escape(label)}\b", _norm(fm.label)) is not None


def _by_role(rm: Member, fm: FamilyMember) -> bool:
    return rm.role.value == _role(fm) and not fm.self


def _role(fm: FamilyMember) -> str:
    return fm.role if fm.role in ("parent", "partner", "child") else "other"


@dataclass
class Parent:
    """Answers each question of one intake for `family`; keeps what it had to say twice."""

    family: Family
    is_noisy: bool = False
    opened: bool = False
    reflected: bool = False
    mapping: dict[str, str] = field(default_factory=dict)

    def reply(self, question: Asked, record: IntakeRecord) -> Reply:
        self.mapping = map_members(self.family, record.members)
        reply = self._answer(question, record)
        if reply.text is not None and self.is_noisy:
            return Reply(text=noisy(reply.text))
        return reply

    def give_up(self, question: Asked) -> Reply:
        """The third time in a row: a person stops explaining and takes a way out."""
        for value in GIVE_UP_OPTIONS:
            if value in question.options:
                return Reply(press=(value,))
        return Reply(text=self.family.phrase("dont_know"))

    def _answer(self, q: Asked, record: IntakeRecord) -> Reply:
        f = self.family
        say = f.answers.get
        if q.kind == "notice" or q.key == "notice":
            return Reply(press=("continue",)) if "continue" in q.options else Reply(text="ja")
        if q.key == "reflection":
            if f.reflection and not self.reflected:
                self.reflected = True
                return Reply(text=f.reflection)
            return Reply(text=f.phrase("yes"))
        if q.key == "open_request":
            if self.opened:
                return Reply(text=f.phrase("told_already"))
            self.opened = True
            return Reply(text=f.opening)
        if q.key == "household":
            return Reply(text=f.household)
        if q.prefix == "age":
            member = self._member(q.member_id or q.key.partition(":")[2])
            if member and member.age is not None:
                return Reply(text=f.phrase("years").format(age=member.age))
            return Reply(text=f.phrase("dont_know"))
        if q.prefix == "who":
            return Reply(text=self._who(q))
        if q.prefix == "detail":
            return Reply(text=self._detail(q))
        if q.prefix == "screen":
            return Reply(text=self._screen(q, record))
        if q.prefix == "child_view":
            return Reply(text=self._child_view(q))
        if q.key == "safety:home":
            return Reply(text=say("safety_home") or say("safety") or f.phrase("no_more"))
        if q.key == "safety:children":
            return Reply(text=say("safety_children") or say("safety") or f.phrase("no_more"))
        if q.prefix == "safety":  # safety:confirm: "is there danger right now?"
            return Reply(
                text=say("safety_confirm")
                or f.phrase("yes" if f.expect.acute_reply else "no_danger")
            )
        if q.prefix == "consent":
            return Reply(text=f.phrase("consent"))
        named = {
            "services": "services",
            "coordinator": "coordinator",
            "coordination": "coordination",
            "desired_outcome": "outcome",
            "contact": "contact",
            "contact_details": "contact_details",
        }
        if q.key in named:
            return Reply(text=say(named[q.key]) or f.phrase("dont_know"))
        if q.key == "summary":
            return (
                Reply(press=("confirm",)) if "confirm" in q.options else Reply(text=f.phrase("yes"))
            )
        if q.key == "summary_correction":
            return Reply(text=f.phrase("summary_fine"))
        return Reply(text=f.phrase("dont_know"))

    def _child_view(self, q: Asked) -> str:
        """One child's view; for a question about all children, each child's in turn."""
        member_id = q.member_id or q.key.partition(":")[2]
        keys = (
            [self.mapping[member_id]]
            if member_id in self.mapping
            else list(self.family.child_views)
        )
        views = [self.family.child_views[k] for k in keys if k in self.family.child_views]
        return " ".join(views) or self.family.phrase("child_view")

    def _member(self, member_id: str | None) -> FamilyMember | None:
        key = self.mapping.get(member_id or "")
        return self.family.member(key) if key else None

    def _owners(self, domain: str | None, among: Iterable[str]) -> list[str]:
        return [k for k in among if (k, domain) in self.family.problems]

    def _who(self, q: Asked) -> str:
        """Who a heard problem concerns: the member(s) among the options who have it."""
        f = self.family
        if q.domain in HOUSEHOLD_DOMAINS and (HOUSEHOLD, q.domain) in f.problems:
            return f.phrase("whole_family")
        among = [self.mapping[o] for o in q.options if o in self.mapping]
        owners = self._owners(q.domain, among) if q.domain else self._closest(q.text, among)
        if not owners:
            return f.phrase("dont_know")
        return f.phrase("and").join(f.member(k).called() for k in owners)

    def _closest(self, question: str, among: list[str]) -> list[str]:
        """Without a domain: whose problem words the question quotes most."""
        asked = set(re.findall(r"\w+", _norm(question)))
        scores = {
            k: len(asked & set(re.findall(r"\w+", _norm(text))))
            for (k, _), text in self.family.problems.items()
            if k in among
        }
        best = max(scores.values(), default=0)
        return [k for k, s in scores.items() if s == best and s > 0]

    def _detail(self, q: Asked) -> str:
        f = self.family
        _, who, domain = q.key.split(":", 2)
        domain = q.domain or domain
        if who == HOUSEHOLD:
            texts = [t for (k, d), t in f.problems.items() if d == domain]
        else:
            key = self.mapping.get(q.member_id or who)
            texts = [f.problems[(key, domain)]] if key and (key, domain) in f.problems else []
        return " ".join(texts) if texts else f.phrase("no_more")

    def _screen(self, q: Asked, record: IntakeRecord) -> str:
        """The problem words of this member (or the household) the record does not hold yet."""
        member_id = None if q.key == "screen:household" else (q.member_id or q.key[7:])
        key = HOUSEHOLD if member_id is None else self.mapping.get(member_id)
        unknown = [
            text
            for (k, domain), text in self.family.problems.items()
            if k == key and not ((e := record.entry(member_id, domain)) is not None and e.concern)
        ]
        return " ".join(unknown) if unknown else self.family.phrase("no_more")
