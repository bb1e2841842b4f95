"""The web app in real headless Chromium (Debian's chromium through Playwright), against a real server.

A uvicorn server is started in a subprocess on a free loopback port over a store
built from the bundled sample corpus; nothing is loaded from the internet.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from ringscope.report.pdf import CHROMIUM_FLAGS

from .conftest import PASSWORDS, VICTIM, Fixture
from .live import launched, running
from .pngpixels import pixels, share

CHROMIUM = Path("/usr/bin/chromium")
ARGS = list(CHROMIUM_FLAGS)

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"
)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")



@pytest.fixture(scope="module")
def server(served: Fixture) -> Iterator[str]:
    with running(served.path) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with launched() as browser:
        yield browser


def _page(browser, server: str, username: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    blocked: list[str] = []

    def guard(route) -> None:  # type: ignore[no-untyped-def]
        if route.request.url.startswith(server):
            route.continue_()
        else:  # anything from elsewhere (a CDN, the internet) is a failure
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.goto(f"{server}/")
    assert "/login" in page.url
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORDS[username])
    page.click("form.login button[type=submit]")
    page.wait_for_url(f"{server}/")
    return context, page, blocked


def test_log_in_search_entity_conflict(browser, server: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    context, page, blocked = _page(browser, server, "vera", tmp_path)
    assert page.locator("header .who").inner_text().startswith("vera")

    page.fill("input[name=q]", "compound")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/search?q=compound*")
    hits = page.locator("li.hit")
    assert hits.count() > 0
    assert page.locator("li.hit b").count() > 0  # matched words are highlighted
    page.locator("li.hit-report").first.locator("a").click()  # entities are found too
    page.wait_for_url("**/reports/*")
    assert page.locator("article.report-text mark.hl").count() > 0

    page.goto(f"{server}/entities?type=Organization")
    first = page.locator("a.entity-link").first
    name = first.inner_text()
    first.click()
    page.wait_for_url("**/entities/*")
    assert page.locator("h1.entity-name").inner_text() == name
    assert page.locator("ul.aliases li").count() >= 1
    assert page.locator(".graph svg circle").count() >= 1

    page.goto(f"{server}/claims")
    page.check("input[name=conflicts]")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**conflicts=true*")
    conflict = page.locator("tr.figure.conflict").first
    assert conflict.is_visible()
    assert conflict.locator(".flag").first.inner_text().strip() != ""
    assert not blocked
    context.close()


def test_victims_are_withheld_in_the_browser(browser, server: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    context, page, _ = _page(browser, server, "vera", tmp_path)
    page.goto(f"{server}/search?q=Colonel+Sandberg")
    page.locator("li.hit a").first.click()
    page.wait_for_url("**/reports/*")
    text = page.locator("article.report-text").inner_text()
    assert VICTIM not in text and "[victim " in text
    context.close()


def test_map_draws_shapes(browser, server: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    context, page, blocked = _page(browser, server, "vera", tmp_path)
    page.goto(f"{server}/map")
    svg = page.locator(".map svg")
    assert svg.is_visible()
    assert page.locator(".map svg g.countries path").count() > 50
    assert page.locator(".map svg g.flows path").count() > 0
    shot = svg.screenshot()
    (tmp_path / "map.png").write_bytes(shot)
    width, height, _ = pixels(shot)
    assert width > 300 and height > 100
    land = share(shot, "#f4f1ea") + share(shot, "#f2dcb3")
    sea = share(shot, "#dbe9f4")
    flows = share(shot, "#b03a2e", tolerance=60)
    assert land > 0.05, f"land covers {land:.1%}"
    assert sea > 0.05, f"sea covers {sea:.1%}"
    assert flows > 0.001, f"route flows cover {flows:.2%}"
    assert not blocked
    context.close()


def test_export_downloads(browser, server: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    context, page, _ = _page(browser, server, "anna", tmp_path)
    page.goto(f"{server}/account")
    with page.expect_download() as info:
        page.click("a.export[href='/export/claims.csv']")
    target = tmp_path / "claims.csv"
    info.value.save_as(target)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("report_id,claim_id,measure")
    assert len(text.splitlines()) > 20
    assert VICTIM not in text
    context.close()


def test_screen_a_pasted_ad(browser, server: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # an invented lure: no real company, handle or place beyond a country
    ad = (
        "Chat support agents wanted in Myanmar. No experience needed, salary USD 2,800 per month, free"
        " flights and board. You travel on a tourist visa; the contract is signed on arrival."
        " Write to Telegram @silverfern_staffing now."
    )
    context, page, blocked = _page(browser, server, "vera", tmp_path)
    page.click("header nav a[href='/screen']")
    page.wait_for_url("**/screen")
    page.fill("textarea[name=text]", ad)
    page.click("form.screen button[type=submit]")
    page.wait_for_selector("section.screen-result")
    assert page.locator("section.screen-result .level").inner_text() == "high"
    quotes = page.locator("table.indicators td.quote").all_inner_texts()
    assert "“tourist visa”" in quotes
    marks = page.locator(".screened-ad mark.hl-indicator").all_inner_texts()
    assert "tourist visa" in marks
    assert all(m in ad for m in marks)
    assert "silverfern_staffing" in page.locator("ul.contacts").inner_text()
    assert page.locator("p.destinations").inner_text() == "MM"
    assert not blocked
    context.close()


def test_audit_log_saw_the_browser(served: Fixture, server: str) -> None:
    log = httpx.get(f"{server}/api/v1/audit?limit=500", headers=served.headers("admin")).json()["items"]
    assert any(e["username"] == "vera" and e["action"] == "search" for e in log)
    assert any(e["username"] == "anna" and e["action"] == "export" for e in log)
