"""Flags for the team: which rule fired, on which facts, in Dutch a team member reads at once.

Rules (domain brief section 5; thresholds in policy/flags.yml):

    acute              record.safety.level is acute
    safety_assessment  any safety signal (concern or acute) or a safety level above none.
                       Only explicit signals count: a problem on huiselijke_relaties is not
                       a safety signal by itself; the safety questions and screen raise those.
    gezinsregie        problems on >= min_domains leefgebieden, or of >= min_members members,
                       or >= min_services services involved, or the wish for one coordinator,
                       or children in the household with parental problems (one reason each)
    joint_assessment   children in the household and a parental problem: a problem of a
                       parent or partner, or on a household domain in parental_household_domains
    complex            problems on >= complex_min_domains leefgebieden
    coordination_wish  the person wants one coordinator

A domain entry is a problem when the person raised a concern there (unless the domain does
not apply), or when its indication is at most problem_max_indication. Domains are counted
once, whoever has the problem. The result is deterministic and in the order above.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.catalogue import DOMAIN_IDS, catalogue
from bot.flag_policy import FlagPolicy
from bot.flag_policy import policy as default_policy
from bot.record import DomainEntry, DomainStatus, Flag, FlagReason, IntakeRecord, Member, Role
from bot.safety import code_label

__all__ = ["FLAG_ORDER", "evaluate_flags", "problems"]

FLAG_ORDER = (
    "acute",
    "safety_assessment",
    "gezinsregie",
    "joint_assessment",
    "complex",
    "coordination_wish",
)
_ROLE_NL = {
    Role.PARENT: "ouder",
    Role.PARTNER: "partner",
    Role.CHILD: "kind",
    Role.OTHER: "huisgenoot",
}
_PARENTS = (Role.PARENT, Role.PARTNER)
_QUOTE_MAX = 200


def evaluate_flags(record: IntakeRecord, policy: FlagPolicy | None = None) -> list[Flag]:
    """All flags the record raises, each with the reasons that fired, in FLAG_ORDER."""
    policy = policy or default_policy()
    found = problems(record, policy)
    parental = _parental(record, found, policy)
    reasons = {
        "acute": _acute(record),
        "safety_assessment": _safety(record),
        "gezinsregie": _gezinsregie(record, found, parental, policy),
        "joint_assessment": _joint(record, parental, "joint_assessment.children_and_parents"),
        "complex": _complex(record, found, policy),
        "coordination_wish": _wish(record, "coordination_wish"),
    }
    return [Flag(code=code, reasons=reasons[code]) for code in FLAG_ORDER if reasons[code]]


def problems(record: IntakeRecord, policy: FlagPolicy | None = None) -> list[DomainEntry]:
    """The domain entries that count as a problem, in catalogue order."""
    policy = policy or default_policy()
    found = [e for e in record.domains if _is_problem(e, policy)]
    return sorted(found, key=lambda e: DOMAIN_IDS.index(e.domain))


def _is_problem(entry: DomainEntry, policy: FlagPolicy) -> bool:
    if entry.status == DomainStatus.NOT_APPLICABLE:
        return False
    low = entry.indication is not None and entry.indication <= policy.problem_max_indication
    return entry.concern or (entry.status == DomainStatus.INDICATED and low)


def _parental(
    record: IntakeRecord, found: list[DomainEntry], policy: FlagPolicy
) -> list[DomainEntry]:
    """Parental problems, only when there are children in the household."""
    if not record.has_children:
        return []
    return [
        e
        for e in found
        if (e.member_id is None and e.domain in policy.parental_household_domains)
        or (e.member_id is not None and record.member(e.member_id).role in _PARENTS)
    ]


def _acute(record: IntakeRecord) -> list[FlagReason]:
    if record.safety.level != "acute":
        return []
    codes = list(dict.fromkeys(s.code for s in record.safety.signals if s.level == "acute"))
    named = ", ".join(code_label(c) for c in codes) or "veiligheid"
    return [
        FlagReason(
            rule="acute.level",
            facts=codes or ["safety.level:acute"],
            text=f"Acuut ({named}): nu reageren met 112 / 113 / Veilig Thuis en direct een "
            "medewerker inschakelen.",
        )
    ]


def _safety(record: IntakeRecord) -> list[FlagReason]:
    reasons = []
    for code in dict.fromkeys(s.code for s in record.safety.signals):
        signals = [s for s in record.safety.signals if s.code == code]
        level = "acuut" if any(s.level == "acute" for s in signals) else "zorg"
        quotes = "; ".join(f"“{_short(s.excerpt)}”" for s in signals if s.excerpt)
        reasons.append(
            FlagReason(
                rule="safety_assessment.signal",
                facts=[f"{s.code}:{s.level}:{s.source}" for s in signals],
                text=f"Signaal {code_label(code)} ({level}){': ' + quotes if quotes else ''}. "
                "Veiligheid laten inschatten door een professional.",
            )
        )
    if not reasons and record.safety.level != "none":
        reasons.append(
            FlagReason(
                rule="safety_assessment.level",
                facts=[f"safety.level:{record.safety.level}"],
                text="Veiligheid is als zorg gemarkeerd, zonder apart signaal. Veiligheid laten "
                "inschatten door een professional.",
            )
        )
    return reasons


def _gezinsregie(
    record: IntakeRecord,
    found: list[DomainEntry],
    parental: list[DomainEntry],
    policy: FlagPolicy,
) -> list[FlagReason]:
    reasons = []
    domains = list(dict.fromkeys(e.domain for e in found))
    if len(domains) >= policy.min_domains:
        reasons.append(
            FlagReason(
                rule="gezinsregie.domains",
                facts=_facts(found),
                text=f"Problemen op {len(domains)} leefgebieden: {_describe(record, found)}",
            )
        )
    ids = {e.member_id for e in found}
    members = [m for m in record.members if m.id in ids]
    if len(members) >= policy.min_members:
        reasons.append(
            FlagReason(
                rule="gezinsregie.members",
                facts=[m.id for m in members],
                text=f"Problemen bij {len(members)} gezinsleden: "
                + "; ".join(_who(m) for m in members),
            )
        )
    services = record.involved_services
    if len(services) >= policy.min_services:
        reasons.append(
            FlagReason(
                rule="gezinsregie.services",
                facts=[s.kind for s in services],
                text=f"{len(services)} instanties al betrokken: "
                + ", ".join(s.kind.replace("_", " ") for s in services),
            )
        )
    reasons += _wish(record, "gezinsregie.coordination_wish")
    reasons += _joint(record, parental, "gezinsregie.children_and_parents")
    return reasons


def _joint(record: IntakeRecord, parental: list[DomainEntry], rule: str) -> list[FlagReason]:
    if not parental:
        return []
    return [
        FlagReason(
            rule=rule,
            facts=_facts(parental),
            text=f"Kinderen in huis en problemen bij de ouders: {_describe(record, parental)}. "
            "Jeugdteam en gezinsregisseur beoordelen samen.",
        )
    ]


def _complex(
    record: IntakeRecord, found: list[DomainEntry], policy: FlagPolicy
) -> list[FlagReason]:
    count = len({e.domain for e in found})
    if count < policy.complex_min_domains:
        return []
    return [
        FlagReason(
            rule="complex.domains",
            facts=_facts(found),
            text=f"Problemen op {count} leefgebieden (grens {policy.complex_min_domains}): "
            f"{_describe(record, found)}",
        )
    ]


def _wish(record: IntakeRecord, rule: str) -> list[FlagReason]:
    if not record.coordination.wants_single_coordinator:
        return []
    words = record.coordination.own_words
    return [
        FlagReason(
            rule=rule,
            facts=["coordination.wants_single_coordinator"],
            text="Wil één vaste regisseur voor het hele gezin"
            + (f": “{_short(words)}”" if words else "."),
        )
    ]


def _facts(entries: Iterable[DomainEntry]) -> list[str]:
    return [f"{e.domain}:{e.member_id or 'household'}" for e in entries]


def _describe(record: IntakeRecord, entries: list[DomainEntry]) -> str:
    """E.g. "Geldzaken, School of opvang (zoon, 14), Hoe je je voelt (moeder)"."""
    groups: dict[str, list[str]] = {}
    for entry in entries:
        domain = catalogue().domain(entry.domain)
        member = record.member(entry.member_id) if entry.member_id else None
        label = domain.label_for(member.age_band if member else None, "nl")
        people = groups.setdefault(label, [])
        if member:
            people.append(_who(member))
    return ", ".join(
        f"{label} ({'; '.join(who)})" if who else label for label, who in groups.items()
    )


def _who(member: Member) -> str:
    name = member.label or _ROLE_NL[member.role]
    return f"{name}, {member.age}" if member.age is not None else name


def _short(text: str) -> str:
    return text if len(text) <= _QUOTE_MAX else text[: _QUOTE_MAX - 1].rstrip() + "…"
