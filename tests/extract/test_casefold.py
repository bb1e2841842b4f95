"""The lower-case twins of case-insensitive patterns find the same spans as the patterns themselves."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ringscope.extract.casefold import CaseFree, fold_case, twin_allowed
from ringscope.extract.dates import _RELATIVE
from ringscope.extract.number_skips import _ID_STRONG_BEFORE, _MONTH_AFTER, _MONTH_BEFORE, _RATIO_BEFORE
from ringscope.extract.route_cues import (
    BARE_NATIONALS_CF,
    OWN_NATIONALS_CF,
    STRONG_VICTIM_CF,
    SUSPECT_CF,
    VICTIM_CF,
)

CUES = [VICTIM_CF, STRONG_VICTIM_CF, SUSPECT_CF, OWN_NATIONALS_CF, BARE_NATIONALS_CF, _RELATIVE,
        _ID_STRONG_BEFORE, _MONTH_BEFORE, _MONTH_AFTER, _RATIO_BEFORE]

TEXTS = [
    "Forty Workers were RESCUED on Monday after being Held in a compound; 12 of its Citizens returned.",
    "Police ARRESTED nine Suspects LAST WEEK. The victims, all Nationals, were freed yesterday.",
    "Die Arbeiter wurden befreit. İstanbul police said the trafficked men were ſaved on Sunday.",
    "Held in Room 12, aged 30; One in every 5 were freed in JUNE 3 and Section #4 of Dec. 7",
    "The dıstrict said the hostages were TRAFFICKED and the Kelvin sign \u212a was held.",
    "",
]


@pytest.mark.parametrize("cue", CUES)
@pytest.mark.parametrize("text", TEXTS)
def test_twin_finds_the_same_spans(cue: CaseFree, text: str) -> None:
    expected = [m.span() for m in cue.regex.finditer(text)]
    found = [m.span() for m in cue.finditer(text, fold_case(text))]
    assert found == expected
    window = (3, max(3, len(text) - 5))
    first = cue.regex.search(text, *window)
    twin_first = cue.search(text, fold_case(text), *window)
    assert (first.span() if first else None) == (twin_first.span() if twin_first else None)
    for start in range(0, len(text), 7):
        rest = text[start:]
        plain = cue.regex.match(rest)
        twin = cue.match(rest, fold_case(rest))
        assert (plain.span() if plain else None) == (twin.span() if twin else None)


def test_cues_in_use_have_twins() -> None:
    assert all(cue.twin is not None for cue in CUES)


def test_texts_that_would_shift_or_trap_are_not_folded() -> None:
    assert fold_case("Rescued in Lisbon") == "rescued in lisbon"
    assert fold_case("İzmir") is None  # lower-cased, the dotted capital I takes two characters
    assert fold_case("dıstrict") is None  # dotless i matches "i" case-insensitively
    assert fold_case("ſaved") is None  # long s matches "s" case-insensitively


@pytest.mark.parametrize(
    "source",
    [r"\bRescued\b", r"\x41bc", r"[0-Z]+", r"(?-i:held)", r"(a)\1", r"caf\u00e9", r"[!-~]"],
)
def test_sources_without_an_exact_twin(source: str) -> None:
    assert not twin_allowed(source)
    pattern = CaseFree(re.compile(source, re.IGNORECASE))
    assert pattern.twin is None


@pytest.mark.parametrize("source", [r"\b(?P<rel>last\s+week)\b", r"[a-z][\s-]+\d", r"[-\w]+held"])
def test_sources_with_an_exact_twin(source: str) -> None:
    assert twin_allowed(source)


@given(st.text(alphabet=st.sampled_from(list("aAbBdDeEhHlLrRsSuUcCıſİ\u212a -.\n")), max_size=60))
def test_twin_agrees_on_arbitrary_text(text: str) -> None:
    cue = CaseFree(re.compile(r"\b(?:held|rescu\w*|sd|ace)\b", re.IGNORECASE))
    expected = [m.span() for m in cue.regex.finditer(text)]
    assert [m.span() for m in cue.finditer(text, fold_case(text))] == expected
