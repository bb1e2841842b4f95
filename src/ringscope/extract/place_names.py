"""The longest gazetteer name a run of capitalised tokens opens ("Bosnia and Herzegovina", "X province"):
the first step of finding places, apart from the checks that accept a name as a place (places.py)."""

from __future__ import annotations

import re

from ringscope.extract.gazetteer import Gazetteer, Place, fold
from ringscope.extract.rules import load_rules

CONNECTORS = load_rules("entity_rules.yaml").words("cue.place_connectors")
"""Lower-case words allowed inside a place name ("Bosnia and Herzegovina")."""
MAX_NAME_TOKENS = 8
_SPACE = re.compile(r"[ \t\u00a0]+")


def is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def joined(text: str, end: int, start: int) -> bool:
    """True when two tokens are separated only by a single run of spaces (no newline or punctuation)."""
    return start - end >= 1 and _SPACE.fullmatch(text, end, start) is not None


def candidates(
    text: str, tokens: list[tuple[int, int, str]], i: int, gaz: Gazetteer
) -> tuple[int, Place] | None:
    """The longest gazetteer name starting at token ``i``: (token count, place)."""
    run = [tokens[i][2]]
    j = i
    while len(run) < min(gaz.max_tokens, MAX_NAME_TOKENS) and j + 1 < len(tokens):
        nxt = tokens[j + 1]
        possessive = nxt[2] == "s" and text[tokens[j][1] : nxt[0]] in {"'", "’"}
        if not (possessive or joined(text, tokens[j][1], nxt[0])):
            break
        if possessive:
            run.append(nxt[2])
            j += 1
            continue
        if not (is_capitalised(nxt[2]) or nxt[2] in CONNECTORS or nxt[2][:2] in {"d'", "d’"}):
            break
        run.append(nxt[2])
        j += 1
    folded = [fold(t) for t in run]  # once, for every length tried
    for n in range(len(run), 0, -1):
        if run[n - 1] in CONNECTORS or run[n - 1] == "s":
            continue
        place = gaz.lookup_folded(run[:n], folded[:n])
        if place is not None:
            if place.kind == "city" and n == len(run) and j + 1 < len(tokens):
                region = _as_subdivision(text, tokens, j, run, gaz)
                place = region if region is not None and region.country != place.country else place
            return n, place
    return None


_SUBDIVISION_WORDS = load_rules("entity_rules.yaml").words("cue.subdivision_words")


def _as_subdivision(
    text: str, tokens: list[tuple[int, int, str]], j: int, run: list[str], gaz: Gazetteer
) -> Place | None:
    """"X province": the subdivision of that name, when the city of that name is another place (a name of
    a larger city in another language, say)."""
    nxt = tokens[j + 1]
    if nxt[2] not in _SUBDIVISION_WORDS or not joined(text, tokens[j][1], nxt[0]):
        return None
    region = gaz.lookup([*run, nxt[2].capitalize()])
    return region if region is not None and region.kind == "region" and region.country else None
