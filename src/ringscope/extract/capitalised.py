"""Capitalised runs of words: the tokens, runs and acronyms that entity extraction classifies."""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import compress, repeat
from operator import itemgetter
from typing import NamedTuple

import pycountry

from ringscope.extract.organisations import (
    BACK_REFERENCE_HEADS,
    IN_OBJECTS,
    IN_PLACE_HEADS,
    ORG_CONNECTORS,
    ORG_HEADS,
)
from ringscope.extract.people import NAME_PARTICLES, TITLE_ABBREVIATIONS, TITLE_WORDS
from ringscope.extract.rules import load_rules

# Words: initials and dotted acronyms ("A.", "U.S."), or letters/digits with inner ' - . & (no possessive 's).
# As written: (?:[A-Z]\.)+|[^\W_]+(?:['’\-.&](?![sS]\b)[^\W_]+)*; below, the first character of either
# is read once, before both (the initial's checked to be a capital): a pattern opening with a
# character class lets re jump from word to word.
WORD_RE = re.compile(r"[^\W_](?:(?<=[A-Z])\.(?:[A-Z]\.)*|[^\W_]*(?:['’\-.&](?![sS]\b)[^\W_]+)*)")
GAP = re.compile(r"[ \t\u00a0]+")
ABBREV_GAP = re.compile(r"\.?[ \t\u00a0]+")
ROMAN = re.compile(r"^[IVX]+$")
_RULES = load_rules("entity_rules.yaml")
# Currency codes (ISO 4217, from pycountry) and the token, time-zone and other all-capital words
# listed in entity_rules.yaml (cue.not_acronyms) are not organisations either.
NOT_ACRONYMS = (
    _RULES.words("cue.plain_capitals")
    | frozenset(c.alpha_3 for c in pycountry.currencies)
    | _RULES.words("cue.not_acronyms")
)
"""All-capital words that are not organisations."""
# "Cambodia-based", "ABC-controlled": a modifier, not part of a name.
LOWER_COMPOUND = re.compile(r"-[a-z]+$")
DATE_WORDS = _RULES.words("cue.date_words")
MENU_WORDS = _RULES.words("cue.menu_words")
"""Leading words of menu and navigation items ("Most Read News")."""
SENTENCE_OPENERS = _RULES.words("cue.sentence_openers")


ARTICLE_BEFORE = re.compile(r"\b(?:A|An|The)\s+$")


class Tok(NamedTuple):
    """One word of the text: its span, its text, and whether it starts with a capital."""

    start: int
    end: int
    text: str
    cap: bool


def tokenize(text: str) -> list[Tok]:
    """All words of the text, in order (tuples are built directly, field by field over all the
    matches at once: this runs on every word)."""
    matches = list(WORD_RE.finditer(text))
    words = list(map(_GROUP, matches))
    caps = list(map(str.isupper, map(_FIRST, words)))
    fields = zip(map(_START, matches), map(_END, matches), words, caps, strict=True)
    return list(map(tuple.__new__, repeat(Tok), fields))


_START, _END, _GROUP = re.Match.start, re.Match.end, re.Match.group
_CAP = itemgetter(3)  # Tok.cap
_FIRST = itemgetter(0)


def joined(text: str, end: int, start: int) -> bool:
    """Are two words separated only by spaces (no newline or punctuation)?"""
    return start > end and GAP.fullmatch(text, end, start) is not None


