"""Entities: people, organisations, places, scam compounds and named operations.

Capitalised runs of words (joined by "of", "for", "and", ...) are cut out of the
text and classified by their words: a title before a name makes a person, an
organisation head word ("Ministry", "Police", "Group") an organisation, a
compound head ("Park", "Casino", "Special Economic Zone") a compound, a
facility head ("Airport", "Bridge") a location; places come from the gazetteer
hits. Each distinct entity is listed once, under its most complete surface
form, with every mention.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter

from ringscope.extract.capitalised import (
    Tok,
    capitalised_runs,
    in_headline,
    index_of,
    inside_sentence,
    is_acronym,
    joined,
    next_word,
    prev_word,
    span_text,
    strip_leading,
    tokenize,
)
from ringscope.extract.compounds import (
    COMPOUND_AFTER_RE,
    COMPOUND_BEFORE_RE,
    COMPOUND_HEADS,
    COMPOUND_PHRASES,
    FACILITY_HEADS,
    FACILITY_PHRASES,
    OPERATION_RE,
    PLACE_SUFFIXES,
)
from ringscope.extract.document import Document
from ringscope.extract.entity_merge import Found, merge_found, surname_mentions
from ringscope.extract.gazetteer import gazetteer
from ringscope.extract.organisations import (
    INTERNATIONAL_WORDS,
    NATIONAL_HEADS,
    ORG_HEADS,
    ORG_NOUNS,
    ORG_REPORTING,
)
from ringscope.extract.people import (
    NAME_SUFFIXES,
    RELATION_NOUNS,
    ROLE_NOUNS,
    ROLE_TITLES,
    SPEECH_VERBS,
    TITLE_HEADS,
    TITLE_WORDS,
    VICTIM_TITLES,
)
from ringscope.extract.places import COMMON_WORDS, LOCATIVES, PlaceHit
from ringscope.model import Entity

ACRONYM_RE = re.compile(r"\s*\(([A-Z][A-Za-z0-9&.\-]{1,11})\)")
# Photo credits and by-lines: "(Photo: Name)", "[File: Name/Agency]", "Reported by Name".
CREDIT_RE = re.compile(
    r"(?:\b(?:Photo|Photos|File|Banner|Credit|Image|Picture|Illustration)\s*:\s*|"
    r"\b(?:Reported|Written|Edited|Words|Story)\s+by\s*:?\s*)"
    r"((?:[A-Z][\w’'\-]+)(?:[ \t]+[A-Z][\w’'\-]+){1,3})(?=\s*(?:[/)\]\n,]|$))"
)
# A place name followed by a lower-case "police": that place's police ("Lisbon police").
PLACE_POLICE_RE = re.compile(r"[ \t]+police\b")
_ADVERBS = frozenset({"also", "further", "previously", "earlier", "later", "then", "recently", "has", "had"})
_AFTER_NAME = ROLE_NOUNS | RELATION_NOUNS | {"who", "aged"}


def _place_index(places: list[PlaceHit]) -> dict[int, PlaceHit]:
    return {p.start: p for p in places}


def _inside(places: list[PlaceHit], start: int, end: int) -> list[PlaceHit]:
    """Place hits lying within [start, end) (places are in text order)."""
    lo = bisect_left(places, start, key=lambda place: place.start)
    out = []
    while lo < len(places) and places[lo].start < end:
        if places[lo].end <= end:
            out.append(places[lo])
        lo += 1
    return out


def _country_in(places: list[PlaceHit], start: int, end: int) -> str | None:
    return next((p.country for p in _inside(places, start, end) if p.country), None)


def _is_place_run(words: list[Tok], starts: dict[int, PlaceHit]) -> bool:
    hit = starts.get(words[0].start)
    return hit is not None and hit.end >= words[-1].end


def _split_and(text: str, words: list[Tok], starts: dict[int, PlaceHit]) -> list[list[Tok]]:
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
        left_alone = _stands_alone(left, starts)
        right_alone = _stands_alone(part, starts)
        single_names = len(left) == 1 and len(part) == 1 and left[0].text not in ORG_HEADS
        if (left_alone and right_alone) or single_names:
            out.append(part)
        else:
            joiner = [t for t in words if left[-1].end <= t.start < part[0].start]
            out[-1] = left + joiner + part
    return [p for p in out if p]


def _stands_alone(words: list[Tok], starts: dict[int, PlaceHit]) -> bool:
    texts = [w.text for w in words]
    if _is_place_run(words, starts):
        return True
    if len(words) == 1 and is_acronym(texts[0]):
        return True
    return any(t in ORG_HEADS or t in COMPOUND_HEADS for t in texts) or texts[0] == "Operation"


def _person_context(text: str, toks: list[Tok], i: int, j: int) -> bool:
    """Does the context say the capitalised words toks[i:j] name a person?"""
    prev = prev_word(toks, i).casefold()
    if i > 0 and "\n" in text[toks[i - 1].end : toks[i].start]:
        prev = ""
    if prev in ROLE_NOUNS or prev in RELATION_NOUNS or (prev in SPEECH_VERBS and prev != "according"):
        return True
    end = toks[j - 1].end
    nxt = next_word(toks, j).casefold()
    if nxt in _ADVERBS and j + 1 < len(toks):
        nxt = toks[j + 1].text.casefold()
    if nxt in SPEECH_VERBS and nxt != "according" and j < len(toks) and joined(text, end, toks[j].start):
        return True
    if nxt == "of" and SPEECH_AHEAD_RE.match(text, end):
        return True  # "X of the Y Shelter said"
    if text.startswith(",", end):
        stop = text.find(".", end)
        for k in range(j, min(j + 8, len(toks))):
            if stop != -1 and toks[k].start > stop:
                break
            word = toks[k].text
            folded = word.casefold()
            if folded in _AFTER_NAME or word in TITLE_HEADS:
                return True
            if word.casefold() in SPEECH_VERBS and k <= j + 3 and word.casefold() != "according":
                return True
    return False


def _org_context(text: str, toks: list[Tok], i: int, j: int) -> bool:
    """Does the context say the capitalised words toks[i:j] name an organisation?"""
    prev = prev_word(toks, i).casefold()
    if prev in ORG_NOUNS or prev in {"told", "via"}:
        return True
    if prev in {"on", "like"} and j - i == 1:
        return True
    if prev in {"at", "of", "with", "for"} and i > 1:
        role = toks[i - 2].text
        if role.casefold() in ROLE_NOUNS or role in TITLE_HEADS:
            return True
    nxt = next_word(toks, j).casefold()
    if j - i == 1 and nxt in ORG_REPORTING | SPEECH_VERBS and nxt != "according":
        return True
    return False


def _loc_context(text: str, toks: list[Tok], i: int) -> bool:
    prev = prev_word(toks, i).casefold()
    return prev in LOCATIVES and prev not in {"to", "between", "through"}


def _name_tokens(words: list[Tok]) -> int:
    """How many name tokens the person's name may have (initials do not count)."""
    return sum(1 for w in words if not w.text.endswith("."))


