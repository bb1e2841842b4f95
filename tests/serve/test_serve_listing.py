"""Paging, sorting and facet counts (serve/listing.py): pure functions on invented rows."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl

import pytest

from ringscope.serve import listing
from ringscope.serve.listing import SortKey


@dataclass(frozen=True)
class Row:
    name: str
    kind: str
    places: tuple[str, ...]
    count: int | None
    date: str | None = None


ROWS = [
    Row("Alder", "port", ("KH", "TH"), 5, "2024-03-01"),
    Row("birch", "camp", ("MM",), None, None),
    Row("Cedar", "camp", ("KH",), 9, "2025-01-10"),
    Row("Dogwood", "port", (), 5, "2023-12-31"),
]
KEYS = {
    "name": SortKey("Name", lambda r: r.name),
    "count": SortKey("Count", lambda r: r.count, descending=True),
}
FACETS = {"kind": lambda r: (r.kind,), "place": lambda r: r.places}


def test_page_label_and_links() -> None:
    page = listing.page(1234, 40, 20)
    assert page.label == "41-60 of 1,234"
    assert (page.previous, page.next, page.final) == (20, 60, 1220)
    last = listing.page(1234, 1220, 20)
    assert last.label == "1,221-1,234 of 1,234" and last.next is None and last.final is None
    assert listing.page(0, 0, 20).label == "0 of 0"


def test_an_offset_past_the_end_shows_the_last_page() -> None:
    page = listing.page(45, 900, 20)
    assert page.offset == 40 and page.label == "41-45 of 45"
    assert listing.window(list(range(45)), page) == [40, 41, 42, 43, 44]


def test_sorting_reads_the_parameter_and_falls_back_to_the_default() -> None:
    assert listing.sorting("-name", KEYS, "count") == listing.Sorting("name", True)
    assert listing.sorting("nonsense", KEYS, "-count") == listing.Sorting("count", True)
    with pytest.raises(ValueError):
        listing.sorting("", KEYS, "missing")


def test_sort_is_case_blind_stable_and_puts_missing_values_last() -> None:
    by_name = listing.sort_items(ROWS, KEYS, listing.Sorting("name", False))
    assert [r.name for r in by_name] == ["Alder", "birch", "Cedar", "Dogwood"]
    down = listing.sort_items(ROWS, KEYS, listing.Sorting("count", True))
    assert [r.name for r in down] == ["Cedar", "Alder", "Dogwood", "birch"]  # ties keep their order
    up = listing.sort_items(ROWS, KEYS, listing.Sorting("count", False))
    assert [r.name for r in up] == ["Alder", "Dogwood", "Cedar", "birch"]


def test_a_header_toggles_the_current_key_and_starts_others_in_their_direction() -> None:
    current = listing.Sorting("name", False)
    assert current.toggle("name", KEYS) == "-name"
    assert current.toggle("count", KEYS) == "-count"
    assert listing.Sorting("name", True).toggle("name", KEYS) == "name"


def test_facet_counts_count_each_facet_over_the_other_facets_choices() -> None:
    chosen = {"kind": frozenset({"camp"}), "place": frozenset()}
    counts = listing.facet_counts(ROWS, FACETS, chosen)
    # kind is counted over every row (no place chosen); place only over the camps
    assert [(v.value, v.count, v.selected) for v in counts["kind"]] == [("camp", 2, True), ("port", 2, False)]
    assert [(v.value, v.count) for v in counts["place"]] == [("KH", 1), ("MM", 1)]
    assert [r.name for r in listing.refine(ROWS, FACETS, chosen)] == ["birch", "Cedar"]


def test_a_chosen_value_nothing_has_is_still_listed() -> None:
    counts = listing.facet_counts(ROWS, FACETS, {"place": frozenset({"LA"})})
    assert ("LA", 0, True) in [(v.value, v.count, v.selected) for v in counts["place"]]
    assert listing.refine(ROWS, FACETS, {"place": frozenset({"LA"})}) == []


def test_two_values_of_one_facet_are_either_and_two_facets_are_both() -> None:
    either = listing.refine(ROWS, FACETS, {"place": frozenset({"MM", "TH"})})
    assert [r.name for r in either] == ["Alder", "birch"]
    both = listing.refine(ROWS, FACETS, {"place": frozenset({"KH"}), "kind": frozenset({"port"})})
    assert [r.name for r in both] == ["Alder"]


def test_date_ranges_are_inclusive_prefixes_and_drop_undated_rows_only_when_bounded() -> None:
    assert listing.in_range([None], "", "")
    assert not listing.in_range([None], "2024", "")
    assert listing.in_range(["2024-12-31"], "2024", "2024")
    assert not listing.in_range(["2025-01-01"], "", "2024-12")
    assert listing.in_range(["2019-05-05", "2024-06-01"], "2024-06-01", "2024-06-01")


def test_query_strings_keep_other_parameters() -> None:
    params = [("q", "raid"), ("country", "KH"), ("country", "MM"), ("offset", "40")]
    assert parse_qsl(listing.query_string(params, {"offset": 60})[1:]) == [
        ("q", "raid"), ("country", "KH"), ("country", "MM"), ("offset", "60")
    ]
    assert parse_qsl(listing.query_string(params, {"offset": None, "sort": "-date"})[1:]) == [
        ("q", "raid"), ("country", "KH"), ("country", "MM"), ("sort", "-date")
    ]
    off = listing.toggled(params, "country", "KH")
    assert parse_qsl(off[1:]) == [("q", "raid"), ("country", "MM")]
    on = listing.toggled(params, "type", "Report")
    assert parse_qsl(on[1:]) == [("q", "raid"), ("country", "KH"), ("country", "MM"), ("type", "Report")]


def test_listed_counts_facets_over_all_then_sorts_and_pages_what_they_keep() -> None:
    shown = listing.listed(ROWS, KEYS, "name", "-count", 1, 1, FACETS, {"kind": frozenset({"camp"})})
    assert [r.name for r in shown.rows] == ["Cedar"]  # camps by name, case aside: birch, Cedar
    assert shown.page.total == 2 and shown.page.label == "2-2 of 2"
    assert {v.value: v.count for v in shown.counts["kind"]} == {"port": 2, "camp": 2}
    assert {v.value: v.count for v in shown.counts["place"]} == {"KH": 1, "MM": 1}
    everything = listing.listed(ROWS, KEYS, "", "-count", 0, 10)
    assert everything.counts == {} and everything.sorting.param == "-count"
    assert [r.name for r in everything.rows][:2] == ["Cedar", "Alder"]
