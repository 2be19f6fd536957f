"""The flag policy: thresholds a municipality can change, kept as data in policy/flags.yml.

A municipality's own file only lists what it changes; it is laid over the product defaults.
An invalid policy fails at start-up with PolicyError, never at the first intake.

    policy().min_domains                                   # product defaults, loaded once
    load_policy(Path("/etc/gezinsintake/flags.yml"))        # a municipality's overrides
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from bot.catalogue import catalogue, check_domain
from bot.errors import PolicyError

POLICY_DIR = Path(__file__).with_name("policy")
FLAGS_FILE = POLICY_DIR / "flags.yml"

Threshold = Annotated[int, Field(ge=1, le=14)]


class FlagPolicy(BaseModel):
    """When a record gets which flag; the meaning of each key is in policy/flags.yml."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    problem_max_indication: Annotated[int, Field(ge=1, le=4)]  # 5 is "fully manages"
    min_domains: Threshold
    min_members: Annotated[int, Field(ge=1, le=30)]
    min_services: Annotated[int, Field(ge=1, le=30)]
    complex_min_domains: Threshold
    parental_household_domains: tuple[str, ...]

    @field_validator("parental_household_domains")
    @classmethod
    def _household_domains(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for domain_id in value:
            if not catalogue().domain(check_domain(domain_id)).household_level:
                raise ValueError(f"{domain_id!r} is not asked for the household as a whole")
        return value

    @model_validator(mode="after")
    def _complex_is_heavier(self) -> FlagPolicy:
        if self.complex_min_domains < self.min_domains:
            raise ValueError("complex_min_domains must be at least min_domains")
        return self


def load_policy(path: Path | None = None) -> FlagPolicy:
    """The product defaults, with the keys of `path` (if given) laid over them."""
    values = _read(FLAGS_FILE)
    if path is not None:
        values |= _read(path)
    try:
        return FlagPolicy.model_validate(values)
    except ValidationError as exc:
        where = path or FLAGS_FILE
        raise PolicyError(f"invalid flag policy {where}: {exc}") from exc


def _read(path: Path) -> dict:
    try:
        values = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise PolicyError(f"cannot read flag policy {path}: {exc}") from exc
    if values is None:
        return {}
    if not isinstance(values, dict):
        raise PolicyError(f"invalid flag policy {path}: expected key: value pairs")
    return values


@cache
def policy() -> FlagPolicy:
    """The product's default policy, loaded once per process."""
    return load_policy()
