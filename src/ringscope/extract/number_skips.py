"""Numbers that are no figure of the vocabulary: :func:`skip_reason` names the number rule
(claim_rules.yaml, section ``numbers``) that makes one a year, an identifier or an age, a date, a
unit, a ratio, a conversion of the amount before it, or part of a phone number.
"""

from __future__ import annotations

import re

from ringscope.extract.casefold import CaseFree, fold_case
from ringscope.extract.number_atoms import MONTHS, Atom

_ID_STRONG_BEFORE_RE = re.compile(
    r"(?:\b(?:section|article|chapter|resolution|act|room|unit|block|phase|level|floor|route|highway|road|"
    r"street|flight|page|case|no\.|number|nos\.|code|model|version|batch|grade|ward|lot|aged?|ages|e\.o\.|order|"
    r"age of|aged between|between the ages of)\s*"
    r"|\b(?:aged?|ages?)(?:\s+(?:of|from|between|ranging))*\s+|#|\+)$",
    re.IGNORECASE,
)
_UNDER_AGE_BEFORE = re.compile(r"\b(?:under|below)\s+$", re.IGNORECASE)
_COPULA_UNDER = re.compile(r"\b(?:were|are|was|is|aged)\s+(?:under|below)\s+$", re.IGNORECASE)
_AGE_AFTER = re.compile(r"(?:[.,;:)]|and\b|or\b|were\b|are\b|$)", re.IGNORECASE)
_AFTER_SKIP_RE = re.compile(
    r"^(?:\s*(?:%|percent\b|per\s*cent\b|pc\b|pct\b|°)|(?:st|nd|rd|th)\b|\s*[-\s]?years?[-\s]old\b|"
    r"[-\s]*(?:years?|yrs?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?|decades?|centur(?:y|ies)|"
    r"km|kilomet(?:er|re)s?|miles?|met(?:er|re)s?|kg|kilograms?|tons?|tonnes?|am|pm|a\.m\.|p\.m\.|gb|mb|"
    r"storey|story|floors?|acres?|hectares?|sq)\b|\s?[ap]\.m\.|:\d|/\d|\.\d)",
    re.IGNORECASE,
)
_MONTH_BEFORE_RE = re.compile(rf"\b(?:{MONTHS})\.?\s*$", re.IGNORECASE)
_MONTH_AFTER_RE = re.compile(rf"^(?:st|nd|rd|th)?\s*(?:of\s+)?(?:{MONTHS})\b", re.IGNORECASE)
_RATIO_AFTER_RE = re.compile(
    r"\s+(?:in|out\s+of)\s+(?:every\s+)?(?:(?!(?:1[89]|20)\d\d\b)\d+|two|three|four|five|six|seven|eight|nine|ten|a\s+hundred)\b",
    re.IGNORECASE,
)
_RATIO_BEFORE_RE = re.compile(r"\b(?:one|\d+)\s+(?:in|out\s+of)\s+(?:every\s+)?$", re.IGNORECASE)
_MONTH_RANGE_BEFORE_RE = re.compile(
    rf"\b(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\s*(?:-|–|to|and|&)\s*$", re.IGNORECASE
)
# The same, searched on the lower-cased window around each number (see casefold.py).
_ID_STRONG_BEFORE, _MONTH_BEFORE = CaseFree(_ID_STRONG_BEFORE_RE), CaseFree(_MONTH_BEFORE_RE)
_MONTH_AFTER, _RATIO_BEFORE = CaseFree(_MONTH_AFTER_RE), CaseFree(_RATIO_BEFORE_RE)
_CONVERSION_GAP = re.compile(
    r"\s*\(\s*(?:about|around|approx\.?|approximately|or|roughly|some|nearly|equivalent\s+to)?\s*"
)
# "10 million pesos, or about US$180,000", "€2 billion, equivalent to US$2.2 billion"
_CONVERSION_SAID = re.compile(
    r"\s*,?\s*(?:or|i\.e\.|(?:which\s+is\s+)?(?:equivalent|equal)\s+to|which\s+is)\s+"
    r"(?:about|around|approx\.?|approximately|roughly|some|nearly|almost|an\s+estimated|over|more\s+than)?\s*",
    re.IGNORECASE,
)
# Compiled once: these run on every number (the module-level re functions look each one up).
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_LONG_DIGITS = re.compile(r"\d{5,}")
_LETTER = re.compile(r"[A-Za-z]")
_PHONE_RE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?(?:\(?\d{2,5}\)?[\s.-]){2,}\d{3,5}\b")


