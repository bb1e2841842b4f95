"""Parts of a capitalised run: the places inside it, and where it splits at "and"."""

from __future__ import annotations

from bisect import bisect_left
from operator import attrgetter

from ringscope.extract.capitalised import (
    Tok,
    is_acronym,
)
from ringscope.extract.compounds import (
    COMPOUND_HEADS,
)
from ringscope.extract.gazetteer import gazetteer
from ringscope.extract.organisations import (
    MODIFIER_HEADS,
    ORG_HEADS,
)
from ringscope.extract.places import PlaceHit

# A lower-case compound noun after a name: "the Red Kapok casino", "the Blue Crane casino complex".

_PLACE_START = attrgetter("start")


def inside(places: list[PlaceHit], start: int, end: int) -> list[PlaceHit]:
    """Place hits lying within [start, end) (places are in text order)."""
    lo = bisect_left(places, start, key=_PLACE_START)
    out = []
    while lo < len(places) and places[lo].start < end:
        if places[lo].end <= end:
            out.append(places[lo])
        lo += 1
    return out


def country_in(places: list[PlaceHit], start: int, end: int) -> str | None:
    return next((p.country for p in inside(places, start, end) if p.country), None)


def is_place_run(words: list[Tok], starts: dict[int, PlaceHit]) -> bool:
    hit = starts.get(words[0].start)
    return hit is not None and hit.end >= words[-1].end


def split_and(text: str, words: list[Tok], starts: dict[int, PlaceHit]) -> list[list[Tok]]:
    """Split a run at "and" when both sides stand alone (places, acronyms, or each with a head word)."""
    parts: list[list[Tok]] = [[]]
    for tok in words:
        if tok.text in {"and", "&"}:
            parts.append([])
        else:
            parts[-1].append(tok)
    if len(parts) == 1:
        return parts
    out: list[list[Tok]] = [parts[0]]
    for part in parts[1:]:
        left = out[-1]
        if not part or not left:
            out[-1] = left + part
            continue
        left_alone = stands_alone(left, starts)
        right_alone = stands_alone(part, starts)
        single_names = len(left) == 1 and len(part) == 1 and left[0].text not in ORG_HEADS
        if (left_alone and right_alone) or single_names:
            out.append(part)
        else:
            joiner = [t for t in words if left[-1].end <= t.start < part[0].start]
            out[-1] = left + joiner + part
    return [p for p in out if p]


_HEAD_LINKS = frozenset({"of", "for", "on", "in", "to", "&"})
"""Words after a head that keep it the head of its name ("Ministry of X")."""


def stands_alone(words: list[Tok], starts: dict[int, PlaceHit]) -> bool:
    texts = [w.text for w in words]
    if is_place_run(words, starts):
        return True
    if len(words) == 1 and is_acronym(texts[0]):
        return True
    # A head word that also modifies nouns heads the name only at its end or before "of" ("X Financial",
    # "Finance Ministry"), not as the first word of a phrase ("Financial Crime and Anti-Corruption Centre"
    # is one name).
    return texts[0] == "Operation" or any(
        (t in ORG_HEADS or t in COMPOUND_HEADS)
        and (t not in MODIFIER_HEADS or k == len(texts) - 1 or texts[k + 1] in _HEAD_LINKS)
        for k, t in enumerate(texts)
    )


def place_word(word: str) -> bool:
    """Is this all-capital word a country, region or large city ("LIMA" in a dateline), not an acronym?"""
    place = gazetteer().lookup([word])
    return place is not None and (place.kind != "city" or place.population >= 100_000)
