"""Places: countries, world regions, subdivisions, cities and nationality words in a text.

Every capitalised run of words is looked up, longest first, in the offline
gazetteer (:mod:`ringscope.extract.gazetteer`). Names that are also ordinary
words or people's names are common among small towns, so a one-word city or
subdivision is only taken when it is a large city or when the text frames it
as a place ("in X", "from X", "X province", "X, Country", a list of places).

``PlaceHit.kind`` is one of ``country``, ``continent`` (continents and world
regions, no country), ``region`` (ISO 3166-2 subdivisions), ``city``, or
``demonym`` (a nationality word such as "Kenyans": not a Location entity, but
used by routes and claims).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import compress, islice
from operator import itemgetter

from ringscope.extract.compounds import COMPOUND_HEADS, FACILITY_HEADS
from ringscope.extract.document import Document
from ringscope.extract.gazetteer import TOKEN_RE, Gazetteer, Place, fold, gazetteer
from ringscope.extract.organisations import ORG_HEADS
from ringscope.extract.place_names import candidates, is_capitalised, joined
from ringscope.extract.rules import load_rules


# Not frozen (nothing changes one once made): a frozen dataclass's __init__ costs several times more.
@dataclass(slots=True)
class PlaceHit:
    start: int
    end: int
    text: str
    country: str | None
    kind: str  # "country", "region", "city", "continent", "demonym"
    lat: float | None = None
    lon: float | None = None
    population: int = 0


_PLACE_RULES = load_rules("entity_rules.yaml")
LOCATIVES = _PLACE_RULES.words("cue.locatives")
"""Words before a name that frame it as a place."""
PLACE_NOUNS = _PLACE_RULES.words("cue.place_nouns")
"""Words after a name that frame it as a place ("X province", "X border")."""
COMMON_WORDS = _PLACE_RULES.words("lexicon.common_words")
"""Capitalised words that are far more often titles, function words or months than places."""
# A currency named after a country ("Singapore dollars", "US$") is not a place mention.
_CURRENCY_AFTER = re.compile(
    r"\$|\s+(?:dollars?|yuan|renminbi|ringgit|baht|pesos?|rupees?|rupiah|won|yen|riels?|kyats?|dong|"
    r"shillings?|nairas?|rand|dirhams?|euros?|pounds?)\b",
    re.IGNORECASE,
)
# Capitalised words after a place that make a name of which the place is part ("Bangkok Post").
NAME_HEADS = ORG_HEADS | FACILITY_HEADS | COMPOUND_HEADS | frozenset({"City", "Province", "State", "Region"})
# Above this population a one-word city needs no framing context.
BIG_CITY = 1_000_000
_START, _END, _GROUP = re.Match.start, re.Match.end, re.Match.group
_FIRST = itemgetter(0)


def _prev_word(tokens: list[tuple[int, int, str]], i: int) -> str:
    return tokens[i - 1][2].casefold() if i > 0 else ""


# A lower-case suffix that makes the word before it a place ("Lisbon-based", "Lima-born").
_LOCATED_AFTER = re.compile(r"-(?:based|born|bound|registered|headquartered)\b")


def _framed(
    text: str, tokens: list[tuple[int, int, str]], i: int, n: int, last_hit_end: int
) -> bool:
    """Does the context frame tokens ``i .. i+n-1`` as a place?"""
    start, end = tokens[i][0], tokens[i + n - 1][1]
    prev = _prev_word(tokens, i)
    if prev == "to" and i > 1 and tokens[i - 2][2].casefold() == "according":
        return False
    if prev in LOCATIVES or (prev == "of" and i > 1 and tokens[i - 2][2].casefold() in PLACE_NOUNS):
        return True
    if _LOCATED_AFTER.match(text, end):
        return True  # "a Lisbon-based charity"
    if i + n < len(tokens) and tokens[i + n][2].casefold() in PLACE_NOUNS and joined(
        text, end, tokens[i + n][0]
    ):
        return True
    if text.startswith(",", end) and i + n < len(tokens) and is_capitalised(tokens[i + n][2]):
        return True  # "Town, Country"
    if last_hit_end >= 0:
        between = text[last_hit_end:start].strip()
        if between in {",", "and", "or", ", and", ", or", "/", "&"}:
            return True
    return False


_DATELINE = re.compile(r"\s*(?:,|:|—|–|-\s)")


def _line_start(text: str, pos: int) -> bool:
    line = text.rfind("\n", 0, pos) + 1
    return not text[line:pos].strip(" \t\u00a0")


def _accept(
    text: str,
    tokens: list[tuple[int, int, str]],
    i: int,
    n: int,
    place: Place,
    lower_words: _LowerWords,
    last_hit_end: int,
) -> bool:
    if place.kind in {"country", "continent", "demonym"}:
        return True
    if n > 1:
        words = [fold(tokens[k][2]) for k in range(i, i + n)]
        if all(w in COMMON_WORDS for w in words):
            return False
        return True
    word = fold(tokens[i][2])
    if tokens[i][2].isupper() and _DATELINE.match(text, tokens[i][1]) and _line_start(text, tokens[i][0]):
        return True  # "TAK: ...", "LISBON, Portugal —": a dateline
    if word in COMMON_WORDS or (tokens[i][2].isupper() and len(word) <= 4):
        return False
    framed = _framed(text, tokens, i, n, last_hit_end)
    if word in lower_words:
        return framed
    if place.kind == "city" and place.population >= BIG_CITY:
        return True
    if place.kind == "city" and place.population >= _MODIFIER_CITY and _modifier(text, tokens, i):
        return True  # "a Lisbon call centre"
    return framed


# A city named as a modifier between an article and a lower-case noun ("a Lisbon call centre") is a
# place when it is at least this large (smaller towns share their names with surnames and words).
_MODIFIER_CITY = 100_000


def _modifier(text: str, tokens: list[tuple[int, int, str]], i: int) -> bool:
    if _prev_word(tokens, i) not in {"a", "an", "the"} or i + 1 >= len(tokens):
        return False
    nxt = tokens[i + 1]
    return nxt[2].islower() and nxt[2].isalpha() and joined(text, tokens[i][1], nxt[0])


def _inside_longer_name(
    text: str, tokens: list[tuple[int, int, str]], after: int, place: Place, gaz: Gazetteer
) -> bool:
    """A town or region name followed by an unknown capitalised word is part of a longer name
    ("Maria Elena Castaneda", "Mekong Migrant Assistance"), unless that word names a kind of place,
    body or facility ("Bangkok Post", "Kandal Province")."""
    if place.kind == "country" or place.kind == "demonym" or after >= len(tokens):
        return False
    start, _, word = tokens[after]
    if not word[0].isupper() or word.isupper() or not joined(text, tokens[after - 1][1], start):
        return False
    folded = fold(word)
    if folded in PLACE_NOUNS or folded in COMMON_WORDS or word in NAME_HEADS:
        return False
    following = gaz.lookup([word])
    return following is None or following.kind == "city"  # "Bangkok Thailand" stays two places


def _hyphen_parts(text: str, token: tuple[int, int, str], gaz: Gazetteer) -> list[PlaceHit]:
    """Countries, regions and nationality words inside a hyphenated word ("Cambodia-based", "Thai-Lao")."""
    hits: list[PlaceHit] = []
    offset = token[0]
    for part in token[2].split("-"):
        if is_capitalised(part):
            place = gaz.lookup([part])
            if place is not None and place.kind in {"country", "demonym", "continent"}:
                end = offset + len(part)
                hits.append(PlaceHit(offset, end, part, place.country, place.kind, place.lat, place.lon))
        offset += len(part) + 1
    return hits


def find_places(doc: Document) -> list[PlaceHit]:
    """All place mentions in the document, in text order, non-overlapping."""
    text = doc.text
    gaz = gazetteer()
    matches = list(TOKEN_RE.finditer(text))
    words = list(map(_GROUP, matches))
    tokens = list(zip(map(_START, matches), map(_END, matches), words, strict=True))
    lower_words = _LowerWords(words)
    hits: list[PlaceHit] = []
    last_hit_end = -1
    i = 0  # the next token not yet read: a name found spans several
    may_start = gaz.may_start
    # Only a capitalised word opens a place name: the others are skipped without a step of the loop.
    for k in compress(range(len(words)), map(str.isupper, map(_FIRST, words))):
        if k < i:
            continue
        i, word = k, words[k]
        if not may_start(word):
            if "-" in word:
                hits.extend(_hyphen_parts(text, tokens[i], gaz))
            i += 1
            continue
        found = candidates(text, tokens, i, gaz)
        if found is None:
            if "-" in word:
                hits.extend(_hyphen_parts(text, tokens[i], gaz))
            i += 1
            continue
        n, place = found
        if (
            _CURRENCY_AFTER.match(text, tokens[i + n - 1][1])
            or _inside_longer_name(text, tokens, i + n, place, gaz)
            or not _accept(text, tokens, i, n, place, lower_words, last_hit_end)
        ):
            i += 1
            continue
        start, end = tokens[i][0], tokens[i + n - 1][1]
        hits.append(PlaceHit(start, end, text[start:end], place.country, place.kind, place.lat, place.lon,
                             place.population))
        last_hit_end = end
        i += n
    single = {h.text for h in hits if h.kind in {"city", "region"} and " " not in h.text}
    if not single:
        return hits
    surnames = _surnames(text, tokens, words, gaz, single)
    return [
        h for h in hits
        if not (h.kind in {"city", "region"} and h.text in surnames and not _after_locative(text, h.start))
    ]


_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|from|near|into|inside|outside)[ \t]+$")


def _after_locative(text: str, start: int) -> bool:
    """Is the name written just after "in", "at", "from" ...: a place there, whatever it is elsewhere?"""
    return _LOCATIVE_BEFORE.search(text, max(0, start - 10), start) is not None


class _LowerWords:
    """The set of words written in lower case in the text, built on first use."""

    def __init__(self, words: list[str]) -> None:
        self._all = words
        self._words: set[str] | None = None

    def __contains__(self, word: object) -> bool:
        if self._words is None:
            self._words = set(compress(self._all, map(str.islower, map(_FIRST, self._all))))
        return word in self._words


def _surnames(
    text: str, tokens: list[tuple[int, int, str]], texts: list[str], gaz: Gazetteer, words: set[str]
) -> set[str]:
    """Which of ``words`` are written after a capitalised given name ("Ana Lima"): people's names
    (``texts``: the words of ``tokens``)."""
    names: set[str] = set()
    # Only the words asked about are looked at (picked out in one pass), each with the word before it.
    for k in compress(range(1, len(texts)), map(words.__contains__, islice(texts, 1, None))):
        first, word = texts[k - 1], texts[k]
        if not first[0].isupper():
            continue
        if not joined(text, tokens[k - 1][1], tokens[k][0]):
            continue
        if fold(first) in COMMON_WORDS or first.isupper() or gaz.lookup([first]) is not None:
            continue
        if gaz.lookup([first, word]) is not None:
            continue
        names.add(word)
    return names
