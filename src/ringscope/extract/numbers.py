"""Numeric amounts in text: digits, number words, scale words, ranges, money and qualifiers.

:func:`find_amounts` returns every stated figure that could be a claim, with its span,
bounds, qualifier and currency. Years, dates, ages, percentages, times, phone numbers,
ordinals and identifiers ("Section 311") are left out; vague magnitudes ("thousands",
"dozens", "billions of dollars") never match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ringscope.extract.number_atoms import (
    MONTHS,
    SCALES,
    TENS,
    UNITS,
    Atom,
    ascii_lower,
    atoms,
    parse_words,
)
from ringscope.extract.number_skips import PHONE, in_phone, skip_reason
from ringscope.extract.rules import load_rules

__all__ = ["MONTHS", "SCALES", "TENS", "UNITS", "Amount", "ascii_lower", "find_amounts", "parse_words"]

_RULES = load_rules("claim_rules.yaml")
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
_SUFFIX_QUAL_RE = re.compile(r"^(?:-?plus\b|\+|\s+or\s+more\b|\s+plus\b|[-\s]odd\b|\s+or\s+so\b)",
                             re.IGNORECASE)
_RANGE_SEP_RE = re.compile(r"^\s*(?:-|–|—|to|and)\s*$", re.IGNORECASE)
_RANGE_END_RE = re.compile(r"^\s*(?:-|–|—|to)\s*$", re.IGNORECASE)
_BETWEEN_BEFORE_RE = re.compile(r"\bbetween\b[^.]{0,20}$", re.IGNORECASE)
_BETWEEN_RE = re.compile(r"\b(?:between|from)\s+(?:US\s+)?$", re.IGNORECASE)

# Not frozen (nothing changes one once made): a frozen dataclass's __init__ costs several times more.
@dataclass(slots=True)
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


def find_amounts(
    text: str, lowered: str | None = None, skipped: list[tuple[int, int, str]] | None = None
) -> list[Amount]:
    """All figures in ``text`` that may state a claim, in order of position.

    ``lowered`` may pass ``ascii_lower(text)`` when the caller has it already. ``skipped``, when
    given, receives (start, end, number rule id) for each number that is no figure.
    """
    kept: list[Atom] = []
    for atom in atoms(text, lowered):
        phone = in_phone(text, atom)
        if kept and kept[-1].start < 0 and (
            _RANGE_END_RE.match(text[kept[-1].end : atom.start])
            or (
                text[kept[-1].end : atom.start].strip().lower() == "and"
                and _BETWEEN_BEFORE_RE.search(text[max(0, kept[-1].num_start - 30) : kept[-1].num_start])
            )
        ):
            phone = True  # the far end of a skipped range ("October 16 to 20", "aged 20 to 45")
        reason = PHONE if phone else skip_reason(text, atom, kept)
        if not reason:
            kept.append(atom)
        else:
            if skipped is not None:
                skipped.append((atom.start, atom.end, reason))
            # a marker keeping where the skipped figure was (start in num_start)
            kept.append(Atom(-1, atom.end, atom.start, atom.num_end, 0.0, False, None, False))
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
            said = suffix.group(0).lower()
            estimate = "odd" in said or said.endswith("so")
            qualifier = "at_least" if "more" in said else "about" if estimate else "more_than"
            end, rule = atom.end + suffix.end(), SUFFIX_QUALIFIER
        amounts.append(Amount(qstart, end, atom.num_start, atom.num_end, atom.value, atom.value, qualifier,
                              atom.currency, atom.is_word, rule))
        i += 1
    return amounts
