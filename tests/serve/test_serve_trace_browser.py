"""Tracing a figure to its sentence, faceted search and paging past 300 rows, in real headless Chromium.

A real uvicorn server runs over a store of hundreds of invented reports (tests/serve/bigstore.py).
Screenshots are saved under the folder named by RINGSCOPE_SCREENSHOTS when it is set.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import PASSWORDS, VICTIM, Fixture
from .live import launched, running

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"
)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    folder = os.environ.get("RINGSCOPE_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"trace-{name}.png"))


@pytest.fixture(scope="module")
def server(big: Fixture) -> Iterator[str]:
    with running(big.path) as base:
        yield base


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[object]:
    with launched() as chromium:
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        blocked: list[str] = []

        def guard(route) -> None:  # type: ignore[no-untyped-def]
            if route.request.url.startswith(server):
                route.continue_()
            else:  # nothing may come from elsewhere
                blocked.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        tab = context.new_page()
        tab.goto(f"{server}/search")
        assert "/login" in tab.url
        tab.fill("input[name=username]", "vera")
        tab.fill("input[name=password]", PASSWORDS["vera"])
        tab.click("form.login button[type=submit]")
        tab.wait_for_url("**/search")
        yield tab
        assert not blocked
        context.close()


def _label(tab) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    text = tab.locator("nav.pager .page-label").first.inner_text()
    match = re.fullmatch(r"([\d,]+)-([\d,]+) of ([\d,]+)", text)
    assert match, text
    first, last, total = (int(g.replace(",", "")) for g in match.groups())
    return first, last, total


def test_search_with_two_facets(page) -> None:  # type: ignore[no-untyped-def]
    page.fill("form.search input[name=q]", "compound")
    page.press("form.search input[name=q]", "Enter")
    page.wait_for_url("**/search?q=compound*")
    _, _, everything = _label(page)
    assert page.locator("select[name=sort] option:checked").inner_text() == "Relevance"
    reports = page.locator("aside.facets a[data-facet=type][data-value=Report]")
    expected = int(reports.locator("xpath=following-sibling::span[@class='n']").inner_text())
    reports.click()
    page.wait_for_url("**type=Report*")
    assert _label(page)[2] == expected <= everything
    country = page.locator("aside.facets a[data-facet=country]").first
    code = country.get_attribute("data-value")
    narrowed = int(country.locator("xpath=following-sibling::span[@class='n']").inner_text())
    country.click()
    page.wait_for_url(f"**country={code}*")
    assert "type=Report" in page.url
    first, last, total = _label(page)
    assert total == narrowed < expected
    assert page.locator("li.hit").count() == last - first + 1
    assert page.locator("li.hit-entity").count() == 0
    assert page.locator("aside.facets li.chosen").count() == 2
    assert page.locator("li.hit b").count() > 0  # matched words marked in the snippets
    _shot(page, "search-facets")


def test_open_a_figure_and_follow_a_quote_to_its_sentence(page) -> None:  # type: ignore[no-untyped-def]
    page.click("header nav a[href='/claims']")
    page.wait_for_url("**/claims")
    page.locator("a.figure-link").nth(7).click()
    page.wait_for_url("**/figures/*")
    assert page.locator("h1.figure-title").is_visible()
    row = page.locator("table.claims tr.claim").first
    outlet = row.locator("td.outlet").inner_text()
    assert outlet and outlet != "unknown outlet"
    _shot(page, "figure")
    quote = row.locator("a.quote")
    wanted = quote.inner_text().strip("“”")
    quote.click()
    page.wait_for_url(re.compile(r".*/reports/[^#]+#claim-[0-9a-f]+$"))
    anchor = page.url.rsplit("#", 1)[1]
    target = page.locator(":target")
    assert target.count() == 1
    assert target.evaluate("e => e.tagName + ' ' + e.id + ' ' + e.className") == f"MARK {anchor} hl hl-claim"
    assert target.inner_text() == wanted
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= 900  # in view
    colour = target.evaluate("e => getComputedStyle(e).backgroundColor")
    plain = page.locator("mark.hl-claim:not(:target)")
    if plain.count():
        assert colour != plain.first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour == "rgb(255, 213, 79)"
    _shot(page, "quote-target")


def test_page_a_list_past_300(page) -> None:  # type: ignore[no-untyped-def]
    page.click("header nav a[href='/entities']")
    page.wait_for_url("**/entities")
    _, _, total = _label(page)
    assert total > 300
    page.locator("nav.pager .per-page a", has_text="100").first.click()
    page.wait_for_url("**limit=100*")
    for _ in range(3):
        page.locator("nav.pager a.next").first.click()
        page.wait_for_load_state()
    first, last, total_again = _label(page)
    assert (first, total_again) == (301, total) and last == min(400, total)
    assert page.locator("a.entity-link").count() == last - first + 1
    _shot(page, "entities-301-400")
    page.locator("th.sortable a", has_text="Name").click()
    page.wait_for_url("**sort=name*")
    names = page.locator("a.entity-link").all_inner_texts()
    assert names == sorted(names, key=str.casefold)
    assert _label(page)[0] == 1  # a new sort starts at the first row
    assert VICTIM not in page.content()
    _shot(page, "entities-by-name")
    page.goto(page.url.split("/entities")[0] + "/claims?limit=100&offset=300")
    assert _label(page)[0] == 301
