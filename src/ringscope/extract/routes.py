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
from collections import Counter
from dataclasses import dataclass

from ringscope.extract.document import Document
from ringscope.extract.numbers import find_amounts
from ringscope.extract.places import PlaceHit, supported
from ringscope.extract.route_cues import (
    AHEAD_CHARS,
    AHEAD_SENTENCES,
    BARE,
    BARE_NATIONALS,
    BREAKDOWN,
    COUNT_AFTER,
    COUNT_GAP,
    DEST_BEFORE,
    FOLLOW,
    FOLLOW_UP,
    FOLLOW_UP_BEFORE,
    FROM_COUNTRY,
    FROM_ORIGIN,
    HELD_BEFORE,
    HELD_STRONG,
    LIST_GAP,
    LIST_ITEM,
    NATIONALITY,
    NEAR,
    OF_GAP,
    OFFICIALS,
    ONWARD,
    OUT_FROM,
    OUT_OF,
    OWN,
    OWN_NATIONALS,
    PEOPLE_MODIFIERS,
    PEOPLE_NOUNS,
    SAME_PEOPLE,
    SINGULAR_PEOPLE,
    SITE_AFTER,
    STRONG_VICTIM_RE,
    SUSPECT_BEFORE,
    SUSPECT_NOUNS,
    SUSPECT_RE,
    TARGETS_AFTER,
    TARGETS_BEFORE,
    VICTIM_RE,
)
from ringscope.model import Entity, Route


@dataclass(slots=True)
class _Origin:
    country: str
    start: int
    end: int
    count: int | None
    rule: str
    stated: bool = False  # "came from X", "citizens of X": the text states where they are from


def _count_before(amounts: list[tuple[int, int, float]], text: str, pos: int) -> tuple[int, int] | None:
    """The figure just before ``pos`` ("42 Kenyans"): (start, value)."""
    for start, end, value in amounts:
        if end <= pos and pos - end <= 40:
            gap = COUNT_GAP.fullmatch(text, end, pos)
            if gap is not None and value == int(value):
                return start, int(value)
    return None


def _count_after_verb(amounts: list[tuple[int, int, float]], text: str, pos: int) -> tuple[int, int] | None:
    """A figure stated as "N were <nationality>" or "N came from <country>"."""
    for start, end, value in amounts:
        if end <= pos and pos - end <= 30 and value == int(value):
            if COUNT_AFTER.fullmatch(text, end, pos):
                return start, int(value)
    return None


def _is_people(text: str, hit: PlaceHit, end_limit: int, counted: bool = False) -> bool:
    """Does this nationality word name people (not "Thai police", "Cambodian authorities")?"""
    before = text[max(0, hit.start - 20) : hit.start]
    if TARGETS_AFTER.match(text, hit.end) or TARGETS_BEFORE.search(before):
        return False
    words = text[hit.end : min(end_limit, hit.end + 60)].split()
    nxt = [w.strip(",.;:”’\"'()").casefold() for w in words[:3]]
    first = nxt[0] if nxt else ""
    if first in SUSPECT_NOUNS:
        return False
    for word in nxt:
        if word in PEOPLE_NOUNS:
            return counted or word not in SINGULAR_PEOPLE
        if word not in PEOPLE_MODIFIERS:
            break
    if hit.kind != "demonym":
        return False
    if hit.text.endswith("s") and not hit.text.endswith("ss"):
        return True
    return counted or first in {"were", "are", "who", "have", "had", "was"}


