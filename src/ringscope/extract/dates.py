"""Dates: absolute and relative date expressions resolved against the publication date.

Values are ``YYYY-MM-DD``; a month or a year alone resolves to its first day. Expressions
that need the publication date (no year given, "last month", "on Wednesday") are skipped
when the report has none.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta

from ringscope.extract.casefold import CaseFree
from ringscope.extract.document import Document
from ringscope.model import DateMention

MONTH_NUMBER = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
    "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}

# Month names must be capitalised ("in March", not "to march").
_MONTH = r"(?P<month>(?:January|February|March|April|May|June|July|August|September|October|November|" \
    r"December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_TO = r"\s*(?:-|–|—|to|and|&)\s*"

Resolver = Callable[[re.Match[str], date | None], date | None]


def _year_for(month: int, day: int, published: date | None) -> date | None:
    """A date without a year: the one nearest before the publication date (or just after it)."""
    if published is None:
        return None
    candidate = _safe(published.year, month, day)
    if candidate is not None and candidate > published + timedelta(days=31):
        candidate = _safe(published.year - 1, month, day)
    return candidate


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month(m: re.Match[str]) -> int:
    return MONTH_NUMBER[m.group("month").rstrip(".").lower()]


def _full(m: re.Match[str], published: date | None) -> date | None:
    return _safe(int(m.group("year")), _month(m), int(m.group("day")))


def _no_year(m: re.Match[str], published: date | None) -> date | None:
    return _year_for(_month(m), int(m.group("day")), published)


def _month_year(m: re.Match[str], published: date | None) -> date | None:
    return _safe(int(m.group("year")), _month(m), 1)


def _month_only(m: re.Match[str], published: date | None) -> date | None:
    return _year_for(_month(m), 1, published)


def _iso(m: re.Match[str], published: date | None) -> date | None:
    return _safe(int(m.group("year")), int(m.group("mm")), int(m.group("dd")))


def _year_only(m: re.Match[str], published: date | None) -> date | None:
    return _safe(int(m.group("year")), 1, 1)


def _relative(m: re.Match[str], published: date | None) -> date | None:
    if published is None:
        return None
    word = m.group("rel").lower()
    words = word.split()
    if word == "today":
        return published
    if word == "yesterday":
        return published - timedelta(days=1)
    if word == "last week":
        return published - timedelta(days=7)
    if word in ("last month", "earlier this month", "this month"):
        if word == "last month":
            first = published.replace(day=1) - timedelta(days=1)
            return first.replace(day=1)
        return published.replace(day=1)
    if word == "last year":
        return date(published.year - 1, 1, 1)
    if word in ("this year", "earlier this year"):
        return date(published.year, 1, 1)
    day_name = words[-1]
    if day_name in WEEKDAYS:
        back = (published.weekday() - WEEKDAYS[day_name]) % 7
        if words[0] == "last" and back == 0:
            back = 7
        return published - timedelta(days=back)
    return None


_MONTH_LEADS = ("in", "since", "during", "by", "until", "from", "early", "late", "mid-")
"""Words before a month alone ("in March", "mid-May"; "end of" too, written in the pattern)."""
_YEAR_LEADS = ("in", "since", "during", "by", "until", "of", "from", "throughout")
"""Words before a year alone ("since 2019")."""
_LEADS_MONTH = "|".join(map(re.escape, _MONTH_LEADS))

_PATTERNS: list[tuple[re.Pattern[str], Resolver]] = [
    (re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mm>[01]\d)-(?P<dd>[0-3]\d)\b"), _iso),
    (re.compile(rf"\b{_MONTH}\s+{_DAY}(?:{_TO}[0-3]?\d(?:st|nd|rd|th)?)?,?\s+{_YEAR}\b"), _full),
    (re.compile(rf"\b{_DAY}(?:{_TO}[0-3]?\d(?:st|nd|rd|th)?)?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b"), _full),
    (re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b"), _month_year),
    (re.compile(rf"\b{_MONTH}\s+{_DAY}(?:{_TO}[0-3]?\d(?:st|nd|rd|th)?)?\b(?!\s*,?\s*\d)"), _no_year),
    (re.compile(rf"\b{_DAY}(?:{_TO}[0-3]?\d(?:st|nd|rd|th)?)?\s+(?:of\s+)?{_MONTH}(?!\s*,?\s*\d)"), _no_year),
    (re.compile(rf"\b(?:{_LEADS_MONTH}|end\s+of)\s*(?:-\s*)?{_MONTH}(?!\s*,?\s*\d)"), _month_only),
    (re.compile(rf"\b(?:{'|'.join(_YEAR_LEADS)})\s+(?P<year>(?:19|20)\d\d)\b(?![\d,.]\d)"),
     _year_only),
    (re.compile(
        r"\b(?P<rel>today|yesterday|last\s+(?:week|month|year)|(?:earlier\s+)?this\s+(?:month|year)|"
        r"(?:on|last|this|since|from|until|by)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b",
        re.IGNORECASE), _relative),
]


_RELATIVE = CaseFree(_PATTERNS[-1][0])
"""The relative-date pattern, searched through its lower-case twin (see casefold.py)."""
# Where matches of the first six patterns can begin: the first digit of a run of digits (a match
# opens at a word boundary), or a capitalised month name's first three letters. Trying a pattern
# only there finds what finditer finds, without stepping through every character in Python's re.
_DIGIT_RUN = re.compile(r"\d\d*")  # (not "\d+": a leading class lets re jump between digits)
_MONTH_START = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_OPENS_WITH = ("digit", "month", "digit", "month", "month", "digit", "month_lead", "year_lead", "")
# A month or a year alone opens with its lead word: where one can begin is found from the month
# names and the digit runs, looking back over the white space (and a hyphen) before them.


def opening_starts(text: str) -> dict[str, list[int]]:
    """Where matches of each kind of :data:`_OPENS_WITH` can begin, in text order."""
    digits = [m.start() for m in _DIGIT_RUN.finditer(text)]
    months = [m.start() for m in _MONTH_START.finditer(text)]
    return {
        "digit": digits,
        "month": months,
        "month_lead": _month_lead_starts(text, months),
        "year_lead": _year_lead_starts(text, digits),
    }


# A relative date ends with one of these words; it opens with the word or a lead word before it.
_RELATIVE_ENDS = ("day", "week", "month", "year")
_RELATIVE_DAYS = ("today", "yesterday", *WEEKDAYS)
_RELATIVE_LEADS = ("last", "this", "on", "since", "from", "until", "by")


def relative_matches(text: str, folded: str | None) -> Iterator[re.Match[str]]:
    """``_RELATIVE.finditer(text, folded)``, its twin tried only where a match can begin: at "today"
    or "yesterday", or at the lead word ("last", "earlier this", "on" ...) before a weekday, "week",
    "month" or "year" (each found with ``str.find``)."""
    if folded is None or _RELATIVE.twin is None:
        return _RELATIVE.finditer(text, folded)
    return _matches_from(_RELATIVE.twin, folded, _relative_starts(folded))


def _relative_starts(folded: str) -> list[int]:
    found: list[int] = []
    for end_word in _RELATIVE_ENDS:
        at = folded.find(end_word)
        while at >= 0:
            heads = [at]  # where the closing word itself begins ("friday" holds "day")
            if end_word == "day":
                heads = [
                    at + 3 - len(w) for w in _RELATIVE_DAYS
                    if at + 3 >= len(w) and folded.startswith(w, at + 3 - len(w))
                ]
            for head in heads:
                found.append(head)  # "today", "yesterday"
                gap = _space_before(folded, head)
                if gap == head:
                    continue
                leads = _words_ending(folded, [gap], _RELATIVE_LEADS)
                found += leads
                for lead in leads:  # "earlier this month"
                    before = _space_before(folded, lead)
                    if before < lead and before >= 7 and folded.startswith("earlier", before - 7):
                        found.append(before - 7)
            at = folded.find(end_word, at + 1)
    return sorted(set(found))


def _space_before(text: str, end: int) -> int:
    """Where the run of white space (what ``\\s`` matches) ending at ``end`` begins."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _words_ending(text: str, ends: list[int], words: tuple[str, ...]) -> list[int]:
    return [e - len(w) for e in ends for w in words if e >= len(w) and text.startswith(w, e - len(w))]


