"""POST /api/v1/analyse without the model: staff only, and the lexicons still answer.

The answers with the trained model are in test_with_rasa.py.
"""

from __future__ import annotations

import pytest

ANALYSE = "/api/v1/analyse"
DEBTS = "We hebben grote schulden en mijn zoon van 14 spijbelt al weken"


@pytest.mark.parametrize("caller", ["anonymous", "parent"])
def test_only_staff_may_analyse(client, start_chat, caller):
    headers = {} if caller == "anonymous" else start_chat().headers

    response = client.post(ANALYSE, json={"text": DEBTS}, headers=headers)

    assert response.status_code == 401


@pytest.mark.parametrize("body", [{}, {"text": ""}, {"text": "x" * 4001}, {"text": "a", "b": 1}])
def test_analyse_refuses_an_invalid_body(client, make_staff, body):
    response = client.post(ANALYSE, json=body, headers=make_staff("kcc").headers)

    assert response.status_code == 422


def test_with_rasa_down_the_lexicons_still_answer(client, make_staff):
    response = client.post(ANALYSE, json={"text": DEBTS}, headers=make_staff("kcc").headers)

    assert response.status_code == 200
    body = response.json()
    assert body["model_available"] is False
    assert body["intent"] is None
    assert body["language"] == "nl"
    assert {"financien", "werk_opleiding"} <= set(body["domains"])
    assert "zoon" in body["members"]
    assert body["ages"] == [14]


def test_analyse_reads_the_message_sentence_by_sentence(client, make_staff):
    text = "Mijn zoon van 14 spijbelt. Ik heb schulden."

    response = client.post(ANALYSE, json={"text": text}, headers=make_staff("kcc").headers)

    first, second = response.json()["sentences"]
    assert first == {
        "text": "Mijn zoon van 14 spijbelt.",
        "start": 0,
        "end": 26,
        "domains": ["werk_opleiding"],
        "mentions": [{"role": "child", "label": "zoon", "age": 14, "respondent": False}],
    }
    assert text[second["start"] : second["end"]] == "Ik heb schulden."
    assert second["domains"] == ["financien"]
    assert [m["respondent"] for m in second["mentions"]] == [True]


def test_with_rasa_down_acute_words_are_still_acute(client, make_staff):
    response = client.post(
        ANALYSE, json={"text": "ik wil niet meer leven"}, headers=make_staff("team").headers
    )

    assert response.json()["safety"]["level"] == "acute"
