"""Shared builders for tests: small, valid intake records with only the facts a test needs.

record = make_record(
    members=[parent("m1"), child("m2", age=14, label="zoon")],
    domains=[problem("financien"), problem("werk_opleiding", "m2", indication=2)],
)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bot.record import DomainEntry, DomainStatus, IntakeRecord, Member, Role


def make_member(member_id: str, role: Role | str = Role.PARENT, **fields: Any) -> Member:
    """A household member; `fields` are any other Member fields (label, age, ...)."""
    return Member(id=member_id, role=role, **fields)


def parent(member_id: str = "m1", label: str = "moeder", **fields: Any) -> Member:
    return make_member(member_id, Role.PARENT, label=label, **fields)


def child(member_id: str = "m2", age: int = 8, label: str = "kind", **fields: Any) -> Member:
    return make_member(member_id, Role.CHILD, age=age, label=label, **fields)


def problem(
    domain: str, member_id: str | None = None, indication: int | None = 2, **fields: Any
) -> DomainEntry:
    """A domain entry that counts as a problem (low indication; `concern=True` also works)."""
    status = DomainStatus.INDICATED if indication is not None else DomainStatus.NOT_DISCUSSED
    return DomainEntry(
        domain=domain, member_id=member_id, indication=indication, status=status, **fields
    )


def fine(domain: str, member_id: str | None = None, indication: int = 4) -> DomainEntry:
    """A domain entry where things go well enough."""
    return problem(domain, member_id, indication=indication)


def make_record(
    members: Iterable[Member | dict] = (),
    domains: Iterable[DomainEntry | dict] = (),
    **fields: Any,
) -> IntakeRecord:
    """An IntakeRecord; members and domains may be models or plain dicts."""
    return IntakeRecord(
        members=[m if isinstance(m, Member) else Member(**m) for m in members],
        domains=[d if isinstance(d, DomainEntry) else DomainEntry(**d) for d in domains],
        **fields,
    )
