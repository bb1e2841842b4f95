"""Route destinations: the place a sentence (or the next one) puts victims in, to or out of, and
the country a report mostly puts victims in."""

from __future__ import annotations

import re
from collections import Counter

from ringscope.extract.document import Document
from ringscope.extract.places import BIG_CITY, PlaceHit
from ringscope.extract.route_cues import (
    AHEAD_CHARS,
    AHEAD_SENTENCES,
    DEST_BEFORE,
    FROM_ORIGIN,
    HELD_BEFORE,
    HELD_IN_LIST,
    HELD_STRONG,
    LIST_ITEM,
    LURE_PLACE,
    NEAR,
    ONWARD,
    OUT_FROM,
    OUT_OF,
    PEOPLE_NOUNS,
    PLACE_LIST_END,
    PLACE_LIST_GAP,
    PLACE_LIST_LEAD,
    RAID,
    RELEASED,
    ROW_FIGURE,
    SAME_PEOPLE,
    SITE_AFTER,
    SPREAD_GAP,
    STRONG_VICTIM_RE,
    SUSPECT_RE,
    TRANSIT_BEFORE,
)
from ringscope.extract.route_origins import Origin


def find_destination(
    text: str, sentence: tuple[int, int], hits: list[PlaceHit], origin: Origin, excluded: set[str],
    frequent: Counter[str], others: tuple[int, ...] = (),
) -> PlaceHit | None:
    """The place in the sentence where the victims were taken, held or rescued from."""
    s, _ = sentence
    best: tuple[tuple[int, int, int, int, int, int], PlaceHit] | None = None
    top = max(frequent.values(), default=0)
    scored: list[tuple[tuple[int, int, int, int, int], PlaceHit, bool]] = []
    for hit in hits:
        if hit.country is None:
            continue
        # "a Myanmar scam compound", "Cambodian scam centres": the seat of the scam sites
        site = SITE_AFTER.match(text, hit.end) is not None
        if hit.kind == "demonym" and not site:
            continue
        lead = text[max(s, hit.start - 24) : hit.start]
        if ("via" in lead or "hrough" in lead or "ransit" in lead) and TRANSIT_BEFORE.search(lead):
            continue  # "evacuated from X through Y": Y is a stop on the way
        if origin.start <= hit.start < origin.end:
            continue
        if FROM_ORIGIN.search(text[max(s, hit.start - 40) : hit.start]) or _names_people(text, hit):
            continue
        framed = 0 if site or DEST_BEFORE.search(text[max(s, hit.start - 12) : hit.start]) else 1
        if framed and len(listed_with(text, hits, hit)) > 1:
            framed = 0  # "in countries including A, B and C"
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
        lure = LURE_PLACE.search(text, max(s, hit.start - 50), hit.start) is not None
        scored.append(((framed, distance // 40, marked, -frequent[hit.country], distance), hit, lure))
    # "offers of jobs in X after 14 were found trapped in Y": the lure's place gives way to a place the
    # people are held in (alone, the lure's place is often where they ended up)
    def own_group(h: PlaceHit) -> bool:  # no other group named between the people and the place
        lo, hi = min(origin.end, h.start), max(origin.end, h.start)
        return not any(lo <= o < hi for o in others)

    held = any(key[2] == 0 and not lure and own_group(h) for key, h, lure in scored)
    for key, hit, lure in scored:
        ranked = (key[0], int(lure and held), *key[1:])
        if best is None or ranked < best[0]:
            best = (ranked, hit)
    main = frequent.most_common(1)
    if best is not None and best[0][0] >= 1 and (not main or main[0][0] not in excluded):
        return None  # weak evidence in the sentence: fall back on the report's main country
    if best is None:
        return None
    chosen = best[1]
    out_from = OUT_FROM.search(text, max(s, chosen.start - 70), chosen.start)
    if out_from and OUT_OF.search(text, s, chosen.start):
        return chosen  # "evacuated from X to Y": X is where they were held
    if len(listed_with(text, hits, chosen)) > 1:
        return chosen  # "in A, B and C": a list of places, not a journey
    for hit in hits:  # "taken to X, then Y and Z": the last stop of the journey
        if hit.start <= chosen.start or hit.kind == "demonym" or hit.country is None:
            continue
        if hit.country in excluded or any(chosen.end <= o < hit.start for o in others):
            continue
        if RELEASED.search(text, chosen.end, hit.start):
            break  # "trapped in X, freed and taken to Y": Y is where they went after
        if ONWARD.fullmatch(text, chosen.end, hit.start):
            chosen = hit
    return chosen


_AND_ONLY = re.compile(r"\s*,?\s+and\s+(?:the\s+)?")


def listed_with(text: str, hits: list[PlaceHit], chosen: PlaceHit) -> list[PlaceHit]:
    """The countries listed together with ``chosen`` ("in Cambodia, Myanmar and Laos", "countries
    including A, B and C"), itself included; just ``chosen`` unless the list closes with "and" / "or"
    and follows "in", "including", "such as" or "across" (not "to": a journey), with three or more
    members ("A and B" is as often a border or a journey)."""
    countries = [h for h in hits if h.kind == "country" and h.country]
    if chosen not in countries:
        return [chosen]
    at = countries.index(chosen)
    lo = hi = at
    while lo > 0 and PLACE_LIST_GAP.fullmatch(text, countries[lo - 1].end, countries[lo].start):
        lo -= 1
    while hi + 1 < len(countries) and PLACE_LIST_GAP.fullmatch(
        text, countries[hi].end, countries[hi + 1].start
    ):
        hi += 1
    members = countries[lo : hi + 1]
    held_in = HELD_IN_LIST.search(text, max(0, members[0].start - 40), members[0].start) is not None
    if not held_in and not PLACE_LIST_LEAD.search(text, max(0, members[0].start - 30), members[0].start):
        return [chosen]  # "diverted to A and B": a journey, its last stop counts
    closes = any(
        PLACE_LIST_END.fullmatch(text, a.end, b.start) for a, b in zip(members, members[1:], strict=False)
    )
    both = held_in and len(members) == 2 and _AND_ONLY.fullmatch(text, members[0].end, members[1].start)
    return members if (len(members) > 2 or both) and closes else [chosen]  # "held in A or B": either


def spread_over(
    text: str, amounts: list[tuple[int, int, float]], hits: list[PlaceHit]
) -> list[tuple[int, int, int, PlaceHit]]:
    """Figures of one group spread over several countries ("nine in Laos, three in Myanmar and five in
    Thailand"): (start, end, value, country) for each, when two or more are listed together."""
    starts = {h.start: h for h in hits if h.kind == "country" and h.country}
    items = []
    for start, end, value in amounts:
        gap = SPREAD_GAP.match(text, end)
        place = starts.get(gap.end()) if gap else None
        if place is not None and value == int(value) and value > 0:
            items.append((start, place.end, int(value), place))
    linked = [
        PLACE_LIST_GAP.fullmatch(text, first[1], second[0]) is not None
        for first, second in zip(items, items[1:], strict=False)
    ]
    listed = [
        item for k, item in enumerate(items) if (k > 0 and linked[k - 1]) or (k < len(linked) and linked[k])
    ]
    return listed if len(listed) > 1 else []


def sentence_places(places: list[PlaceHit], index: int, sentence: tuple[int, int]) -> list[PlaceHit]:
    """The places within a sentence (``index``: the first place that may lie in it)."""
    s, e = sentence
    hits = []
    for place in places[index : index + 400]:
        if place.start >= e:
            break
        if place.start >= s and place.end <= e:
            hits.append(place)
    return hits


def destination_ahead(
    doc: Document, places: list[PlaceHit], index: int, number: int, origin: Origin, excluded: set[str],
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
        hits = [h for h in sentence_places(places, index, sentence) if h.country and h.kind != "demonym"]
        if not hits:
            return None
        if STRONG_VICTIM_RE.search(text, s, e) is None or SUSPECT_RE.search(text, s, e) is not None:
            return None
        return find_destination(text, sentence, hits, origin, excluded, frequent)
    return None


def _names_people(text: str, hit: PlaceHit) -> bool:
    """A country name used for its people ("United States citizens")."""
    following = text[hit.end : hit.end + 20].split()
    return bool(following) and following[0].strip(",.;:").casefold() in PEOPLE_NOUNS


def held_at(text: str, place: PlaceHit) -> bool:
    """Does the text put scam sites or held people at this place?"""
    if SITE_AFTER.match(text, place.end):
        return True
    before = text[max(0, place.start - 70) : place.start]
    return place.kind != "demonym" and HELD_BEFORE.search(before) is not None


def main_destinations(text: str, places: list[PlaceHit]) -> tuple[Counter[str], Counter[str]]:
    """How strongly the report puts victims in each country (mentions, and more where they are
    held), and how often it puts scam sites or held people there."""
    scores: Counter[str] = Counter()
    held: Counter[str] = Counter()
    for place in places:
        if not place.country:
            continue
        if place.kind == "demonym":
            if SITE_AFTER.match(text, place.end):
                scores[place.country] += 3
                held[place.country] += 1
            continue
        at = held_at(text, place)
        held[place.country] += at
        if ROW_FIGURE.match(text, place.end):
            continue  # "China - 120 people": a row of where people came from
        scores[place.country] += 1 + 3 * at
    return scores, held


def scene(
    origin: str, excluded: set[str], frequent: Counter[str], held: Counter[str], text: str = "",
    sentence: tuple[int, int] = (0, 0),
) -> str | None:
    """The country the report puts victims in, for people the sentence places nowhere.

    Another country than the people's own; a country whose own nationals are also in the sentence
    only when it clearly dominates the report (foreign workers found in a raid there beside its
    own nationals)."""
    ranked = sorted(frequent, key=lambda c: (-held[c], -frequent[c]))
    if not ranked:
        return None
    top = ranked[0]
    if top == origin and RAID.search(text, *sentence):
        # workers found in a raid at home ("1,210 Filipinos and 640 foreigners were freed in
        # the raid"), in a report about that country alone
        if all(held[c] == 0 and frequent[c] * 3 <= frequent[top] for c in ranked[1:]):
            return top
    if top in excluded and top != origin:
        second = ranked[1] if len(ranked) > 1 else None
        if second is None or (held[top] > held[second] or frequent[top] >= 2 * frequent[second] > 0):
            return top
    return next((c for c in ranked if c not in excluded), None)


def supported(hits: list[PlaceHit]) -> list[PlaceHit]:
    """The places without small towns of a country the text never names otherwise: for weighing
    which countries a report is about, a town of that name elsewhere ("Sun Valley" in a report that
    never speaks of the United States) is a likelier reading than a country the report ignores.
    (Entities keep the town: it is still a place name.)"""
    named = {h.country for h in hits if h.kind in {"country", "demonym", "region"} and h.country}
    if not named:
        return hits
    return [h for h in hits if h.kind != "city" or h.country in named or h.population >= BIG_CITY]
