"""What a figure counts: the noun after it ("149 victims", "27 countries"), a nationality ("42 were
Chilean"), or the group a part is taken from ("three of the Chileans"). Lexicons are general English
(claim_rules.yaml: nouns, lexicon.modifiers, lexicon.stop_after)."""

from __future__ import annotations

import re

from ringscope.extract.capitalised import DATE_WORDS
from ringscope.extract.measures import (
    ACCOUNT,
    BARE,
    MODIFIERS,
    NOUNS,
    PEOPLE,
    PEOPLE_CLASSES,
    RULES,
    SITE,
    SKIP,
    STOP_AFTER,
    TRIGGER_RE,
    Noun,
)

_NOT_MONEY_ACCOUNTS = re.compile(
    r"\b(?:" + "|".join(map(re.escape, sorted(RULES.words("lexicon.non_money_accounts")))) + r")\b", re.I
)
_CELL_END = re.compile(r"[ \u00a0]*(?:\||\t|\n|$)")
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*|[,.;]")
_NEXT_WORD = re.compile(r"\s+([A-Za-z][A-Za-z'’-]*)")


def _names_group_next(text: str, pos: int) -> bool:
    """Whether the word after ``pos`` may be what a figure counts (not a stop word or a trigger)."""
    nxt = _NEXT_WORD.match(text, pos)
    if nxt is None or nxt.group(1).lower() in STOP_AFTER:
        return False
    return not TRIGGER_RE.match(text, nxt.start(1))


def counted_noun(text: str, pos: int, limit: int, demonyms: frozenset[int] = frozenset()) -> Noun:
    """The class of the noun a figure ending at ``pos`` counts (scanning a few words ahead).

    ``demonyms`` holds start offsets of words known to be nationality words.
    """
    people: Noun | None = None
    unknown = 0
    total = _TOTAL_OF.match(text, pos)
    if total is not None and _TOTAL_VERB.search(text, max(0, pos - 50), pos):
        # "bringing to 178 the number (of Zorvanians) rescued": what the total is of
        after = counted_noun(text, total.end(), limit, demonyms)
        if after.cls == SKIP:
            return Noun(BARE, pos, pos, "", TOTAL_OF)
        return Noun(after.cls, after.start, after.end, after.word, after.rule or TOTAL_OF)
    if _CELL_END.match(text, pos):
        return Noun(BARE, pos, pos, "")  # a figure alone in a table cell: its column says what it counts
    for count, m in enumerate(_WORD_RE.finditer(text, pos, min(limit, pos + 80))):
        word = m.group(0)
        low = word.lower()
        if count == 0 and low == "more" and _names_group_next(text, m.end()):
            continue  # "40 more Zorvanians"
        if count == 0 and low in _COPULA:
            named = _named_as_nationality(text, m.end(), limit, demonyms)
            if named is not None:
                return named  # "42 were Chilean", "one was Peruvian": a nationality breakdown
        if count == 0 and low not in NOUNS and (low in STOP_AFTER or TRIGGER_RE.match(text, m.start())):
            if low == "of" and re.match(r"\s+(?:their|its|his|her|our)\b", text[m.end() : m.end() + 8]):
                continue
            det = _PARTITIVE.match(text, m.end()) if low == "of" else None
            if det is not None:  # "three of the Chileans": the group the part is taken from
                whole = counted_noun(text, det.end(), limit, demonyms)
                if whole.cls not in (BARE, SKIP):
                    return Noun(whole.cls, whole.start, whole.end, whole.word, PARTITIVE)
            return Noun(BARE, pos, pos, "")
        if low in NOUNS:
            cls = NOUNS[low]
            if cls == ACCOUNT and _NOT_MONEY_ACCOUNTS.search(text, pos, m.start()):
                return Noun(SKIP, pos, pos, "")  # "25,000 social media accounts": no money is held there
            head = _NEXT_WORD.match(text, m.end()) if cls == SITE else None
            if head is not None and NOUNS.get(head.group(1).lower()) in PEOPLE_CLASSES:
                continue  # "nine scam hub workers": the site word modifies the people counted
            if people is not None:
                return Noun(cls, people.start, m.end(), people.word + " " + low)
            return Noun(cls, m.start(), m.end(), low)
        if low in ("their", "its", "his", "her", "our") and count <= 1:
            continue
        capital = word[:1].isupper()
        # a capitalised word names people, but a month or a day does not ("4,512 by March")
        as_name = capital and (count == 0 or _looks_demonym(word)) and word not in DATE_WORDS
        if m.start() in demonyms or as_name:
            word_key = low if people is None else people.word + " " + low
            people = Noun(PEOPLE, m.start() if people is None else people.start, m.end(), word_key)
            continue
        if low in STOP_AFTER or count >= 4:
            break
        if low in MODIFIERS or (capital and people is not None):
            continue
        unknown += 1
        if unknown > 2 or people is not None:
            break
    return people or Noun(SKIP, pos, pos, "")


PARTITIVE = "noun.partitive"
TOTAL_OF = "noun.total_of"
_TOTAL_OF = re.compile(
    r"\s+the\s+(?:overall\s+|total\s+|cumulative\s+)?(?:number|total|tally|count)(?:\s+of\b)?", re.IGNORECASE
)
TOTAL_VERBS = r"bring\w*|brought|tak(?:e|es|ing)|took|rais\w*|push\w*|lift\w*"
"""Verbs that carry a running total to a figure ("bringing the total to 70", "taking to 178 the number")."""
_TOTAL_VERB = re.compile(rf"\b(?:{TOTAL_VERBS})\s+(?:\w+\s+)?to\s+\S+$", re.IGNORECASE)
_PARTITIVE = re.compile(r"\s+(?:the|those|these)(?=\s+[A-Za-z])", re.IGNORECASE)
_COPULA = frozenset({"were", "was", "are", "is"})
_NATIONALITY_AFTER_COPULA = re.compile(
    r"\s+(?:(?:identified|confirmed|listed)\s+as\s+)?([A-Z][a-z'’-]+)(?:\s+(?:nationals|citizens))?"
    r"(?=\s*(?:[,.;)]|and\b|$))"
)


def _named_as_nationality(text: str, pos: int, limit: int, demonyms: frozenset[int]) -> Noun | None:
    """"42 were Chilean" (then a comma, "and" or the end of the clause): people counted by nationality."""
    m = _NATIONALITY_AFTER_COPULA.match(text, pos, min(limit, pos + 40))
    if m is None or not (m.start(1) in demonyms or _looks_demonym(m.group(1))):
        return None
    return Noun(PEOPLE, m.start(1), m.end(), m.group(1).lower())


_DEMONYM_END = re.compile(r"(?:ans|ese|is|ish|ch|nos|os|ians|ers|ns|i|ean|ian|an|Chinese|Thai|Lao|Swiss)$")


def _looks_demonym(word: str) -> bool:
    return len(word) > 2 and bool(_DEMONYM_END.search(word)) and word[0].isupper()