def _origins(
    text: str, sentence: tuple[int, int], hits: list[PlaceHit], amounts: list[tuple[int, int, float]],
    home: str | None,
) -> list[_Origin]:
    s, e = sentence
    out: list[_Origin] = []
    previous_origin_end = -1
    for hit in hits:
        if hit.country is None:
            continue
        origin = False
        rule = NATIONALITY
        counted = (
            _count_before(amounts, text, hit.start) is not None
            or _count_after_verb(amounts, text, hit.start) is not None
        )
        if hit.kind == "demonym" or (hit.kind == "country" and _is_people(text, hit, e)):
            origin = _is_people(text, hit, e, counted)
            if origin and SUSPECT_BEFORE.search(text[max(s, hit.start - 40) : hit.start]):
                origin = False
        elif hit.kind == "country":
            before = text[max(s, hit.start - 40) : hit.start]
            wide = text[max(s, hit.start - 60) : hit.start]
            rule = FROM_COUNTRY
            if FROM_ORIGIN.search(before) and not OUT_OF.search(wide) and not OFFICIALS.search(wide):
                origin = True
            elif previous_origin_end >= 0 and LIST_GAP.match(text[previous_origin_end : hit.start]):
                origin, rule = True, BREAKDOWN
            elif previous_origin_end >= 0 and (listed := _count_after_verb(amounts, text, hit.start)):
                # a breakdown: "389 Ruritanians, 7 from Freedonia, 5 from Sylvania"
                origin, rule = LIST_GAP.match(text[previous_origin_end : listed[0]]) is not None, BREAKDOWN
        if not origin:
            continue
        count = _count_before(amounts, text, hit.start)
        if count is None:
            phrase_start = hit.start
            if hit.kind == "country":
                window = max(s, hit.start - 40)
                match = FROM_ORIGIN.search(text[window : hit.start])
                if match is not None:
                    phrase_start = window + match.start()
            count = _count_after_verb(amounts, text, phrase_start)
            count = count or _count_after_verb(amounts, text, hit.start)
        start = count[0] if count else hit.start
        out.append(
            _Origin(hit.country, start, hit.end, count[1] if count else None, rule, hit.kind == "country")
        )
        previous_origin_end = hit.end
    if home:
        for match in BARE_NATIONALS.finditer(text, s, e):
            if any(o.start <= match.start() <= o.end + 1 for o in out):
                continue
            count = _count_before(amounts, text, match.start())
            if count is not None:
                out.append(_Origin(home, count[0], match.end(), count[1], BARE))
        for match in OWN_NATIONALS.finditer(text, s, e):
            owners = [h.country for h in hits if h.kind == "country" and h.end <= match.start() and h.country]
            its = match.group(0).lower().startswith("its")
            owner = owners[-1] if owners and its else home  # "Ruritania's ministry said 14 of its citizens"
            count = _count_before(amounts, text, match.start())
            if count is None:
                at = match.start()
                of_counts = [(a, int(v)) for a, b, v in amounts if b < at and OF_GAP.fullmatch(text, b, at)]
                count = of_counts[-1] if of_counts else None
            start = count[0] if count else match.start()
            out.append(_Origin(owner, start, match.end(), count[1] if count else None, OWN))
    return out


