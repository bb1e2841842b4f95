"""Tracing an item in one click, faceted search and paged lists, through the test client."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from ringscope.serve.app import create_app

from .bigstore import TEXT_FILE
from .conftest import VICTIM, Fixture
from .test_serve_web import login

_LABEL = re.compile(r'<span class="page-label">([^<]+)</span>')
_QUOTE = re.compile(r'<a class="quote" href="/reports/([^"#]+)#(claim-[0-9a-f]+)"')


@pytest.fixture(scope="module")
def viewer(served: Fixture) -> Iterator[TestClient]:
    yield login(create_app(served.path), "vera")


@pytest.fixture(scope="module")
def big_viewer(big: Fixture) -> Iterator[TestClient]:
    yield login(create_app(big.path), "vera")


def _facet(page: str, name: str) -> dict[str, int]:
    section = page.split(f'class="facet facet-{name}"', 1)[1].split("</section>", 1)[0]
    found = re.findall(r'data-value="([^"]*)"[^>]*>[^<]*</a> <span class="n">(\d+)</span>', section)
    return {html.unescape(v): int(n) for v, n in found}


def _hits(page: str) -> list[str]:
    return re.findall(r'<li class="hit hit-\w+"><span class="kind">[^<]*</span> <a href="([^"]+)"', page)


def test_every_claim_on_the_claims_page_links_to_its_highlighted_span(viewer: TestClient) -> None:
    page = viewer.get("/claims?limit=200").text
    quotes = _QUOTE.findall(page)
    assert len(quotes) > 20
    assert 'class="outlet"' in page
    for report_id, anchor in quotes[:15]:
        report = viewer.get(f"/reports/{report_id}").text
        span = re.search(rf'<mark class="hl hl-claim" id="{anchor}"[^>]*>', report)
        assert span, f"no highlighted span {anchor} on report {report_id}"


def test_a_figure_page_lists_quotes_with_outlet_title_and_date(viewer: TestClient) -> None:
    claims = viewer.get("/claims?conflicts=true").text
    figure = re.search(r'href="(/figures/[0-9a-f]+)"', claims)
    assert figure
    page = viewer.get(figure.group(1)).text
    rows = re.findall(r'<tr class="claim[^"]*">(.*?)</tr>', page, flags=re.S)
    assert len(rows) >= 2
    for row in rows:
        assert _QUOTE.search(row)
        outlet = re.search(r'<td class="outlet">([^<]+)</td>', row)
        assert outlet and outlet.group(1) != "unknown outlet"
        assert re.search(r"<td>\d{4}-\d{2}-\d{2}</td>", row)
    assert viewer.get("/figures/not-a-figure").status_code == 404


def test_event_and_entity_pages_link_quotes_to_their_spans(viewer: TestClient) -> None:
    events = viewer.get("/events").text
    event = re.search(r'href="(/events/[^"]+)"', events)
    assert event
    page = viewer.get(event.group(1)).text
    assert _QUOTE.search(page)
    assert 'class="outlet"' in page
    entities = viewer.get("/entities?sort=-reports&limit=20").text
    links = re.findall(r'class="entity-link" href="([^"]+)"', entities)
    linked = [_QUOTE.findall(viewer.get(e).text) for e in links]
    assert any(linked)
    report_id, anchor = next(q for q in linked if q)[0]
    assert f'id="{anchor}"' in viewer.get(f"/reports/{report_id}").text


def test_search_with_two_facets_counts_and_narrows(viewer: TestClient) -> None:
    everything = viewer.get("/search?q=compound").text
    types = _facet(everything, "type")
    assert types.get("Report", 0) > 3
    countries = _facet(everything, "country")
    country = max(countries, key=lambda c: countries[c])
    narrowed = viewer.get(f"/search?q=compound&type=Report&country={country}").text
    hits = _hits(narrowed)
    assert hits and all(h.startswith("/reports/") for h in hits)
    # the country facet's count (over reports only) matches the results shown
    assert _facet(narrowed, "country")[country] == len(hits)
    assert _LABEL.search(narrowed).group(1) == f"1-{len(hits)} of {len(hits)}"  # type: ignore[union-attr]
    assert len(hits) <= types["Report"]


def test_search_finds_entities_by_name_and_filters_by_date(viewer: TestClient) -> None:
    entities = viewer.get("/entities?type=Organization").text
    name = html.unescape(re.search(r'class="entity-link" href="[^"]+">([^<]+)<', entities).group(1))  # type: ignore[union-attr]
    page = viewer.get("/search", params={"q": name}).text
    assert any(h.startswith("/entities/") for h in _hits(page))
    dated = viewer.get("/search?since=2026-03&until=2026-03&type=Report").text
    dates = re.findall(r'<span class="published">([^<]+)</span>', dated)
    assert dates and all(d.startswith("2026-03") for d in dates)


def test_a_search_naming_a_withheld_person_finds_nothing(viewer: TestClient) -> None:
    for q in (VICTIM, VICTIM.split()[1]):
        page = viewer.get("/search", params={"q": q}).text
        assert _hits(page) == []
        assert VICTIM.split()[1] not in page.split('<ol class="hits"', 1)[1]
    everything = viewer.get("/search?limit=200").text + viewer.get("/search?limit=200&offset=200").text
    assert VICTIM not in everything and VICTIM.split()[0] not in everything


def test_lists_page_past_300_with_totals_and_sorts(big_viewer: TestClient) -> None:
    first = big_viewer.get("/entities?limit=200").text
    total = int(_LABEL.search(first).group(1).split(" of ")[1].replace(",", ""))  # type: ignore[union-attr]
    assert total > 300
    past = big_viewer.get("/entities?limit=100&offset=300").text
    label = _LABEL.search(past).group(1)  # type: ignore[union-attr]
    assert label == f"301-{min(400, total)} of {total:,}"
    assert len(re.findall(r'class="entity-link"', past)) == min(100, total - 300)
    names = [html.unescape(n) for n in re.findall(r'class="entity-link" href="[^"]+">([^<]+)<',
                                                  big_viewer.get("/entities?sort=name&limit=200").text)]
    assert names == sorted(names, key=str.casefold)
    backwards = re.findall(r'class="entity-link" href="[^"]+">([^<]+)<',
                           big_viewer.get("/entities?sort=-name&limit=20").text)
    assert backwards[0] != names[0]
    figures = big_viewer.get("/claims?limit=100&offset=300&sort=-value").text
    assert _LABEL.search(figures).group(1).startswith("301-400 of ")  # type: ignore[union-attr]
    reports = big_viewer.get("/reports?offset=550&limit=50").text
    assert _LABEL.search(reports).group(1) == "551-600 of 602"  # type: ignore[union-attr]
    hits = big_viewer.get("/search?q=compound&limit=200&offset=400").text
    assert _LABEL.search(hits).group(1).startswith("401-")  # type: ignore[union-attr]


def test_no_page_shows_a_local_file_path(big_viewer: TestClient) -> None:
    listed = big_viewer.get("/reports?sort=outlet&limit=20&offset=9999").text  # no outlet: last
    assert TEXT_FILE not in listed and "/tmp" not in listed
    assert "Harbour patrol note" in listed and "unknown outlet" in listed
    report = re.search(r'href="(/reports/[^"]+)">Harbour patrol note', listed)
    assert report
    assert TEXT_FILE not in big_viewer.get(report.group(1)).text
    found = big_viewer.get("/search?q=patrol").text
    assert "Harbour patrol note" in found and TEXT_FILE not in found


@pytest.mark.parametrize("path", ["/reports", "/claims", "/entities", "/events", "/search?q=raid"])
def test_sort_headers_and_pager_links_keep_the_page_working(viewer: TestClient, path: str) -> None:
    page = viewer.get(path).text
    assert _LABEL.search(page)
    links = re.findall(r'<th class="sortable[^"]*"[^>]*><a href="([^"]+)"', page)
    links += re.findall(r'<span class="per-page">.*?<a href="([^"]+)"', page)
    base = path.split("?")[0]
    for link in links:
        assert viewer.get(base + html.unescape(link)).status_code == 200


def test_a_malformed_date_is_named_and_ignored(viewer: TestClient) -> None:
    page = viewer.get("/search?since=2024/01&type=Report").text
    assert "from date &#39;2024/01&#39;: give YYYY, YYYY-MM or YYYY-MM-DD (ignored)" in page
    assert _hits(page)


def test_an_admin_who_asks_for_names_finds_the_withheld_person(served: Fixture) -> None:
    admin = login(create_app(served.path), "adam")
    page = admin.get("/search", params={"q": VICTIM, "names": "1"}).text
    assert VICTIM in page.split('<ol class="hits"', 1)[1]
    assert _hits(admin.get("/search", params={"q": VICTIM}).text) == []


def test_an_admin_viewing_names_follows_figures_and_quotes_in_the_same_view(served: Fixture) -> None:
    admin = login(create_app(served.path), "adam")
    claims = admin.get("/claims?names=1").text
    figure = re.search(r'href="(/figures/[0-9a-f]+\?names=1)"', claims)
    assert figure and admin.get(html.unescape(figure.group(1))).status_code == 200
    quotes = re.findall(r'<a class="quote" href="/reports/([^"#?]+)\?names=1#(claim-[0-9a-f]+)"', claims)
    assert quotes
    for report_id, anchor in quotes[:5]:
        assert f'id="{anchor}"' in admin.get(f"/reports/{report_id}?names=1").text
    viewer_claims = login(create_app(served.path), "vera").get("/claims").text
    assert "names=1" not in viewer_claims
