"""Framings that override the nearest trigger: a subject's main verb, an object's verb, running totals."""

from __future__ import annotations

import re
from functools import lru_cache

from ringscope.extract import measures
from ringscope.extract.numbers import Amount

MAIN_PREDICATE = "framing.main_predicate"
RUNNING_TOTAL = "noun.running_total"
# Between a subject's noun and a modifier of it: "40 Zorvanians trapped", ", victims of", "who were duped"
_MODIFIER_GAP = re.compile(
    r"^\s*,?\s*(?:(?:who|that)\s+(?:(?:were|was|are|is|had|have|has|been|being)\s+){0,2})?"
    r"(?:allegedly\s+|reportedly\s+|all\s+)?(?:(?:victims\s+)?of\s+(?:an?\s+|the\s+)?(?:\w+\s+){0,2}(?:and\s+)?)?$",
    re.IGNORECASE,
)
OBJECT_OF = "framing.object_of_verb"
_OBJECT_GAP = re.compile(
    r"\s+(?:(?:all|some|the|of|another|a\s+further|a\s+total\s+of|at\s+least|more\s+than|over|about|around|"
    r"nearly|up\s+to)\s+){0,4}"
)
_SUBJECTS = frozenset({measures.PEOPLE, measures.VICTIM, measures.WORKER})


def main_predicate(text: str, noun: measures.Noun, amount: Amount, own: list[measures.Trigger],
                   chosen: measures.Choice, positions: list[int]) -> measures.Choice | None:
    """"40 Zorvanians trapped abroad were rescued": the main verb, not the subject's modifier, decides."""
    t = chosen.trigger
    if t is None or t.start < noun.end or noun.cls not in _SUBJECTS:
        return None
    if not _MODIFIER_GAP.match(text[max(amount.end, noun.end) : t.start]):
        return None
    for later in own:
        if later.start <= t.end or later.category not in ("rescue", "return"):
            continue
        span = text[t.end : later.start]
        infinitive = text[later.start - 3 : later.start] == "to "
        if later.start - t.end > 200 or ";" in span or ":" in span or infinitive:
            break
        if any(t.end <= p < later.start for p in positions):
            break
        return measures.Choice(measures.PEOPLE_MEASURE[later.category], later, MAIN_PREDICATE)
    return None


def object_of(text: str, noun: measures.Noun, amount: Amount, own: list[measures.Trigger],
              chosen: measures.Choice) -> measures.Choice | None:
    """"expel 103 Zorvanians caught in a raid": the verb a figure is the object of, not a participle after."""
    t = chosen.trigger
    if t is None or t.start < noun.end:
        return None
    if not _MODIFIER_GAP.match(text[max(amount.end, noun.end) : t.start]):
        return None
    verb = next((b for b in reversed(own) if b.end <= amount.start), None)
    if verb is None or verb.category == t.category:
        return None
    if not _OBJECT_GAP.fullmatch(text, verb.end, amount.start):
        return None
    table = measures.SUSPECT_MEASURE if noun.cls == measures.SUSPECT else measures.PEOPLE_MEASURE
    if verb.category not in table:
        return None
    return measures.Choice(table[verb.category], verb, OBJECT_OF)


def money_object_of(text: str, amount: Amount, own: list[measures.Trigger],
                    chosen: measures.Choice) -> measures.Choice | None:
    """"recovered $2 million stolen from victims": the verb an amount is the object of decides."""
    t = chosen.trigger
    if t is None or t.start < amount.end:
        return None
    verb = next((b for b in reversed(own) if b.end <= amount.start), None)
    if verb is None or verb.category == t.category or verb.category not in measures.MONEY_MEASURE:
        return None
    if not _OBJECT_GAP.fullmatch(text, verb.end, amount.start):
        return None
    return measures.Choice(measures.MONEY_MEASURE[verb.category], verb, OBJECT_OF)


_RUNNING = re.compile(
    r"\b(?:total|number|tally|count)\s+(?:number\s+)?(?:of\s+)?(?:[a-z]+\s+){0,2}?([a-z-]+)\s+"
    r"(?:[a-z]+ed\s+)?(?:(?:so\s+far|to\s+date|now)\s+)?(?:(?:has|have|had)\s+)?"
    r"(?:(?:rose|risen|climbed|jumped|grew|grown|increased|swelled|soared)\s+to|to|at|stands\s+at|is|was|"
    r"reached|hit)\s+$",
    re.IGNORECASE,
)


def running_total(text: str, s_start: int, start: int) -> measures.Noun | None:
    """"brought the total number of returnees to 1,500": the noun a running total counts, before it."""
    m = _RUNNING.search(text, max(s_start, start - 80), start)
    if m is None or m.group(1).lower() not in measures.NOUNS:
        return None
    return measures.Noun(measures.NOUNS[m.group(1).lower()], m.start(1), m.end(1), m.group(1).lower())