def _classify(
    text: str, toks: list[Tok], i: int, j: int, starts: dict[int, PlaceHit], places: list[PlaceHit],
    lower_words: set[str],
) -> list[Found]:
    """Entities in the capitalised run toks[i:j]."""
    words = toks[i:j]
    found: list[Found] = []
    texts = [w.text for w in words]
    # A title followed by a name: a person.
    head_at = [
        k
        for k, t in enumerate(texts)
        if t in TITLE_HEADS or (k == 0 and (t in ROLE_TITLES or t in VICTIM_TITLES))
    ]
    if head_at:
        k = head_at[-1] + 1
        domain = False  # "Director of Vulnerable Communities": the title's field, not a name
        while k < len(words) and (texts[k] in TITLE_WORDS or texts[k] in {"of", "for", "the"}):
            titled_next = k + 1 < len(words) and texts[k + 1] in TITLE_WORDS | {"the"}
            if texts[k] in {"of", "for"} and not titled_next:
                domain = True
                break
            k += 1
        first_title = head_at[0]
        while first_title > 0 and texts[first_title - 1] in TITLE_WORDS:
            owner = texts[first_title - 1]
            if owner in ORG_HEADS and first_title > 1 and texts[first_title - 2] not in TITLE_WORDS:
                break  # "Ruritanian Police Deputy Commissioner X": the body, then the title
            first_title -= 1
        name = words[k:]
        if domain:
            name = _name_after_domain(words, k, lower_words)
            if name:
                k = len(words) - len(name)
                domain = False
        if (
            name
            and not domain
            and 1 <= _name_tokens(name) <= 4
            and not any(t.text in ORG_HEADS or not t.cap for t in name)
            and not _is_place_run(name, starts)
            and (_name_tokens(name) >= 2 or not name[0].text.isupper())
        ):
            role = span_text(text, words[first_title:k])
            country = _country_in(places, words[0].start, words[k - 1].end)
            found.append(_person(text, name, country, [role]))
            if first_title > 0:
                found.extend(_classify_plain(text, toks, i, i + first_title, starts, places, lower_words))
            return found
    return _classify_plain(text, toks, i, j, starts, places, lower_words)


