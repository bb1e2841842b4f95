"""The map and timeline pages through the test client: what they show, and never a victim's name."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from ringscope.report import snapshot
from ringscope.report.timeaxis import month_of
from ringscope.serve.app import create_app

from .conftest import VICTIM, Fixture
from .test_serve_web import login


@pytest.fixture(scope="module")
def viewer(served: Fixture) -> Iterator[TestClient]:
    yield login(create_app(served.path), "vera")


def test_map_page_is_zoomable_and_lists_routes_countries_and_places(viewer: TestClient) -> None:
    page = viewer.get("/map")
    assert page.status_code == 200
    html = page.text
    assert '<script src="/static/mapzoom.js"></script>' in html
    assert 'data-zoom="in"' in html and 'data-zoom="out"' in html
    assert '<g class="viewport">' in html and 'class="legend"' in html
    # countries are named next to their codes in the routes table
    routes = html[html.index('class="grid routes"'):html.index("</table>", html.index('class="grid routes"'))]
    assert re.search(r"<td>[A-Z][a-z]+[^<]* \([A-Z]{2}\)</td>", routes)
    # each country sized by people has its largest figures, and places can be zoomed to
    assert 'class="grid countries"' in html
    assert "Victims rescued" in html or "People trafficked" in html
    assert re.search(r'data-zoom-to="[\d.]+,[\d.]+,[\d.]+"', html)
    # a country's circle and its row lead to the figures located there
    codes = re.findall(r'<a href="/claims\?country=([A-Z]{2})"><g class="fx marker country"', html)
    assert codes and f'href="/claims?country={codes[0]}" title="The figures located there"' in html
    assert viewer.get(f"/claims?country={codes[0]}").status_code == 200
    assert VICTIM not in html and VICTIM.split()[-1] not in html


def test_every_map_label_says_from_which_zoom_it_is_shown(viewer: TestClient) -> None:
    html = viewer.get("/map").text
    zooms = [float(z) for z in re.findall(r'data-z="([\d.]+|inf)"', html)]
    assert zooms and min(zooms) == 1.0 and max(zooms) > 1.0  # some names wait for room
    assert html.count('class="fx label') == len(zooms)
    # the page shows, before any script runs, exactly the labels that fit at zoom 1
    hidden = re.findall(r'data-z="([\d.]+|inf)" display="none"', html)
    assert len(hidden) == sum(1 for z in zooms if z > 1.0)


def test_picking_a_place_zooms_far_enough_to_name_it(viewer: TestClient) -> None:
    html = viewer.get("/map").text
    label = r'class="fx label"[^>]*data-z="([\d.]+)"[^>]*><text[^>]*>([^<]+)</text>'
    shown_from = {name: float(z) for z, name in re.findall(label, html)}
    pick = r'data-zoom-to="[\d.]+,[\d.]+,([\d.]+)"[^>]*>◎</a> (?:<a href="[^"]*">)?([^<:]+)'
    picks = re.findall(pick, html)
    assert picks
    for zoom, name in picks:
        if name in shown_from:
            assert float(zoom) >= shown_from[name], name


def test_the_zoom_script_is_served(viewer: TestClient) -> None:
    script = viewer.get("/static/mapzoom.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert "g.viewport" in script.text and "data-z" in script.text


def test_timeline_links_events_and_counts_undated_reports(viewer: TestClient, served: Fixture) -> None:
    html = viewer.get("/timeline").text
    links = re.findall(r'<a class="event-item" href="(/events/[^"]+)"', html)
    snap = snapshot.load(served.path)
    dated = [e for e in snap.redacted.events if any(month_of(d) for d in e.published)]
    assert len(links) == len(dated) > 0
    undated = sum(1 for r in snap.redacted.reports.values() if month_of(r.published) is None)
    assert f"<b>{undated}</b> of {len(snap.redacted.reports)} report(s) have no publication month" in html
    event = viewer.get(links[0])
    assert event.status_code == 200 and "reports side by side" in event.text
    assert VICTIM not in html


def test_timeline_of_an_empty_store(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ringscope.serve.users import add_user
    from ringscope.store import Store

    path = tmp_path / "empty.db"
    with Store(path):
        pass
    add_user(path, "vera", "viewer-password", "viewer")
    client = login(create_app(path), "vera")
    html = client.get("/timeline").text
    assert "No dated reports" in html and "<b>0</b> of 0 report(s)" in html
    assert client.get("/map").status_code == 200
