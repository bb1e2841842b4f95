"""The link chart in real headless Chromium against a real server: it draws, filters by a link type,
expands a node into its neighbours, shows centrality, keeps labels apart and names no victim.

Screenshots go to the folder named by RINGSCOPE_SCREENSHOTS when it is set.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import PASSWORDS, VICTIM, Fixture
from .graphstore import LINKED_VICTIM, build_graph_store
from .live import launched, running
from .pngpixels import share

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"
)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")

OVERLAPS = """() => {
  const cy = window.ringscopeChart;
  const boxes = cy.nodes().map(n => n.boundingBox({includeLabels: true}));
  let overlaps = 0;
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (Math.min(a.x2, b.x2) > Math.max(a.x1, b.x1) && Math.min(a.y2, b.y2) > Math.max(a.y1, b.y1)) {
        overlaps++;
      }
    }
  }
  return overlaps;
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store: Fixture = build_graph_store(tmp_path_factory.mktemp("graph-browser"))
    with running(store.path) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launched() as browser:
        yield browser


def _shot(page: Any, name: str, selector: str | None = None) -> bytes:
    """A screenshot (of ``selector`` or the page), also saved under RINGSCOPE_SCREENSHOTS when set."""
    png: bytes = page.locator(selector).screenshot() if selector else page.screenshot(full_page=True)
    folder = os.environ.get("RINGSCOPE_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / name).write_bytes(png)
    return png


def _laid_out(page: Any, times: int) -> None:
    page.wait_for_selector(f"#linkchart[data-laid-out='{times}']", timeout=30_000)


def _login(browser: Any, server: str) -> tuple[Any, Any, list[str], list[str]]:
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    blocked: list[str] = []
    errors: list[str] = []

    def guard(route: Any) -> None:
        if route.request.url.startswith(server):
            route.continue_()
        else:  # a CDN or anything else from outside is a failure
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server}/login")
    page.fill("input[name=username]", "vera")
    page.fill("input[name=password]", PASSWORDS["vera"])
    page.click("form.login button[type=submit]")
    page.wait_for_url(f"{server}/")
    return context, page, blocked, errors


def _no_victim(page: Any) -> None:
    labels = page.evaluate("() => window.ringscopeChart.nodes().map(n => n.data('label')).join('|')")
    for text in (page.content(), labels):
        assert VICTIM not in text and LINKED_VICTIM not in text


def test_chart_filters_expands_and_keeps_labels_apart(browser: Any, server: str) -> None:
    context, page, blocked, errors = _login(browser, server)
    page.click("header nav a[href='/network']")
    _laid_out(page, 1)
    first = page.evaluate("() => window.ringscopeChart.nodes().length")
    assert 10 <= first <= 40
    assert page.locator("#chart-nodes li").count() == first
    assert page.locator("#chart-status").inner_text().startswith(f"Showing {first} of ")
    assert page.evaluate(OVERLAPS) == 0
    shot = _shot(page, "linkchart-all.png", "#linkchart")
    assert share(shot, "#ffffff", tolerance=10) < 0.995  # something is drawn
    _no_victim(page)

    # filter: one link type only, fewer nodes to start with
    page.fill("input[name=limit]", "5")
    for box in page.locator("input[name=type]").all():
        if box.get_attribute("value") != "trafficked_to":
            box.uncheck()
    page.click("#chart-filters button[type=submit]")
    page.wait_for_url("**/network?*type=trafficked_to*")
    _laid_out(page, 1)
    types = page.evaluate("() => [...new Set(window.ringscopeChart.edges().map(e => e.data('type')))]")
    assert types == ["trafficked_to"]
    before = set(page.evaluate("() => window.ringscopeChart.nodes().map(n => n.id())"))
    assert 2 <= len(before) <= 5
    _shot(page, "linkchart-filtered.png", "#linkchart")

    # expand the most linked node: click it on the canvas, then "Expand neighbours"
    hub = page.evaluate("() => window.ringscopeChart.nodes().max(n => n.data('links')).ele.id()")
    position = page.evaluate(f"() => window.ringscopeChart.getElementById('{hub}').renderedPosition()")
    frame = page.locator("#linkchart").bounding_box()
    page.mouse.click(frame["x"] + position["x"], frame["y"] + position["y"])
    detail = page.locator("#chart-detail")
    label = page.evaluate(f"() => window.ringscopeChart.getElementById('{hub}').data('label')")
    assert detail.locator("h3").inner_text() == label
    detail.locator("button.expand").click()
    _laid_out(page, 2)
    after = set(page.evaluate("() => window.ringscopeChart.nodes().map(n => n.id())"))
    new = after - before
    assert new, "expanding added no neighbour"
    neighbours = set(
        page.evaluate(
            f"() => window.ringscopeChart.getElementById('{hub}').neighborhood('node').map(n => n.id())"
        )
    )
    assert new <= neighbours  # every new node is a neighbour of the expanded one
    assert page.evaluate("() => window.ringscopeChart.nodes('.new').length") == len(new)
    assert page.locator("#chart-nodes li").count() == len(after)
    assert page.locator("#chart-nodes li.new").count() == len(new)
    types = page.evaluate("() => [...new Set(window.ringscopeChart.edges().map(e => e.data('type')))]")
    assert types == ["trafficked_to"]  # the filter holds when expanding
    assert page.evaluate(OVERLAPS) == 0
    assert "Expanding added" in page.locator("#chart-status").inner_text()
    _shot(page, "linkchart-expanded.png", "#linkchart")

    # a link's evidence, and centrality on demand
    edge = page.evaluate("() => window.ringscopeChart.edges()[0].id()")
    page.evaluate(f"() => {{ window.ringscopeChart.getElementById('{edge}').emit('tap'); }}")
    assert detail.locator("a[href^='/reports/']").count() >= 1
    page.click("#show-centrality")
    rows = page.locator("table.centrality-table tr")
    rows.nth(1).wait_for()
    assert rows.count() > 2
    assert page.locator("#export-gexf").get_attribute("href").endswith("type=trafficked_to")
    _no_victim(page)
    _shot(page, "linkchart-page.png")
    assert not blocked, blocked
    assert not errors, errors
    context.close()


def test_entity_page_opens_its_links_in_the_chart(browser: Any, server: str) -> None:
    context, page, blocked, errors = _login(browser, server)
    page.goto(f"{server}/network?type=raids&type=located_in")
    _laid_out(page, 1)
    href = page.evaluate(
        "() => window.ringscopeChart.nodes().filter(n => n.data('href'))"
        ".max(n => n.data('links')).ele.data('href')"
    )
    page.goto(f"{server}{href}")
    name = page.locator("h1.entity-name").inner_text()
    page.click("a.chart-link")
    page.wait_for_url("**/network?focus=*")
    _laid_out(page, 1)
    assert page.locator("#chart-detail h3").inner_text() == name
    chosen = page.evaluate("() => window.ringscopeChart.nodes(':selected').map(n => n.data('label'))")
    assert chosen == [name]
    degree = page.evaluate("() => window.ringscopeChart.nodes(':selected')[0].degree()")
    assert degree >= 1 and page.evaluate(OVERLAPS) == 0
    _shot(page, "linkchart-focus.png", "#linkchart")
    assert not blocked and not errors, (blocked, errors)
    context.close()
