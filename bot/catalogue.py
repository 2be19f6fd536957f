"""The life-domain catalogue: ZRM 2017 domains plus `opvoeding`, read once from catalogue.yml.

The wording is ours (B1 Dutch and English); the ZRM's official cell texts are not reproduced.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from bot.errors import CatalogueError, UnknownDomainError

CATALOGUE_FILE = Path(__file__).with_name("catalogue.yml")

DOMAIN_IDS: tuple[str, ...] = (
    "financien",
    "werk_opleiding",
    "tijdsbesteding",
    "huisvesting",
    "huiselijke_relaties",
    "geestelijke_gezondheid",
    "lichamelijke_gezondheid",
    "middelengebruik",
    "basale_adl",
    "instrumentele_adl",
    "sociaal_netwerk",
    "maatschappelijke_participatie",
    "justitie",
    "opvoeding",
)

Language = Literal["nl", "en"]


class AgeBand(StrEnum):
    """Who a domain is asked about: a person by age, or the household as a whole."""

    ADULT = "adult"  # 18+
    YOUTH = "youth"  # 12-17
    CHILD = "child"  # 0-11
    HOUSEHOLD = "household"


def age_band_for(age: int) -> AgeBand:
    """The band a person of this age belongs to."""
    if age >= 18:
        return AgeBand.ADULT
    if age >= 12:
        return AgeBand.YOUTH
    return AgeBand.CHILD


class Text(BaseModel):
    """A text in both languages the assistant speaks fully."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    nl: str
    en: str

    def get(self, language: str) -> str:
        return self.en if language == "en" else self.nl


class Domain(BaseModel):
    """One life domain: labels, a one-line explanation, who it applies to, our questions.

    Each audience it applies to has its own wording (see catalogue.yml): a child is never
    asked about work, money, drugs or justice, and a young person chatting for themself is
    asked with "je".
    """

    model_config = ConfigDict(frozen=True, extra="forbid")
    id: str
    label: Text
    label_child: Text | None = None  # 0-11, and 12-17 when there is no label_youth
    label_youth: Text | None = None
    explain: Text
    applies_to: tuple[AgeBand, ...]
    needs_children: bool = False
    question: Text  # adults, and the household as a whole
    question_youth: Text | None = None  # 12-17, asked of their parent
    question_child: Text | None = None  # 0-11
    question_informal: Text | None = None  # a young person about themself or their home

    @model_validator(mode="after")
    def _wording_for_each_audience(self) -> Domain:
        needed = {
            "question_youth": AgeBand.YOUTH in self.applies_to,
            "question_child": AgeBand.CHILD in self.applies_to,
            "question_informal": bool({AgeBand.YOUTH, AgeBand.HOUSEHOLD} & set(self.applies_to)),
        }
        missing = [name for name, need in needed.items() if need and getattr(self, name) is None]
        if missing:
            raise ValueError(f"domain {self.id!r} needs {', '.join(missing)}")
        return self

    def label_for(self, band: AgeBand | None, language: str) -> str:
        """The label, with the child or youth wording where one exists (school, not work)."""
        if band == AgeBand.YOUTH and self.label_youth:
            return self.label_youth.get(language)
        if band in (AgeBand.CHILD, AgeBand.YOUTH) and self.label_child:
            return self.label_child.get(language)
        return self.label.get(language)

    def question_for(self, band: AgeBand | None, language: str, informal: bool = False) -> str:
        """The question for a member of this band; `informal` for a young person who chats
        for themself (about themself, or about the household).

        `band=None` is a child of unknown age: the child wording, never the adult one (a
        domain without child wording gives the youth wording). Pass AgeBand.ADULT for an
        adult of unknown age; `member_band` does this.
        """
        if self.household_level or band == AgeBand.HOUSEHOLD:
            chosen = self.question_informal if informal else None
        elif band == AgeBand.ADULT:
            chosen = None
        elif informal:
            chosen = self.question_informal
        elif band == AgeBand.YOUTH:
            chosen = self.question_youth
        else:
            chosen = self.question_child or self.question_youth
        return (chosen or self.question).get(language)

    @property
    def household_level(self) -> bool:
        return AgeBand.HOUSEHOLD in self.applies_to


def member_band(age: int | None, is_child: bool) -> AgeBand:
    """The band to screen and word questions for: by age when known; a child of unknown age
    counts as a child (0-11: nothing about work, money or drugs), anyone else as an adult."""
    if age is not None:
        return age_band_for(age)
    return AgeBand.CHILD if is_child else AgeBand.ADULT


class Catalogue(BaseModel):
    """All domains in their fixed order, plus the 1-5 scale labels."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    scale: dict[int, Text]
    domains: tuple[Domain, ...]

    @model_validator(mode="after")
    def _complete(self) -> Catalogue:
        ids = tuple(d.id for d in self.domains)
        if ids != DOMAIN_IDS:
            raise ValueError(f"domains must be exactly {DOMAIN_IDS} in that order, got {ids}")
        if sorted(self.scale) != [1, 2, 3, 4, 5]:
            raise ValueError("scale must have labels for 1 to 5")
        return self

    def domain(self, domain_id: str) -> Domain:
        for d in self.domains:
            if d.id == domain_id:
                return d
        raise UnknownDomainError(f"unknown domain id: {domain_id!r}")

    def for_band(self, band: AgeBand) -> list[Domain]:
        """The domains asked about a person of this band (household-level ones excluded)."""
        return [d for d in self.domains if band in d.applies_to]

    def household_domains(self, has_children: bool) -> list[Domain]:
        """The domains asked once for the whole household."""
        return [
            d for d in self.domains if d.household_level and (has_children or not d.needs_children)
        ]


def load_catalogue(path: Path = CATALOGUE_FILE) -> Catalogue:
    """Read and validate a catalogue file; raise CatalogueError with the reason if invalid."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        raw["domains"] = [{"id": k, **v} for k, v in raw["domains"].items()]
        return Catalogue.model_validate(raw)
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        raise CatalogueError(f"cannot read domain catalogue {path}: {exc}") from exc
    except ValidationError as exc:
        raise CatalogueError(f"invalid domain catalogue {path}: {exc}") from exc


@cache
def catalogue() -> Catalogue:
    """The product's catalogue, loaded once per process."""
    return load_catalogue()


def check_domain(domain_id: str) -> str:
    """Return the id if the catalogue knows it, else raise UnknownDomainError."""
    if domain_id not in DOMAIN_IDS:
        raise UnknownDomainError(f"unknown domain id: {domain_id!r}")
    return domain_id
