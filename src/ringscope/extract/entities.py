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
from bisect import bisect_right
from collections import Counter
from itertools import compress
from operator import itemgetter

from ringscope.extract.capitalised import (
    Tok,
    capitalised_runs,
    title_case_line,
    tokenize,
)
from ringscope.extract.casefold import CaseFree
from ringscope.extract.compounds import (
    COMPOUND_AFTER_RE,
    COMPOUND_BEFORE_RE,
    COMPOUND_CONTEXT,
    COMPOUND_RAIDED,
    LOCATION_CONTEXT,
    LOCATION_GAZETTEER,
    LOCATION_LIST,
    OPERATION_CODENAME_RE,
    OPERATION_NAME,
    OPERATION_RE,
    PLACE_SUFFIXES,
    PLURAL_SITES,
    RAIDED_AFTER,
    RAIDED_BEFORE,
)
from ringscope.extract.document import Document
from ringscope.extract.entity_classify import classify
from ringscope.extract.entity_lists import name_lists, org_lists, place_lists
from ringscope.extract.entity_merge import (
    Found,
    abbreviates,
    fold_abbreviations,
    fold_initials,
    merge_found,
    surname_mentions,
)
from ringscope.extract.entity_rare import rare_names
from ringscope.extract.gazetteer import gazetteer
from ringscope.extract.literals import holds_any, required_literals
from ringscope.extract.organisations import (
    INTERNATIONAL_WORDS,
    NATIONAL_HEADS,
    ORG_CONTEXT,
    ORG_HEAD,
    ORG_PLACE_POLICE,
)
from ringscope.extract.people import (
    BYLINE_NAME_RE,
    BYLINE_RE,
    CREDIT_NOT_NAMES,
    CREDIT_RE,
    PERSON_CONTEXT,
    PERSON_CREDIT,
)
from ringscope.extract.places import PlaceHit
from ringscope.model import Entity

ACRONYM_RE = re.compile(r"\s*\(([A-Z][A-Za-z0-9&.\-]{1,11})\)")



# A place name followed by a lower-case "police": that place's police ("Lisbon police").
PLACE_POLICE_RE = re.compile(r"[ \t]+police\b")


def _place_index(places: list[PlaceHit]) -> dict[int, PlaceHit]:
    return {p.start: p for p in places}


def _location(place: PlaceHit, text: str, toks_after: re.Match[str] | None) -> Found:
    end = place.end
    name = place.text
    if toks_after is not None:
        end = toks_after.end()
        name = text[place.start : end]
    return Found("Location", place.start, end, name, place.country, place.lat, place.lon,
                 rule=LOCATION_GAZETTEER)


# Words without which no firm is said to be raided (a quick test before the context patterns).
RAID_WORDS = re.compile(r"raid|rescued|stormed", re.IGNORECASE)
_RAID_WORDS = CaseFree(RAID_WORDS)
# The word every named operation opens with while the cue's pattern starts with it (else "", which
# every text holds): a text without it has no operation to look for.
_OPERATION_WORD = "Operation" if OPERATION_RE.pattern.startswith(r"\bOperation\s") else ""
# Words one of which every credit holds ("Photo", "Reported", ...; none: every text is searched).
_CREDIT_WORDS = required_literals(CREDIT_RE, most=24) or ("",)
_CODENAME_WORDS = required_literals(OPERATION_CODENAME_RE, most=24) or ("",)
_TEXT, _FIRST = itemgetter(2), itemgetter(0)
_SUFFIX_RE = re.compile(r"[ \t]+(?:international[ \t]+)?([A-Za-z\-]+)")


def extract_entities(doc: Document, places: list[PlaceHit]) -> list[Entity]:
    """Entities of the document, each once under its most complete name, with all mentions."""
    text = doc.text
    toks = tokenize(text)
    words = list(map(_TEXT, toks))
    lower_words = set(compress(words, map(str.islower, map(_FIRST, words))))
    starts = _place_index(places)
    found: list[Found] = []
    unresolved: list[tuple[int, int]] = []
    runs = capitalised_runs(text, toks)
    headline: dict[int, bool] = {}  # by line start
    for i, j in runs:
        line = text.rfind("\n", 0, toks[i].start) + 1 if j - i >= 3 else -1
        if line >= 0 and line not in headline:
            headline[line] = title_case_line(text, line)
        if line >= 0 and headline[line]:
            run = text[toks[i].start : toks[j - 1].end]
            if text.count(run) == 1:
                continue  # "Police Arrest Eleven Members of Fraud Group": a headline, not a name
        items = classify(text, toks, i, j, starts, places, lower_words)
        if not items and not any(starts.get(t.start) for t in toks[i:j]):
            unresolved.append((i, j))
        found.extend(items)
        end = toks[j - 1].end
        match = ACRONYM_RE.match(text, end)
        named = {"Organization", "Location", "Compound"}
        if match and found and found[-1].end == end and found[-1].type in named:
            last = found[-1]
            if last.type == "Organization" or (len(last.name.split()) > 1 and abbreviates(match.group(1),
                                                                                        last.name)):
                last.alias = match.group(1)
                last.end = match.end()
                last.name = text[last.start : last.end]
    people = name_lists(text, toks, runs, starts, lower_words, found)
    found.extend(people)
    unresolved = _untaken(unresolved, toks, people)
    rare = rare_names(text, toks, unresolved, lower_words)  # before place lists: "A B, C D and E F"
    found.extend(rare)
    unresolved = _untaken(unresolved, toks, rare)
    listed = place_lists(text, toks, unresolved, found, places, lower_words)
    found.extend(listed)
    found.extend(org_lists(text, toks, _untaken(unresolved, toks, listed), found, lower_words))
    for match in OPERATION_RE.finditer(text) if _OPERATION_WORD in text else ():
        found.append(Found("Operation", match.start(), match.end(), match.group(0), rule=OPERATION_NAME))
    codenamed = holds_any(text, _CODENAME_WORDS, 0, len(text))
    for match in OPERATION_CODENAME_RE.finditer(text) if codenamed else ():  # "codenamed X"
        found.append(Found("Operation", match.start(1), match.end(1), match.group(1), rule=OPERATION_NAME))
    for match in CREDIT_RE.finditer(text) if holds_any(text, _CREDIT_WORDS, 0, len(text)) else ():
        if not CREDIT_NOT_NAMES & set(match.group(1).split()):
            found.append(Found("Person", match.start(1), match.end(1), match.group(1), rule=PERSON_CREDIT))
    for match in BYLINE_RE.finditer(text):
        for name in BYLINE_NAME_RE.finditer(text, match.start(1), match.end(1)):
            found.append(Found("Person", name.start(), name.end(), name.group(0), rule=PERSON_CREDIT))
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
                                place.country, rule=ORG_PLACE_POLICE))
        suffix = _SUFFIX_RE.match(text, place.end)
        ok = suffix is not None and suffix.group(1).casefold() in PLACE_SUFFIXES
        ok = ok and place.kind in {"city", "region"}
        location = _location(place, text, suffix if ok else None)
        acronym = ACRONYM_RE.match(text, location.end)
        if acronym is not None and place.kind == "country" and " " in place.text:
            if abbreviates(acronym.group(1), place.text):  # "Central African Republic (CAR)", not "X (AP)"
                location.end = acronym.end()
                location.name = text[location.start : location.end]
                location.alias = acronym.group(1)
        found.append(location)
    entities = _cut_off(fold_initials(fold_abbreviations(merge_found(found, text), places)), text)
    _national_bodies(entities, places)
    _compounds_by_context(entities, text, doc.folded)
    return entities