def _month_lead_starts(text: str, months: list[int]) -> list[int]:
    """Starts of a lead word before a month name, past white space and at most one hyphen."""
    found: list[int] = []
    for month in months:
        ends = [_space_before(text, month)]
        if ends[0] > 0 and text[ends[0] - 1] == "-":
            ends.append(_space_before(text, ends[0] - 1))
        found += _words_ending(text, ends, _MONTH_LEADS)
        for end in ends:  # "end of"
            if end >= 2 and text.startswith("of", end - 2):
                gap = _space_before(text, end - 2)
                if gap < end - 2 and gap >= 3 and text.startswith("end", gap - 3):
                    found.append(gap - 3)
    return sorted(set(found))


def _year_lead_starts(text: str, digits: list[int]) -> list[int]:
    """Starts of a lead word before a year, past the white space between them."""
    found: list[int] = []
    for digit in digits:
        if text.startswith(("19", "20"), digit):
            gap = _space_before(text, digit)
            if gap < digit:
                found += _words_ending(text, [gap], _YEAR_LEADS)
    return sorted(set(found))


def _matches_from(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose matches can only begin at one of ``starts``."""
    pos = 0
    for start in starts:
        if start < pos:
            continue
        m = pattern.match(text, start)
        if m is not None:
            yield m
            pos = max(m.end(), start + 1)


def _published(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def extract_dates(doc: Document) -> list[DateMention]:
    """Date mentions of ``doc`` in text order, none overlapping another."""
    text = doc.text
    published = _published(doc.published)
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    starts = opening_starts(text)
    for (pattern, resolve), opens in zip(_PATTERNS, _OPENS_WITH, strict=True):
        if opens:
            matches = _matches_from(pattern, text, starts[opens])
        elif resolve is _relative:
            matches = relative_matches(text, doc.folded)
        else:
            matches = pattern.finditer(text)
        for m in matches:
            start, end = m.start(), m.end()
            if resolve is _month_only:
                start = m.start("month")
            elif resolve is _year_only:
                start = m.start("year")
            elif resolve is _relative:
                first = m.group("rel").split()[0].lower()
                if first in ("on", "since", "from", "until", "by"):
                    start = m.end() - len(m.group("rel").split()[-1])
            if any(s < end and start < e for s, e in taken):
                continue
            value = resolve(m, published)
            if value is None:
                continue
            taken.append((start, end))
            found.append(DateMention(text=text[start:end], start=start, end=end, value=value.isoformat()))
    found.sort(key=lambda d: d.start)
    return found
