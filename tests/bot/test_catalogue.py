"""The catalogue's wording fits who is asked: a child, a young person, an adult."""

import re

import pytest
import yaml

from bot.catalogue import CATALOGUE_FILE, AgeBand, catalogue, load_catalogue, member_band
from bot.errors import CatalogueError

DOMAINS = catalogue().domains
PERSON_BANDS = (AgeBand.CHILD, AgeBand.YOUTH, AgeBand.ADULT)
# Never asked or shown about a child of 0-11.
NOT_FOR_CHILDREN = re.compile(
    r"\b(werk\w*|baan|bijbaan|geld|schuld\w*|drugs|alcohol|blowen|politie|justitie|work\w*|"
    r"job|money|debts?|police|courts?)\b",
    re.I,
)


def child_texts():
    for domain in catalogue().for_band(AgeBand.CHILD):
        for language in ("nl", "en"):
            yield domain.id, domain.question_for(AgeBand.CHILD, language)
            yield domain.id, domain.question_for(None, language)  # a child of unknown age
            yield domain.id, domain.label_for(AgeBand.CHILD, language)


@pytest.mark.parametrize(("domain", "words"), list(child_texts()))
def test_nothing_asked_of_a_child_is_about_work_money_drugs_or_justice(domain, words):
    assert not NOT_FOR_CHILDREN.search(words), (domain, words)


def test_no_child_screen_holds_a_work_sense_domain():
    assert {d.id for d in catalogue().for_band(AgeBand.CHILD)} == {
        "werk_opleiding",  # worded as school or childcare for a child
        "geestelijke_gezondheid",
        "lichamelijke_gezondheid",
        "sociaal_netwerk",
    }


@pytest.mark.parametrize(
    ("domain", "band"),
    [(d, b) for d in DOMAINS for b in PERSON_BANDS if b in d.applies_to],
    ids=str,
)
def test_each_band_a_domain_applies_to_has_its_own_wording(domain, band):
    wordings = {b: domain.question_for(b, "nl") for b in PERSON_BANDS if b in domain.applies_to}
    others = [w for b, w in wordings.items() if b != band]
    assert wordings[band] not in others


def test_a_child_of_unknown_age_never_gets_the_adult_wording():
    for domain in DOMAINS:
        if not {AgeBand.CHILD, AgeBand.YOUTH} & set(domain.applies_to):
            continue  # never asked of a child
        assert domain.question_for(None, "nl") != domain.question_for(AgeBand.ADULT, "nl")


@pytest.mark.parametrize(
    "domain", [d for d in DOMAINS if d.question_informal is not None], ids=lambda d: d.id
)
def test_informal_wording_says_je_not_u(domain):
    dutch = domain.question_for(AgeBand.YOUTH, "nl", informal=True)
    assert re.search(r"\b(je|jij|jou|jouw|jezelf)\b", dutch), dutch
    assert not re.search(r"\b(u|uw)\b", dutch), dutch


def test_youth_wording_follows_the_zrm_jongeren_sense():
    assert "gamen" in catalogue().domain("middelengebruik").question_for(AgeBand.YOUTH, "nl")
    school = catalogue().domain("werk_opleiding").question_for(AgeBand.YOUTH, "nl")
    assert "school" in school and "stage" in school


def test_household_domains_ask_the_household_or_the_young_person():
    money = catalogue().domain("financien")
    assert money.question_for(None, "nl") == money.question.nl
    assert money.question_for(AgeBand.YOUTH, "nl", informal=True) != money.question.nl


@pytest.mark.parametrize(
    ("age", "is_child", "band"),
    [
        (6, True, AgeBand.CHILD),
        (14, True, AgeBand.YOUTH),
        (None, True, AgeBand.CHILD),
        (None, False, AgeBand.ADULT),
        (19, True, AgeBand.ADULT),
    ],
)
def test_member_band(age, is_child, band):
    assert member_band(age, is_child) == band


def test_a_domain_for_children_without_child_wording_is_refused(tmp_path):
    raw = yaml.safe_load(CATALOGUE_FILE.read_text(encoding="utf-8"))
    del raw["domains"]["sociaal_netwerk"]["question_child"]
    broken = tmp_path / "catalogue.yml"
    broken.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CatalogueError, match="question_child"):
        load_catalogue(broken)
