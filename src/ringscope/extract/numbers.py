"""Numeric amounts in text: digits, number words, scale words, ranges, money and qualifiers.

:func:`find_amounts` returns every stated figure that could be a claim, with its span,
bounds, qualifier and currency. Years, dates, ages, percentages, times, phone numbers,
ordinals and identifiers ("Section 311") are left out; vague magnitudes ("thousands",
"dozens", "billions of dollars") never match.
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
_DIGITS = r"\d+(?:(?:,\d{3})+|(?:[ \u00a0\u202f]\d{3})+(?=\D))?(?:\.\d+)?"
_SCALE_ATTACHED = r"(?:bn|tn|trn|mn|mln|m|b|k)\b"
_SCALE_WORD = r"(?:trillion|billion|million|thousand|hundred|crore|lakh|bn|mn|mln|tn)\b"

_QUALIFIERS: dict[str, str] = {}
_QUALIFIER_RULE: dict[str, str] = {}
for _rule in _RULES.section("qualifiers"):
    for _phrase in _rule.words:
        if _phrase != "~":
            _QUALIFIERS[_phrase] = str(_rule.get("value"))
            _QUALIFIER_RULE[_QUALIFIERS[_phrase]] = _rule.id
SUFFIX_QUALIFIER = "qualifier.suffix"
_OVER_PARTICLE = frozenset(
    "hand hands handed handing turn turns turned turning take takes took taken taking pass passes passed "
    "passing sign signs signed signing bring brings brought fly flies flew flown".split()
)
RANGE = "qualifier.range"
_PHRASE_RE = {q: re.compile(r"\b" + r"\s+".join(map(re.escape, q.split())) + r"\b") for q in _QUALIFIERS}
_SUFFIX_QUAL_RE = re.compile(r"^(?:-?plus\b|\+|\s+or\s+more\b|\s+plus\b)", re.IGNORECASE)
_RANGE_SEP_RE = re.compile(r"^\s*(?:-|–|—|to|and)\s*$", re.IGNORECASE)
_RANGE_END_RE = re.compile(r"^\s*(?:-|–|—|to)\s*$", re.IGNORECASE)
_BETWEEN_BEFORE_RE = re.compile(r"\bbetween\b[^.]{0,20}$", re.IGNORECASE)
_BETWEEN_RE = re.compile(r"\b(?:between|from)\s+(?:US\s+)?$", re.IGNORECASE)

_ID_STRONG_BEFORE_RE = re.compile(
    r"(?:\b(?:section|article|chapter|resolution|act|room|unit|block|phase|level|floor|route|highway|road|"
    r"street|flight|page|case|no\.|number|nos\.|code|model|version|batch|grade|ward|lot|aged?|ages|e\.o\.|order|"
    r"age of|aged between|between the ages of)\s*"
    r"|\b(?:aged?|ages?)(?:\s+(?:of|from|between|ranging))*\s+|#|\+)$",
    re.IGNORECASE,
)
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
    r"\s+(?:in|out\s+of)\s+(?:every\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|a\s+hundred)\b",
    re.IGNORECASE,
)
_RATIO_BEFORE_RE = re.compile(r"\b(?:one|\d+)\s+(?:in|out\s+of)\s+(?:every\s+)?$", re.IGNORECASE)
_MONTH_RANGE_BEFORE_RE = re.compile(
    rf"\b(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\s*(?:-|–|to|and|&)\s*$", re.IGNORECASE
)
_CONVERSION_GAP = re.compile(
    r"\s*\(\s*(?:about|around|approx\.?|approximately|or|roughly|some|nearly|equivalent\s+to)?\s*"
)
_PHONE_RE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?(?:\(?\d{2,5}\)?[\s.-]){2,}\d{3,5}\b")


@dataclass(frozen=True, slots=True)
class Amount:
    """One stated figure: bounds, qualifier, currency and the span from qualifier to unit."""

    start: int
    end: int
    num_start: int
    num_end: int
    low: float
    high: float
    qualifier: str
    currency: str | None
    is_word: bool
    qualifier_rule: str = ""
    """The id of the qualifier rule that set ``qualifier`` (empty for exact figures)."""

    @property
    def value(self) -> float | None:
        return None if self.qualifier == "range" else self.low


@dataclass(frozen=True, slots=True)
class _Atom:
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


_DIGITS_RE = re.compile(rf"(?P<digits>{_DIGITS})")
_WORDS_RE = re.compile(rf"(?P<words>{_WORDNUM})")


def _cores(lowered: str) -> list[re.Match[str]]:
    """The numbers themselves, on lower-cased text: digits and number words, in text order."""
    found = list(_DIGITS_RE.finditer(lowered))
    words = list(_WORDS_RE.finditer(lowered))
    if words:
        found = sorted(found + words, key=lambda m: m.start())
    return found


@lru_cache(maxsize=1)
def _prefix_re() -> re.Pattern[str]:
    return re.compile(rf"(?P<pre>{money.prefix_pattern()})[\s\u00a0]?$")


@lru_cache(maxsize=1)
def _tail_re() -> re.Pattern[str]:
    scale = rf"(?:(?P<sa>{_SCALE_ATTACHED}|(?:BN|M|B|K)\b)|[\s-](?i:(?P<sw>{_SCALE_WORD})))"
    return re.compile(rf"{scale}?(?:\s(?i:(?P<suf>{money.suffix_pattern()})))?")


def parse_words(text: str) -> float | None:
    """The value of a number written in words ("forty-three", "two dozen", "half a million")."""
    tokens = re.split(r"[\s-]+", text.lower().strip())
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
    return float(re.sub(r"[,\s\u00a0\u202f]", "", text))


def _atoms(text: str, lowered: str | None = None) -> list[_Atom]:
    atoms: list[_Atom] = []
    prefix_re, tail_re = _prefix_re(), _tail_re()
    for m in _cores(lowered if lowered is not None else ascii_lower(text)):
        words = m.groupdict().get("words")
        num_start, num_end = m.start(), m.end()
        if words is not None:
            value = parse_words(words)
            if value is None or words.strip() in ("a", "half a"):
                continue
        else:
            value = _parse_digits(m.group(0))
        start = num_start
        pre_m = None if words is not None else prefix_re.search(text, max(0, num_start - 8), num_start)
        pre = pre_m.group("pre") if pre_m else None
        attached = pre_m is not None and pre_m.end("pre") == num_start
        if pre is not None and pre in money.LETTER_SYMBOLS and not attached:
            pre = None
        if words is None and num_start > 0:
            c = text[num_start - 1]
            letter_prefix = pre is not None and pre_m is not None and pre_m.end("pre") == num_start
            if (c.isalnum() or c in "_.,/:+#") and not letter_prefix:
                continue  # part of an identifier ("G20", "A320", "v2.1")
            if c == "-" and num_start > 1 and text[num_start - 2].isalpha():
                continue  # "COVID-19"
        if pre is not None and pre_m is not None:
            start = pre_m.start("pre")
        tail = tail_re.match(text, num_end)
        if tail is None:  # the tail pattern is all optional, so it always matches
            continue
        sa, sw, suf = tail.group("sa"), tail.group("sw"), tail.group("suf")
        scale_word = sa or sw
        if sa and pre is None and suf is None and sa.lower() in ("m", "b"):
            continue  # "5m" without a currency: a measurement, not a scale
        if scale_word:
            value *= SCALES[scale_word.lower()]
        if not value < _LARGEST:
            continue  # beyond any real count or sum (or not finite): a code or garbage
        currency = money.resolve(pre) if pre else None
        if suf:
            currency = currency or money.resolve(suf)
            end = tail.end("suf")
        elif scale_word:
            end = tail.end("sa") if sa else tail.end("sw")
        else:
            end = num_end
        atoms.append(_Atom(start, end, num_start, num_end, value, scale_word is not None, currency,
                           words is not None))
    return atoms


YEAR, IDENTIFIER, DATE, UNIT, RATIO, CONVERSION, PHONE = (
    "number.year", "number.identifier", "number.date", "number.unit", "number.ratio", "number.conversion",
    "number.phone",
)


def _skip(text: str, atom: _Atom, atoms_before: list[_Atom]) -> str:
    """The id of the number rule that makes ``atom`` no figure, or ""."""
    before = text[max(0, atom.start - 24) : atom.start]
    after = text[atom.end : atom.end + 24]
    if atom.currency is None and not atom.is_word:
        raw = text[atom.num_start : atom.num_end]
        if re.fullmatch(r"(?:1[89]|20)\d\d", raw) and not atom.scaled:
            return YEAR
        if _ID_STRONG_BEFORE_RE.search(before):
            return IDENTIFIER
        if re.fullmatch(r"\d{5,}", raw) and not atom.scaled:
            return IDENTIFIER  # counts of this size are written with separators
        if (
            _MONTH_BEFORE_RE.search(before)
            or _MONTH_RANGE_BEFORE_RE.search(before)
            or _MONTH_AFTER_RE.match(after.lstrip())
        ):
            return DATE
        if re.match(r"[A-Za-z]", text[atom.num_end : atom.num_end + 1]) and not atom.scaled:
            return IDENTIFIER
        # "eight (8)": a digit restating the number word before it
        if before.endswith("(") and atoms_before and atoms_before[-1].end >= atom.start - 3:
            return CONVERSION
    elif atom.is_word:
        if _MONTH_AFTER_RE.match(after.lstrip()):
            return DATE
        if _ID_STRONG_BEFORE_RE.search(before):
            return IDENTIFIER
    if atom.currency is None and _AFTER_SKIP_RE.match(text[atom.end : atom.end + 24]):
        return UNIT
    if atom.currency is None and (_RATIO_AFTER_RE.match(text, atom.end) or _RATIO_BEFORE_RE.search(before)):
        return RATIO  # "one in three victims", "1 in 5"
    if atom.currency is not None and atoms_before:
        prev = atoms_before[-1]
        gap = text[prev.end : atom.start]
        if prev.currency is not None and _CONVERSION_GAP.fullmatch(gap):
            return CONVERSION  # parenthetical conversion of the amount before it
    return ""


def _qualifier(text: str, start: int) -> tuple[str, int]:
    """The qualifier phrase just before a figure ("more than", "an estimated at", ...) and its start."""
    if start > 0 and text[start - 1] == "~":
        return "about", start - 1
    window = text[max(0, start - 40) : start]
    lowered = window.lower()
    words = lowered.split()
    if words and words[-1] == "at" and not (len(words) > 1 and words[-2] == "at"):
        words = words[:-1]  # "estimated at", "put at over"
    if len(words) > 1 and words[-1] == "over" and words[-2] in _OVER_PARTICLE:
        return "exact", start  # "handed over 300": a verb particle, not a qualifier
    for n in (3, 2, 1):
        if len(words) >= n:
            phrase = " ".join(words[-n:])
            if phrase in _QUALIFIERS:
                spans = [m.start() for m in _PHRASE_RE[phrase].finditer(lowered)]
                return _QUALIFIERS[phrase], start - len(window) + spans[-1] if spans else start
    return "exact", start


def _in_phone(text: str, atom: _Atom) -> bool:
    """Whether a figure is part of a phone number (nine or more digits in groups, no commas)."""
    if atom.is_word:
        return False
    for m in _PHONE_RE.finditer(text, max(0, atom.num_start - 8), min(len(text), atom.num_end + 24)):
        if m.start() <= atom.num_start < m.end():
            digits = sum(c.isdigit() for c in m.group(0))
            return digits >= 9 and "," not in m.group(0)
    return False


def find_amounts(
    text: str, lowered: str | None = None, skipped: list[tuple[int, int, str]] | None = None
) -> list[Amount]:
    """All figures in ``text`` that may state a claim, in order of position.

    ``lowered`` may pass ``ascii_lower(text)`` when the caller has it already. ``skipped``, when
    given, receives (start, end, number rule id) for each number that is no figure.
    """
    atoms = _atoms(text, lowered)
    kept: list[_Atom] = []
    for atom in atoms:
        in_phone = _in_phone(text, atom)
        if kept and kept[-1].start < 0 and (
            _RANGE_END_RE.match(text[kept[-1].end : atom.start])
            or (
                text[kept[-1].end : atom.start].strip().lower() == "and"
                and _BETWEEN_BEFORE_RE.search(text[max(0, kept[-1].num_start - 30) : kept[-1].num_start])
            )
        ):
            in_phone = True  # the far end of a skipped range ("October 16 to 20", "aged 20 to 45")
        reason = PHONE if in_phone else _skip(text, atom, kept)
        if not reason:
            kept.append(atom)
        else:
            if skipped is not None:
                skipped.append((atom.start, atom.end, reason))
            # a marker keeping where the skipped figure was (start in num_start)
            kept.append(_Atom(-1, atom.end, atom.start, atom.num_end, 0.0, False, None, False))
    amounts: list[Amount] = []
    i = 0
    while i < len(kept):
        atom = kept[i]
        if atom.start < 0:
            i += 1
            continue
        nxt = kept[i + 1] if i + 1 < len(kept) else None
        if nxt is not None and nxt.start < 0 and _RANGE_END_RE.match(text[atom.end : nxt.num_start]):
            i += 1  # a range whose far end is not a count ("from five to 20 years")
            continue
        if nxt is not None and nxt.start >= 0 and _RANGE_SEP_RE.match(text[atom.end : nxt.start]):
            between = _BETWEEN_RE.search(text[max(0, atom.start - 14) : atom.start])
            sep = text[atom.end : nxt.start].strip().lower()
            if sep != "and" or between:
                low, high = atom.value, nxt.value
                if not atom.scaled and nxt.scaled and low < 1000:
                    scale = next((s for s in (1e12, 1e9, 1e6, 1e3) if nxt.value >= s), 1.0)
                    low *= scale
                if low < high:
                    currency = atom.currency or nxt.currency
                    qstart = atom.start - (len(between.group(0)) if between else 0)
                    amounts.append(Amount(qstart, nxt.end, atom.num_start, nxt.num_end, low, high, "range",
                                          currency, atom.is_word, RANGE))
                    i += 2
                    continue
        qualifier, qstart = _qualifier(text, atom.start)
        end = atom.end
        rule = _QUALIFIER_RULE.get(qualifier, "")
        suffix = _SUFFIX_QUAL_RE.match(text[atom.end : atom.end + 10])
        if suffix:
            qualifier = "at_least" if "more" in suffix.group(0).lower() else "more_than"
            end, rule = atom.end + suffix.end(), SUFFIX_QUALIFIER
        amounts.append(Amount(qstart, end, atom.num_start, atom.num_end, atom.value, atom.value, qualifier,
                              atom.currency, atom.is_word, rule))
        i += 1
    return amounts
