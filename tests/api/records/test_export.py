"""The flat CSV export: one row per member × applicable domain, nothing left implicit."""

from __future__ import annotations

import csv
import io

from api.records.export import record_csv
from bot.catalogue import AgeBand, catalogue
from tests.factories import child, make_record, parent, problem


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_every_member_gets_every_domain_of_their_band() -> None:
    record = make_record(
        members=[parent("m1"), child("m2", age=9)],
        domains=[problem("financien"), problem("werk_opleiding", "m2", indication=2)],
        reference="GI-2026-000007",
    )
    table = rows(record_csv(record))
    per_member = {m: [r["domain"] for r in table if r["member_id"] == m] for m in ("", "m1", "m2")}
    assert per_member[""] == [d.id for d in catalogue().household_domains(True)]
    assert per_member["m2"] == [d.id for d in catalogue().for_band(AgeBand.CHILD)]
    school = next(r for r in table if (r["member_id"], r["domain"]) == ("m2", "werk_opleiding"))
    got = (school["status"], school["indication"], school["age_band"])
    assert got == ("indicated", "2", "child")
    others = [r for r in table if r["member_id"] == "m1"]
    assert {r["status"] for r in others} == {"not_discussed"}
    assert {r["reference"] for r in table} == {"GI-2026-000007"}


def test_formula_like_words_are_neutralised() -> None:
    record = make_record(
        members=[parent("m1")],
        domains=[problem("financien", own_words='=HYPERLINK("http://x")')],
    )
    money = next(r for r in rows(record_csv(record)) if r["domain"] == "financien")
    assert money["own_words"] == '\'=HYPERLINK("http://x")'