def _name_after_domain(words: list[Tok], k: int, lower_words: set[str]) -> list[Tok]:
    """In "Head of ORG Given Family" the last two words are the name when the field ends before them."""
    if len(words) - k < 4:
        return []
    name = words[-2:]
    before = words[-3].text
    last = name[-1].text.casefold()
    if before in {"of", "for", "the", "and"} or last in lower_words or last in COMMON_WORDS or any(
        w.text in ORG_HEADS or w.text in TITLE_WORDS or w.text.isupper() for w in name
    ):
        return []
    return name


def _person(text: str, name: list[Tok], country: str | None, roles: list[str]) -> Found:
    end = name[-1].end
    if name[-1].text in NAME_SUFFIXES and text.startswith(".", end):
        end += 1
    start = name[0].start
    return Found("Person", start, end, text[start:end], country, roles=roles)


def _classify_plain(
    text: str, toks: list[Tok], i: int, j: int, starts: dict[int, PlaceHit], places: list[PlaceHit],
    lower_words: set[str],
) -> list[Found]:
    words = strip_leading(toks[i:j])
    if not words:
        return []
    out: list[Found] = []
    if len(words) >= 3 and is_acronym(words[0].text) and words[0].text.isupper():
        rest = words[1:]
        if all(w.text[:1].isupper() and not w.text.isupper() and w.text not in ORG_HEADS for w in rest):
            head = _classify_part(text, toks, words[:1], starts, places, lower_words)
            tail = _classify_part(text, toks, rest, starts, places, lower_words)
            return [f for f in (head, tail) if f is not None]
    pair = _name_pair(text, toks, words, lower_words)
    if pair:
        return pair
    previous: Found | None = None
    for part in _split_and(text, words, starts):
        part = strip_leading(part)
        if not part:
            continue
        found = _classify_part(text, toks, part, starts, places, lower_words)
        if found is None and previous is not None and previous.type == "Organization" and len(part) == 1:
            word = part[0]
            if word.text.casefold() not in COMMON_WORDS and word.text.casefold() not in lower_words:
                found = Found("Organization", word.start, word.end, word.text)  # "on X and Y"
        if found is not None:
            out.append(found)
        previous = found
    return out


def _name_pair(text: str, toks: list[Tok], words: list[Tok], lower_words: set[str]) -> list[Found]:
    """"X Y and Z W" after a person cue ("his sons, X Y and Z W"): two people."""
    cut = next((k for k, w in enumerate(words) if w.text == "and"), -1)
    if cut < 2 or len(words) - cut - 1 < 2:
        return []
    left, right = words[:cut], words[cut + 1 :]
    for part in (left, right):
        if len(part) > 4 or any(
            w.text in ORG_HEADS or w.text in TITLE_WORDS or w.text.casefold() in COMMON_WORDS for w in part
        ):
            return []
    index = index_of(toks, left[0].start)
    if not _person_context(text, toks, index, index + len(left)):
        return []
    return [_person(text, left, None, []), _person(text, right, None, [])]


