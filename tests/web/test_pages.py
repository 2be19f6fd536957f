"""The pages load under a strict CSP, have no serious axe findings, and guard the login."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.fixtures.browser import DESKTOP, PHONE, login, run_axe

pytestmark = pytest.mark.browser


def console_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


@pytest.mark.parametrize(
    ("path", "heading"), [("/chat", "Hulp voor uw gezin"), ("/login", "Inloggen")]
)
def test_public_pages_render_under_strict_csp(web_app, new_page, path, heading):
    page = new_page()
    errors = console_errors(page)
    response = page.goto(web_app.url + path)
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    page.wait_for_load_state("networkidle")
    assert errors == []  # a CSP violation or script error would show up here


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_chat_page_with_open_widget_has_no_serious_axe_findings(web_app, new_page, viewport):
    page = new_page(viewport, bypass_csp=True)
    page.goto(web_app.url + "/chat")
    page.get_by_role("button", name="Hulp voor uw gezin? Chat met ons").click()
    expect(page.get_by_role("button", name="Start het gesprek")).to_be_visible()
    assert run_axe(page) == []


def test_login_page_has_no_serious_axe_findings(web_app, new_page):
    page = new_page(PHONE, bypass_csp=True)
    page.goto(web_app.url + "/login")
    page.get_by_role("button", name="Inloggen").click()  # with the error shown
    expect(page.get_by_role("alert")).to_be_visible()
    assert run_axe(page) == []


@pytest.mark.parametrize(("path", "heading"), [("/console", "KCC-console"), ("/inbox", "Inbox")])
def test_staff_pages_have_no_serious_axe_findings(web_app, new_page, path, heading):
    page = new_page(DESKTOP, bypass_csp=True)
    login(page, web_app.url)
    page.goto(web_app.url + path)
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    page.wait_for_load_state("networkidle")
    assert run_axe(page) == []


def test_staff_page_sends_a_visitor_without_session_to_login_and_back(web_app, new_page):
    page = new_page()
    page.goto(web_app.url + "/console")
    page.wait_for_url("**/login?next=%2Fconsole")
    page.get_by_label("Gebruikersnaam").fill("kcc-demo")
    page.get_by_label("Wachtwoord").fill("demo")
    page.keyboard.press("Enter")
    page.wait_for_url("**/console")
    expect(page.get_by_role("heading", name="KCC-console")).to_be_visible()


def test_wrong_password_is_announced(web_app, new_page):
    page = new_page()
    page.goto(web_app.url + "/login")
    page.get_by_label("Gebruikersnaam").fill("kcc-demo")
    page.get_by_label("Wachtwoord").fill("wrong password")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_have_text("Gebruikersnaam of wachtwoord klopt niet.")
    expect(page.get_by_label("Wachtwoord")).to_have_attribute("aria-invalid", "true")


def test_login_never_redirects_to_another_site(web_app, new_page):
    page = new_page()
    page.goto(web_app.url + "/login?next=//evil.example/")
    page.get_by_label("Gebruikersnaam").fill("kcc-demo")
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(web_app.url + "/console")