def _untaken(unresolved: list[tuple[int, int]], toks: list[Tok], taken: list[Found]) -> list[tuple[int, int]]:
    """The unresolved runs that none of ``taken`` opens at."""
    starts = {f.start for f in taken}
    return [(i, j) for i, j in unresolved if toks[i].start not in starts]


# Rules that read a name from the words alone: the last name of a text cut off mid-word is partial.
_CUT_RULES = frozenset({LOCATION_CONTEXT, LOCATION_LIST, ORG_CONTEXT, ORG_HEAD, PERSON_CONTEXT})


def _cut_off(entities: list[Entity], text: str) -> list[Entity]:
    """A text that stops without a closing mark may be cut off mid-word ("... police in Sihanoukvil"):
    a name the context rules read at its very end is dropped as partial."""
    end = len(text.rstrip())
    if not end or not text[end - 1].isalnum():
        return entities
    kept = []
    for entity in entities:
        if entity.rule in _CUT_RULES and entity.mentions[-1].end >= end:
            entity.mentions = [m for m in entity.mentions if m.end < end]
            if not entity.mentions:
                continue
        kept.append(entity)
    return kept


def _compounds_by_context(entities: list[Entity], text: str, folded: str | None = None) -> None:
    """A town-like name the text calls a scam compound ("X, a sprawling scam enclave"), and a firm
    the text says was raided ("the raid at X", "the company that was raided, X"), is a Compound."""
    raids = _RAID_WORDS.search(text, folded) is not None
    for entity in entities:
        if entity.type == "Organization" and raids and len(entity.name.split()) > 1:
            for mention in entity.mentions:
                before = text[max(0, mention.start - 50) : mention.start]
                raided = RAID_WORDS.search(before) is not None and RAIDED_BEFORE.search(before) is not None
                if raided or RAIDED_AFTER.match(text, mention.end):
                    entity.type = "Compound"
                    entity.rule = COMPOUND_RAIDED
                    break
            continue
        if entity.type != "Location" or entity.country is None:
            continue
        place = gazetteer().lookup(entity.name.split())
        if place is not None and place.kind in {"country", "continent", "region"}:
            continue
        for mention in entity.mentions:
            before = text[max(0, mention.start - 60) : mention.start]
            named_in = _NAME_IN.search(before)
            if named_in is not None and COMPOUND_AFTER_RE.match(text, mention.end):
                _name_before_in(entities, mention.start - len(named_in.group(1)))
                break  # "Palm Ridge in Lisbon, a compound run by ...": the compound is the name before
            after = COMPOUND_AFTER_RE.match(text, mention.end)
            if after is not None and place is not None and PLURAL_SITES.search(after.group(0)):
                continue  # "freed from Town scam hubs": a town that holds several compounds
            if after is not None or COMPOUND_BEFORE_RE.search(before):
                entity.type = "Compound"
                entity.rule = COMPOUND_CONTEXT
                break


_NAME_IN = re.compile(r"\b[A-Z][\w'’.-]*(\s+(?:in|near|outside)\s+)$")


def _name_before_in(entities: list[Entity], end: int) -> None:
    """The Location or Compound named right before ``end`` is the compound ("X in Town, a compound")."""
    for entity in entities:
        if entity.type == "Location" and any(m.end == end for m in entity.mentions):
            if gazetteer().lookup(entity.name.split()) is None:
                entity.type, entity.rule = "Compound", COMPOUND_CONTEXT


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


_MAX_SPAN = 400


def _covering(spans: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    """The type of a found entity whose span holds [start, end), if any (spans sorted by start)."""
    k = bisect_right(spans, (start, 1 << 62, "")) - 1
    while k >= 0 and spans[k][0] >= start - _MAX_SPAN:
        s, e, kind = spans[k]
        if s <= start and end <= e:
            return kind
        k -= 1
    return None
