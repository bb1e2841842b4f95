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
from dataclasses import dataclass, field

from ringscope.extract.compounds import (
    COMPOUND_HEADS,
    COMPOUND_PHRASES,
    FACILITY_HEADS,
    OPERATION_RE,
    PLACE_SUFFIXES,
)
from ringscope.extract.document import Document
from ringscope.extract.organisations import GENERIC_ALONE, IN_PLACE_HEADS, ORG_CONNECTORS, ORG_HEADS
from ringscope.extract.people import ROLE_NOUNS, SPEECH_VERBS, TITLE_HEADS, TITLE_WORDS
from ringscope.extract.places import COMMON_WORDS, PlaceHit
from ringscope.model import Entity, Mention, name_key

# Words: initials and dotted acronyms ("A.", "U.S."), or letters/digits with inner ' - . & (no possessive 's).
WORD_RE = re.compile(r"(?:[A-Z]\.)+|[^\W_]+(?:['’\-.&](?![sS]\b)[^\W_]+)*")
ACRONYM_RE = re.compile(r"\s*\(([A-Z][A-Za-z0-9&.\-]{1,11})\)")
_GAP = re.compile(r"[ \t\u00a0]+")
_ROMAN = re.compile(r"^[IVX]+$")
# All-caps words that are not organisations.
NOT_ACRONYMS = frozenset(
    """I II III IV V VI VII VIII IX X XI XII AM PM AD BC OK TV ID PDF USD US$ EUR GBP SGD MYR THB CNY RMB JPY
    KRW PHP INR IDR VND KHR MMK LAK TWD HKD AUD CAD NZD AED CEO CFO COO CTO MP MPs PhD GMT UTC THE AND FOR
    OF IN ON AT BY TO NEW NEWS SEZ POGO POGOs BREAKING UPDATE VIDEO PHOTO PHOTOS READ MORE""".split()
)
SENTENCE_OPENERS = frozenset({"The", "A", "An", "This", "That", "These", "Those", "In", "On", "At", "By", "For"})


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()


@dataclass(slots=True)
class _Found:
    type: str
    start: int
    end: int
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    roles: list[str] = field(default_factory=list)
    alias: str | None = None


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]


def _joined(text: str, end: int, start: int) -> bool:
    return start > end and _GAP.fullmatch(text, end, start) is not None


def _runs(text: str, toks: list[_Tok]) -> list[tuple[int, int]]:
    """Index ranges [i, j) of capitalised runs, joined by connector words, trailing connectors dropped."""
    runs: list[tuple[int, int]] = []
    i, n = 0, len(toks)
    while i < n:
        if not toks[i].cap:
            i += 1
            continue
        j = i + 1
        while j < n and _joined(text, toks[j - 1].end, toks[j].start):
            word = toks[j].text
            if toks[j].cap or (word[:1].isdigit() and toks[j - 1].cap):
                j += 1
                continue
            if (word in ORG_CONNECTORS or (word == "in" and toks[j - 1].text in IN_PLACE_HEADS)) and (
                j + 1 < n and toks[j + 1].cap and _joined(text, toks[j].end, toks[j + 1].start)
            ):
                j += 1
                continue
            break
        runs.append((i, j))
        i = j
    return runs


def _place_index(places: list[PlaceHit]) -> dict[int, PlaceHit]:
    return {p.start: p for p in places}


def _country_in(places: list[PlaceHit], start: int, end: int) -> str | None:
    for place in places:
        if start <= place.start and place.end <= end and place.country:
            return place.country
    return None


def _is_place_run(words: list[_Tok], starts: dict[int, PlaceHit]) -> bool:
    hit = starts.get(words[0].start)
    return hit is not None and hit.end >= words[-1].end


def _split_and(text: str, words: list[_Tok], starts: dict[int, PlaceHit]) -> list[list[_Tok]]:
    """Split a run at "and" when both sides stand alone (places, acronyms, or each with a head word)."""
    parts: list[list[_Tok]] = [[]]
    for tok in words:
        if tok.text in {"and", "&"}:
            parts.append([])
        else:
            parts[-1].append(tok)
    if len(parts) == 1:
        return parts
    out: list[list[_Tok]] = [parts[0]]
    for part in parts[1:]:
        left = out[-1]
        if not part or not left:
            out[-1] = left + part
            continue
        left_alone = _stands_alone(left, starts)
        right_alone = _stands_alone(part, starts)
        if left_alone and right_alone:
            out.append(part)
        else:
            joiner = [t for t in words if left[-1].end <= t.start < part[0].start]
            out[-1] = left + joiner + part
    return [p for p in out if p]


