"""People named without any cue: two or three capitalised words that are all rare in English.

Family names (and many given names) are rare words, while the capitalised words of headings,
organisations and places are mostly common ones. A run of two or three capitalised words that no
other rule took is a person's name when every word is rare in English (``wordfreq``'s Zipf scale,
a maintained frequency list) and none is a known place, a head word of an organisation, compound,
facility or title, a common word, a word the text also writes in lower case, an all-capital word,
a figure, or a word with letters outside ASCII (names in other languages' organisations and
places, "Políça Varendária", carry them; English-language reports write people's names plainly
far more often).
"""

from __future__ import annotations

from functools import cache

from wordfreq import zipf_frequency

from ringscope.extract.capitalised import Tok
from ringscope.extract.compounds import COMPOUND_HEADS, FACILITY_HEADS
from ringscope.extract.entity_merge import Found
from ringscope.extract.gazetteer import gazetteer
from ringscope.extract.organisations import ORG_HEADS
from ringscope.extract.people import PERSON_RARE_NAME, TITLE_WORDS
from ringscope.extract.places import COMMON_WORDS

RARE_ZIPF = 3.0
"""Zipf frequency (English) below which every word of the name must lie (3.0: about one in a
million words)."""
COMMON_ZIPF = 4.0
"""Zipf frequency (English) from which a capitalised word is an ordinary word written with a capital
("Asian", "Another"), not a name of its own (about one in ten thousand words)."""
_HEADS = ORG_HEADS | COMPOUND_HEADS | FACILITY_HEADS | TITLE_WORDS


FUNCTION_ZIPF = 6.5
"""Of the general words, those at least this frequent in English are function words ("in", "of",
"for"), never a name on their own."""


@cache
def zipf(word: str) -> float:
    """The word's frequency in English on wordfreq's Zipf scale."""
    return float(zipf_frequency(word, "en"))


def function_word(word: str) -> bool:
    """Whether ``word`` is one of English's most frequent general words ("In", "Of", "For"): after a
    title that ends a sentence ("... led by Gen. In the capital ..."), it opens the next one."""
    folded = word.casefold()
    return folded in COMMON_WORDS and zipf(folded) >= FUNCTION_ZIPF


def _plain_name_word(tok: Tok, lower_words: set[str]) -> bool:
    word = tok.text
    folded = word.casefold()
    return (
        tok.cap
        and word.isascii()
        and not word.isupper()
        and word not in _HEADS
        and folded not in COMMON_WORDS
        and folded not in lower_words
        and not any(c.isdigit() for c in word)
    )


def rare_names(
    text: str, toks: list[Tok], unresolved: list[tuple[int, int]], lower_words: set[str]
) -> list[Found]:
    """People among the capitalised runs no rule took (``unresolved``: token ranges)."""
    out: list[Found] = []
    for i, j in unresolved:
        if not 2 <= j - i <= 3 or not all(_plain_name_word(t, lower_words) for t in toks[i:j]):
            continue
        words = [t.text for t in toks[i:j]]
        places = gazetteer()
        if places.lookup(words) is not None or any(places.lookup([w]) for w in words):
            continue
        parts = [p for w in words for p in w.split("-") if p]  # "Town-Other Town": two places joined
        if len(parts) > len(words) and any(
            places.lookup(parts[k : k + n]) is not None for n in (1, 2) for k in range(len(parts) - n + 1)
        ):
            continue
        if max(zipf(w.casefold()) for w in words) < RARE_ZIPF:
            start, end = toks[i].start, toks[j - 1].end
            out.append(Found("Person", start, end, text[start:end], rule=PERSON_RARE_NAME))
    return out
