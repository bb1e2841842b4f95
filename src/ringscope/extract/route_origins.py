"""Route origins: the people a victim sentence names, by nationality, country of origin or as a
country's own citizens, with the figure that counts them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ringscope.extract.places import PlaceHit
from ringscope.extract.route_cues import (
    BARE,
    BARE_NATIONALS_CF,
    BREAKDOWN,
    BROUGHT_HOME,
    COUNT_AFTER,
    COUNT_GAP,
    FROM_COUNTRY,
    FROM_ORIGIN,
    HOME_RETURN_AFTER,
    LIST_GAP,
    NATIONALITY,
    NATIONALITY_PAIR,
    NOT_TRAFFICKED_BEFORE,
    OF_GAP,
    OFFICIALS,
    OUT_OF,
    OWN,
    OWN_NATIONALS_CF,
    PEOPLE_AFTER_COUNT,
    PEOPLE_APPOSITION,
    PEOPLE_MODIFIERS,
    PEOPLE_NOUNS,
    ROW,
    ROW_AFTER,
    ROW_AND,
    ROW_GAP,
    ROW_GOES_ON,
    ROW_INTRO,
    ROW_LEAD,
    ROW_PEOPLE,
    SINGULAR_PEOPLE,
    SITE_AFTER,
    SUBJECT_LEAD,
    SUSPECT_BEFORE,
    SUSPECT_NOUNS,
    TARGETS_AFTER,
    TARGETS_BEFORE,
)


@dataclass(slots=True)
class Origin:
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


def count_after_verb(amounts: list[tuple[int, int, float]], text: str, pos: int) -> tuple[int, int] | None:
    """A figure stated as "N were <nationality>" or "N came from <country>"."""
    for start, end, value in amounts:
        if end <= pos and pos - end <= 30 and value == int(value):
            if COUNT_AFTER.fullmatch(text, end, pos):
                return start, int(value)
    return None


def is_people(text: str, hit: PlaceHit, end_limit: int, counted: bool = False) -> bool:
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
    pair = NATIONALITY_PAIR.match(text, hit.end, end_limit)
    if pair is not None and pair.group(1).casefold() in PEOPLE_NOUNS:
        return True  # "Chinese and Vietnamese nationals"
    if hit.kind != "demonym":
        return False
    if hit.text.endswith("s") and not hit.text.endswith("ss"):
        return True
    lead = max(0, hit.start - 80)
    if "," in text[lead : hit.start] and PEOPLE_APPOSITION.search(text, lead, hit.start):
        return True  # "The victims, mostly Vietnamese and Indonesian, were held in ..."
    return counted or first in {"were", "are", "who", "have", "had", "was"}


def find_origins(
    text: str, sentence: tuple[int, int], hits: list[PlaceHit], amounts: list[tuple[int, int, float]],
    home: str | None, folded: str | None = None,
) -> list[Origin]:
    """The origins of the people of one sentence (``folded``: the text as casefold.fold_case gives it)."""
    s, e = sentence
    out: list[Origin] = []
    previous_origin_end = -1
    for hit in hits:
        if hit.country is None:
            continue
        origin = False
        rule = NATIONALITY
        counted = (
            _count_before(amounts, text, hit.start) is not None
            or count_after_verb(amounts, text, hit.start) is not None
        )
        after = text[hit.end : hit.end + 24].lstrip(" \t")[:1]  # "Kenya        45": an aligned column
        row = None
        if after and (after in ROW_MARKS or after.isdigit()) and hit.kind in {"country", "demonym"}:
            row = row_count(amounts, text, hit.end, e)
        if row is not None and (
            hit.kind == "demonym"
            or _opens_row(text, s, hit.start)
            or (previous_origin_end >= 0 and ROW_GAP.fullmatch(text, previous_origin_end, hit.start))
            or (hit.kind == "country" and FROM_ORIGIN.search(text[max(s, hit.start - 40) : hit.start]))
        ):
            # a table row or listed breakdown: "Indonesia - 45 people", "Nepal (12 men and 3 women)"
            out.append(Origin(hit.country, hit.start, row[0], row[1], ROW, True))
            previous_origin_end = row[0]
            continue
        if hit.kind == "demonym" or (hit.kind == "country" and is_people(text, hit, e)):
            origin = is_people(text, hit, e, counted)
            lead = text[max(s, hit.start - 40) : hit.start]
            if origin and (SUSPECT_BEFORE.search(lead) or NOT_TRAFFICKED_BEFORE.search(lead)):
                origin = False
        elif hit.kind == "country":
            before = text[max(s, hit.start - 40) : hit.start]
            wide = text[max(s, hit.start - 60) : hit.start]
            rule = FROM_COUNTRY
            seat = SITE_AFTER.match(text, hit.end) is not None  # "nationals from Laos scam centres"
            if FROM_ORIGIN.search(before) and not (seat or OUT_OF.search(wide) or OFFICIALS.search(wide)):
                origin = True
            elif previous_origin_end >= 0 and LIST_GAP.match(text[previous_origin_end : hit.start]):
                origin, rule = True, BREAKDOWN
            elif previous_origin_end >= 0 and (listed := count_after_verb(amounts, text, hit.start)):
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
            count = count_after_verb(amounts, text, phrase_start)
            count = count or count_after_verb(amounts, text, hit.start)
        start = count[0] if count else hit.start
        out.append(
            Origin(hit.country, start, hit.end, count[1] if count else None, rule, hit.kind == "country")
        )
        previous_origin_end = hit.end
    if home is None and not any(h.kind == "country" for h in hits):
        return out  # no nationality to give "N citizens" or "its nationals"
    for match in BARE_NATIONALS_CF.finditer(text, folded, s, e):
        if any(o.start <= match.start() <= o.end + 1 for o in out):
            continue
        owner = _speaker(text, s, hits, match.start()) or home  # "Ethiopia repatriated 41 citizens"
        count = _count_before(amounts, text, match.start())
        if count is not None and owner is not None:
            out.append(Origin(owner, count[0], match.end(), count[1], BARE))
    for match in OWN_NATIONALS_CF.finditer(text, folded, s, e):
        owners = [h.country for h in hits if h.kind == "country" and h.end <= match.start() and h.country]
        its = match.group(0).lower().startswith("its")
        # "Ruritania's ministry said 14 of its citizens"
        owner = owners[-1] if owners and its else home or _speaker(text, s, hits, match.start())
        if owner is None:
            continue
        count = _count_before(amounts, text, match.start())
        if count is None:
            at = match.start()
            of_counts = [(a, int(v)) for a, b, v in amounts if b < at and OF_GAP.fullmatch(text, b, at)]
            count = of_counts[-1] if of_counts else None
        start = count[0] if count else match.start()
        out.append(Origin(owner, start, match.end(), count[1] if count else None, OWN))
    if not out:
        out.extend(_brought_home(text, s, e, hits, amounts))
    return out


def _brought_home(
    text: str, s: int, e: int, hits: list[PlaceHit], amounts: list[tuple[int, int, float]]
) -> list[Origin]:
    """"Peru brings home 40 victims from Chile": people a country is the subject of bringing home are
    its own nationals."""
    first = next((h for h in hits if h.kind == "country" and h.country), None)
    if first is None or not SUBJECT_LEAD.fullmatch(text, s, first.start):
        return []
    verb = HOME_RETURN_AFTER.match(text, first.end, e)
    if verb is None or first.country is None:
        return []
    counted = next(((a, b, v) for a, b, v in amounts if verb.end() <= a < verb.end() + 30), None)
    if counted is None or not PEOPLE_AFTER_COUNT.match(text, counted[1], e):
        return []
    return [Origin(first.country, counted[0], counted[1], int(counted[2]), BROUGHT_HOME)]


def _speaker(text: str, sentence_start: int, hits: list[PlaceHit], pos: int) -> str | None:
    """The country a sentence opens with as its subject ("Ethiopia repatriated ...", "The Government
    of Kenya said ..."), when it names no place the people were in ("in X", "from X")."""
    first = next((h for h in hits if h.kind == "country" and h.country and h.end <= pos), None)
    if first is None or not SUBJECT_LEAD.fullmatch(text, sentence_start, first.start):
        return None
    return first.country


ROW_MARKS = frozenset("-–—:|(")


def row_count(
    amounts: list[tuple[int, int, float]], text: str, pos: int, limit: int
) -> tuple[int, int] | None:
    """A figure written after a country or nationality as in a table or list ("X - 45 people",
    "X: 12", "X (40)", "X (12 men and 3 women)": their sum): (end of the figure, value)."""
    gap = ROW_AFTER.match(text, pos, limit)
    if gap is None:
        return None
    at = gap.end()
    first = next(((b, v) for a, b, v in amounts if a == at and v == int(v)), None)
    if first is None:
        return None
    end, total = first[0], int(first[1])
    people = ROW_PEOPLE.match(text, end, limit)
    if people is not None:
        end = people.end()
        more = ROW_AND.match(text, end, limit)
        second = more and next(((b, v) for a, b, v in amounts if a == more.end() and v == int(v)), None)
        if more is not None and second:
            tail = ROW_PEOPLE.match(text, second[0], limit)
            if tail is not None:
                end, total = tail.end(), total + int(second[1])
    if text.startswith("(", gap.start()) or "(" in text[pos:at]:
        close = text.find(")", end, min(limit, end + 3))
        if close == -1:
            return None
        end = close + 1
    elif ROW_GOES_ON.match(text, end, limit):
        return None  # "Laos: 771 people rescued in ...": a headline, not a row
    return end, total


def _opens_row(text: str, sentence_start: int, pos: int) -> bool:
    """Does the name open its line, list item or a list after a colon ("- Indonesia - 45 people")?"""
    line = text.rfind("\n", sentence_start, pos) + 1 or sentence_start
    if text[max(sentence_start, pos - 3) : pos].rstrip().endswith(":"):
        return True  # "Nationalities: X 45, Y 30"
    if ROW_INTRO.search(text, max(sentence_start, pos - 20), pos):
        return True  # "The rescued included X (20 men and 5 women), Y (12 men)"
    return ROW_LEAD.fullmatch(text, max(line, sentence_start), pos) is not None


def home_country(places: list[PlaceHit], text: str) -> str | None:
    """The nationality the report is mostly about (its most frequent people-naming nationality word)."""
    counts = Counter(
        p.country for p in places if p.kind == "demonym" and p.country and is_people(text, p, len(text))
    )
    return counts.most_common(1)[0][0] if counts else None