def _stands_alone(words: list[_Tok], starts: dict[int, PlaceHit]) -> bool:
    texts = [w.text for w in words]
    if _is_place_run(words, starts):
        return True
    if len(words) == 1 and _acronym(texts[0]):
        return True
    return any(t in ORG_HEADS or t in COMPOUND_HEADS for t in texts) or texts[0] == "Operation"


def _acronym(word: str) -> bool:
    letters = word.replace(".", "").replace("-", "").replace("&", "")
    return (
        2 <= len(letters) <= 7
        and letters[:1].isalpha()
        and sum(c.isupper() for c in letters) >= max(2, len(letters) - 1)
        and word not in NOT_ACRONYMS
        and not _ROMAN.match(word)
    )


def _strip_leading(words: list[_Tok]) -> list[_Tok]:
    while words and words[0].text in SENTENCE_OPENERS | {"the", "of", "for", "and", "on", "in"}:
        words = words[1:]
    while words and not words[-1].cap:
        words = words[:-1]
    return words


def _span_text(text: str, words: list[_Tok]) -> str:
    return text[words[0].start : words[-1].end]


def _prev_word(toks: list[_Tok], index: int) -> str:
    return toks[index - 1].text if index > 0 else ""


def _next_word(toks: list[_Tok], index: int) -> str:
    return toks[index].text if index < len(toks) else ""


def _person_context(text: str, toks: list[_Tok], i: int, j: int) -> bool:
    """Does the context say the capitalised words toks[i:j] name a person?"""
    prev = _prev_word(toks, i).casefold()
    if prev in ROLE_NOUNS or (prev in SPEECH_VERBS and prev != "according"):
        return True
    nxt = _next_word(toks, j).casefold()
    end = toks[j - 1].end
    if nxt in SPEECH_VERBS and nxt != "according" and _joined(text, end, toks[j].start if j < len(toks) else end):
        return True
    if text.startswith(",", end):
        for k in range(j, min(j + 6, len(toks))):
            word = toks[k].text
            if word.casefold() in ROLE_NOUNS or word in TITLE_HEADS:
                return True
            if word.casefold() in {"who", "aged"}:
                return True
    return False


def _classify(
    text: str, toks: list[_Tok], i: int, j: int, starts: dict[int, PlaceHit], places: list[PlaceHit],
    lower_words: set[str],
) -> list[_Found]:
    """Entities in the capitalised run toks[i:j]."""
    words = toks[i:j]
    found: list[_Found] = []
    texts = [w.text for w in words]
    # A title followed by a name: a person.
    head_at = [k for k, t in enumerate(texts) if t in TITLE_HEADS]
    if head_at:
        k = head_at[-1] + 1
        while k < len(words) and (texts[k] in TITLE_WORDS or texts[k] in {"of", "for", "the"}):
            k += 1
        first_title = head_at[0]
        while first_title > 0 and texts[first_title - 1] in TITLE_WORDS:
            first_title -= 1
        name = words[k:]
        if 1 <= len(name) <= 4 and not any(t.text in ORG_HEADS or not t.cap for t in name):
            if not _is_place_run(name, starts) and (len(name) >= 2 or not name[0].text.isupper()):
                role = _span_text(text, words[first_title:k])
                country = _country_in(places, words[0].start, words[k - 1].end)
                found.append(_Found("Person", name[0].start, name[-1].end, _span_text(text, name), country,
                                    roles=[role]))
                if first_title > 0:
                    found.extend(_classify_plain(text, toks, i, i + first_title, starts, places, lower_words))
                return found
    return _classify_plain(text, toks, i, j, starts, places, lower_words)


def _classify_plain(
    text: str, toks: list[_Tok], i: int, j: int, starts: dict[int, PlaceHit], places: list[PlaceHit],
    lower_words: set[str],
) -> list[_Found]:
    words = _strip_leading(toks[i:j])
    if not words:
        return []
    out: list[_Found] = []
    for part in _split_and(text, words, starts):
        part = _strip_leading(part)
        if part:
            found = _classify_part(text, toks, part, starts, places, lower_words)
            if found is not None:
                out.append(found)
    return out


