"""Victims' names and report markup in real headless Chromium, against a real server.

A uvicorn server runs in a subprocess over the invented victim store of tests/privacy; the viewer
and the analyst visit every kind of page. The rendered document (text, attributes, SVG labels)
must name no victim, officials must stay visible, and no script from report data may run: the
reports carry ``<script>`` and ``onerror`` markup that would set ``window.__pwned``. The brief is
opened from disk in the same browser.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from privacy.leaks import PUBLIC_NAMES, VICTIM_NAMES, leaks, slug_leaks
from privacy.store import PASSWORDS, VictimStore, build
from ringscope.report.brief import write_brief

from .live import launched, running

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"
)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")
VISITED: dict[str, set[str]] = {}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> VictimStore:
    return build(tmp_path_factory.mktemp("victims-browser"))


@pytest.fixture(scope="module")
def server(store: VictimStore) -> Iterator[str]:
    with running(store.path) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with launched() as browser:
        yield browser


def _clean(page, template: str, role: str, dialogs: list[str]) -> str:  # type: ignore[no-untyped-def]
    html = str(page.evaluate("document.documentElement.outerHTML"))
    text = str(page.evaluate("document.body.innerText"))
    found = leaks(html) + leaks(text) + slug_leaks(html)
    assert not found, f"{role} {template}: victims' names in the page: {found}"
    assert page.evaluate("window.__pwned") is None, f"{role} {template}: a script from report data ran"
    assert not dialogs, f"{role} {template}: a dialog opened: {dialogs}"
    VISITED.setdefault(role, set()).add(template)
    return html


@pytest.mark.parametrize("username", ["vera", "anna"])
def test_pages_in_chromium_name_no_victim_and_run_no_report_script(  # type: ignore[no-untyped-def]
    browser, server: str, username: str
) -> None:
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
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{server}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORDS[username])
    page.click("form.login button[type=submit]")
    page.wait_for_url(f"{server}/")

    def visit(template: str, url: str) -> str:
        page.goto(f"{server}{url}")
        return _clean(page, template, username, dialogs)

    entities = visit("/entities", "/entities")
    assert sum(name in entities for name in PUBLIC_NAMES) >= 5
    assert "[victim " in entities
    for entity_id in sorted(set(re.findall(r'href="/entities/([0-9a-f]+)"', entities)))[:60]:
        visit("/entities/{id}", f"/entities/{entity_id}")
    search = visit("/search?q=compound", "/search?q=compound")
    assert page.locator("li.hit b").count() > 0
    reports = sorted(set(re.findall(r'href="/reports/([^"]+)"', search)))
    assert len(reports) >= 10
    texts, withheld = "", 0
    for report_id in reports:
        visit("/reports/{id}", f"/reports/{report_id}")
        texts += page.locator("article.report-text").inner_text()
        withheld += page.locator("article.report-text mark.hl-withheld").count()
    assert all(name in texts for name in PUBLIC_NAMES)  # officials and suspects stay visible
    assert "[victim " in texts and withheld > 0
    for template in (
        "/",
        "/search?q=said",
        "/claims",
        "/claims?conflicts=true",
        "/events",
        "/map",
        "/network",
        "/timeline",
    ):
        visit(template, template)
    events = page.goto(f"{server}/events")
    assert events is not None
    for event_id in sorted(set(re.findall(r'href="/events/([0-9a-f]+)"', page.content()))):
        visit("/events/{id}", f"/events/{event_id}")
    for name in VICTIM_NAMES[:10]:
        page.goto(f"{server}/search?q={name.split()[-1]}")
        assert page.locator("li.hit").count() == 0
    assert not blocked
    context.close()


def test_brief_in_chromium_names_no_victim_and_runs_no_report_script(  # type: ignore[no-untyped-def]
    browser, store: VictimStore, tmp_path: Path
) -> None:
    brief = write_brief(store.path, tmp_path / "brief.html")
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(brief.resolve().as_uri())
    page.wait_for_load_state("load")
    html = _clean(page, "brief", "file", dialogs)
    assert "Intelligence brief" in html
    context.close()


def test_zz_counts() -> None:
    """Runs last in this module: how much the browser checked."""
    if not VISITED:
        pytest.skip("run with the other tests of this module to count what they checked")
    print(
        f"\nChromium: {sum(len(v) for v in VISITED.values())} page kinds over {sorted(VISITED)};"
        f" {len(VICTIM_NAMES)} victim phrasings"
    )
    assert len(VISITED.get("vera", ())) >= 10 and len(VISITED.get("anna", ())) >= 10