def _classify_part(
    text: str, toks: list[Tok], words: list[Tok], starts: dict[int, PlaceHit], places: list[PlaceHit],
    lower_words: set[str],
) -> Found | None:
    texts = [w.text for w in words]
    start, end = words[0].start, words[-1].end
    name = text[start:end]
    country = _country_in(places, start, end)
    index = index_of(toks, start)
    has_org_head = any(t in ORG_HEADS for t in texts)
    inner_place = bool(_inside(places, start, end))
    plain_name = not any(t.casefold() in COMMON_WORDS or t.casefold() in lower_words for t in texts)
    if texts[0] == "Operation" and len(texts) > 1:
        return Found("Operation", start, end, name)
    loose_name = not (texts[-1].casefold() in COMMON_WORDS or texts[-1].casefold() in lower_words)
    loose_name = loose_name and not any(t in TITLE_WORDS for t in texts)
    if 2 <= _name_tokens(words) <= 4 and not has_org_head and loose_name and not inner_place:
        if _person_context(text, toks, index, index + len(words)) and not _org_context(
            text, toks, index, index + len(words)
        ):
            return _person(text, words, None, [])
    if name.endswith(FACILITY_PHRASES):
        return Found("Location", start, end, name, country)
    if texts[-1] in COMPOUND_HEADS or name.endswith(COMPOUND_PHRASES):
        if len(texts) >= 2 or texts[-1] not in COMPOUND_HEADS:
            return Found("Compound", start, end, name, country)
        return None
    if has_org_head:
        if len(texts) == 1 and not is_acronym(texts[0]):
            return None
        if all(t in TITLE_WORDS for t in texts) and any(t in TITLE_HEADS for t in texts):
            return None
        return Found("Organization", start, end, name, country)
    if texts[-1] in FACILITY_HEADS and len(texts) >= 2:
        return Found("Location", start, end, name, country)
    if _is_place_run(words, starts):
        return None  # places are added from the gazetteer hits
    if len(words) == 1:
        word = texts[0]
        if starts.get(start) or word.casefold() in COMMON_WORDS:
            return None
        if (
            is_acronym(word)
            and not in_headline(text, toks, index)
            and word.casefold() not in lower_words
            and not _place_word(word)
        ):
            if not text.startswith("$", end):
                return Found("Organization", start, end, name)
            return None
    after = index + len(words)
    site = SITE_NOUNS_RE.match(text, end)
    if site is not None and not has_org_head and all(t.casefold() not in COMMON_WORDS for t in texts):
        return Found("Compound", start, site.end(), text[start : site.end()])  # "the Red Kapok casino"
    if (
        after < len(toks)
        and toks[after].text in PLACE_SUFFIXES
        and joined(text, end, toks[after].start)
        and not inner_place
        and all(t.casefold() not in COMMON_WORDS for t in texts)
    ):
        return Found("Location", start, toks[after].end, text[start : toks[after].end])
    if not plain_name or inner_place:
        return None
    org = _org_context(text, toks, index, index + len(words))
    if org and (len(words) > 1 or inside_sentence(text, start)):
        return Found("Organization", start, end, name)
    if _loc_context(text, toks, index) and inside_sentence(text, start):
        return Found("Location", start, end, name)
    return None


def _location(place: PlaceHit, text: str, toks_after: re.Match[str] | None) -> Found:
    end = place.end
    name = place.text
    if toks_after is not None:
        end = toks_after.end()
        name = text[place.start : end]
    return Found("Location", place.start, end, name, place.country, place.lat, place.lon)


_SUFFIX_RE = re.compile(r"[ \t]+(?:international[ \t]+)?([A-Za-z\-]+)")