def _classify_part(
    text: str, toks: list[_Tok], words: list[_Tok], starts: dict[int, PlaceHit], places: list[PlaceHit],
    lower_words: set[str],
) -> _Found | None:
    texts = [w.text for w in words]
    start, end = words[0].start, words[-1].end
    name = text[start:end]
    country = _country_in(places, start, end)
    if texts[0] == "Operation" and len(texts) > 1:
        return _Found("Operation", start, end, name)
    if texts[-1] in COMPOUND_HEADS or name.endswith(COMPOUND_PHRASES):
        if len(texts) >= 2 or texts[-1] not in COMPOUND_HEADS:
            return _Found("Compound", start, end, name, country)
        return None
    if any(t in ORG_HEADS for t in texts):
        if len(texts) == 1 and texts[0] in GENERIC_ALONE:
            return None
        if all(t in GENERIC_ALONE or t in ORG_HEADS for t in texts) and len(texts) <= 1:
            return None
        return _Found("Organization", start, end, name, country)
    if texts[-1] in FACILITY_HEADS and len(texts) >= 2:
        return _Found("Location", start, end, name, country)
    if _is_place_run(words, starts):
        return None  # places are added from the gazetteer hits
    if len(words) == 1:
        word = texts[0]
        if _acronym(word) and not starts.get(start):
            return _Found("Organization", start, end, name)
        return None
    if any(t.casefold() in COMMON_WORDS for t in texts) or any(t.casefold() in lower_words for t in texts):
        return None
    if any(p.start >= start and p.end <= end for p in places):
        return None
    if 2 <= len(words) <= 4:
        index = next(k for k, t in enumerate(toks) if t.start == start)
        if _person_context(text, toks, index, index + len(words)):
            return _Found("Person", start, end, name)
    return None


def _location(place: PlaceHit, text: str, toks_after: re.Match[str] | None) -> _Found:
    end = place.end
    name = place.text
    if toks_after is not None:
        end = toks_after.end()
        name = text[place.start : end]
    return _Found("Location", place.start, end, name, place.country, place.lat, place.lon)


_SUFFIX_RE = re.compile(r"[ \t]+([A-Za-z\-]+)")


def extract_entities(doc: Document, places: list[PlaceHit]) -> list[Entity]:
    """Entities of the document, each once under its most complete name, with all mentions."""
    text = doc.text
    toks = _tokens(text)
    lower_words = {t.text for t in toks if t.text[:1].islower()}
    starts = _place_index(places)
    found: list[_Found] = []
    for i, j in _runs(text, toks):
        found.extend(_classify(text, toks, i, j, starts, places, lower_words))
        end = toks[j - 1].end
        match = ACRONYM_RE.match(text, end)
        if match and found and found[-1].end == end and found[-1].type in {"Organization", "Location", "Compound"}:
            last = found[-1]
            if last.type == "Organization" or len(last.name.split()) > 1:
                last.alias = match.group(1)
                last.end = match.end()
                last.name = text[last.start : last.end]
    for match in OPERATION_RE.finditer(text):
        found.append(_Found("Operation", match.start(), match.end(), match.group(0)))
    covered = [(f.start, f.end) for f in found]
    for place in places:
        if place.kind == "demonym":
            continue
        if any(s <= place.start and place.end <= e for s, e in covered):
            continue
        suffix = _SUFFIX_RE.match(text, place.end)
        ok = suffix is not None and suffix.group(1).casefold() in PLACE_SUFFIXES and place.kind in {"city", "region"}
        found.append(_location(place, text, suffix if ok else None))
    return _merge(found, text)


def _merge(found: list[_Found], text: str) -> list[Entity]:
    found.sort(key=lambda f: (f.start, -f.end))
    entities: dict[tuple[str, str], Entity] = {}
    aliases: dict[str, tuple[str, str]] = {}
    for item in found:
        key = (item.type, name_key(item.name))
        if not key[1]:
            continue
        if item.type == "Organization" and item.alias is None and item.name in aliases:
            key = aliases[item.name]
        entity = entities.get(key)
        if entity is None:
            entity = Entity(item.type, item.name, item.country, item.lat, item.lon)
            entities[key] = entity
        if item.alias:
            entity.aliases.append(item.alias)
            aliases[item.alias] = key
        for role in item.roles:
            if role not in entity.roles:
                entity.roles.append(role)
        mention = Mention(item.start, item.end, text[item.start : item.end])
        if mention not in entity.mentions:
            entity.mentions.append(mention)
        if entity.country is None:
            entity.country = item.country
    return _absorb(list(entities.values()))


def _absorb(entities: list[Entity]) -> list[Entity]:
    """Fold shorter names into a longer entity of the same type that holds all their words."""
    kept: list[Entity] = []
    by_length = sorted(entities, key=lambda e: -len(e.key.split()))
    for entity in by_length:
        words = set(entity.key.split())
        target = None
        if entity.type in {"Person", "Organization", "Compound", "Location"}:
            for other in kept:
                if other.type == entity.type and words < set(other.key.split()):
                    if entity.type == "Location" and other.country != entity.country:
                        continue
                    target = other
                    break
        if target is None:
            kept.append(entity)
            continue
        target.mentions.extend(entity.mentions)
        for role in entity.roles:
            if role not in target.roles:
                target.roles.append(role)
        target.country = target.country or entity.country
    for entity in kept:
        entity.mentions.sort(key=lambda m: m.start)
    kept.sort(key=lambda e: e.start)
    return kept
