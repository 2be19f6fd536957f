"""Flag rules, on situations from the source reports (001 Raalte, 003 Goeree-Overflakkee)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import PolicyError
from bot.flag_policy import load_policy, policy
from bot.flags import evaluate_flags, problems
from bot.record import (
    Coordination,
    DomainEntry,
    DomainStatus,
    InvolvedService,
    Safety,
    SafetyLevel,
)
from bot.safety import screen, to_signals
from tests.factories import child, fine, make_member, make_record, parent, problem


def _codes(record) -> list[str]:
    return [f.code for f in evaluate_flags(record)]


def _reasons(record, code: str) -> dict[str, str]:
    flag = next(f for f in evaluate_flags(record) if f.code == code)
    return {r.rule: r.text for r in flag.reasons}


def _safety_from(words: str, member_id: str) -> Safety:
    result = screen(words)
    return Safety(level=SafetyLevel(result.level), signals=to_signals(result, member_id=member_id))


def test_goeree_mother_hit_while_holding_her_child_needs_a_safety_assessment():
    """003 §3.3: no parenting question, so the youth team saw no reason to look at safety."""
    record = make_record(
        members=[parent("m1", is_respondent=True), child("m2", age=1, label="baby")],
        domains=[fine("opvoeding"), fine("geestelijke_gezondheid", "m1")],
        safety=_safety_from("Mijn man sloeg me terwijl ik de baby vasthield", "m1"),
    )
    assert _codes(record) == ["safety_assessment"]
    (flag,) = evaluate_flags(record)
    assert [r.facts for r in flag.reasons] == [
        ["domestic_violence:concern:lexicon"],
        ["child_abuse:concern:lexicon"],
    ]
    assert flag.reasons[0].text.startswith("Signaal huiselijk geweld (zorg): “sloeg me”")


def test_raalte_mother_asking_for_one_coordinator():
    """001: many agencies, her own request for one independent coordinator."""
    words = "Ik wil één regievoerder die naast mij staat, het wordt mij te veel"
    record = make_record(
        members=[parent("m1"), child("m2", age=12, label="zoon")],
        domains=[fine("opvoeding")],
        involved_services=[InvolvedService(kind="ggz"), InvolvedService(kind="cjg")],
        coordination=Coordination(wants_single_coordinator=True, own_words=words),
    )
    assert _codes(record) == ["gezinsregie", "coordination_wish"]
    assert set(_reasons(record, "gezinsregie")) == {
        "gezinsregie.services",
        "gezinsregie.coordination_wish",
    }
    assert words in _reasons(record, "coordination_wish")["coordination_wish"]


def test_a_light_single_domain_question_raises_nothing():
    record = make_record(
        members=[parent("m1"), child("m2", age=6)],
        domains=[problem("opvoeding", indication=3), fine("financien"), fine("huisvesting")],
        involved_services=[InvolvedService(kind="school")],
    )
    assert evaluate_flags(record) == []


def test_debts_truanting_teenager_and_worn_out_mother():
    record = make_record(
        members=[parent("m1"), child("m2", age=14, label="zoon")],
        domains=[
            problem("financien", indication=2),
            problem("werk_opleiding", "m2", indication=2),
            problem("geestelijke_gezondheid", "m1", indication=None, concern=True),
        ],
    )
    assert _codes(record) == ["gezinsregie", "joint_assessment"]
    reasons = _reasons(record, "gezinsregie")
    assert reasons["gezinsregie.domains"] == (
        "Problemen op 3 leefgebieden: Geldzaken, School, stage of werk (zoon, 14), "
        "Hoe je je voelt (moeder)"
    )
    assert set(reasons) == {
        "gezinsregie.domains",
        "gezinsregie.members",
        "gezinsregie.children_and_parents",
    }
    (joint,) = next(f for f in evaluate_flags(record) if f.code == "joint_assessment").reasons
    assert joint.facts == ["financien:household", "geestelijke_gezondheid:m1"]


def test_five_domains_make_a_complex_case():
    domains = ["financien", "huisvesting", "huiselijke_relaties", "justitie", "middelengebruik"]
    record = make_record(
        members=[parent("m1")],
        domains=[problem(d, None if d in domains[:3] else "m1") for d in domains],
    )
    assert _codes(record) == ["gezinsregie", "complex"]
    four = record.model_copy(update={"domains": record.domains[:4]})
    assert "complex" not in _codes(four)


def test_acute_words_raise_acute_before_everything_else():
    record = make_record(
        members=[parent("m1"), child("m2", age=15, label="dochter")],
        domains=[problem("financien"), problem("geestelijke_gezondheid", "m2")],
        safety=_safety_from("mijn dochter wil er niet meer zijn", "m2"),
        coordination=Coordination(wants_single_coordinator=True),
    )
    assert _codes(record) == [
        "acute",
        "safety_assessment",
        "gezinsregie",
        "joint_assessment",
        "coordination_wish",
    ]
    assert "zelfdoding" in _reasons(record, "acute")["acute.level"]


def test_a_safety_level_set_without_signal_still_asks_for_an_assessment():
    record = make_record(safety=Safety(level=SafetyLevel.CONCERN))
    assert _codes(record) == ["safety_assessment"]


@pytest.mark.parametrize(
    ("entry", "counts"),
    [
        (problem("financien", indication=3), True),
        (problem("financien", indication=4), False),
        (problem("financien", indication=None, concern=True), True),
        (DomainEntry(domain="financien", status=DomainStatus.DECLINED), False),
        (DomainEntry(domain="financien", status=DomainStatus.NOT_DISCUSSED), False),
        (DomainEntry(domain="opvoeding", status=DomainStatus.NOT_APPLICABLE, concern=True), False),
    ],
)
def test_what_counts_as_a_problem(entry, counts):
    assert (problems(make_record(domains=[entry])) == [entry]) is counts


def test_the_problem_threshold_comes_from_the_policy(tmp_path):
    record = make_record(domains=[problem("financien", indication=3)])
    strict = load_policy(_policy_file(tmp_path, "problem_max_indication: 2"))
    assert problems(record, strict) == []


@pytest.mark.parametrize(
    ("domains", "joint"),
    [
        ([problem("huiselijke_relaties")], True),  # household domain in the policy list
        ([problem("opvoeding")], False),  # a parenting question alone is not parental
        ([problem("geestelijke_gezondheid", "m2")], False),  # the child's own problem
        ([problem("middelengebruik", "m3")], True),  # the partner's problem
    ],
)
def test_parental_problems(domains, joint):
    record = make_record(
        members=[parent("m1"), child("m2"), make_member("m3", "partner")], domains=domains
    )
    assert ("joint_assessment" in _codes(record)) is joint


def test_no_joint_assessment_without_children():
    record = make_record(members=[parent("m1")], domains=[problem("financien")])
    assert _codes(record) == []


def test_problems_of_two_members_on_one_domain():
    record = make_record(
        members=[parent("m1"), child("m2", age=9, label="dochter")],
        domains=[
            problem("geestelijke_gezondheid", "m1"),
            problem("geestelijke_gezondheid", "m2"),
        ],
    )
    reasons = _reasons(record, "gezinsregie")
    assert set(reasons) == {"gezinsregie.members", "gezinsregie.children_and_parents"}
    assert reasons["gezinsregie.members"] == "Problemen bij 2 gezinsleden: moeder; dochter, 9"


def test_flags_are_deterministic_and_fit_the_record():
    record = make_record(
        members=[parent("m1"), child("m2")],
        domains=[problem("financien"), problem("huisvesting")],
    )
    flags = evaluate_flags(record)
    assert flags == evaluate_flags(record)
    record.flags = flags  # validated on assignment
    assert [f.code for f in record.flags] == ["gezinsregie", "joint_assessment"]


def _policy_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "flags.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_municipality_overrides_only_what_it_changes(tmp_path):
    custom = load_policy(_policy_file(tmp_path, "min_domains: 3\n"))
    assert (custom.min_domains, custom.complex_min_domains) == (3, policy().complex_min_domains)
    record = make_record(
        members=[parent("m1")], domains=[problem("financien"), problem("justitie", "m1")]
    )
    assert [f.code for f in evaluate_flags(record, custom)] == []
    assert _codes(record) == ["gezinsregie"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("min_domain: 2", "min_domain"),  # unknown key (typo)
        ("min_domains: 0", "min_domains"),
        ("parental_household_domains: [geldzaken]", "unknown domain id: 'geldzaken'"),
        ("parental_household_domains: [geestelijke_gezondheid]", "household"),
        ("complex_min_domains: 1", "complex_min_domains"),
        ("problem_max_indication: 5", "problem_max_indication"),
        ("- min_domains", "key: value"),
        ("min_domains: [", "cannot read"),
    ],
)
def test_an_invalid_policy_fails_with_a_clear_message(tmp_path, text, message):
    with pytest.raises(PolicyError, match="flag policy") as error:
        load_policy(_policy_file(tmp_path, text))
    assert message in str(error.value)


def test_the_default_policy_is_loaded_once():
    assert policy() is policy()
    assert policy().parental_household_domains == (
        "financien",
        "huisvesting",
        "huiselijke_relaties",
    )
