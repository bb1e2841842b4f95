"""Date patterns tried only where a match can begin find what finditer finds."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ringscope.extract.casefold import fold_case
from ringscope.extract.dates import (
    _OPENS_WITH,
    _PATTERNS,
    _RELATIVE,
    _matches_from,
    opening_starts,
    relative_matches,
)

TEXTS = [
    "On March 3, 2024 and 4-6 May 2023 the raid (2023-11-02) freed 12; by June 2022 x2021-01-01.",
    "Sept. 14th to 16th, 2021; 3rd of December 2020; Jan 5 ٣ Feb; the 1st and 2nd of Mar, 2019",
    "no dates here at all, only words",
    "12January 2020, 31 Dec 2019 and Dec 31 and May 2 and 5 April",
    "in March, mid-May, by - June, from\n\tJuly, end  of Aug., until -Sept, ofJan; since 2019, of  2020",
    "in2021 x",
    "during\u00a01999 and throughout 2024, by-March and in - - April; bend of May, Din March, in 19999",
]


def _same(text: str) -> None:
    starts = opening_starts(text)
    for (pattern, _), opens in zip(_PATTERNS, _OPENS_WITH, strict=True):
        if opens:
            found = [m.span() for m in _matches_from(pattern, text, starts[opens])]
            assert found == [m.span() for m in pattern.finditer(text)]


@pytest.mark.parametrize("text", TEXTS)
def test_scan_finds_what_finditer_finds(text: str) -> None:
    _same(text)


@given(st.text(alphabet=st.sampled_from(list("0123٣ -,.thsndrofJanuryMchDecSpt\n")), max_size=80))
def test_scan_on_arbitrary_text(text: str) -> None:
    _same(text)


@given(st.lists(st.sampled_from(["in", "of", "by", "end", "mid", "since", "March", "May", "Sep", "2019", "19",
                                 "20", " ", "  ", "-", "\n", "\u00a0", ",", "x", "d"]), max_size=14))
def test_scan_of_lead_words_on_arbitrary_text(parts: list[str]) -> None:
    _same("".join(parts))


RELATIVE_TEXTS = [
    "Last week, and earlier this month; on Friday, since  Monday, by\nSunday, this year, yesterday.",
    "LAST YEAR today; from tuesday until Wednesday; the weekend of last\u00a0month; holidays, todays",
    "no relative date: weekdays, Sundays, monthly, yearly, last-week, thisyear",
    "İstanbul said on Monday that last week was busy",  # no exact lower-casing: the pattern as written
]


def _same_relative(text: str) -> None:
    folded = fold_case(text)
    expected = [m.span() for m in _RELATIVE.finditer(text, folded)]
    assert [m.span() for m in relative_matches(text, folded)] == expected


@pytest.mark.parametrize("text", RELATIVE_TEXTS)
def test_relative_scan_finds_what_finditer_finds(text: str) -> None:
    _same_relative(text)


_RELATIVE_PARTS = ["last", "this", "earlier", "on", "by", "today", "yesterday", "week", "month", "year",
                   "Friday", "SUNDAY", "day", " ", "  ", "\n", "\u00a0", "x", "s", "-"]


@given(st.lists(st.sampled_from(_RELATIVE_PARTS), max_size=12))
def test_relative_scan_on_arbitrary_text(parts: list[str]) -> None:
    _same_relative("".join(parts))