YEAR, IDENTIFIER, DATE, UNIT, RATIO, CONVERSION, PHONE = (
    "number.year", "number.identifier", "number.date", "number.unit", "number.ratio", "number.conversion",
    "number.phone",
)


def skip_reason(text: str, atom: Atom, atoms_before: list[Atom]) -> str:
    """The id of the number rule that makes ``atom`` no figure, or ""."""
    before = text[max(0, atom.start - 24) : atom.start]
    folded = fold_case(before)
    after = text[atom.end : atom.end + 24].lstrip()
    if atom.currency is None and not atom.is_word:
        raw = text[atom.num_start : atom.num_end]
        if _YEAR.fullmatch(raw) and not atom.scaled:
            return YEAR
        if _ID_STRONG_BEFORE.search(before, folded):
            return IDENTIFIER
        if _UNDER_AGE_BEFORE.search(before) and _AGE_AFTER.match(after) and 12 <= atom.value <= (
            40 if _COPULA_UNDER.search(before) else 21  # "41 were under 25": an age, not a count
        ):
            return IDENTIFIER  # "two are under 18": an age limit
        if _LONG_DIGITS.fullmatch(raw) and not atom.scaled:
            return IDENTIFIER  # counts of this size are written with separators
        if (
            _MONTH_BEFORE.search(before, folded)
            or _MONTH_RANGE_BEFORE_RE.search(before)
            or _MONTH_AFTER.match(after, fold_case(after))
        ):
            return DATE
        if _LETTER.match(text[atom.num_end : atom.num_end + 1]) and not atom.scaled:
            return IDENTIFIER
        # "eight (8)": a digit restating the number word before it
        if before.endswith("(") and atoms_before and atoms_before[-1].end >= atom.start - 3:
            return CONVERSION
    elif atom.is_word:
        if _MONTH_AFTER.match(after, fold_case(after)):
            return DATE
        if _ID_STRONG_BEFORE.search(before, folded):
            return IDENTIFIER
    if atom.currency is None and _AFTER_SKIP_RE.match(text[atom.end : atom.end + 24]):
        return UNIT
    ratio = atom.currency is None and _RATIO_AFTER_RE.match(text, atom.end) is not None
    if ratio or (atom.currency is None and _RATIO_BEFORE.search(before, folded)):
        return RATIO  # "one in three victims", "1 in 5"
    if atom.currency is not None and atoms_before:
        prev = atoms_before[-1]
        gap = text[prev.end : atom.start]
        if prev.currency is not None and _CONVERSION_GAP.fullmatch(gap):
            return CONVERSION  # parenthetical conversion of the amount before it
        if prev.currency not in (None, atom.currency) and _CONVERSION_SAID.fullmatch(gap):
            return CONVERSION  # the same amount said again in another currency
    return ""


def in_phone(text: str, atom: Atom) -> bool:
    """Whether a figure is part of a phone number (nine or more digits in groups, no commas)."""
    if atom.is_word:
        return False
    start, end = max(0, atom.num_start - 8), min(len(text), atom.num_end + 24)
    if sum(map(str.isdecimal, text[start:end])) < 9:
        return False  # too few digits (what \d matches) around the figure for any phone number
    for m in _PHONE_RE.finditer(text, start, end):
        if m.start() <= atom.num_start < m.end():
            digits = sum(c.isdigit() for c in m.group(0))
            return digits >= 9 and "," not in m.group(0)
    return False