def _destination(
    text: str, sentence: tuple[int, int], hits: list[PlaceHit], origin: _Origin, excluded: set[str],
    frequent: Counter[str], others: tuple[int, ...] = (),
) -> PlaceHit | None:
    """The place in the sentence where the victims were taken, held or rescued from."""
    s, _ = sentence
    best: tuple[tuple[int, int, int, int, int], PlaceHit] | None = None
    top = max(frequent.values(), default=0)
    for hit in hits:
        if hit.country is None:
            continue
        # "a Myanmar scam compound", "Cambodian scam centres": the seat of the scam sites
        site = SITE_AFTER.match(text, hit.end) is not None
        if hit.kind == "demonym" and not site:
            continue
        if origin.start <= hit.start < origin.end:
            continue
        if FROM_ORIGIN.search(text[max(s, hit.start - 40) : hit.start]) or _names_people(text, hit):
            continue
        framed = 0 if site or DEST_BEFORE.search(text[max(s, hit.start - 12) : hit.start]) else 1
        if hit.country in excluded:
            lead = text[max(s, hit.start - 4) : hit.start]
            home_scene = frequent[hit.country] >= top and lead.endswith("in ")
            if framed or not home_scene:
                continue
            framed = 2
        window = text[max(s, hit.start - 70) : hit.start]
        marked = 0 if site or HELD_STRONG.search(window) else 1 if HELD_BEFORE.search(window) else 2
        distance = abs(hit.start - origin.end) if hit.start >= origin.end else 2 * (origin.start - hit.end)
        if frequent[hit.country] * 2 < top and marked and distance > NEAR:
            framed = max(framed, 1)  # a far, seldom-named place is more likely a transit stop
        key = (framed, distance // 40, marked, -frequent[hit.country], distance)
        if best is None or key < best[0]:
            best = (key, hit)
    if best is not None and best[0][0] >= 1 and frequent.most_common(1)[0][0] not in excluded:
        return None  # weak evidence in the sentence: fall back on the report's main country
    if best is None:
        return None
    chosen = best[1]
    out_from = OUT_FROM.search(text, max(s, chosen.start - 70), chosen.start)
    if out_from and OUT_OF.search(text, s, chosen.start):
        return chosen  # "evacuated from X to Y": X is where they were held
    for hit in hits:  # "taken to X, then Y and Z": the last stop of the journey
        if hit.start <= chosen.start or hit.kind == "demonym" or hit.country is None:
            continue
        if hit.country in excluded or any(chosen.end <= o < hit.start for o in others):
            continue
        if ONWARD.fullmatch(text, chosen.end, hit.start):
            chosen = hit
    return chosen


def _sentence_places(places: list[PlaceHit], index: int, sentence: tuple[int, int]) -> list[PlaceHit]:
    """The places within a sentence (``index``: the first place that may lie in it)."""
    s, e = sentence
    hits = []
    for place in places[index : index + 400]:
        if place.start >= e:
            break
        if place.start >= s and place.end <= e:
            hits.append(place)
    return hits


def _destination_ahead(
    doc: Document, places: list[PlaceHit], index: int, number: int, origin: _Origin, excluded: set[str],
    frequent: Counter[str],
) -> PlaceHit | None:
    """Where the next sentence puts people a sentence only introduces ("- 400 Indonesians" in a list,
    then "These individuals were rescued from camps in Myanmar"): the next sentence (after any
    further list items) when it speaks of the same people ("These", "They", "The victims") as
    victims at a place."""
    text = doc.text
    for sentence in doc.sentences[number + 1 : number + 1 + AHEAD_SENTENCES]:
        s, e = sentence
        if s - origin.end > AHEAD_CHARS:
            break
        if LIST_ITEM.match(text, s, e):
            continue
        if not SAME_PEOPLE.match(text, s, e):
            return None
        while index < len(places) and places[index].end <= s:
            index += 1
        hits = [h for h in _sentence_places(places, index, sentence) if h.country and h.kind != "demonym"]
        if not hits:
            return None
        if STRONG_VICTIM_RE.search(text, s, e) is None or SUSPECT_RE.search(text, s, e) is not None:
            return None
        return _destination(text, sentence, hits, origin, excluded, frequent)
    return None


def _names_people(text: str, hit: PlaceHit) -> bool:
    """A country name used for its people ("United States citizens")."""
    following = text[hit.end : hit.end + 20].split()
    return bool(following) and following[0].strip(",.;:").casefold() in PEOPLE_NOUNS


def _home_country(places: list[PlaceHit], text: str) -> str | None:
    """The nationality the report is mostly about (its most frequent people-naming nationality word)."""
    counts = Counter(
        p.country for p in places if p.kind == "demonym" and p.country and _is_people(text, p, len(text))
    )
    return counts.most_common(1)[0][0] if counts else None




def _held_at(text: str, place: PlaceHit) -> bool:
    """Does the text put scam sites or held people at this place?"""
    if SITE_AFTER.match(text, place.end):
        return True
    before = text[max(0, place.start - 70) : place.start]
    return place.kind != "demonym" and HELD_BEFORE.search(before) is not None


def _main_destinations(text: str, places: list[PlaceHit]) -> Counter[str]:
    """How strongly the report puts victims in each country: mentions, and more where they are held."""
    scores: Counter[str] = Counter()
    for place in places:
        if not place.country:
            continue
        if place.kind == "demonym":
            if SITE_AFTER.match(text, place.end):
                scores[place.country] += 3
            continue
        scores[place.country] += 1
        if _held_at(text, place):
            scores[place.country] += 3
    return scores


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
            if FOLLOW_UP.match(text[end : end + 30]) or FOLLOW_UP_BEFORE.search(before):
                out.append((start, end, int(value)))
    return out


def extract_routes(doc: Document, places: list[PlaceHit], entities: list[Entity]) -> list[Route]:
    """Routes in text order; each (origin, destination, count) once per report."""
    text = doc.text
    places = supported(places)
    if not places:
        return []
    home = _home_country(places, text)
    frequent = _main_destinations(text, places)
    held = Counter(p.country for p in places if p.country and _held_at(text, p))
    routes: list[Route] = []
    seen: set[tuple[str, str, int | None]] = set()
    index = 0
    last: tuple[str, str] | None = None
    recent_victim = [False, False]
    fresh = False  # did the sentence before give a route?
    for number, sentence in enumerate(doc.sentences):
        s, e = sentence
        while index < len(places) and places[index].end <= s:
            index += 1
        hits = _sentence_places(places, index, sentence)

        victim = VICTIM_RE.search(text, s, e) is not None
        window_victim = victim or any(recent_victim)
        recent_victim = [recent_victim[1], victim]
        previous_routes = len(routes)
        carried = fresh
        if not window_victim:
            fresh = False
            last = None
            continue
        wanted = hits or carried or OWN_NATIONALS.search(text, s, e) or BARE_NATIONALS.search(text, s, e)
        local = _sentence_amounts(text, s, e) if wanted else []
        origins = _origins(text, sentence, hits, local, home)
        excluded = {o.country for o in origins}
        taken = {o.start for o in origins}
        for origin in origins:
            if _suspects(text, sentence, origin):
                continue
            others = tuple(o.start for o in origins if o is not origin)
            dest_hit = _destination(text, sentence, hits, origin, excluded, frequent, others)
            ahead = None
            if dest_hit is None:
                ahead = _destination_ahead(doc, places, index, number, origin, excluded, frequent)
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
                destination = _scene(origin.country, excluded, frequent, held)
                if destination is None:
                    continue
                start, end = origin.start, origin.end
            last = (origin.country, destination)
            _add(routes, seen, Route(origin.country, destination, text[start:end], start, end, origin.count,
                                     origin.rule))
        if last is not None and (carried or STRONG_VICTIM_RE.search(text, s, e)):
            taken |= {a for a, b, _ in local if any(o.start <= a and b <= o.end for o in origins)}
            for start, end, value in _follow_ups(text, sentence, local, taken):
                if _suspects(text, sentence, _Origin(last[0], start, end, value, FOLLOW)):
                    continue
                quote_end = min(e, end + 30)
                quote = text[start:quote_end].rstrip()
                _add(routes, seen, Route(last[0], last[1], quote, start, start + len(quote), value, FOLLOW))
        fresh = len(routes) > previous_routes
    counted = {(r.origin, r.destination) for r in routes if r.count is not None}
    return [r for r in routes if r.count is not None or (r.origin, r.destination) not in counted]


def _scene(origin: str, excluded: set[str], frequent: Counter[str], held: Counter[str]) -> str | None:
    """The country the report puts victims in, for people the sentence places nowhere.

    Another country than the people's own; a country whose own nationals are also in the sentence
    only when it clearly dominates the report (foreign workers found in a raid there beside its
    own nationals)."""
    ranked = sorted(frequent, key=lambda c: (-held[c], -frequent[c]))
    if not ranked:
        return None
    top = ranked[0]
    if top in excluded and top != origin:
        second = ranked[1] if len(ranked) > 1 else None
        if second is None or (held[top] > held[second] or frequent[top] >= 2 * frequent[second] > 0):
            return top
    return next((c for c in ranked if c not in excluded), None)


def _sentence_amounts(text: str, start: int, end: int) -> list[tuple[int, int, float]]:
    """Whole-number figures of one sentence, with spans in the report's text."""
    return [
        (start + a.start, start + a.end, a.low)
        for a in find_amounts(text[start:end])
        if a.currency is None and a.low == a.high
    ]


def _suspects(text: str, sentence: tuple[int, int], origin: _Origin) -> bool:
    """Are these people framed as suspects: a suspect word nearer to them than any victim word?"""
    s, e = sentence
    suspect = [m.start() for m in SUSPECT_RE.finditer(text, s, e)]
    if not suspect:
        return False
    victim = [m.start() for m in STRONG_VICTIM_RE.finditer(text, s, e)]
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
