"""The numbers of a text before they are read as figures: digits, number words, scales, currencies.

:func:`atoms` finds every number with its value, scale and currency; number_skips.py says which
of them are no figure (years, identifiers, dates, units, ratios, conversions, phone numbers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ringscope.extract import money
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

_WORD_GAP = re.compile(r"[\s-]+")
_GROUPING = re.compile(r"[,\s\u00a0\u202f]")
_SCALE_AFTER = re.compile(r"\s*(?:million|billion|trillion|crore|lakh|mn|bn|m|b)\b", re.IGNORECASE)


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
