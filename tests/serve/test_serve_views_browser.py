"""The map and the timeline in real headless Chromium against a real server: zoom the map until a
crowded place's name shows, and open an event from the timeline.

Screenshots go to the folder named by RINGSCOPE_SCREENSHOTS when it is set.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import PASSWORDS, VICTIM, Fixture
from .live import launched, running

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"
)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")

# The labels shown now, as screen rectangles, and the pairs of them that overlap.
VISIBLE_LABELS = """() => {
  const svg = document.querySelector('.map svg.rs-map');
  const area = svg.getBoundingClientRect();
  const shown = Array.from(svg.querySelectorAll('.fx.label'))
    .filter(e => e.getAttribute('display') !== 'none');
  const boxes = shown.map(e => {
    const r = e.querySelector('text').getBoundingClientRect();
    return {text: e.textContent, left: r.left, top: r.top, right: r.right, bottom: r.bottom};
  });
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
      overlaps.push([a.text, b.text]);
  }
  return {count: boxes.length, overlaps: overlaps, area: [area.left, area.top, area.right, area.bottom]};
}"""

# Where a label's anchor is on the screen now.
ANCHOR = """(key) => {
  const label = document.querySelectorAll('.map svg.rs-map .fx.label')[key];
  const svg = label.ownerSVGElement;
  const m = label.getAttribute('data-t').match(/translate\\(([-\\d.]+) ([-\\d.]+)\\)/);
  const point = svg.createSVGPoint();
  point.x = parseFloat(m[1]); point.y = parseFloat(m[2]);
  const p = point.matrixTransform(svg.querySelector('g.viewport').getScreenCTM());
  return [p.x, p.y];
}"""


def _shot(page: Any, name: str, locator: Any = None) -> None:
    folder = os.environ.get("RINGSCOPE_SCREENSHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    (locator or page).screenshot(path=str(Path(folder) / name))


@pytest.fixture(scope="module")
def server(served: Fixture) -> Iterator[str]:
    with running(served.path) as base:
        yield base


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[Any]:
    with launched() as chromium:
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        blocked: list[str] = []

        def guard(route: Any) -> None:
            if route.request.url.startswith(server):
                route.continue_()
            else:  # nothing may come from elsewhere (a CDN, the internet)
                blocked.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.goto(f"{server}/login")
        tab.fill("input[name=username]", "vera")
        tab.fill("input[name=password]", PASSWORDS["vera"])
        tab.click("form.login button[type=submit]")
        tab.wait_for_url(f"{server}/")
        yield tab
        assert not blocked and not errors, (blocked, errors)
        context.close()


def _crowded_place(page: Any, deepest: bool = False) -> tuple[int, str, float]:
    """The place label hidden at zoom 1 that is shown earliest (or, ``deepest``, the one shown
    last below zoom 40: deep in a knot of places): (index, name, zoom)."""
    labels = page.locator(".map svg .fx.label")
    best: tuple[int, str, float] | None = None
    for i in range(labels.count()):
        label = labels.nth(i)
        if label.locator("text.place-name").count() == 0:
            continue
        zoom = float(label.get_attribute("data-z") or "inf")
        if 1.5 < zoom < 40 and (best is None or (zoom > best[2] if deepest else zoom < best[2])):
            best = (i, label.text_content() or "", zoom)
    assert best is not None, "no place waits for room at zoom 1"
    return best


def test_zoom_the_map_until_a_crowded_place_is_named(page: Any, server: str) -> None:
    page.goto(f"{server}/map")
    svg = page.locator(".map svg.rs-map")
    viewport = svg.locator("g.viewport")
    assert svg.get_attribute("data-zoom") == "1.000"
    before = viewport.get_attribute("transform")
    index, name, zoom = _crowded_place(page, deepest=True)
    assert zoom > 4
    label = page.locator(".map svg .fx.label").nth(index)
    assert label.get_attribute("display") == "none" and not label.is_visible()
    start = page.evaluate(VISIBLE_LABELS)
    assert start["count"] > 5 and not start["overlaps"]
    _shot(page, "map-zoom-1.png", svg)

    # wheel over the place until the zoom reaches the label's threshold
    for _ in range(60):
        if float(svg.get_attribute("data-zoom")) >= zoom:
            break
        x, y = page.evaluate(ANCHOR, index)
        page.mouse.move(x, y)
        page.mouse.wheel(0, -240)
        page.wait_for_timeout(30)
    assert float(svg.get_attribute("data-zoom")) >= zoom
    assert viewport.get_attribute("transform") != before
    # the arrow keys pan: bring the place towards the middle (a long name at an edge runs out of view)
    area = svg.bounding_box()
    middle = area["x"] + area["width"] / 2
    for _ in range(40):
        x = page.evaluate(ANCHOR, index)[0]
        if abs(x - middle) < area["width"] / 4:
            break
        svg.press("ArrowRight" if x > middle else "ArrowLeft")
    assert abs(page.evaluate(ANCHOR, index)[0] - middle) < area["width"] / 4
    assert re.match(r"translate\([-\d.]+ [-\d.]+\) scale\([\d.]+\)", viewport.get_attribute("transform"))
    assert label.is_visible() and label.text_content() == name
    box = label.locator("text").bounding_box()
    state = page.evaluate(VISIBLE_LABELS)
    left, top, right, bottom = state["area"]
    assert box["height"] >= 10  # readable: the name keeps its size however far the map is zoomed
    assert left <= box["x"] and box["x"] + box["width"] <= right and top <= box["y"] <= bottom
    assert state["count"] > start["count"] and not state["overlaps"]
    _shot(page, "map-zoomed.png", svg)

    # the buttons and a drag move the map too
    page.click(".map-tools button[data-zoom=reset]")
    assert svg.get_attribute("data-zoom") == "1.000"
    page.click(".map-tools button[data-zoom=in]")
    assert svg.get_attribute("data-zoom") == "2.000"
    moved_from = viewport.get_attribute("transform")
    area = svg.bounding_box()
    page.mouse.move(area["x"] + area["width"] / 2, area["y"] + area["height"] / 3)
    page.mouse.down()
    page.mouse.move(area["x"] + area["width"] / 2 + 120, area["y"] + area["height"] / 3 + 40, steps=6)
    page.mouse.up()
    assert viewport.get_attribute("transform") != moved_from
    assert svg.get_attribute("data-zoom") == "2.000"
    assert VICTIM not in page.content()


def test_a_place_picked_in_the_list_is_zoomed_to_and_named(page: Any, server: str) -> None:
    page.goto(f"{server}/map")
    index, name, zoom = _crowded_place(page)
    link = page.locator("ul.places li", has_text=name).locator("a.show-on-map").first
    link.click()
    svg = page.locator(".map svg.rs-map")
    assert float(svg.get_attribute("data-zoom")) >= zoom
    label = page.locator(".map svg .fx.label").nth(index)
    assert label.is_visible()
    state = page.evaluate(VISIBLE_LABELS)
    box = label.locator("text").bounding_box()
    left, top, right, bottom = state["area"]
    assert left <= box["x"] <= right and top <= box["y"] <= bottom  # it is in view
    assert not state["overlaps"]
    _shot(page, "map-picked-place.png", svg)


def test_open_an_event_from_the_timeline(page: Any, server: str) -> None:
    page.goto(f"{server}/timeline")
    items = page.locator(".chart svg a.event-item")
    assert items.count() > 0
    note = page.locator("p.undated-note").inner_text()
    assert re.match(r"\d+ of \d+ report\(s\) have no publication month", note)
    _shot(page, "timeline.png", page.locator(".chart"))
    item = items.nth(items.count() // 2)
    event_id = item.get_attribute("data-event")
    item.locator("text").click()
    page.wait_for_url(f"**/events/{event_id}")
    assert page.locator("h1").inner_text().startswith("Event:")
    assert page.locator("table.side-by-side th a").count() >= 2  # its reports side by side
    assert VICTIM not in page.content()
    _shot(page, "event-from-timeline.png")
