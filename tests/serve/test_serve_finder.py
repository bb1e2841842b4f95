"""What search finds (serve/finder.py): reports and entities with their facet values."""

from __future__ import annotations

from ringscope.fuse import fuse
from ringscope.model import Claim, Entity, Extraction, Mention, Report
from ringscope.serve import finder


def _item(text: str, name: str, country: str, **report: str) -> tuple[Report, Extraction]:
    found = Report(text=text, **report)
    start = text.index(name)
    entity = Entity("Organization", name, country=country, mentions=[Mention(start, start + len(name), name)])
    number = text.index("31")
    claim = Claim("victims_rescued", 31.0, 31.0, 31.0, "exact", "people", text[number : number + 9], number,
                  number + 9, location=country)
    return found, Extraction(entities=[entity], claims=[claim])


ITEMS = [
    _item("Officers freed 31 people held by Pelmora Trading in the hills.", "Pelmora Trading", "KH",
          source="Lakeside Post", published="2025-04-02", title="Pelmora raid"),
    _item("A local note: 31 workers left the Varrick Logistics yard.", "Varrick Logistics", "LA",
          source="/tmp/in/note.txt", url="https://www.news.example.co.uk/a/b", published="2024-11-30"),
]


def test_terms_drop_operators_quotes_and_stars() -> None:
    assert finder.terms('"Pelmora Trading" OR varr* NOT') == ["pelmora", "trading", "varr"]


def test_report_hits_carry_their_own_facets_and_outlet_never_a_file() -> None:
    picture = fuse(ITEMS)
    index = finder.index(picture)
    hits = {h.title: h for h in finder.report_hits(picture, index, None)}
    raid = hits["Pelmora raid"]
    assert raid.type == "Report" and raid.countries == {"KH"} and raid.measures == {"victims_rescued"}
    assert raid.outlets == {"Lakeside Post"} and raid.dates == ("2025-04-02",)
    other = next(h for h in hits.values() if h is not raid)
    assert other.outlets == {"example.co.uk"}  # the URL's domain, not the input file
    assert "/tmp" not in other.title


def test_only_scored_reports_are_found_when_a_query_was_run() -> None:
    picture = fuse(ITEMS)
    pelmora = next(r for r in picture.reports.values() if "Pelmora" in r.text)
    hits = finder.report_hits(picture, finder.index(picture), {pelmora.id: 3.5})
    assert [(h.id, h.score) for h in hits] == [(pelmora.id, 3.5)]


def test_entities_are_found_by_every_word_and_take_facets_from_their_reports() -> None:
    picture = fuse(ITEMS)
    index = finder.index(picture)
    hits = finder.entity_hits(picture, index, "varrick")
    assert [h.title for h in hits] == ["Varrick Logistics"]
    assert hits[0].countries == {"LA"} and hits[0].outlets == {"example.co.uk"}
    assert hits[0].dates == ("2024-11-30",) and hits[0].measures == {"victims_rescued"}
    assert finder.entity_hits(picture, index, "varrick pelmora") == []
    exact = finder.entity_hits(picture, index, "Pelmora Trading")[0]
    partial = finder.entity_hits(picture, index, "Pelmora")[0]
    assert exact.score > partial.score > 0
    everyone = {h.title for h in finder.entity_hits(picture, index, "")}
    assert everyone >= {"Pelmora Trading", "Varrick Logistics"}


def test_reports_with_the_same_facet_values_share_one_set_of_them() -> None:
    more = [_item(f"Officers freed 31 people held by Pelmora Trading near post {n}.", "Pelmora Trading", "KH",
                  source="Lakeside Post", published=f"2025-04-0{n}") for n in range(3, 6)]
    picture = fuse(ITEMS + more)
    index = finder.index(picture)
    kh = [index.countries[r] for r in picture.reports if index.countries[r] == {"KH"}]
    assert len(kh) == 4 and len({id(x) for x in kh}) == 1
    assert len({id(x) for x in index.measures.values()}) == 1 and len(index.measures) == 5
