"""The word patterns, written to open with one character class, match as first written."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ringscope.extract.capitalised import WORD_RE
from ringscope.extract.gazetteer import TOKEN_RE

TOKEN_AS_WRITTEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]+(?:['’](?![sS]\b)[^\W\d_]+|-(?![a-z])[^\W\d_]+)*")
WORD_AS_WRITTEN = re.compile(r"(?:[A-Z]\.)+|[^\W_]+(?:['’\-.&](?![sS]\b)[^\W_]+)*")

_PIECES = [
    *"ABZaxz.-'’&_ 9\né s", "U.S.", "A.B.", "it's", "Ana's", "co-op", "X-ray", "n.v.", "Ü", "ß", "AT&T",
]


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


@settings(max_examples=3000)
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join))
def test_patterns_match_as_first_written(text: str) -> None:
    assert _spans(TOKEN_RE, text) == _spans(TOKEN_AS_WRITTEN, text)
    assert _spans(WORD_RE, text) == _spans(WORD_AS_WRITTEN, text)


def test_invented_text() -> None:
    text = "The U.S. and Côte d'Ivoire's envoys met A. Lindqvist of AT&T in Hong Kong-registered co-op 42B."
    assert TOKEN_RE.findall(text) == TOKEN_AS_WRITTEN.findall(text)
    assert "U.S." in TOKEN_RE.findall(text) and "Côte" in TOKEN_RE.findall(text)
    assert [m.group(0) for m in WORD_RE.finditer(text)] == WORD_AS_WRITTEN.findall(text)
    assert "AT&T" in WORD_RE.findall(text) and "42B" in WORD_RE.findall(text)
