"""The numbers of a text before they are read as figures: digits, number words, scales, currencies.

:func:`atoms` finds every number with its value, scale and currency; :func:`skip_reason`
names the number rule (claim_rules.yaml, section ``numbers``) that makes one no figure:
years, identifiers, dates, units, ratios, conversions and phone numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ringscope.extract import money
from ringscope.extract.casefold import CaseFree, fold_case
from ringscope.extract.rules import load_rules

_RULES = load_rules("claim_rules.yaml")
UNITS = {w: int(v) for w, v in _RULES.values("lexicon.number_units").items()}
TENS = {w: int(v) for w, v in _RULES.values("lexicon.number_tens").items()}
SCALES = _RULES.values("lexicon.number_scales")
MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)

_U = "|".join(sorted(UNITS, key=len, reverse=True))
_T = "|".join(TENS)
_WORD_BASE = rf"(?:(?:{_T})(?:[-\s](?:{_U}))?|{_U}|half\s+a|a)"
_WORD_SCALE = r"(?:hundred|thousand|million|billion|trillion|dozen)"
_WORD_TAIL = rf"(?:[\s-]+(?:and\s+)?(?:(?:{_T})(?:-(?:{_U}))?|{_U})\b)"
_WORDNUM = rf"\b(?=[otfesnah]){_WORD_BASE}\b(?:[\s-]+{_WORD_SCALE}\b{_WORD_TAIL}?)*"
# Thousands grouped by dots ("2.500.000"), else digits with commas or spaces grouping thousands and
# a decimal part. The first digit is written once, before both: a pattern opening with a character
# class lets re jump from digit to digit instead of trying the pattern at every place of the text.
_DIGITS = (
    r"\d(?:\d{0,2}(?:\.\d{3}){2,}(?!\d|\.\d)"
    r"|\d?(?:,\d\d)+,\d{3}(?![\d,])(?:\.\d+)?"  # South Asian grouping: "2,50,000", "12,50,00,000"
    r"|\d*(?:(?:,\d{3})+|(?:[ \u00a0\u202f]\d{3})+(?=\D))?(?:\.\d+)?)"
)
_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
"""Dots grouping thousands ("1.200", "2.500.000"), as many writers outside the English-speaking world do."""
_SCALE_ATTACHED = r"(?:bn|tn|trn|mn|mln|mil|bil|m|b|k)\b"  # "RM1.2mil": only written on the figure
_SCALE_WORD = r"(?:trillion|billion|million|thousand|hundred|crore|lakh|bn|mn|mln|tn)\b"
_DECIMAL_COMMA = re.compile(rf",(\d{{1,2}})(?=[\s-](?i:{_SCALE_WORD})|{_SCALE_ATTACHED})")
"""A decimal comma before a scale ("3,5 million", "€2,5bn"): one or two digits, never a thousands group."""

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
_WORD_GAP = re.compile(r"[\s-]+")
_GROUPING = re.compile(r"[,\s\u00a0\u202f]")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_LONG_DIGITS = re.compile(r"\d{5,}")
_LETTER = re.compile(r"[A-Za-z]")
_SCALE_AFTER = re.compile(r"\s*(?:million|billion|trillion|crore|lakh|mn|bn|m|b)\b", re.IGNORECASE)
_PHONE_RE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?(?:\(?\d{2,5}\)?[\s.-]){2,}\d{3,5}\b")


# Not frozen (nothing changes one once made): a frozen dataclass's __init__ costs several times more.
@dataclass(slots=True)
class Atom:
    start: int
    end: int
    num_start: int
    num_end: int
    value: float
    scaled: bool
    currency: str | None
    is_word: bool


_LARGEST = 1e16
_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
"""ASCII-only lower-casing: keeps every offset of the text unchanged."""


def ascii_lower(text: str) -> str:
    """Lower-cased text with the same offsets (``str.lower`` unless it changes the length)."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else text.translate(_LOWER)


# Digits and number words in two scans: a match of either opens with a digit or a letter and holds
# no character of the other kind, so no two overlap, and the two scans merged in text order find
# what one scan for either finds. The digit scan jumps between digits (see _DIGITS); the words scan
# skips on one test a place where no number word can start.
_DIGITS_RE = re.compile(_DIGITS)
_WORDS_RE = re.compile(rf"(?=[otfesnah]){_WORDNUM}")
_START = re.Match.start


def _cores(lowered: str) -> list[re.Match[str]]:
    """The numbers themselves, on lower-cased text: digits and number words, in text order (a
    match of :data:`_WORDS_RE` is a number in words)."""
    found = [*_DIGITS_RE.finditer(lowered), *_WORDS_RE.finditer(lowered)]
    found.sort(key=_START)
    return found


@lru_cache(maxsize=1)
def _prefix_re() -> re.Pattern[str]:
    return re.compile(rf"(?P<pre>{money.prefix_pattern()})[\s\u00a0]?$")


def _prefix_before(text: str, num_start: int) -> re.Match[str] | None:
    """A currency symbol or code just before a number (then at most one space), or None.

    The symbol ends one to three characters before the number (a space and a line end may
    follow it), so when none of those is the last character of any symbol the pattern is not run."""
    ends = money.prefix_ends()
    if not any(c in ends for c in text[max(0, num_start - 3) : num_start]):
        return None
    return _prefix_re().search(text, max(0, num_start - 8), num_start)