def extract_entities(doc: Document, places: list[PlaceHit]) -> list[Entity]:
    """Entities of the document, each once under its most complete name, with all mentions."""
    text = doc.text
    toks = tokenize(text)
    lower_words = {t.text for t in toks if t.text[:1].islower()}
    starts = _place_index(places)
    found: list[Found] = []
    unresolved: list[tuple[int, int]] = []
    for i, j in capitalised_runs(text, toks):
        items = _classify(text, toks, i, j, starts, places, lower_words)
        if not items and not any(starts.get(t.start) for t in toks[i:j]):
            unresolved.append((i, j))
        found.extend(items)
        end = toks[j - 1].end
        match = ACRONYM_RE.match(text, end)
        named = {"Organization", "Location", "Compound"}
        if match and found and found[-1].end == end and found[-1].type in named:
            last = found[-1]
            if last.type == "Organization" or len(last.name.split()) > 1:
                last.alias = match.group(1)
                last.end = match.end()
                last.name = text[last.start : last.end]
    found.extend(_place_lists(text, toks, unresolved, found, places, lower_words))
    for match in OPERATION_RE.finditer(text):
        found.append(Found("Operation", match.start(), match.end(), match.group(0)))
    for match in CREDIT_RE.finditer(text):
        found.append(Found("Person", match.start(1), match.end(1), match.group(1)))
    found.extend(surname_mentions(text, toks, found))
    covered = sorted((f.start, f.end, f.type) for f in found)
    for place in places:
        if place.kind == "demonym":
            continue
        cover = _covering(covered, place.start, place.end)
        if cover is not None:
            # "Embassy of X in Bangkok": the seat of an office is a place of its own
            if cover != "Organization" or not text[max(0, place.start - 3) : place.start] == "in ":
                continue
        police = PLACE_POLICE_RE.match(text, place.end)
        if police is not None and place.kind in {"city", "region"}:
            found.append(Found("Organization", place.start, police.end(), text[place.start : police.end()],
                                place.country))
        suffix = _SUFFIX_RE.match(text, place.end)
        ok = suffix is not None and suffix.group(1).casefold() in PLACE_SUFFIXES
        ok = ok and place.kind in {"city", "region"}
        location = _location(place, text, suffix if ok else None)
        acronym = ACRONYM_RE.match(text, location.end)
        if acronym is not None and place.kind == "country" and " " in place.text:
            location.end = acronym.end()
            location.name = text[location.start : location.end]
        found.append(location)
    entities = merge_found(found, text)
    _national_bodies(entities, places)
    _compounds_by_context(entities, text)
    return entities


def _place_word(word: str) -> bool:
    """Is this all-capital word a country, region or large city ("LIMA" in a dateline), not an acronym?"""
    place = gazetteer().lookup([word])
    return place is not None and (place.kind != "city" or place.population >= 100_000)


def _compounds_by_context(entities: list[Entity], text: str) -> None:
    """A town-like name the text calls a scam compound ("X, a sprawling scam enclave") is a Compound."""
    for entity in entities:
        if entity.type != "Location" or entity.country is None:
            continue
        place = gazetteer().lookup(entity.name.split())
        if place is not None and place.kind in {"country", "continent", "region"}:
            continue
        for mention in entity.mentions:
            before = text[max(0, mention.start - 60) : mention.start]
            if COMPOUND_AFTER_RE.match(text, mention.end) or COMPOUND_BEFORE_RE.search(before):
                entity.type = "Compound"
                break


def _national_bodies(entities: list[Entity], places: list[PlaceHit]) -> None:
    """A national body named without its country ("Immigration Bureau") belongs to the report's country."""
    counts = Counter(p.country for p in places if p.country)
    if not counts:
        return
    main = counts.most_common(1)[0][0]
    for entity in entities:
        if entity.type != "Organization" or entity.country is not None:
            continue
        words = set(entity.name.split())
        if words & NATIONAL_HEADS and not words & INTERNATIONAL_WORDS:
            entity.country = main


# A lower-case compound noun after a name: "the Red Kapok casino", "the Blue Crane casino complex".
SITE_NOUNS_RE = re.compile(r"[ \t]+(?:casino|compound|resort|hotel)(?:[ \t]+(?:complex|compound|resort))?\b")
# "X of the Y Z said": a speech verb soon after an affiliation.
SPEECH_AHEAD_RE = re.compile(
    r"\s+of\s+(?:the\s+)?(?:[A-Z][\w'’&-]*\s+){1,6}(?:" + "|".join(sorted(SPEECH_VERBS)) + r")\b"
)
# Longest entity span considered when asking whether a place lies inside another entity.


_MAX_SPAN = 400


_PLACE_PLURALS = frozenset(
    """
    suburbs suburb towns town villages village districts district provinces province areas area outskirts
    neighbourhoods neighborhoods neighbourhood neighborhood communes commune townships township cities city
    municipalities municipality regions region states islands
    """.split()
)


_LIST_GAP = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")


def _place_lists(
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
            listed = k > 0 and _LIST_GAP.fullmatch(text, ends[k - 1], start) is not None
        if listed:
            out.append(Found("Location", start, end, text[start:end]))
            insort(ends, end)
    return out


def _covering(spans: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    """The type of a found entity whose span holds [start, end), if any (spans sorted by start)."""
    k = bisect_right(spans, (start, 1 << 62, "")) - 1
    while k >= 0 and spans[k][0] >= start - _MAX_SPAN:
        s, e, kind = spans[k]
        if s <= start and end <= e:
            return kind
        k -= 1
    return None
