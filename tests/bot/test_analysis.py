"""The model's parse and the deterministic layers combined into one analysis."""

import pytest

from bot.analysis import analyse


def parse(intent="describe_situation", confidence=0.9, *entities):
    """A /model/parse result; an entity is (name, value) or (name, value, start, end)."""
    return {
        "intent": {"name": intent, "confidence": confidence},
        "entities": [
            {
                "entity": entity[0],
                "value": entity[1],
                "start": entity[2] if len(entity) > 2 else 0,
                "end": entity[3] if len(entity) > 2 else 1,
                "extractor": "DIETClassifier",
            }
            for entity in entities
        ],
    }


def test_public_dict_has_exactly_the_api_shape():
    result = analyse("mijn zoon van 14 spijbelt", parse()).to_public_dict()
    assert result == {
        "language": "nl",
        "intent": "describe_situation",
        "domains": ["werk_opleiding"],
        "members": ["zoon"],
        "ages": [14],
        "safety": {"level": "none", "signals": []},
        "sentences": [
            {
                "text": "mijn zoon van 14 spijbelt",
                "start": 0,
                "end": 25,
                "domains": ["werk_opleiding"],
                "mentions": [{"role": "child", "label": "zoon", "age": 14, "respondent": False}],
            }
        ],
    }


def test_each_sentence_has_its_own_domains_and_members():
    text = "Mijn zoon van 14 spijbelt al weken. Ik heb schulden en mijn man drinkt te veel."
    result = analyse(text, None)
    first, second = result.sentences
    assert (first.domains, [m.label for m in first.mentions]) == (["werk_opleiding"], ["zoon"])
    assert second.domains == ["financien", "middelengebruik"]
    assert [(m.label, m.is_respondent) for m in second.mentions] == [
        (None, True),
        ("partner", False),
    ]
    assert [text[s.start : s.end] for s in result.sentences] == [first.text, second.text]
    assert result.domains == ["financien", "middelengebruik", "werk_opleiding"]


def test_model_spans_go_to_the_sentence_they_start_in():
    text = "Het gaat niet goed met ons. Ik kom mijn bed niet meer uit."
    start = text.index("Ik kom")
    model = parse(
        "describe_problem", 0.9, ("leefgebied", "geestelijke_gezondheid", start, start + 30)
    )
    result = analyse(text, model)
    assert [s.domains for s in result.sentences] == [[], ["geestelijke_gezondheid"]]
    assert result.domains == ["geestelijke_gezondheid"]


def test_the_sentence_encoder_hears_what_terms_and_model_do_not_in_its_own_sentence():
    text = "Mijn zoon van 14 spijbelt. Nie mamy pieniędzy na czynsz."
    result = analyse(text, None)
    assert [s.domains for s in result.sentences] == [["werk_opleiding"], ["financien"]]
    assert result.domains == ["financien", "werk_opleiding"]
    assert [h.domain for h in result.domain_hits] == ["werk_opleiding"]  # the terms alone


def test_a_model_domain_without_a_place_still_counts_for_the_message():
    model = parse("describe_problem", 0.9, ("leefgebied", "huisvesting", None, None))
    result = analyse("we moeten weg uit ons huis", model)
    assert "huisvesting" in result.domains


def test_empty_text_has_no_sentences():
    assert analyse("", None).sentences == []


def test_model_and_lexicon_domains_are_united_sorted_and_unique():
    model = parse(
        "describe_situation",
        0.8,
        ("leefgebied", "financien"),
        ("leefgebied", "opvoeding"),
        ("leefgebied", "not_a_domain"),
    )
    result = analyse("we hebben schulden en hij luistert niet", model)
    assert result.domains == ["financien", "opvoeding"]
    assert [h.domain for h in result.domain_hits] == ["financien", "opvoeding"]


def test_members_and_ages_from_model_and_parser_without_double_counting():
    model = parse(
        "describe_household",
        0.9,
        ("member", "Dochter"),
        ("age", "twaalf"),
        ("member", "oma"),
        ("age", "70"),
    )
    result = analyse("ik woon met mijn dochter van 12 en mijn zoon van 9", model)
    assert result.members == ["dochter", "zoon", "oma"]
    assert result.ages == [12, 9, 70]


def test_twins_keep_both_ages():
    assert analyse("mijn tweeling van 5", None).ages == [5, 5]


def test_works_without_the_model():
    result = analyse("Mijn man drinkt en ik ben zo somber. Hij heeft me gisteren geslagen", None)
    assert not result.model_available
    assert result.intent is None and result.intent_confidence is None
    assert result.domains == ["geestelijke_gezondheid", "huiselijke_relaties", "middelengebruik"]
    assert result.safety_level in ("concern", "acute")
    assert result.safety_signals


def test_confident_acute_intent_makes_safety_acute_even_when_the_lexicon_is_silent():
    result = analyse("ik weet het echt niet meer", parse("acute_danger", 0.62))
    assert result.safety_level == "acute"
    assert "acute_danger" in result.safety_signals
    assert [s.source for s in result.safety_details] == ["model"]


def test_unsure_acute_intent_changes_nothing():
    result = analyse("ik weet het echt niet meer", parse("acute_danger", 0.3))
    assert result.safety_level == "none"


def test_lexicon_safety_is_never_dropped_by_a_calm_model():
    text = "soms wil ik niet meer leven"
    result = analyse(text, parse("greet", 0.99))
    assert result.safety_level == "acute"
    assert {s.source for s in result.safety_details} == {"lexicon"}
    with_model = analyse(text, parse("acute_danger", 0.9))
    assert set(result.safety_signals) < set(with_model.safety_signals)


@pytest.mark.parametrize(
    ("text", "current", "language"),
    [
        ("ok", "en", "en"),
        ("Hello, I need some help with my daughter, she is not going to school", "nl", "en"),
        ("Merhaba, oğlum okula gitmiyor ve ne yapacağımı bilmiyorum", "nl", "tr"),
    ],
)
def test_language_uses_detection_and_the_current_language(text, current, language):
    assert analyse(text, None, current_language=current).language == language


def test_respondent_is_not_listed_as_a_member_but_their_age_is_kept():
    result = analyse("ik ben 15 en woon bij mijn moeder", None)
    assert result.members == ["moeder"]
    assert result.ages == [15]