_SCALE_RE = re.compile(
    rf"(?:(?P<sa>{_SCALE_ATTACHED}|(?:BN|M|B|K)\b|(?<=-)(?:BN|M|B)\b)|[\s-](?i:(?P<sw>{_SCALE_WORD})))?"
)
"""The scale after a number ("5m", "3 million"); a currency name may follow it (money.suffix_at).
The two were one pattern; a scale is taken or not whatever follows, so they are tried in turn."""


def parse_words(text: str) -> float | None:
    """The value of a number written in words ("forty-three", "two dozen", "half a million")."""
    tokens = _WORD_GAP.split(text.lower().strip())
    total = 0.0
    current = 0.0
    seen_value = False
    for tok in tokens:
        if tok in ("and", ""):
            continue
        if tok == "a":
            current = current or 1.0
        elif tok == "half":
            current = 0.5
        elif tok in UNITS:
            current += UNITS[tok]
            seen_value = True
        elif tok in TENS:
            current += TENS[tok]
            seen_value = True
        elif tok in ("hundred", "dozen"):
            current = max(current, 1.0) * SCALES[tok]
            seen_value = True
        elif tok in SCALES:
            total += (current or 1.0) * SCALES[tok]
            current = 0.0
            seen_value = True
        else:
            return None
    return total + current if seen_value else None


def _parse_digits(text: str) -> float:
    if text.count(".") > 1 and _DOT_THOUSANDS.fullmatch(text):
        return float(text.replace(".", ""))  # "2.500.000"
    return float(_GROUPING.sub("", text))


def atoms(text: str, lowered: str | None = None) -> list[Atom]:
    atoms: list[Atom] = []
    for m in _cores(lowered if lowered is not None else ascii_lower(text)):
        words = m.group(0) if m.re is _WORDS_RE else None
        num_start, num_end = m.start(), m.end()
        if words is not None:
            if words.strip() in ("a", "half a"):
                continue  # an article (as "a" and "half a" alone are), not a number
            value = parse_words(words)
            if value is None:
                continue
        else:
            value = _parse_digits(m.group(0))
            comma = _DECIMAL_COMMA.match(text, num_end) if text[num_end : num_end + 1] == "," else None
            if comma is not None and m.group(0).isdigit():  # plain digits, no group or decimal yet
                value = float(f"{m.group(0)}.{comma.group(1)}")
                num_end = comma.end(1)
        start = num_start
        pre_m = None if words is not None else _prefix_before(text, num_start)
        pre = pre_m.group("pre") if pre_m else None
        attached = pre_m is not None and pre_m.end("pre") == num_start
        if pre is not None and pre in money.LETTER_SYMBOLS and not attached and (
            len(pre) == 1 or not (words is None and "," in m.group(0) or _SCALE_AFTER.match(text, num_end))
        ):
            pre = None  # "K 40", "Sh 5 of them": apart from the figure, only "Dhs 500,000" is money
        if words is None and num_start > 0:
            c = text[num_start - 1]
            letter_prefix = pre is not None and pre_m is not None and pre_m.end("pre") == num_start
            if (c.isalnum() or c in "_.,/:+#") and not letter_prefix:
                continue  # part of an identifier ("G20", "A320", "v2.1")
            if c == "-" and num_start > 1 and text[num_start - 2].isalpha():
                continue  # "COVID-19"
        if pre is not None and pre_m is not None:
            start = pre_m.start("pre")
        tail = _SCALE_RE.match(text, num_end)
        if tail is not None and not tail.group(0) and pre is not None and text.startswith("-", num_end):
            tail = _SCALE_RE.match(text, num_end + 1)  # "P1.2-B": a scale after a hyphen, on money
            tail = tail if tail is not None and tail.group("sa") else _SCALE_RE.match(text, num_end)
        if tail is None:  # the scale pattern is all optional, so it always matches
            continue
        named = money.suffix_at(text, tail.end())
        sa, sw, suf = tail.group("sa"), tail.group("sw"), named.group("suf") if named else None
        scale_word = sa or sw
        if sa and pre is None and suf is None and sa.lower() in ("m", "b"):
            continue  # "5m" without a currency: a measurement, not a scale
        if scale_word:
            value *= SCALES[scale_word.lower()]
        elif words is None and pre is None and suf is None and _DOT_THOUSANDS.fullmatch(m.group(0)):
            value = float(m.group(0).replace(".", ""))  # "1.200 people": no count has a fraction
        if not value < _LARGEST:
            continue  # beyond any real count or sum (or not finite): a code or garbage
        currency = money.resolve(pre) if pre else None
        if suf and named is not None:
            currency = currency or money.resolve(suf)
            end = named.end("suf")
        elif scale_word:
            end = tail.end("sa") if sa else tail.end("sw")
        else:
            end = num_end
        atoms.append(Atom(start, end, num_start, num_end, value, scale_word is not None, currency,
                           words is not None))
    return atoms


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