def capitalised_runs(text: str, toks: list[Tok]) -> list[tuple[int, int]]:
    """Index ranges [i, j) of capitalised runs, joined by connector words, trailing connectors dropped."""
    runs: list[tuple[int, int]] = []
    n = len(toks)
    j = 0  # the end of the latest run: a run opens at a capitalised word at or after it
    for i in compress(range(n), map(_CAP, toks)):
        if i < j:
            continue
        j = i + 1
        while j < n and (
            joined(text, toks[j - 1].end, toks[j].start)
            or possessive_in_name(text, toks, i, j)
            or (
                toks[j - 1].text in TITLE_ABBREVIATIONS
                and ABBREV_GAP.fullmatch(text, toks[j - 1].end, toks[j].start) is not None
            )
        ):
            word = toks[j].text
            if word in DATE_WORDS and _date_ends_name(text, toks, j):
                break  # "the Department of Harbours April 18", "the Board Monday said"
            if toks[j].cap or (word[:1].isdigit() and toks[j - 1].cap):
                j += 1
                continue
            if possessive_in_name(text, toks, i, j):
                j += 2
                continue
            joins = word in ORG_CONNECTORS or word in NAME_PARTICLES
            if word == "the" and toks[j - 1].text not in ORG_CONNECTORS:
                joins = False  # "Office of the Prime Minister", not "Later the Office"
            if (joins or (word == "in" and _in_joins(toks, i, j))) and (
                j + 1 < n
                and toks[j + 1].cap
                and joined(text, toks[j].end, toks[j + 1].start)
                and toks[j + 1].text not in DATE_WORDS
            ):
                j += 1
                continue
            if _of_the(text, toks, i, j):
                j += 1  # "Department of the Treasury": the "the" joins on the next step
                continue
            if _particles(text, toks, j):
                j += 2  # "Carlos de la Fuente", "Maria van der Berg"
                continue
            break
        runs.append((i, j))
    return runs


def _of_the(text: str, toks: list[Tok], i: int, j: int) -> bool:
    """Does the "of" or "for" at toks[j] join an organisation's head to "the" and a capitalised name
    ("Department of the Treasury", "Office of the President", "Commissioner for the Interior")?"""
    return (
        toks[j].text in ("of", "for")
        and j + 2 < len(toks)
        and toks[j + 1].text == "the"
        and toks[j + 2].cap
        and joined(text, toks[j].end, toks[j + 1].start)
        and joined(text, toks[j + 1].end, toks[j + 2].start)
        and toks[j - 1].text in ORG_HEADS
        and not (  # "Division of the Ministry": a bare head after "the" refers back to a body named before
            toks[j + 2].text in BACK_REFERENCE_HEADS
            and not (
                j + 3 < len(toks) and toks[j + 3].cap and joined(text, toks[j + 2].end, toks[j + 3].start)
            )
        )
    )


_WEEKDAYS = frozenset({"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"})


def _date_ends_name(text: str, toks: list[Tok], j: int) -> bool:
    """Does the date word at toks[j] end the name before it: a weekday, or a month before a day or a
    year ("April 18")? A month alone may be a name's word ("Theresa May")."""
    if toks[j].text in _WEEKDAYS:
        return True
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    return nxt is not None and nxt.text[:1].isdigit() and joined(text, toks[j].end, nxt.start)


def _in_joins(toks: list[Tok], i: int, j: int) -> bool:
    """Does the "in" at toks[j] belong to the name: right after an office's head ("Embassy in Y"), before
    "Persons" ("Trafficking in Persons"), or after "Embassy of X" ("Embassy of Vessa in Orland")?"""
    if toks[j - 1].text in IN_PLACE_HEADS or (j + 1 < len(toks) and toks[j + 1].text in IN_OBJECTS):
        return True  # "Embassy in Y", "Trafficking in Persons"
    for h in range(max(i, j - 5), j - 2):
        if toks[h].text in IN_PLACE_HEADS and toks[h + 1].text == "of":
            return all(t.cap for t in toks[h + 2 : j])
    return False


def _particles(text: str, toks: list[Tok], j: int) -> bool:
    """Do toks[j:j+2] read two name particles before a capitalised word ("de la", "van der")?"""
    if j + 2 >= len(toks) or toks[j].text not in NAME_PARTICLES or toks[j + 1].text not in NAME_PARTICLES:
        return False
    nxt = toks[j + 2]
    return (
        nxt.cap
        and joined(text, toks[j].end, toks[j + 1].start)
        and joined(text, toks[j + 1].end, nxt.start)
    )


