"""Team inbox: flagged records first; the detail shows own words next to the data; acknowledge."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect

from api.core.actor import Actor
from api.core.db import Database
from api.records import service
from bot.record import Flag, FlagReason, Safety, SafetySignal
from tests.factories import child, make_record, parent, problem
from tests.fixtures.browser import login, run_axe

pytestmark = pytest.mark.browser

TEAM = "wijkteam-demo"  # the development demo account's team
OWN_WORDS = "De rekeningen stapelen op en mijn zoon <b>slaapt</b> slecht."


def seed(database_url: str, **fields) -> str:
    """Store a confirmed record assigned to the demo team, as the intake would; returns its id."""
    record = make_record(
        members=[parent("m1", age=38), child("m2", age=9, label="zoon")],
        summary_confirmed=True,
        confirmed_at=datetime.now(UTC),
        **fields,
    )
    database = Database(database_url)
    try:
        with database.session() as session:
            service.save_record(session, record, Actor.system("test"))
        with database.session() as session:
            stored = service.get_record(session=session, record_id=record.id)
            service.assign(session=session, stored=stored, team=TEAM, actor=Actor.system("test"))
    finally:
        database.dispose()
    return record.id


@pytest.fixture(scope="module")
def records(web_app) -> dict[str, str]:
    calm = seed(web_app.database_url, request_own_words="Ik zoek een sportclub voor mijn zoon.")
    reason = FlagReason(rule="safety_signal", text="Signaal huiselijk geweld in eigen woorden.")
    urgent = seed(
        web_app.database_url,
        request_own_words=OWN_WORDS,
        domains=[problem("financien", own_words="de rekeningen stapelen op")],
        safety=Safety(
            level="concern",
            questions_asked=True,
            signals=[SafetySignal(code="domestic_violence", level="concern", source="answer")],
        ),
        flags=[Flag(code="safety_assessment", reasons=[reason])],
    )
    return {"calm": calm, "urgent": urgent}


def test_team_member_opens_the_most_urgent_record_and_acknowledges_it(web_app, new_page, records):
    page = new_page()
    login(page, web_app.url)
    page.goto(web_app.url + "/inbox")
    # the demo account is KCC too and would also see the console tests' drafts
    page.get_by_label("Status").select_option(label="Toegewezen")
    page.get_by_role("button", name="Filter").click()
    rows = page.locator("#records tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Veiligheid beoordelen")  # flagged first, though newer

    rows.first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Intake GI-")
    words = page.locator("#detail-words")
    expect(words).to_contain_text(OWN_WORDS)  # the person's words, markup shown as text
    expect(words.get_by_role("heading", name="Niet besproken")).to_be_visible()
    expect(words).to_contain_text("School of opvang – zoon, 9 jaar")
    data = page.locator("#detail-data")
    expect(data).to_contain_text("Signaal huiselijk geweld in eigen woorden.")
    expect(data.get_by_role("table")).to_contain_text("2 Lukt niet zelf")

    page.get_by_role("button", name="Ontvangst bevestigen").click()
    expect(page.get_by_role("status")).to_contain_text("Ontvangst bevestigd")
    stored = page.request.get(f"{web_app.url}/api/v1/records/{records['urgent']}").json()
    assert stored["status"] == "received"
    assert stored["acknowledged_at"] is not None


def test_export_links_download_the_record(web_app, new_page, records):
    page = new_page()
    login(page, web_app.url)
    page.goto(f"{web_app.url}/inbox#record={records['urgent']}")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download CSV").click()
    assert download.value.suggested_filename.endswith(".csv")
    href = page.get_by_role("link", name="Download JSON").get_attribute("href")
    exported = page.request.get(web_app.url + href).json()
    assert exported["request_own_words"] == OWN_WORDS


def test_team_member_sets_a_childs_voice_on_the_record_page(web_app, new_page):
    record_id = seed(web_app.database_url, request_own_words="Mijn zoon wil niet meer naar school.")
    page = new_page(bypass_csp=True)  # bypass_csp: axe is injected below
    login(page, web_app.url)
    page.goto(f"{web_app.url}/inbox#record={record_id}")
    data = page.locator("#detail-data")
    expect(data).to_contain_text("zoon, 9 jaar (kind, kind niet gesproken)")
    form = page.get_by_role("form", name="Stem van het kind")
    assert run_axe(page) == []

    form.get_by_label("Weet het kind van deze aanvraag?").select_option(label="Nee")
    form.get_by_label("Wat zegt of wil het kind?").fill("Hij zegt dat school te druk is.")
    form.get_by_role("button", name="Opslaan").click()  # said by: a parent (the default)

    expect(page.get_by_role("status")).to_contain_text("Opgeslagen")
    expect(data).to_contain_text("kind niet gesproken")  # still only heard through the mother
    expect(data).to_contain_text("Weet van de aanvraagnee")
    expect(data).to_contain_text("“Hij zegt dat school te druk is.”")
    expect(data).to_contain_text("Verteld dooreen ouder")
    expect(form.get_by_role("button", name="Opslaan")).to_be_focused()
    stored = page.request.get(f"{web_app.url}/api/v1/records/{record_id}").json()
    assert stored["record"]["members"][1]["child_view"] == {
        "knows_about_request": False,
        "view": "Hij zegt dat school te druk is.",
        "said_by": "parent",
    }
    revisions = page.request.get(f"{web_app.url}/api/v1/records/{record_id}/revisions").json()
    assert revisions[-1]["actor_role"] in ("kcc", "team")
    assert list(revisions[-1]["changes"]) == ["members.1.child_view"]
