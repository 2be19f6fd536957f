"""End to end through the whole product (service, Rasa, action server): the three doors at work."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.fixtures.browser import PHONE, login

pytestmark = [pytest.mark.browser, pytest.mark.rasa]

OPEN_CHAT = "Hulp voor uw gezin? Chat met ons"
REPLY_TIMEOUT = 30_000  # the first answer of a cold Rasa model can take a while


def start_chat(page, url: str) -> None:
    page.goto(url + "/chat")
    page.get_by_role("button", name=OPEN_CHAT).click()
    page.get_by_role("button", name="Start het gesprek").click()
    expect(page.locator(".kind-notice")).to_be_visible(timeout=REPLY_TIMEOUT)


def test_parent_does_the_first_steps_with_the_keyboard_alone(live_app, new_page):
    page = new_page(PHONE)
    page.goto(live_app.url + "/chat")
    launcher = page.get_by_role("button", name=OPEN_CHAT)
    for _ in range(20):
        page.keyboard.press("Tab")
        if launcher.evaluate("b => b.getRootNode().activeElement === b"):
            break
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # "Start het gesprek" has focus
    expect(page.locator(".kind-notice")).to_be_visible(timeout=REPLY_TIMEOUT)
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # "Ik begrijp het, verder"
    bot_messages = page.locator(".message.from-bot")
    expect(bot_messages).to_have_count(2, timeout=REPLY_TIMEOUT)
    expect(page.get_by_label("Uw bericht")).to_be_focused()
    page.keyboard.type("Ik maak me zorgen om mijn dochter van 7, ze is vaak boos.")
    page.keyboard.press("Enter")
    expect(bot_messages).to_have_count(3, timeout=REPLY_TIMEOUT)


def test_kcc_employee_takes_over_a_web_chat_and_hands_it_back(live_app, new_page):
    parent = new_page(PHONE)
    start_chat(parent, live_app.url)
    parent.get_by_role("button", name="Praat met een medewerker").click()

    staff = new_page()
    login(staff, live_app.url)
    staff.goto(live_app.url + "/console")
    staff.locator("#queue").get_by_role("button", name="Overnemen").first.click()
    expect(staff.get_by_role("status")).to_have_text("U hebt de webchat overgenomen.")
    staff.get_by_label("Uw bericht aan de ouder").fill("Hallo, ik ben Sanne van het KCC.")
    staff.get_by_label("Uw bericht aan de ouder").press("Enter")

    log = parent.get_by_role("log")
    expect(log).to_contain_text("Hallo, ik ben Sanne van het KCC.", timeout=REPLY_TIMEOUT)
    expect(parent.locator(".message.from-staff")).to_contain_text("Medewerker")
    parent.get_by_label("Uw bericht").fill("Fijn, dank u.")
    parent.get_by_label("Uw bericht").press("Enter")
    expect(staff.locator("#talk-log")).to_contain_text("Fijn, dank u.", timeout=REPLY_TIMEOUT)

    staff.get_by_role("button", name="Teruggeven aan assistent").click()
    expect(staff.get_by_role("status")).to_contain_text("teruggegeven aan de assistent")


def test_kcc_phone_intake_fills_the_record_live(live_app, new_page):
    staff = new_page()
    login(staff, live_app.url)
    staff.goto(live_app.url + "/console")
    staff.get_by_role("button", name="Start telefoongesprek").click()
    talk = staff.locator("#talk-log")
    expect(talk.locator(".from-bot").first).to_be_visible(timeout=REPLY_TIMEOUT)
    staff.locator("#talk-choices").get_by_role("button").first.click()
    staff.get_by_label("Wat zegt de beller?").fill(
        "We hebben schulden en mijn zoon van 12 gaat niet meer naar school."
    )
    staff.get_by_label("Wat zegt de beller?").press("Enter")
    record = staff.locator("#record")
    expect(record.get_by_role("table")).to_be_visible(timeout=REPLY_TIMEOUT)
    expect(record).to_contain_text("niet besproken")
