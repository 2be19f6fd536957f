"""The chat widget against a scripted conversation API (no Rasa needed): the citizen's door.

The page and widget are served by the real service; only /api/v1/conversations is answered by
`ScriptedApi` inside the browser, so each test controls exactly what the assistant says.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import expect

from tests.fixtures.browser import DESKTOP, PHONE, run_axe

pytestmark = pytest.mark.browser

HOSTILE = '<img src=x onerror="window.pwned=1"><script>window.pwned=1</script>'
OPEN_CHAT = "Hulp voor uw gezin? Chat met ons"


def bot(text: str, kind: str = "info", buttons=(), progress=None, acute=False, sender="bot"):
    meta = {"kind": kind, "member_id": None, "domain": None, "options": None}
    meta |= {"progress": progress, "acute": acute, "sender": sender}
    return {"text": text, "buttons": list(buttons), "meta": meta}


SCREEN_OPTIONS = {
    "financien": "Geld en schulden",
    "werk_opleiding": "Werk of opleiding",
    "lichamelijke_gezondheid": "Lichamelijke gezondheid",
    "none": "Dat gaat allemaal goed",
    "declined": "Zeg ik liever niet",
}


def screen(text: str = "Speelt er iets op deze gebieden?", options=SCREEN_OPTIONS) -> dict:
    """A domain screen as the assistant sends it: a button per option and meta.multiple."""
    message = bot(
        text,
        "domain_screen",
        [{"title": t, "payload": f'/choose{{"option": "{v}"}}'} for v, t in options.items()],
        progress={"step": 3, "total": 7},
    )
    message["meta"] |= {
        "multiple": True,
        "options": [{"value": v, "label": t} for v, t in options.items()],
    }
    return message


NOTICE = bot(
    "Wat u vertelt, lezen alleen medewerkers van het wijkteam. We bewaren het gesprek 6 weken.",
    "notice",
    [{"title": "Ik begrijp het, verder", "payload": "/affirm"}],
)


@dataclass
class ScriptedApi:
    """Answers the conversation API with queued replies and records what the widget sent."""

    replies: list[list[dict]] = field(default_factory=list)
    sent: list[dict] = field(default_factory=list)
    transcript: list[dict] = field(default_factory=list)
    events: str = ""
    fail: bool = False
    created: int = 0

    def install(self, page) -> None:
        page.route(re.compile(r".*/api/v1/conversations.*"), self.handle)

    def handle(self, route) -> None:
        request = route.request
        if self.fail:
            return route.fulfill(status=500, json={"detail": "internal server error"})
        if "/events" in request.url:
            body = f"retry: 600000\n\n{self.events}"
            return route.fulfill(status=200, content_type="text/event-stream", body=body)
        if request.method == "POST" and request.url.endswith("/conversations"):
            self.created += 1
            notice = {**NOTICE, "seq": 1}
            return route.fulfill(json={"id": "c1", "token": "t1", "messages": [notice]})
        if request.method == "POST":
            assert request.headers["authorization"] == "Bearer t1"
            self.sent.append(json.loads(request.post_data or "{}"))
            return route.fulfill(json={"messages": self.replies.pop(0) if self.replies else []})
        return route.fulfill(json={"id": "c1", "status": "active", "transcript": self.transcript})


def open_widget(page, url: str, api: ScriptedApi) -> None:
    api.install(page)
    page.goto(url + "/chat")
    page.get_by_role("button", name=OPEN_CHAT).click()
    page.get_by_role("button", name="Start het gesprek").click()
    expect(page.get_by_role("log")).to_contain_text("lezen alleen medewerkers")


def say(page, text: str) -> None:
    page.get_by_label("Uw bericht").fill(text)
    page.get_by_label("Uw bericht").press("Enter")


def test_keyboard_alone_opens_starts_answers_and_closes(web_app, new_page):
    api = ScriptedApi(
        replies=[
            [bot("Wie horen er bij uw gezin?", "household", progress={"step": 1, "total": 7})],
            [bot("Dank u.")],
        ]
    )
    page = new_page(PHONE)
    api.install(page)
    page.goto(web_app.url + "/chat")
    launcher = page.get_by_role("button", name=OPEN_CHAT)
    for _ in range(20):  # Tab through the host page until the widget's launcher has focus
        page.keyboard.press("Tab")
        if launcher.evaluate("b => b.getRootNode().activeElement === b"):
            break
    expect(launcher).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Start het gesprek")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Uw bericht")).to_be_focused()
    page.keyboard.press("Shift+Tab")  # the notice's answer button comes right before the input
    expect(page.get_by_role("button", name="Ik begrijp het, verder")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Stap 1 van 7")).to_be_visible()
    expect(page.get_by_label("Uw bericht")).to_be_focused()
    page.keyboard.type("Ik en mijn zoon van 9")
    page.keyboard.press("Enter")
    expect(page.get_by_role("log")).to_contain_text("Dank u.")
    assert api.sent == [{"payload": "/affirm"}, {"text": "Ik en mijn zoon van 9"}]
    page.keyboard.press("Escape")
    expect(launcher).to_be_focused()


def test_hostile_html_in_messages_is_shown_as_text(web_app, new_page):
    api = ScriptedApi(
        replies=[[bot(f"U schreef: {HOSTILE}", buttons=[{"title": HOSTILE, "payload": "/x"}])]]
    )
    page = new_page()
    open_widget(page, web_app.url, api)
    say(page, HOSTILE)
    log = page.get_by_role("log")
    expect(log).to_contain_text(f"U schreef: {HOSTILE}")
    expect(page.get_by_role("button", name=HOSTILE)).to_be_visible()
    assert page.locator("#gezinsintake-widget img").count() == 0
    assert page.evaluate("window.pwned") is None
    assert api.sent == [{"text": HOSTILE}]


def test_acute_help_is_announced_and_stays_visible_after_reload(web_app, new_page):
    api = ScriptedApi(
        replies=[
            [bot("Dit klinkt ernstig. U staat er niet alleen voor.", "acute_help", acute=True)],
            [],
        ]
    )
    page = new_page(PHONE)
    open_widget(page, web_app.url, api)
    say(page, "ik wil niet meer leven")
    block = page.get_by_role("alert")
    expect(block).to_contain_text("112")
    expect(block).to_contain_text("0800-0113")
    expect(block).to_contain_text("0800-2000")
    say(page, "ok")  # later messages do not hide it
    expect(block).to_be_visible()
    api.transcript = [
        {
            "sender": "bot",
            "text": "Dit klinkt ernstig.",
            "meta": {"kind": "acute_help", "acute": True},
            "at": None,
        }
    ]
    page.reload()
    widget = page.locator("#gezinsintake-widget")
    expect(widget.get_by_role("heading", name="Direct hulp nodig?")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Veilig Thuis: 0800-2000"))).to_have_attribute(
        "href", "tel:08002000"
    )


def test_conversation_survives_a_page_reload(web_app, new_page):
    api = ScriptedApi(replies=[[bot("Hoe oud is uw zoon?")]])
    page = new_page()
    open_widget(page, web_app.url, api)
    say(page, "Mijn zoon slaapt slecht")
    expect(page.get_by_role("log")).to_contain_text("Hoe oud is uw zoon?")
    api.transcript = [
        {"sender": "bot", "text": NOTICE["text"], "meta": NOTICE["meta"], "at": None},
        {"sender": "user", "text": "Mijn zoon slaapt slecht", "meta": {}, "at": None},
        {
            "sender": "bot",
            "text": "Hoe oud is uw zoon?",
            "meta": {"kind": "member_details"},
            "at": None,
        },
    ]
    page.reload()
    expect(page.get_by_role("log")).to_contain_text("Mijn zoon slaapt slecht")
    expect(page.get_by_label("Uw bericht")).to_be_visible()
    assert api.created == 1  # no second conversation


def test_api_error_gives_a_friendly_message_with_the_phone_number(web_app, new_page):
    api = ScriptedApi()
    page = new_page()
    open_widget(page, web_app.url, api)
    api.fail = True
    say(page, "Hallo")
    expect(page.get_by_role("log")).to_contain_text("er ging iets mis")
    expect(page.get_by_role("log")).to_contain_text("14 020")


def test_employee_messages_arrive_by_the_event_stream_and_nothing_shows_twice(web_app, new_page):
    staff = bot("Hallo, ik ben Sanne van het KCC.", sender="staff")
    # The stream repeats the notice the create call returned (seq 1), then the employee (seq 2).
    stream = [{**NOTICE, "seq": 1}, {**staff, "seq": 2}]
    api = ScriptedApi(events="".join(f"id: {m['seq']}\ndata: {json.dumps(m)}\n\n" for m in stream))
    page = new_page()
    open_widget(page, web_app.url, api)
    expect(page.locator(".message.from-staff")).to_contain_text("Hallo, ik ben Sanne van het KCC.")
    expect(page.locator(".message.from-staff .sender")).to_have_text("Medewerker")
    expect(page.locator(".kind-notice")).to_have_count(1)


def test_english_switch_starts_an_english_conversation(web_app, new_page):
    api = ScriptedApi()
    page = new_page()
    api.install(page)
    page.goto(web_app.url + "/chat")
    page.get_by_role("button", name=OPEN_CHAT).click()
    page.get_by_role("button", name="English").click()
    with page.expect_request(re.compile(r".*/api/v1/conversations$")) as created:
        page.get_by_role("button", name="Start the conversation").click()
    assert created.value.post_data_json == {"channel": "web", "language": "en"}
    expect(page.get_by_role("button", name="Talk to an employee")).to_be_visible()


def at_screen(page, url: str, api: ScriptedApi) -> None:
    """Open the widget and answer the notice, so the domain screen is the newest question."""
    api.replies.insert(0, [screen()])
    open_widget(page, url, api)
    page.get_by_role("button", name="Ik begrijp het, verder").click()
    expect(page.get_by_role("group", name="Kies een of meer antwoorden")).to_be_visible()


def test_several_domains_are_chosen_with_the_keyboard_and_sent_as_one_answer(web_app, new_page):
    api = ScriptedApi(replies=[[bot("Vertel eens over het geld.")]])
    page = new_page(PHONE)
    at_screen(page, web_app.url, api)
    group = page.get_by_role("group", name="Kies een of meer antwoorden")
    expect(group).to_have_accessible_description(re.compile("meer dan één kiezen"))
    go_on = group.get_by_role("button", name="Verder")
    expect(go_on).to_be_disabled()  # nothing chosen yet
    money = group.get_by_role("button", name="Geld en schulden")
    work = group.get_by_role("button", name="Werk of opleiding")
    health = group.get_by_role("button", name="Lichamelijke gezondheid")
    expect(money).to_have_attribute("aria-pressed", "false")

    money.focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # work
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # health, then changed mind
    page.keyboard.press("Space")
    expect(money).to_have_attribute("aria-pressed", "true")
    expect(work).to_have_attribute("aria-pressed", "true")
    expect(health).to_have_attribute("aria-pressed", "false")
    page.keyboard.press("Tab")
    expect(go_on).to_be_focused()
    page.keyboard.press("Enter")

    log = page.get_by_role("log")
    expect(log).to_contain_text("Vertel eens over het geld.")
    assert api.sent[-1] == {"payload": '/choose{"option": "financien,werk_opleiding"}'}
    expect(log.locator(".from-user").last).to_contain_text("Geld en schulden, Werk of opleiding")
    expect(group).to_be_hidden()  # the choices belong to the answered question only
    expect(page.get_by_label("Uw bericht")).to_be_focused()


@pytest.mark.parametrize(
    ("title", "value"), [("Dat gaat allemaal goed", "none"), ("Zeg ik liever niet", "declined")]
)
def test_none_or_declined_stands_alone_and_is_sent_at_once(web_app, new_page, title, value):
    api = ScriptedApi(replies=[[bot("Dank u.")]])
    page = new_page()
    at_screen(page, web_app.url, api)
    group = page.get_by_role("group", name="Kies een of meer antwoorden")
    group.get_by_role("button", name="Geld en schulden").click()  # chosen first, then cleared
    group.get_by_role("button", name=title).click()

    expect(page.get_by_role("log")).to_contain_text("Dank u.")
    assert api.sent[-1] == {"payload": f'/choose{{"option": "{value}"}}'}
    expect(page.get_by_role("log").locator(".from-user").last).to_have_text(f"U{title}")


def test_on_a_multi_select_screen_the_person_may_type_instead(web_app, new_page):
    api = ScriptedApi(replies=[[bot("Dank u.")]])
    page = new_page()
    at_screen(page, web_app.url, api)
    page.get_by_role("group", name="Kies een of meer antwoorden").get_by_role(
        "button", name="Werk of opleiding"
    ).click()
    say(page, "we hebben vooral schulden")
    expect(page.get_by_role("log")).to_contain_text("Dank u.")
    assert api.sent[-1] == {"text": "we hebben vooral schulden"}


def test_english_screen_texts(web_app, new_page):
    api = ScriptedApi(replies=[[screen("Is anything going on here?", {"financien": "Money"})]])
    page = new_page()
    api.install(page)
    page.goto(web_app.url + "/chat")
    page.get_by_role("button", name=OPEN_CHAT).click()
    page.get_by_role("button", name="English").click()
    page.get_by_role("button", name="Start the conversation").click()
    page.get_by_label("Your message").fill("hello")
    page.get_by_label("Your message").press("Enter")
    group = page.get_by_role("group", name="Choose one or more answers")
    expect(group.get_by_role("button", name="Continue")).to_be_disabled()
    expect(group).to_have_accessible_description(re.compile("more than one"))


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_open_widget_mid_conversation_has_no_serious_axe_findings(web_app, new_page, viewport):
    api = ScriptedApi(replies=[[bot("Dank u.")]])
    page = new_page(viewport, bypass_csp=True)
    at_screen(page, web_app.url, api)
    page.get_by_role("button", name="Geld en schulden").click()  # one toggle pressed
    assert run_axe(page) == []