def possessive_in_name(text: str, toks: list[Tok], i: int, j: int) -> bool:
    """ "Intermediate People's Court": a possessive inside an organisation's name (not "Myanmar's army")."""
    if toks[j].text != "s" or j - i < 1 or j + 1 >= len(toks):
        return False
    if text[toks[j - 1].end : toks[j].start] not in {"'", "’"}:
        return False
    after = toks[j + 1]
    owner = toks[j - 1].text
    if owner in ORG_HEADS or owner in TITLE_WORDS or owner.isupper():
        return False  # "Agency's Office ...": one organisation's part, named on its own
    if j - i < 2 and (after.text not in IN_PLACE_HEADS or after.text in {"General", "Office"}):
        return False  # "Kenya's Embassy in Bangkok": one name; "Kenya's Ministry": the country's body
    return after.cap and after.text in ORG_HEADS and joined(text, toks[j].end, after.start)


def is_acronym(word: str) -> bool:
    if "." in word:
        return False
    letters = word.replace("-", "").replace("&", "")
    if any(c.isdigit() for c in letters):
        return False
    return (
        2 <= len(letters) <= 8
        and letters[:1].isalpha()
        and not letters.endswith("s")
        and sum(c.isupper() for c in letters) >= max(2, len(letters) - 2)
        and word not in NOT_ACRONYMS
        and not ROMAN.match(word)
    )


def in_headline(text: str, toks: list[Tok], index: int) -> bool:
    """Is the token among other all-capital words (a headline, a dateline, a menu)?"""
    tok = toks[index]
    if text[tok.start - 1 : tok.start] == "(" and text[tok.end : tok.end + 1] == ")":
        return False  # "(AFP)": a source credit
    for k in (index - 1, index + 1):
        if 0 <= k < len(toks) and len(toks[k].text) >= 3 and toks[k].text.isupper():
            return True
    return False


_LEADING = SENTENCE_OPENERS | MENU_WORDS | {"the", "of", "for", "and", "on", "in"}
"""Words dropped from the front of a run (built once: the set was rebuilt on every test)."""


def strip_leading(words: list[Tok]) -> list[Tok]:
    while words and (words[0].text in _LEADING or LOWER_COMPOUND.search(words[0].text)):
        words = words[1:]
    while words and not words[-1].cap:
        words = words[:-1]
    return words


def span_text(text: str, words: list[Tok]) -> str:
    return text[words[0].start : words[-1].end]


def prev_word(toks: list[Tok], index: int) -> str:
    return toks[index - 1].text if index > 0 else ""


def next_word(toks: list[Tok], index: int) -> str:
    return toks[index].text if index < len(toks) else ""


_TOK_START = itemgetter(0)
"""A token's start (a C-level key: the binary search below runs for every classified word)."""


def index_of(toks: list[Tok], start: int) -> int:
    """Index of the token starting at ``start`` (binary search: tokens are in text order)."""
    return bisect_left(toks, start, key=_TOK_START)


def inside_sentence(text: str, start: int) -> bool:
    """True unless the word opens a line or sentence."""
    if ARTICLE_BEFORE.search(text, max(0, start - 5), start) is not None:
        return True  # "A Harbour Wire investigation": the article opens the sentence, not the name
    before = text[max(0, start - 3) : start]
    return not (start == 0 or "\n" in before or before.rstrip().endswith((".", "!", "?", ":")))


_LINE_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")


def title_case_line(text: str, pos: int) -> bool:
    """Is the line holding ``pos`` written in title case (a headline or menu item: up to twenty words,
    no closing full stop, five or more longer words, nearly all capitalised)?"""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    end = end if end != -1 else len(text)
    line = text[start:end].rstrip()
    if line.endswith((".", ",", ";")) or len(line.split()) > 20:
        return False  # a sentence of the body, perhaps naming many bodies
    words: list[str] = _LINE_WORD.findall(line)
    if len(words) < 5:
        return False
    return sum(w[0].isupper() for w in words) >= 0.8 * len(words)
