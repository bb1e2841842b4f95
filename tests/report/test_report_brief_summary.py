"""The brief as a reader gets it: the summary of key judgements first, no row twice, the country scope
held in every section, country names beside codes, what is new, and victims never named."""

from __future__ import annotations

import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest

from ringscope.report import snapshot as snapshots
from ringscope.report.brief import write_brief
from ringscope.report.briefdata import select
from ringscope.report.countries import country_label, country_name
from ringscope.store import Store
from serve.storefixture import VICTIM, Fixture, build_store  # tests/ is on sys.path


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Fixture:
    return build_store(tmp_path_factory.mktemp("brief-summary"))


@pytest.fixture(scope="module")
def whole(store: Fixture, tmp_path_factory: pytest.TempPathFactory) -> str:
    return write_brief(store.path, tmp_path_factory.mktemp("whole") / "b.html").read_text(encoding="utf-8")


def sections(html: str) -> dict[str, str]:
    return dict(re.findall(r"<section[^>]*><(?:div[^>]*><)?h2>(.*?)</h2>(.*?)</section>", html, re.S))


def rows(table_html: str) -> list[list[str]]:
    """The cells of every body row, as text (footnote marks dropped)."""
    body = re.findall(r"<tbody>(.*?)</tbody>", table_html, re.S)
    out = []
    for part in body:
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", part, re.S):
            cells = re.findall(r"<td[^>]*>(.*?)</td>", re.sub(r"<sup>.*?</sup>", "", row), re.S)
            out.append([unescape(re.sub(r"<[^>]+>", " ", c)).strip() for c in cells])
    return out


def test_the_summary_comes_first(whole: str) -> None:
    headings = re.findall(r"<h2>(.*?)</h2>", whole)
    assert headings[0] == "Summary of key judgements"
    rest = ["Key figures", "Conflicts", "Routes and hotspots", "Timeline", "Top entities", "Sources"]
    assert headings[1:] == rest
    summary = sections(whole)["Summary of key judgements"]
    largest = re.findall(r"<li>(.*?)</li>", re.search(r'<ul class="largest">(.*?)</ul>', summary).group(1))  # type: ignore[union-attr]
    assert largest and all('href="#fn' in item for item in largest)  # every judgement is sourced
    measures = [re.sub(r"<[^>]+>", "", item).split(" ") for item in largest]
    assert len(measures) == len({tuple(m) for m in measures})
    conflicts = re.search(r'<ul class="conflicts">(.*?)</ul>', summary)
    assert conflicts and re.search(r"\((range_disagreement|magnitude_outlier|[a-z_]+)\)", conflicts.group(1))
    assert "<h3>Most reported routes</h3>" in summary and " → " in summary


def test_largest_is_the_largest_of_each_measure(store: Fixture) -> None:
    data = select(snapshots.load(store.path))
    for top in data.largest:
        same = [f for f in data.figures if f.measure == top.measure and f.currency in (None, "USD")]
        if top.currency in (None, "USD") and top.value is not None:
            assert all((f.usd or f.value or 0) <= (top.usd or top.value) for f in same), top.measure


def test_no_row_twice(whole: str) -> None:
    parts = sections(whole)
    key, conflicts = rows(parts["Key figures"]), rows(parts["Conflicts"])
    assert key and conflicts
    everything = key + conflicts
    assert len({tuple(r) for r in everything}) == len(everything)  # not within, not across the tables
    for name in ("Routes and hotspots", "Top entities"):
        found = rows(parts[name])
        assert found and len({tuple(r) for r in found}) == len(found), name


def test_countries_are_named_beside_their_codes(whole: str) -> None:
    parts = sections(whole)
    for origin, destination, *_ in rows(parts["Routes and hotspots"]):
        for label in (origin, destination):
            code = re.fullmatch(r".+ \(([A-Z]{2})\)", label)
            assert code and label == country_label(code.group(1)), label
    places = [r[1] for r in rows(parts["Key figures"]) if r[1]]
    assert places and all(re.fullmatch(r"[^()]+ \([A-Z]{2}\)", p) for p in places)
    assert country_name("LA") == "Laos" and country_label("MM") == "Myanmar (MM)"
    assert country_label(None) == "" and country_label("XX") == "XX"


