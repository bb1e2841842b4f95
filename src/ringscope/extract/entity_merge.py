"""Entity merging: each distinct entity once, under its most complete name, with all its mentions."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate, compress
from operator import itemgetter

from ringscope.extract.capitalised import Tok, joined
from ringscope.extract.compounds import PLACE_SUFFIXES
from ringscope.extract.places import PlaceHit
from ringscope.extract.rules import load_rules
from ringscope.model import Entity, Mention, name_key


@dataclass(slots=True)
class Found:
    """One entity mention as classified, before mentions of the same entity are merged."""

    type: str
    start: int
    end: int
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    roles: list[str] = field(default_factory=list)
    alias: str | None = None
    rule: str = ""
    """Id of the rule that found it (entity_rules.yaml)."""


NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_SPELLING = load_rules("entity_rules.yaml").mapping("lexicon.spelling_variants")
"""British spellings and the American ones they are compared under ("organisation": "organization")."""


def entity_key(name: str) -> str:
    """``model.name_key`` with a fast path for ASCII names, British spellings compared as American."""
    if not name.isascii():
        words = name_key(name).split()
    else:
        words = NOT_ALNUM.sub(" ", name.lower()).split()
        if words and words[0] == "the":
            words = words[1:]
    return " ".join([_SPELLING.get(w, w) for w in words])


_TEXT = itemgetter(2)  # Tok.text


def surname_mentions(text: str, toks: list[Tok], found: list[Found]) -> list[Found]:
    """A person's surname (or other name word) written alone later: another mention of that person
    (under the rule that found the person)."""
    # name words only: the particles of a name ("van", "der", "and") are not written alone for the person
    words = {w: f.rule for f in found if f.type == "Person" for w in f.name.split()[1:]
             if len(w) > 2 and w[:1].isupper()}
    out: list[Found] = []
    if not words:
        return out
    # a word inside a name found already ("Cruz" of "Lindo dela Cruz") is that name, not a mention
    spans = sorted((f.start, f.end) for f in found)
    starts = [start for start, _ in spans]
    reach = list(accumulate((end for _, end in spans), max))
    # Only the tokens that are such a word are looked at (picked out in one pass).
    for k in compress(range(len(toks)), map(words.__contains__, map(_TEXT, toks))):
        tok = toks[k]
        at = bisect_right(starts, tok.start) - 1
        if at < 0 or reach[at] < tok.end:
            if k + 1 < len(toks) and toks[k + 1].cap and joined(text, tok.end, toks[k + 1].start):
                continue
            if k > 0 and toks[k - 1].cap and joined(text, toks[k - 1].end, tok.start):
                continue
            out.append(Found("Person", tok.start, tok.end, tok.text, rule=words[tok.text]))
    return out


def merge_found(found: list[Found], text: str) -> list[Entity]:
    found.sort(key=lambda f: (f.start, -f.end))
    entities: dict[tuple[str, str], Entity] = {}
    aliases: dict[str, tuple[str, str]] = {}
    seen: set[tuple[tuple[str, str], int, int]] = set()
    for item in found:
        key = (item.type, entity_key(item.name))
        if not key[1]:
            continue
        if item.type == "Organization" and item.alias is None and item.name in aliases:
            key = aliases[item.name]
        entity = entities.get(key)
        if entity is None:
            entity = Entity(item.type, item.name, item.country, item.lat, item.lon, rule=item.rule)
            entities[key] = entity
        if item.alias:
            entity.aliases.append(item.alias)
            aliases[item.alias] = key
        for role in item.roles:
            if role not in entity.roles:
                entity.roles.append(role)
        if (key, item.start, item.end) not in seen:
            seen.add((key, item.start, item.end))
            entity.mentions.append(Mention(item.start, item.end, text[item.start : item.end]))
        if entity.country is None:
            entity.country = item.country
    return absorb(list(entities.values()))


def absorbs(big: Entity, big_words: frozenset[str], small: Entity, small_words: frozenset[str]) -> bool:
    """Is ``small`` a shorter way of writing ``big``?"""
    if not small_words < big_words:
        return False
    if small.type == "Location":
        return big.type == "Location" and (big_words - small_words) <= PLACE_SUFFIXES
    if big.type == "Person" and (small.type == "Person" or len(small_words) == 1):
        if len(small.name.split()) >= len(big.name.split()):
            return False  # "Lin Mo Mo" is not a shorter "Lin Mo Tan"
        return small.type in {"Person", "Organization", "Location"}  # a surname or given name alone
    if big.type != small.type:
        return False
    if big.type in {"Organization", "Compound"}:
        # "Kenyan Embassy" is a shorter "Kenyan Embassy in Bangkok": the seat is not the head, nor is
        # the acronym in brackets ("Bureau of Immigration (BI)")
        big_key, last = entity_key(big.name), entity_key(small.name).split()[-1]
        if big_words - small_words == {"of"} and big_key.split()[0] == last:
            return True  # "Foreign Affairs Ministry" is "Ministry of Foreign Affairs" written the other way
        return big_key.split(" in ")[0].split()[-1] == last or _head(big.name) == _head(small.name)
    return True


_BRACKETS_AT_END = re.compile(r"\s*\([^()]*\)\s*$")


def _head(name: str) -> str:
    """The last word of an organisation's name before its seat ("in X") and a bracketed acronym."""
    words = entity_key(_BRACKETS_AT_END.sub("", name)).split(" in ")[0].split()
    return words[-1] if words else ""


