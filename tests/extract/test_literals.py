"""The words a pattern cannot match without, and the searches they let CaseFree skip."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ringscope.extract.casefold import CaseFree, fold_case
from ringscope.extract.literals import holds_any, required_literals
from ringscope.extract.route_cues import BARE_NATIONALS_CF, OWN_NATIONALS_CF


@pytest.mark.parametrize(
    ("source", "words"),
    [
        (r"\b(?:citizens|nationals)\b", ("citizens", "nationals")),
        (r"\b(?:its|their)\s+(?:own\s+)?(?:citizens|people)\b", ("citizens", "people")),
        (r"raid|rescued|stormed", ("raid", "rescued", "stormed")),
        (r"(?:raided|raid)s?", ("raid",)),  # "raided" holds "raid": looking for "raid" is enough
        (r"(?<!foreign )\bworkers\b(?!\s+of\b)", ("workers",)),  # lookarounds consume nothing
        (r"(?P<who>victims)+ held", ("victims",)),
        (r"x{2,}held", ("held",)),
    ],
)
def test_words_every_match_holds(source: str, words: tuple[str, ...]) -> None:
    assert required_literals(re.compile(source)) == words


@pytest.mark.parametrize(
    "source",
    [
        r"\b(?:citizens|\w+men)\b",  # a branch that needs no word
        r"(?:citizens)?",  # optional
        r"\b(?:in|of|at)\b",  # too short to be worth looking for
        r"a|b|c|d|e|f|g|h",  # too short and too many
        r"(?i)citizens",  # case-insensitive: the words may be written in capitals
        r"(?i:citizens)",
        r"[a-z]+",
    ],
)
def test_patterns_without_a_short_list(source: str) -> None:
    assert required_literals(re.compile(source)) is None


def test_more_words_are_worth_looking_for_when_allowed() -> None:
    credit = re.compile(r"\b(?:Snapshot|Drawing|Sketch|Painting|Rendering|Collage|Mosaic)\s*:\s*([A-Z]\w+)")
    assert required_literals(credit) is None  # seven words: too many for a window
    words = ("Collage", "Drawing", "Mosaic", "Painting", "Rendering", "Sketch", "Snapshot")
    assert required_literals(credit, most=16) == words  # the words, not the ":" every match also holds


def test_credits_are_searched_only_in_texts_holding_their_words() -> None:
    from ringscope.extract.entities import _CREDIT_WORDS
    from ringscope.extract.people import CREDIT_RE

    assert "Photo" in _CREDIT_WORDS and "" not in _CREDIT_WORDS
    for text in ("Guards stand at the gate. (Photo: Ivo Marek)", "Reported by Lena Vasquez\n",
                 "The gate was shut. Marek said so: Ivo Marek, Lena Vasquez."):
        found = CREDIT_RE.search(text) is not None
        assert not found or holds_any(text, _CREDIT_WORDS, 0, len(text))


def test_case_insensitive_pattern_gets_no_list() -> None:
    assert required_literals(re.compile(r"citizens", re.IGNORECASE)) is None


def test_holds_any_looks_in_the_stretch_only() -> None:
    text = "the citizens were freed; nationals returned"
    assert holds_any(text, ("citizens",), 0, len(text))
    assert not holds_any(text, ("citizens",), 13, len(text))
    assert not holds_any(text, ("nationals",), 0, 20)


def test_nationals_cues_have_word_lists() -> None:
    assert OWN_NATIONALS_CF.needs is not None
    assert BARE_NATIONALS_CF.needs is not None


@given(
    st.text(alphabet=st.sampled_from(list("citzensaloCITZ ,.\n")), max_size=50),
    st.integers(min_value=-3, max_value=55),
    st.integers(min_value=-3, max_value=55),
)
def test_skipped_searches_agree_with_the_pattern(text: str, pos: int, endpos: int) -> None:
    for cue in (CaseFree(re.compile(r"\b(?:citizens|nationals)\b(?!\s+of)", re.IGNORECASE)),
                BARE_NATIONALS_CF, OWN_NATIONALS_CF):
        folded = fold_case(text)
        plain = cue.regex.search(text, max(pos, 0), endpos) if endpos >= 0 else None
        found = cue.search(text, folded, max(pos, 0), endpos) if endpos >= 0 else None
        assert (plain.span() if plain else None) == (found.span() if found else None)
        assert [m.span() for m in cue.regex.finditer(text)] == [m.span() for m in cue.finditer(text, folded)]
        whole = cue.regex.match(text)
        twin = cue.match(text, folded)
        assert (whole.span() if whole else None) == (twin.span() if twin else None)