HELD_UNTIL = "framing.held_until"
_UNTIL = re.compile(
    r"[^.;:]{0,80}?\b(?:before|until|till|after)\s+(?:(?:they|he|she)\s+(?:were|was)\s+|being\s+|(?:finally\s+)?)$",
    re.IGNORECASE,
)


def held_until(text: str, chosen: measures.Choice, own: list[measures.Trigger]) -> measures.Choice | None:
    """"had been held for months before they were freed": the captivity ended in a rescue, the event
    the figure is reported for."""
    t = chosen.trigger
    if t is None:
        return None
    for later in own:
        if later.start > t.end and later.category in ("rescue", "return") and not later.weak:
            if _UNTIL.match(text, t.end, later.start):
                return measures.Choice(measures.PEOPLE_MEASURE[later.category], later, HELD_UNTIL)
            return None
    return None


OUT_AND_WAITING = "framing.out_and_waiting"
_WAITING = measures.RULES.words(OUT_AND_WAITING)
_WHO_GAP = re.compile(r"\s+(?:[\w-]+\s+){0,3}?who\s+(?:had\s+|have\s+|has\s+)?(?:been\s+|were\s+|was\s+)?$")


def out_and_waiting(text: str, noun: measures.Noun, own: list[measures.Trigger],
                    chosen: measures.Choice) -> measures.Choice | None:
    """"17 workers who escaped a compound are waiting for papers": people out of a compound who now wait
    or are stranded somewhere are rescued, not held."""
    t = chosen.trigger
    if t is None or t.start < noun.end or text[t.start : t.end].lower() not in _WAITING:
        return None
    for out in own:
        if noun.end <= out.start < t.start and out.category == "rescue" and _WHO_GAP.fullmatch(
            text, noun.end, out.start
        ):
            return measures.Choice("victims_rescued", out, OUT_AND_WAITING)
    return None


IN_SHELTER = "framing.in_shelter"
_IN_SHELTER = re.compile(
    r"\s+(?:(?:at|in|inside)\s+(?:a\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:shelters?|safe\s*houses?|"
    r"transit\s+(?:centres?|centers?|camps?)|reception\s+(?:centres?|centers?)|rehabilitation\s+(?:centres?|centers?)))\b",
    re.IGNORECASE,
)


def in_shelter(text: str, chosen: measures.Choice) -> measures.Choice | None:
    """"200 more are waiting in shelters": people held nowhere but in a shelter are out, rescued."""
    t = chosen.trigger
    if t is None or not _IN_SHELTER.match(text, t.end):
        return None
    return measures.Choice("victims_rescued", t, IN_SHELTER)


STILL_HELD = "framing.still_held"
_INTENT_BEFORE = re.compile(r"\bto\s+(?:\w+\s+)?$", re.IGNORECASE)
_STILL_GAP = re.compile(r"\s*,?\s+(?:who\s+(?:are|were|remain)\s+)?(?:still|currently)\s+$", re.IGNORECASE)


def still_held(text: str, noun: measures.Noun, own: list[measures.Trigger],
               chosen: measures.Choice) -> measures.Choice | None:
    """"plans to bring home 40 Zorvanians still held in the compound": a rescue or return only intended,
    for people said to be still held, counts them as held."""
    t = chosen.trigger
    if t is None or t.category not in ("rescue", "return") or t.start >= noun.start:
        return None
    if not _INTENT_BEFORE.search(text, max(0, t.start - 20), t.start):
        return None
    for held in own:
        after = held.start >= noun.end and held.category == "traffic"
        if after and _STILL_GAP.fullmatch(text, noun.end, held.start):
            return measures.Choice("people_trafficked", held, STILL_HELD)
    return None


FRAUD_REPORT_VICTIMS = "framing.fraud_report_victims"
_FRAUD_WORDS = measures.RULES.pattern(FRAUD_REPORT_VICTIMS)
_TRAFFICKING_WORDS = re.compile(
    r"traffick|forced|compound|held|captive|hostage|trapped|rescu|freed|repatriat|lured|recruit|enslav|"
    r"scam\s+(?:cent(?:re|er)|hub|camp|park|factor)",
    re.IGNORECASE,
)


@lru_cache(maxsize=8)
def _fraud_only(text: str) -> bool:
    """Is the report about fraud and its victims only: fraud words, and no word of trafficking,
    holding or rescue?"""
    return _FRAUD_WORDS.search(text) is not None and _TRAFFICKING_WORDS.search(text) is None


def fraud_victims(text: str, noun: measures.Noun, chosen: measures.Choice) -> measures.Choice | None:
    """Victims counted with no predicate of their own in a report about fraud only ("funds traced from
    more than 400 victims") are the people defrauded, not people trafficked."""
    if chosen.rule != measures.NOUN_DEFAULT or noun.cls != measures.VICTIM or not _fraud_only(text):
        return None
    return measures.Choice("scam_victims", None, FRAUD_REPORT_VICTIMS)