def absorb(entities: list[Entity]) -> list[Entity]:
    """Fold shorter names into a longer entity that holds all their words."""
    words = {id(e): frozenset(entity_key(e.name).split()) for e in entities}
    kept: list[Entity] = []
    by_length = sorted(entities, key=lambda e: (-len(words[id(e)]), e.type != "Person"))
    for entity in by_length:
        mine = words[id(entity)]
        target = None
        if len(mine) < 6:
            # (a proper subset of the other's words first: absorbs() says no to every other pair)
            target = next((o for o in kept if mine < words[id(o)] and absorbs(o, words[id(o)], entity, mine)),
                          None)
        if target is None:
            kept.append(entity)
            continue
        target.mentions.extend(entity.mentions)
        target.aliases.extend(a for a in entity.aliases if a not in target.aliases)
        for role in entity.roles:
            if role not in target.roles:
                target.roles.append(role)
        target.country = target.country or entity.country
    for entity in kept:
        entity.mentions.sort(key=lambda m: m.start)
    kept.sort(key=lambda e: e.start)
    return kept


def fold_abbreviations(entities: list[Entity], places: list[PlaceHit]) -> list[Entity]:
    """A country written as an abbreviation ("USA", "U.S.", "UAE") is another mention of the same
    country written in full in the report, not an entity of its own (other full names such as
    "Burma" beside "Myanmar" stay apart: each is a name the report uses); so is an acronym the
    report defines anywhere ("Department of Justice (DOJ)")."""
    if not any(e.aliases or (e.type == "Location" and _abbreviated(e.name)) for e in entities):
        return entities
    countries = {p.text: p.country for p in places if p.kind == "country" and p.country}
    full: dict[str, Entity] = {}
    for entity in entities:
        code = countries.get(entity.name)
        if entity.type == "Location" and code and not _abbreviated(entity.name):
            full.setdefault(code, entity)
    aliased = {(e.type, alias): e for e in entities for alias in e.aliases}
    kept = []
    for entity in entities:
        code = countries.get(entity.name)
        target = full.get(code) if code and entity.type == "Location" and _abbreviated(entity.name) else None
        if target is None and not entity.aliases:  # "DOJ" written before "Department of Justice (DOJ)"
            target = aliased.get((entity.type, entity.name))
        if target is None or target is entity:
            kept.append(entity)
            continue
        target.mentions.extend(entity.mentions)
        target.mentions.sort(key=lambda m: m.start)
        if entity.name not in target.aliases:
            target.aliases.append(entity.name)
    return kept


def abbreviates(acronym: str, name: str) -> bool:
    """Is ``acronym`` the initials of ``name`` or of its last words: of their capitalised words ("URT"
    of "United Republic of Tanzania", "SEZ" of "X Special Economic Zone") or of all of them ("ROT" of
    "Republic of Tanzania")?"""
    letters = "".join(c for c in acronym if c.isalpha()).upper()
    words = [w for w in re.split(r"[\s\-]+", name) if w[:1].isalpha()]
    for k in range(len(words)):
        tail = words[k:]
        if letters in ("".join(w[0] for w in tail if w[0].isupper()), "".join(w[0] for w in tail).upper()):
            return True
    return False


def _abbreviated(name: str) -> bool:
    return name.replace(".", "").isupper() and len(name.replace(".", "")) <= 5


def _initials(name: str) -> str:
    """Initial letters of a name's capitalised words ("Office of Harbour Licence Control": "OHLC")."""
    return "".join(w[0] for w in re.split(r"[\s\-]+", name) if w[:1].isupper())


def fold_initials(entities: list[Entity]) -> list[Entity]:
    """An acronym the report never defines in brackets is another mention of the one organisation
    whose capitalised words it abbreviates ("OHLC" beside "Office of Harbour Licence Control")."""
    acronyms = [e for e in entities if e.type == "Organization" and e.name.isupper() and e.name.isalpha()]
    if not acronyms:
        return entities
    full: dict[str, list[Entity]] = {}
    for entity in entities:
        if entity.type == "Organization" and " " in entity.name and "(" not in entity.name:
            full.setdefault(_initials(entity.name), []).append(entity)
    merged: set[int] = set()
    for acronym in acronyms:
        targets = full.get(acronym.name, [])
        if len(acronym.name) < 3 or len(targets) != 1:
            continue
        target = targets[0]
        target.mentions.extend(acronym.mentions)
        target.mentions.sort(key=lambda m: m.start)
        if acronym.name not in target.aliases:
            target.aliases.append(acronym.name)
        merged.add(id(acronym))
    return [e for e in entities if id(e) not in merged]
