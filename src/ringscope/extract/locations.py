"""Where a claim applies: the country of the place nearest its figure, by simple rules.

"in X" and "from X" beat a bare mention; the place a speaker stands in ("police in X said")
and the country people are flown "to" count for less; a nationality word names a place only
before an institution ("X police") or, for losses, the targets ("X investors"). Without a place
nearby, the sentences before are tried, then the country the report mostly speaks of.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ringscope.extract.document import Document
from ringscope.extract.places import PlaceHit
from ringscope.model import Claim

WINDOW = 300
"""Places farther than twice this from a figure are not looked at."""

_PLACE_PREP = re.compile(r"\b(?:in|from|at|into|inside|to|across|of|near|within|out\s+of)\s+(?:the\s+)?$",
                         re.IGNORECASE)
_INSTITUTION_AFTER = re.compile(
    r"^\s+(?:authorities|police|army|military|junta|courts?|"
    r"(?:online\s+)?scam|compounds?|centres?|centers?|camps?|border|province|capital|soil|territory)\b",
    re.IGNORECASE,
)
_SPEECH = re.compile(r"\b(?:said|says|told|announced|stated|according\s+to)\b")
_TARGETS_AFTER = re.compile(r"^\s+(?:victims|investors|consumers|citizens|residents|savers|people)\b")
_LEAVING = frozenset({"victims_rescued", "deported"})
_ONWARD = re.compile(r"\s+(?:to|into)\s+(?:the\s+|a\s+)?(?:[a-z-]+\s+){0,3}?[A-Z]")
_HELD_OR_FREED = frozenset({"victims_rescued", "people_trafficked"})
_ROW_LABEL = re.compile(r"(?:[ \t]*[-–—:|(\t]|[ \t]{2})[ \t|(]*\d")
"""After a row's label, its figure ("Kenya - 45", "Kenya (30 men and 15 women)", "| Kenya | 45 |")."""
_NATIONALITY_AFTER = re.compile(r"^\s+(?:citizens?|nationals?|passport)\b", re.IGNORECASE)


def _place_score(text: str, p: PlaceHit, a_start: int, a_end: int, breaks: list[int],
                 measure: str = "") -> float | None:
    if not p.country or p.kind == "continent":
        return None
    if p.kind == "demonym":
        after = text[p.end : p.end + 30]
        if _INSTITUTION_AFTER.match(after):
            score = 40.0
        elif measure in ("fraud_losses", "scam_victims") and _TARGETS_AFTER.match(after):
            score = 10.0  # "losses among Ruritanian investors": where the targets live
        else:
            return None
    elif _NATIONALITY_AFTER.match(text[p.end : p.end + 12]) or text[p.end : p.end + 1].isalpha():
        return None  # "Ruritania nationals", or a name inside a longer word
    else:
        prep = _PLACE_PREP.search(text[max(0, p.start - 12) : p.start])
        score = 0.0 if prep else 60.0
        if prep and measure in _LEAVING and re.match(r"(?:in)?to\b", prep.group(0).lower()):
            score = 60.0  # people rescued or sent "to" a country left another one
        elif prep and measure == "people_trafficked" and prep.group(0).lower().startswith("from") and (
            _ONWARD.match(text, p.end)
        ):
            score = 60.0  # people trafficked "from A to B" are held in B
    if measure in _HELD_OR_FREED and _ROW_LABEL.match(text, p.end):
        return None  # "Kenya - 45", "| Kenya | 45 |": a row names where its people came from
    gap = p.start - a_end if p.start >= a_end else a_start - p.end
    lo, hi = (a_end, p.start) if p.start >= a_end else (p.end, a_start)
    if _SPEECH.search(text, lo, hi):
        score += 60  # "Police in X said 40 were rescued in Y": X is where the speaker is
    return score + max(gap, 0) + 50 * sum(1 for b in breaks if lo <= b < hi)


