"""The flat CSV export for teams without a case-system link: one row per member × domain.

Every domain that applies to a member (by age band) gets a row, so "not discussed" is written
out instead of left blank; household-wide domains get one row with an empty member. Cells that
a spreadsheet would run as a formula are prefixed with a quote (CSV injection).
"""

from __future__ import annotations

import csv
import io

from bot.catalogue import AgeBand, catalogue
from bot.record import DomainStatus, IntakeRecord, Member

COLUMNS = (
    "reference",
    "record_id",
    "member_id",
    "member_role",
    "member_label",
    "member_age",
    "age_band",
    "domain",
    "status",
    "indication",
    "concern",
    "source",
    "own_words",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def record_csv(record: IntakeRecord) -> str:
    """The record's member × domain grid as CSV text (header first)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for member, domain in _grid(record):
        entry = record.entry(member.id if member else None, domain)
        writer.writerow(
            _safe(value)
            for value in (
                record.reference,
                record.id,
                member.id if member else "",
                member.role.value if member else "household",
                member.label if member else "",
                member.age if member else "",
                member.age_band.value if member and member.age_band else "",
                domain,
                (entry.status if entry else DomainStatus.NOT_DISCUSSED).value,
                entry.indication if entry else "",
                entry.concern if entry else "",
                entry.source.value if entry and entry.source else "",
                entry.own_words if entry else "",
            )
        )
    return buffer.getvalue()


def _grid(record: IntakeRecord) -> list[tuple[Member | None, str]]:
    """(member or None for the household, domain id) in catalogue order, entries included."""
    domains = catalogue().domains
    household = [d.id for d in catalogue().household_domains(record.has_children)]
    keys: list[tuple[Member | None, str]] = [(None, d) for d in household]
    for member in record.members:
        bands = [member.age_band] if member.age_band else [AgeBand.ADULT, AgeBand.YOUTH]
        keys += [
            (member, d.id)
            for d in domains
            if not d.household_level and any(b in d.applies_to for b in bands)
        ]
    seen = {(m.id if m else None, d) for m, d in keys}
    for entry in record.domains:
        if (entry.member_id, entry.domain) not in seen:
            keys.append((record.member(entry.member_id) if entry.member_id else None, entry.domain))
    return keys


def _safe(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text
