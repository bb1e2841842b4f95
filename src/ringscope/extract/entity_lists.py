"""Names in lists: people listed by name ("A B, C D, and E F were sentenced") and unknown places
listed beside known ones ("the suburbs of A, B and C")."""

from __future__ import annotations

import re
from bisect import bisect_right, insort

from ringscope.extract.capitalised import DATE_WORDS, Tok, index_of
from ringscope.extract.compounds import COMPOUND_HEADS, FACILITY_HEADS, LOCATION_LIST
from ringscope.extract.entity_context import person_context
from ringscope.extract.entity_merge import Found
from ringscope.extract.organisations import ORG_HEADS, ORG_LIST
from ringscope.extract.people import PERSON_LIST, TITLE_WORDS
from ringscope.extract.places import COMMON_WORDS, PlaceHit
from ringscope.extract.rules import load_rules

# Between two listed names: ", ", ", and ", " and ", " & ", "; ", a new line with a number or bullet;
# each name may carry an age or a home town first ("A B (24), C D, 31, and E F from G").
NAME_LIST_GAP = re.compile(
    r"(?:[ \t]*\(\d{1,3}\)|[ \t]*,[ \t]*(?:aged[ \t]+)?\d{1,3}(?=[ \t]*,)"
    r"|[ \t]+from[ \t]+[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,2})?"
    r"(?:[ \t]*[,;][ \t]*(?:and[ \t]+)?|[ \t]+(?:and|&)[ \t]+|[ \t]*\n[ \t]*(?:\d{1,2}[.)]|[-•*·])[ \t]+)"
)
# Fewest names in a list for them to be taken as people without any other cue.
MIN_LISTED_NAMES = 3
_NOT_NAME_WORDS = ORG_HEADS | TITLE_WORDS | COMPOUND_HEADS | FACILITY_HEADS | DATE_WORDS


def _name_like(part: list[Tok], starts: dict[int, PlaceHit], lower_words: set[str]) -> bool:
    """Two to four capitalised words that are no known place, head word or ordinary word."""
    if not 2 <= len(part) <= 4:
        return False
    hit = starts.get(part[0].start)
    if hit is not None and hit.end >= part[-1].end:
        return False
    for tok in part:
        word = tok.text
        folded = word.casefold()
        near = starts.get(tok.start)
        if near is not None and near.kind == "demonym":
            return False  # "Two Sri Lankans": people counted by nationality, not a name
        if not tok.cap or word in _NOT_NAME_WORDS or folded in COMMON_WORDS or folded in lower_words:
            return False
        if any(c.isdigit() for c in word) or (word.isupper() and len(word) > 2):
            return False
    return True


def _parts(toks: list[Tok], runs: list[tuple[int, int]]) -> list[list[Tok]]:
    """The runs cut at "and" / "&" ("Li Wei and Li Na": two parts), in text order."""
    out: list[list[Tok]] = []
    for i, j in runs:
        part: list[Tok] = []
        for tok in toks[i:j]:
            if tok.text in {"and", "&"}:
                out.append(part)
                part = []
            else:
                part.append(tok)
        out.append(part)
    return [p for p in out if p]


def name_lists(
    text: str, toks: list[Tok], runs: list[tuple[int, int]], starts: dict[int, PlaceHit],
    lower_words: set[str], found: list[Found],
) -> list[Found]:
    """People named in a list of three or more names ("A B, C D, and E F were sentenced")."""
    runs = [(i, j) for i, j in runs if j - i >= 2]  # a listed name has two words or more
    parts = _parts(toks, runs)  # "A B, C D and E F": two runs, three names
    if len(parts) < MIN_LISTED_NAMES:
        return []
    other = [(f.start, f.end) for f in found if f.type != "Person"]
    out: list[Found] = []
    chain: list[list[Tok]] = []

    def close() -> None:
        if len(chain) >= MIN_LISTED_NAMES:
            for part in chain:
                start, end = part[0].start, part[-1].end
                if not any(s < end and start < e for s, e in other):
                    out.append(Found("Person", start, end, text[start:end], rule=PERSON_LIST))
        chain.clear()

    for part in parts:
        if not _name_like(part, starts, lower_words):
            close()
            continue
        if chain and not NAME_LIST_GAP.fullmatch(text, chain[-1][-1].end, part[0].start):
            close()
        chain.append(part)
    close()
    return out


_PLACE_PLURALS = load_rules("entity_rules.yaml").words("cue.place_plurals")


PLACE_LIST_GAP = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")


def place_lists(
    text: str, toks: list[Tok], unresolved: list[tuple[int, int]], found: list[Found],
    places: list[PlaceHit], lower_words: set[str],
) -> list[Found]:
    """Unknown names in a list of places ("the suburbs of A, B and C"; "in X, Y and Z")."""
    ends = [f.end for f in found if f.type == "Location"] + [p.end for p in places if p.kind != "demonym"]
    ends.sort()
    out: list[Found] = []
    for i, j in unresolved:
        words = toks[i:j]
        if len(words) > 3 or any(
            w.text.casefold() in COMMON_WORDS or w.text.casefold() in lower_words or w.text.isupper()
            or not w.cap or w.text in ORG_HEADS or w.text in TITLE_WORDS
            for w in words
        ):
            continue
        start, end = words[0].start, words[-1].end
        listed = i > 1 and toks[i - 1].text == "of" and toks[i - 2].text.casefold() in _PLACE_PLURALS
        if not listed:
            k = bisect_right(ends, start)
            listed = k > 0 and PLACE_LIST_GAP.fullmatch(text, ends[k - 1], start) is not None
        if listed:
            out.append(Found("Location", start, end, text[start:end], rule=LOCATION_LIST))
            insort(ends, end)
    return out


def org_lists(
    text: str, toks: list[Tok], unresolved: list[tuple[int, int]], found: list[Found], lower_words: set[str],
) -> list[Found]:
    """Unknown one-word names listed after an organisation ("platforms like X, Y and Z")."""
    ends = sorted(f.end for f in found if f.type == "Organization")
    people = {w for f in found if f.type == "Person" for w in f.name.split()}
    out: list[Found] = []
    for part in _parts(toks, unresolved):
        tok = part[0]
        word = tok.text
        if len(part) != 1 or not tok.cap or word.isupper() or word in ORG_HEADS or word in TITLE_WORDS:
            continue
        if word.casefold() in COMMON_WORDS or word.casefold() in lower_words or word in people:
            continue
        i = index_of(toks, tok.start)
        if person_context(text, toks, i, i + 1):
            continue  # "... the Harrow Foundation, Anna, 24, and ...": a person's name, withheld if need be
        k = bisect_right(ends, tok.start)
        if k > 0 and PLACE_LIST_GAP.fullmatch(text, ends[k - 1], tok.start) is not None:
            out.append(Found("Organization", tok.start, tok.end, word, rule=ORG_LIST))
            insort(ends, tok.end)
    return out