def locate(
    doc: Document, places: list[PlaceHit], a_start: int, a_end: int, breaks: list[int], measure: str = "",
    starts: list[int] | None = None,
) -> str | None:
    """The country a figure applies to: the nearest place of its sentence, else of the sentences before."""
    text = doc.text
    s_start, s_end = doc.sentence_at(a_start)
    window_start = doc.sentence_at(max(0, s_start - 1))[0] if s_start > 0 else s_start
    window_start = doc.sentence_at(max(0, window_start - 1))[0] if window_start > 0 else window_start
    window_start, s_end = max(window_start, a_start - 2 * WINDOW), min(s_end, a_end + 2 * WINDOW)
    if starts is None:
        starts = [p.start for p in places]
    in_sentence = places[bisect_left(starts, s_start) : bisect_left(starts, s_end)]
    if _GLOBAL.search(text, s_start, s_end) or _listed_countries(text, in_sentence, a_end):
        return None  # a global figure, or one spread over several countries
    # the sentence first; the sentences before only when it has no place near enough
    best = _best(text, in_sentence, a_start, a_end, breaks, measure, s_start, 0.0)
    if best is not None and best[0] < _EARLIER:
        return best[1]
    earlier = places[bisect_left(starts, window_start - 60) : bisect_left(starts, s_start)]
    earlier = [p for p in earlier if p.end > window_start]
    before = _best(text, earlier, a_start, a_end, [], measure, -1, _EARLIER)
    if before is not None and (best is None or before[0] < best[0]):
        best = before
    return best[1] if best else None


_GLOBAL = re.compile(
    r"\b(?:worldwide|globally|around\s+the\s+(?:world|globe)|across\s+the\s+(?:world|globe))\b", re.IGNORECASE
)
_LIST_JOIN = re.compile(r"\s*(?:,|and|or|,\s*and|,\s*or)\s*")
_LIST_END = re.compile(r"\s*,?\s*(?:and|or)\s+")


def _listed_countries(text: str, places: list[PlaceHit], a_end: int) -> bool:
    """Whether a list of two or more countries follows the figure closely ("in A, B and C")."""
    listed = [p for p in places if a_end <= p.start < a_end + 90 and p.kind == "country" and p.country]
    for first, second in zip(listed, listed[1:], strict=False):
        if first.country == second.country or not _LIST_JOIN.fullmatch(text, first.end, second.start):
            continue
        if _LIST_END.fullmatch(text, first.end, second.start):
            return True  # "... A and B", "A, B, or C"
    return False


_EARLIER = 150.0
"""What a place in an earlier sentence counts as farther than one in the figure's own sentence."""


def _best(text: str, candidates: list[PlaceHit], a_start: int, a_end: int, breaks: list[int], measure: str,
          s_start: int, extra: float) -> tuple[float, str] | None:
    best: tuple[float, str] | None = None
    for p in candidates:
        if p.start < s_start:
            continue
        score = _place_score(text, p, a_start, a_end, breaks, measure)
        if score is not None and (best is None or score + extra < best[0]):
            best = (score + extra, p.country or "")
    return best


def main_country(text: str, places: list[PlaceHit]) -> str | None:
    """The country a report mostly speaks of (named at least twice, more often than any other)."""
    counts: dict[str, float] = {}
    for p in places:
        if not p.country or p.kind == "continent" or _NATIONALITY_AFTER.match(text[p.end : p.end + 12]):
            continue
        counts[p.country] = counts.get(p.country, 0) + (0.5 if p.kind == "demonym" else 1.0)
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def pair_respectively(doc: Document, places: list[PlaceHit], claims: list[Claim]) -> None:
    """Pair figures and places in order in "100 and 120 people in A and B, respectively"."""
    text = doc.text
    for s_start, s_end in doc.sentences:
        if "respectively" not in text[s_start:s_end]:
            continue
        own = [c for c in claims if s_start <= c.start < s_end]
        if len(own) < 2:
            continue
        last = max(c.start for c in own)
        countries = [
            p.country for p in places if last < p.start < s_end and p.country and p.kind != "demonym"
        ]
        if len(countries) == len(own):
            for claim, country in zip(sorted(own, key=lambda c: c.start), countries, strict=True):
                claim.location = country
