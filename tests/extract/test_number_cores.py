"""The numbers of a text found in two scans (digits, number words) as one scan for either finds them."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ringscope.extract import number_atoms
from ringscope.extract.number_atoms import ascii_lower

# Digits as first written (each branch opening with its own digit pattern), and one scan for both.
_DIGITS_AS_WRITTEN = (
    r"\d{1,3}(?:\.\d{3}){2,}(?!\d|\.\d)|\d{1,2}(?:,\d\d)+,\d{3}(?![\d,])(?:\.\d+)?"
    r"|\d\d*(?:(?:,\d{3})+|(?:[ \u00a0\u202f]\d{3})+(?=\D))?(?:\.\d+)?"
)
_ONE_SCAN = re.compile(
    rf"(?=[\dotfesnah])(?:(?P<digits>{_DIGITS_AS_WRITTEN})|(?P<words>{number_atoms._WORDNUM}))"
)

_PIECES = [
    *"0123456789., -\n\u00a0\u202fabtofesnhdrkmi", "one", "two", "three", "twenty", "forty-five", "hundred",
    "thousand", "million", " and ", "half a", "a ", "1,000", "2.500.000", "3 000", " 45", "1.5", "US$", ",00",
]


def _one_scan(lowered: str) -> list[tuple[int, int, bool]]:
    return [(m.start(), m.end(), m.group("words") is not None) for m in _ONE_SCAN.finditer(lowered)]


def _two_scans(lowered: str) -> list[tuple[int, int, bool]]:
    return [(m.start(), m.end(), m.re is number_atoms._WORDS_RE) for m in number_atoms._cores(lowered)]


@settings(max_examples=3000)
@given(st.lists(st.sampled_from(_PIECES), max_size=16).map("".join))
def test_two_scans_find_what_one_scan_finds(text: str) -> None:
    lowered = ascii_lower(text)
    assert _two_scans(lowered) == _one_scan(lowered)


def test_invented_sentences() -> None:
    text = ("Forty-five workers and 1,200 others left; 2.500.000 pesos, 3 000 dollars and half a million "
            "baht were paid to a broker in 2024, said one of the twenty-one men.")
    lowered = ascii_lower(text)
    found = _two_scans(lowered)
    assert found == _one_scan(lowered)
    words = [lowered[s:e] for s, e, is_word in found if is_word]
    digits = [lowered[s:e] for s, e, is_word in found if not is_word]
    assert words[:2] == ["forty-five", "half a million"]
    assert "twenty-one" in words
    assert digits == ["1,200", "2.500.000", "3 000", "2024"]