@pytest.mark.parametrize("code", ["KH", "MM"])
def test_the_country_holds_in_every_section(store: Fixture, tmp_path: Path, code: str) -> None:
    html = write_brief(store.path, tmp_path / "c.html", country=code.lower()).read_text(encoding="utf-8")
    label = country_label(code)
    assert f"country {label}" in html
    parts = sections(html)
    figures = rows(parts["Key figures"]) + rows(parts["Conflicts"])
    assert figures and all(r[1] == label for r in figures if len(r) > 1)
    routes = [r for r in rows(parts["Routes and hotspots"]) if len(r) == 4]
    assert routes and all(label in (r[0], r[1]) for r in routes)
    entity_countries = {r[2] for r in rows(parts["Top entities"])}
    assert entity_countries <= {label, ""} and label in entity_countries
    summary = parts["Summary of key judgements"]
    for item in re.findall(r'<ul class="largest">(.*?)</ul>', summary, re.S)[0].split("</li>")[:-1]:
        assert f", {label} (" in unescape(item)
    for item in re.findall(r'<ul class="routes">(.*?)</ul>', summary, re.S)[0].split("</li>")[:-1]:
        assert f"({code})" in item
    data = select(snapshots.load(store.path, code), code, None, snapshots.load(store.path))
    place_names = {e.name for e in data.entities if e.type in ("Location", "Compound")}
    assert {h.label for h in data.spots} <= {
        e.name for e in snapshots.load(store.path, code).redacted.entities if e.country == code
    } and data.spots
    assert place_names
    claims = sum(len(f.claims) for f in data.figures)
    assert sum(data.timeline["claims"].values()) <= claims  # undated claims are not drawn
    assert all(r.flow.origin == code or r.flow.destination == code for r in data.new_routes)
    assert all(p.entity.country == code for p in data.new_places)
    assert VICTIM not in html


def test_new_places_and_routes_are_new(store: Fixture, tmp_path: Path) -> None:
    since = "2026-08"
    html = write_brief(store.path, tmp_path / "n.html", since=since).read_text(encoding="utf-8")
    summary = sections(html)["Summary of key judgements"]
    assert f"<h3>New since {since}</h3>" in summary
    data = select(snapshots.load(store.path, None, since), None, since, snapshots.load(store.path))
    assert data.new_routes and data.new_places
    with Store(store.path, create=False) as db:
        stated: dict[str, list[str]] = {}
        for report, extraction in db.iter_extractions():
            for route in extraction.routes:
                stated.setdefault(f"{route.origin}->{route.destination}", []).append(report.published or "")
    for new in data.new_routes:
        dates = stated[f"{new.flow.origin}->{new.flow.destination}"]
        assert min(dates) >= since and "" not in dates  # no report before the period states it
        assert country_label(new.flow.origin) in unescape(summary) or len(data.new_routes) > 8
    old = [key for key, dates in stated.items() if min(dates) and min(dates) < since]
    listed = {f"{r.flow.origin}->{r.flow.destination}" for r in data.new_routes}
    assert old and not listed & set(old)
    for place in data.new_places:
        assert place.first >= since and "[victim" not in place.entity.name


def test_victims_stay_withheld_with_every_scope(store: Fixture, tmp_path: Path) -> None:
    for kwargs in ({}, {"country": "MM"}, {"since": "2026-02"}):
        html = write_brief(store.path, tmp_path / "v.html", **kwargs).read_text(encoding="utf-8")
        assert VICTIM not in html and VICTIM.split()[0] not in html


@pytest.mark.skipif(
    shutil.which("chromium") is None or shutil.which("pdftotext") is None,
    reason="Debian's chromium and poppler-utils (pdftotext) are needed to print and read the PDF",
)
@pytest.mark.parametrize("country", [None, "KH"])
def test_printed_headings_stay_with_their_content(
    store: Fixture, tmp_path: Path, country: str | None
) -> None:
    pdf = write_brief(store.path, tmp_path / "b.pdf", country=country)
    command = ["pdftotext", "-layout", str(pdf), "-"]
    pages = subprocess.run(command, capture_output=True, text=True, check=True)
    texts = pages.stdout.split("\f")
    follows = {
        "Key figures": "Consensus",
        "Conflicts": "Consensus",
        "Routes and hotspots": "From (nationality)",
        "Timeline": "claims",
        "Top entities": "Also written",
        "Sources": "1.",
    }
    for heading, after in follows.items():
        found = [t for t in texts if re.search(rf"^\s*{heading}\s*$", t, re.M)]
        assert len(found) == 1, heading
        page = found[0]
        rest = page[re.search(rf"^\s*{heading}\s*$", page, re.M).end() :]  # type: ignore[union-attr]
        assert after in rest or (heading == "Conflicts" and "None." in rest), heading
