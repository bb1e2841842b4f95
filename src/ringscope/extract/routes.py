"""Trafficking routes: victims of one nationality trafficked to, held in or rescued from a country.

Per sentence that speaks of victims (trafficked, held, rescued, repatriated, lured ...):
origins are nationality words naming people ("42 Kenyans", "Indian nationals"),
"citizens of X", "victims from X, Y and Z", "N were from X", or "its citizens"
(the country the sentence is about); the destination is the country of a place
the sentence puts them in, to or out of, else the country the report is mostly
about. People framed only as suspects give no route.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from operator import attrgetter

from ringscope.extract import claim_tables
from ringscope.extract.document import Document
from ringscope.extract.numbers import Amount, find_amounts
from ringscope.extract.places import PlaceHit
from ringscope.extract.route_cues import (
    AHEAD_SENTENCES,
    BARE_NATIONALS_CF,
    BREAKDOWN_OPENER,
    FOLLOW,
    FOLLOW_UP,
    FOLLOW_UP_BEFORE,
    LARGER_GROUP_BEFORE,
    LIST_ITEM,
    LISTED,
    NEAR,
    OWN_NATIONALS_CF,
    SAME_PEOPLE,
    SEX_OR_AGE_PART,
    SPREAD,
    STRONG_VICTIM_CF,
    SUSPECT_CF,
    VICTIM_CF,
)
from ringscope.extract.route_origins import Origin, find_origins, home_country
from ringscope.extract.route_places import (
    destination_ahead,
    find_destination,
    listed_with,
    main_destinations,
    scene,
    sentence_places,
    spread_over,
    supported,
)
from ringscope.model import Entity, Route


def _follow_ups(
    text: str, sentence: tuple[int, int], amounts: list[tuple[int, int, float]], taken: set[int]
) -> list[tuple[int, int, int]]:
    """Figures counting the people of the sentence before ("41 of them arrived", "the remaining 16")."""
    s, e = sentence
    out = []
    for start, end, value in amounts:
        if s <= start and end <= e and start not in taken and value == int(value) and value > 1:
            before = text[max(s, start - 16) : start]
            if re.match(r"\s+(?:foreign|other\s+nationalit)", text[end : end + 20]):
                continue
            if SEX_OR_AGE_PART.match(text, end):
                continue  # "19 are women and two are under 18": parts of the group already routed
            if LARGER_GROUP_BEFORE.search(text, max(s, start - 30), start):
                continue  # "The men were among 260 people": a larger group the people were part of
            if FOLLOW_UP.match(text[end : end + 30]) or FOLLOW_UP_BEFORE.search(before):
                out.append((start, end, int(value)))
    return out


def extract_routes(
    doc: Document, places: list[PlaceHit], entities: list[Entity], amounts: list[Amount] | None = None
) -> list[Route]:
    """Routes in text order; each (origin, destination, count) once per report. ``amounts`` may pass
    the figures of the whole text (:func:`find_amounts`, as claims read them); else they are read here."""
    text = doc.text
    places = supported(places)
    if not places:
        return []
    if amounts is None:
        amounts = find_amounts(text)
    folded = doc.folded
    home = home_country(places, text)
    frequent, held = main_destinations(text, places)
    routes: list[Route] = []
    seen: set[tuple[str, str, int | None]] = set()
    index = 0
    last: tuple[str, str] | None = None
    recent_victim = [False, False]
    fresh = False  # did the sentence before give a route?
    several = False  # did the latest sentence that gave routes give them for several nationalities?
    in_list = False  # inside a framed list ("The victims came from:\n- ...")
    for number, sentence in enumerate(doc.sentences):
        s, e = sentence
        while index < len(places) and places[index].end <= s:
            index += 1
        hits = sentence_places(places, index, sentence)

        victim = VICTIM_CF.search(text, folded, s, e) is not None
        item = LIST_ITEM.match(text, s, e) is not None or claim_tables.is_row(text, s, e)
        window_victim = victim or any(recent_victim) or (item and in_list)
        window_victim = window_victim or (bool(hits) and _framed_next(doc, number))
        in_list = window_victim and (item or text[s:e].rstrip().endswith(":"))  # items share their frame
        recent_victim = [recent_victim[1], victim]
        previous_routes = len(routes)
        carried = fresh
        if not window_victim:
            fresh = False
            last = None
            continue
        wanted = (hits or carried or OWN_NATIONALS_CF.search(text, folded, s, e)
                  or BARE_NATIONALS_CF.search(text, folded, s, e))
        local = _sentence_amounts(amounts, s, e) if wanted else []
        origins = find_origins(text, sentence, hits, local, home, folded)
        excluded = {o.country for o in origins}
        taken = {o.start for o in origins}
        # "... detaining 3,075 foreigners. Among them were 1,028 Chinese ...": a breakdown of suspects
        of_suspects = bool(origins) and number > 0 and _breakdown_of_suspects(doc, number)
        for origin in origins:
            if of_suspects or _suspects(text, folded, sentence, origin):
                continue
            others = tuple(o.start for o in origins if o is not origin)
            dest_hit = find_destination(text, sentence, hits, origin, excluded, frequent, others)
            ahead = None
            if dest_hit is None:
                ahead = destination_ahead(doc, places, index, number, origin, excluded, frequent)
            destination: str | None
            if dest_hit is not None and dest_hit.country is not None:
                destination = dest_hit.country
                start, end = min(origin.start, dest_hit.start), max(origin.end, dest_hit.end)
            elif ahead is not None and ahead.country is not None:
                destination = ahead.country
                start, end = origin.start, origin.end
            elif origin.count is None and not origin.stated:
                continue  # an uncounted nationality with no place in the sentence is too vague
            else:
                destination = scene(origin.country, excluded, frequent, held, text, sentence)
                if destination is None:
                    continue
                start, end = origin.start, origin.end
            if dest_hit is not None:
                listed = [h for h in listed_with(text, hits, dest_hit) if h.country not in excluded]
                if len(listed) > 1:  # "forced to work in A, B and C": one route to each, uncounted
                    for place in listed:
                        assert place.country is not None
                        quote_start, quote_end = min(origin.start, place.start), max(origin.end, place.end)
                        _add(routes, seen, Route(origin.country, place.country, text[quote_start:quote_end],
                                                 quote_start, quote_end, None, LISTED))
                    last = (origin.country, destination)
                    continue
            last = (origin.country, destination)
            _add(routes, seen, Route(origin.country, destination, text[start:end], start, end, origin.count,
                                     origin.rule))
        owner = origins[0].country if len({o.country for o in origins}) == 1 else last[0] if last else None
        spread = spread_over(text, local, hits) if owner is not None and len(local) > 1 else []
        if spread and not SUSPECT_CF.search(text, folded, s, e):
            assert owner is not None
            for start, end, value, place in spread:
                # "still held: nine in Laos, three in Myanmar and five in Thailand"
                assert place.country is not None
                taken.add(start)
                _add(routes, seen, Route(owner, place.country, text[start:end], start, end, value, SPREAD))
        mixed = len({o.country for o in origins}) > 1  # a figure beside several nationalities is their total
        # "... 50 Vietnamese and 13 Malaysians. Of the 263, 15 were ...": a part of people of several
        # nationalities is none of them
        if last is not None and not mixed and not several and (
            carried or STRONG_VICTIM_CF.search(text, folded, s, e)
        ):
            taken |= {a for a, b, _ in local if any(o.start <= a and b <= o.end for o in origins)}
            for start, end, value in _follow_ups(text, sentence, local, taken):
                if _suspects(text, folded, sentence, Origin(last[0], start, end, value, FOLLOW)):
                    continue
                quote_end = min(e, end + 30)
                quote = text[start:quote_end].rstrip()
                _add(routes, seen, Route(last[0], last[1], quote, start, start + len(quote), value, FOLLOW))
        fresh = len(routes) > previous_routes
        if fresh:
            several = len({r.origin for r in routes[previous_routes:] if r.count is not None}) > 1
    counted = {(r.origin, r.destination) for r in routes if r.count is not None}
    return [r for r in routes if r.count is not None or (r.origin, r.destination) not in counted]


def _breakdown_of_suspects(doc: Document, number: int) -> bool:
    """Does sentence ``number`` open a breakdown ("Among them were ...", "They included ...") of people the
    sentence before frames as suspects only (a suspect word, no strong victim word)?"""
    text, folded = doc.text, doc.folded
    s, e = doc.sentences[number]
    if not BREAKDOWN_OPENER.match(text, s, e):
        return False
    ps, pe = doc.sentences[number - 1]
    suspects = SUSPECT_CF.search(text, folded, ps, pe) is not None
    return suspects and not STRONG_VICTIM_CF.search(text, folded, ps, pe)


def _framed_next(doc: Document, number: int) -> bool:
    """Does the next sentence (after any further list items) speak again of the people of this one
    as victims ("A group of 30 men landed on Friday. The group had been trafficked to ...")?"""
    text = doc.text
    for s, e in doc.sentences[number + 1 : number + 1 + AHEAD_SENTENCES]:
        if LIST_ITEM.match(text, s, e):
            continue
        same = SAME_PEOPLE.match(text, s, e) is not None
        return same and STRONG_VICTIM_CF.search(text, doc.folded, s, e) is not None
    return False


def _sentence_amounts(amounts: list[Amount], start: int, end: int) -> list[tuple[int, int, float]]:
    """Whole-number figures of one sentence: those of the whole text's figures (``amounts``, in text
    order) that lie in it, with their spans."""
    first = bisect_left(amounts, start, key=attrgetter("start"))
    out: list[tuple[int, int, float]] = []
    for a in amounts[first:]:
        if a.start >= end:
            break
        if a.end <= end and a.currency is None and a.low == a.high:
            out.append((a.start, a.end, a.low))
    return out


def _suspects(text: str, folded: str | None, sentence: tuple[int, int], origin: Origin) -> bool:
    """Are these people framed as suspects: a suspect word nearer to them than any victim word?"""
    s, e = sentence
    suspect = [m.start() for m in SUSPECT_CF.finditer(text, folded, s, e)]
    if not suspect:
        return False
    victim = [m.start() for m in STRONG_VICTIM_CF.finditer(text, folded, s, e)]
    if not victim:
        return True

    def distance(pos: int) -> int:
        return 0 if origin.start <= pos < origin.end else min(abs(pos - origin.start), abs(pos - origin.end))

    nearest_suspect = min(map(distance, suspect))
    return nearest_suspect <= NEAR and nearest_suspect < min(map(distance, victim))


def _add(routes: list[Route], seen: set[tuple[str, str, int | None]], route: Route) -> None:
    key = (route.origin, route.destination, route.count)
    if key not in seen:
        seen.add(key)
        routes.append(route)
