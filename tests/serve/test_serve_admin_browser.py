"""The admin pages in real headless Chromium against a real server: an admin disables a user, who
then cannot log in. Screenshots go to the folder named by RINGSCOPE_SCREENSHOTS when it is set."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from ringscope.serve.users import add_user

from .conftest import PASSWORDS, Fixture, build_store
from .live import launched, running

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"
)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")

DORA = ("dora", "dora-keeps-a-long-password")


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    folder = os.environ.get("RINGSCOPE_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Fixture:
    fixture = build_store(tmp_path_factory.mktemp("admin-browser"))  # its own: users are changed here
    add_user(fixture.path, *DORA, "analyst")
    return fixture


@pytest.fixture(scope="module")
def server(store: Fixture) -> Iterator[str]:
    with running(store.path) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with launched() as browser:
        yield browser


def _log_in(browser, server: str, username: str, password: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    blocked: list[str] = []

    def guard(route) -> None:  # type: ignore[no-untyped-def]
        if route.request.url.startswith(server):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.goto(f"{server}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("form.login button[type=submit]")
    page.wait_for_load_state()
    return context, page, blocked


def test_admin_disables_a_user_who_then_cannot_log_in(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    dora_context, dora, _ = _log_in(browser, server, *DORA)
    assert dora.url == f"{server}/"
    assert dora.locator("header nav a", has_text="Admin").count() == 0  # not an admin: no link

    context, page, blocked = _log_in(browser, server, "adam", PASSWORDS["adam"])
    page.locator("header nav a", has_text="Admin").click()
    page.wait_for_url("**/admin/users")
    row = page.locator('tr.user[data-user="dora"]')
    assert row.locator("td.state").inner_text() == "enabled"
    shot(page, "admin-users-before")
    row.locator("form.toggle button").click()
    page.wait_for_load_state()
    notice = page.locator("p.notice.done").inner_text()
    assert "dora" in notice and "disabled" in notice
    row = page.locator('tr.user[data-user="dora"]')
    assert row.locator("td.state").inner_text() == "disabled"
    assert row.locator("form.toggle button").inner_text() == "Enable"
    shot(page, "admin-users-after")

    dora.goto(f"{server}/claims")  # her open session ended at once
    assert "/login" in dora.url
    dora_context.close()
    again_context, again, _ = _log_in(browser, server, *DORA)
    assert "/login" in again.url
    assert "Wrong username or password" in again.locator("p.error").inner_text()
    shot(again, "admin-disabled-user-login")
    again_context.close()

    page.goto(f"{server}/admin/audit?action=user.change")
    entry = page.locator("table.audit tr.entry").first
    cells = entry.locator("td").all_inner_texts()
    assert cells[1] == "adam" and cells[4] == "dora" and "disabled=True" in cells[5]
    page.goto(f"{server}/admin/audit")
    page.select_option("select[name=status]", "denied")
    page.select_option("select[name=action]", "login.failed")
    page.click("form.audit-filters button[type=submit]")
    page.wait_for_url("**status=denied*")
    shot(page, "admin-audit-filtered")
    refused = page.locator("table.audit tr.entry.denied")
    assert refused.count() >= 1 and refused.first.locator("td").nth(4).inner_text() == "dora"
    assert not blocked
    context.close()
