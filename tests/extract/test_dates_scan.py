"""Date patterns tried only where a match can begin find what finditer finds."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ringscope.extract.dates import _DIGIT_RUN, _MONTH_START, _OPENS_WITH, _PATTERNS, _matches_from

TEXTS = [
    "On March 3, 2024 and 4-6 May 2023 the raid (2023-11-02) freed 12; by June 2022 x2021-01-01.",
    "Sept. 14th to 16th, 2021; 3rd of December 2020; Jan 5 ٣ Feb; the 1st and 2nd of Mar, 2019",
    "no dates here at all, only words",
    "12January 2020, 31 Dec 2019 and Dec 31 and May 2 and 5 April",
]


def _same(text: str) -> None:
    starts = {
        "digit": [m.start() for m in _DIGIT_RUN.finditer(text)],
        "month": [m.start() for m in _MONTH_START.finditer(text)],
    }
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
