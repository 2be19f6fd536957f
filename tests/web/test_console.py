"""KCC console: a multi-select screen answered for the caller, and the child's voice set by staff.

The console and the records API are the real service; only /api/v1/conversations is scripted
inside the browser (no Rasa needed), and its view returns the record as stored in the database,
so what the console saves through PATCH is what it shows afterwards.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import expect

from api.core.actor import Actor
from api.core.db import Database
from api.records import service
from tests.factories import child, make_record, parent
from tests.fixtures.browser import DESKTOP, login, run_axe
from tests.web.test_widget import bot, screen

pytestmark = pytest.mark.browser

CHOSEN = "Geld en schulden, Werk of opleiding"


def seed(database_url: str) -> str:
    """A draft record of a running phone intake: a mother and Sem (9), not heard, no view yet."""
    record = make_record(members=[parent("m1"), child("m2", age=9, label="zoon", name="Sem")])
    database = Database(database_url)
    try:
        with database.session() as session:
            service.save_record(session, record, Actor.system("test"))
    finally:
        database.dispose()
    return record.id


def stored_record(database_url: str, record_id: str) -> dict:
    database = Database(database_url)
    try:
        with database.session() as session:
            return service.get_record(session=session, record_id=record_id).current
    finally:
        database.dispose()


@dataclass
class ScriptedPhoneIntake:
    """The conversation API of one phone intake: a domain screen first, then one reply."""

    database_url: str
    record_id: str
    sent: list[dict] = field(default_factory=list)
    transcript: list[dict] = field(default_factory=list)

    def install(self, page) -> None:
        page.route(re.compile(r".*/api/v1/conversations(/.*)?$"), self.handle)

    def entry(self, sender: str, text: str) -> None:
        self.transcript.append({"seq": len(self.transcript) + 1, "sender": sender, "text": text})
        self.transcript[-1] |= {"meta": {}, "at": "2025-01-01T10:00:00Z"}

    def handle(self, route) -> None:
        request = route.request
        if request.method == "POST" and request.url.endswith("/conversations"):
            question = {**screen(), "seq": 1}
            self.entry("bot", question["text"])
            return route.fulfill(json={"id": "c1", "token": "t1", "messages": [question]})
        if request.method == "POST":
            assert request.headers["authorization"] == "Bearer t1"
            self.sent.append(json.loads(request.post_data or "{}"))
            self.entry("user", CHOSEN)  # as the service shows several options chosen at once
            self.entry("bot", "Vertel eens over het geld.")
            return route.fulfill(json={"messages": [bot("Vertel eens over het geld.")]})
        view = {"id": "c1", "status": "active", "channel": "kcc", "language": "nl"}
        view |= {"needs_human": False, "taken_over": False, "transcript": self.transcript}
        view["record"] = stored_record(self.database_url, self.record_id)
        return route.fulfill(json=view)


@pytest.fixture
def console(web_app, new_page):
    """The console of a logged-in KCC employee with a phone intake on its domain screen."""
    intake = ScriptedPhoneIntake(web_app.database_url, seed(web_app.database_url))
    page = new_page(DESKTOP, bypass_csp=True)  # bypass_csp: the axe test injects its script
    login(page, web_app.url)
    intake.install(page)
    page.goto(web_app.url + "/console")
    page.get_by_role("button", name="Start telefoongesprek").click()
    expect(page.get_by_role("group", name=re.compile("meer dan één mag"))).to_be_visible()
    expect(page.locator("#record")).to_contain_text("Sem, zoon, 9 jaar")
    return page, intake


def test_employee_chooses_several_domains_for_the_caller(console):
    page, intake = console
    group = page.get_by_role("group", name=re.compile("meer dan één mag"))
    go_on = group.get_by_role("button", name="Verder")
    expect(go_on).to_be_disabled()
    group.get_by_role("button", name="Geld en schulden").click()
    group.get_by_role("button", name="Werk of opleiding").press("Space")
    expect(group.get_by_role("button", name="Werk of opleiding")).to_have_attribute(
        "aria-pressed", "true"
    )
    go_on.click()

    log = page.locator("#talk-log")
    expect(log).to_contain_text("Vertel eens over het geld.")
    assert intake.sent == [{"payload": '/choose{"option": "financien,werk_opleiding"}'}]
    expect(log.locator(".from-user")).to_have_text(re.compile(CHOSEN))
    expect(page.locator("#talk-choices").get_by_role("button")).to_have_count(0)


def test_employee_records_the_childs_own_voice_and_the_record_shows_it(console, web_app):
    page, intake = console
    members = page.locator("#record").get_by_role("heading", name="Gezinsleden").locator("..")
    expect(members).to_contain_text("kind niet gesproken")
    expect(members).to_contain_text("Mening van het kind niet gevraagd.")

    page.get_by_text("Gegevens aanpassen").click()
    form = page.get_by_role("form", name="Stem van het kind")
    expect(form.get_by_label("Kind", exact=True)).to_have_value("m2")
    form.get_by_label("Kind zelf gesproken").check()
    form.get_by_label("Weet het kind van deze aanvraag?").select_option(label="Ja")
    form.get_by_label("Wat zegt of wil het kind?").fill(
        "Ik wil dat papa en mama minder ruzie maken."
    )
    form.get_by_label("Wie vertelde dit?").select_option(label="Het kind zelf")
    form.get_by_role("button", name="Opslaan").click()

    expect(page.get_by_role("status")).to_have_text("Opgeslagen (versie 2).")
    expect(members).to_contain_text("Sem, zoon, 9 jaar (kind, kind zelf gesproken)")
    expect(members).to_contain_text("“Ik wil dat papa en mama minder ruzie maken.”")
    expect(members).to_contain_text("het kind zelf")
    sem = stored_record(web_app.database_url, intake.record_id)["members"][1]
    assert sem["heard_directly"] is True
    assert sem["child_view"] == {
        "knows_about_request": True,
        "view": "Ik wil dat papa en mama minder ruzie maken.",
        "said_by": "self",
    }
    revisions = page.request.get(f"{web_app.url}/api/v1/records/{intake.record_id}/revisions")
    assert revisions.json()[-1]["actor_role"] == "kcc"  # audited as the employee's edit


def test_console_with_the_screen_and_the_childs_voice_has_no_serious_axe_findings(console):
    page, _ = console
    page.locator("#talk-choices").get_by_role("button", name="Geld en schulden").click()
    page.get_by_text("Gegevens aanpassen").click()
    expect(page.get_by_role("form", name="Stem van het kind")).to_be_visible()
    assert run_axe(page) == []
