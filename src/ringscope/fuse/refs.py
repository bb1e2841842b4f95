"""A claim as fusion sees it: the claim, its report, its event, and what figure it states."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ringscope.model import Claim, make_id


@dataclass(slots=True)
class ClaimRef:
    """A claim with the report it came from and, once assigned, its figure.

    ``before`` and ``after`` hold the text either side of the claim's quote in its report (empty when
    the text is not at hand); ``figure`` and ``part_of`` are figure ids, ``rule`` and ``part_rule`` the
    ids of the figure rules (fuse/figures.yaml) that made them.
    """

    report_id: str
    claim: Claim
    published: str | None = None
    source: str | None = None
    event_id: str | None = None
    before: str = ""
    after: str = ""
    figure: str | None = None
    part_of: str | None = None
    rule: str = ""
    part_rule: str | None = None
    phrase: str = ""
    independent: str | None = None
    """The independent source the report counts as (one for an outlet and its syndicated copies)."""
    start: int = -1
    end: int = -1

    @property
    def span(self) -> tuple[int, int]:
        """Where the claim's number stands in its report (the quote's span when not found)."""
        return (self.start, self.end) if self.start >= 0 else (self.claim.start, self.claim.end)

    @property
    def id(self) -> str:
        return make_id("claimref", self.report_id, self.claim.id)

    @property
    def scope(self) -> str:
        """Where figure ids are shared: the event, or the report outside any event."""
        return self.event_id or self.report_id


_PHRASE_WORDS = re.compile(r"[^\W\d]*(?:[\s)(-]+[^\W\d]+){0,5}")
_PHRASE_END = re.compile(r"\s(?:and|or|while|but)\s")
_LEAD_GROUP = re.compile(r"([^\W\d]+(?:\s+[^\W\d]+)?)\s*[(:\u2013-]\s*$")


def with_context(ref: ClaimRef, text: str, reach: int = 160) -> ClaimRef:
    """``ref`` with the place of its number in ``text``, the text either side of it (within
    ``reach`` characters) and the phrase it heads ("389 Vietnamese") filled in."""
    start, end = ref.claim.start, ref.claim.end
    if start < 0 or end > len(text) or text[start:end] != ref.claim.quote:
        found = text.find(ref.claim.quote) if ref.claim.quote else -1
        if found < 0:
            return ref
        start, end = found, found + len(ref.claim.quote)
    number = _anchor(ref.claim.quote, ref.claim.value if ref.claim.value is not None else ref.claim.low)
    if number is not None:
        start, end = start + number[0], start + number[1]
    ref.start, ref.end = start, end
    ref.before = text[max(0, start - reach) : start]
    ref.after = text[end : end + reach]
    words = _PHRASE_WORDS.match(ref.after.lstrip(" )(-"))
    phrase = _PHRASE_END.split(words.group(0) if words else "")[0]
    ref.phrase = text[start:end] + " " + phrase
    if not phrase.strip() or ref.after.lstrip().startswith(")"):
        # "Chinese (687), Vietnamese (186)": the group stands before the number.
        lead = _LEAD_GROUP.search(ref.before)
        if lead:
            ref.phrase = lead.group(1) + " " + text[start:end]
    return ref


def _anchor(quote: str, value: float | None) -> tuple[int, int] | None:
    """Where ``value`` is written in digits in ``quote`` ("1,237", "1237", "$4.5 billion" -> "4.5")."""
    if value is None or value <= 0:
        return None
    forms = []
    if float(value).is_integer():
        forms += [f"{int(value):,}", f"{int(value)}"]
    for scale in (1e12, 1e9, 1e6, 1e3):
        scaled = value / scale
        if 1 <= scaled < 1000 and round(scaled, 3) == scaled:
            forms.append(f"{scaled:g}")
    for form in sorted(set(forms), key=len, reverse=True):
        found = _standalone(quote, form)
        if found is not None:
            return found
    if float(value).is_integer() and 0 < value < 100:
        word = _spelled(int(value))
        match = re.search(rf"\b{word}\b", quote, flags=re.IGNORECASE)
        if match:
            return match.start(), match.end()
    return None


def _standalone(quote: str, form: str) -> tuple[int, int] | None:
    r"""The first place ``form`` stands in ``quote`` as a whole number: not after a digit, "." or ",",
    and not before a digit or a "." or "," that a digit follows (what the pattern
    ``(?<![\d.,])FORM(?![\d]|[.,]\d)`` finds, without compiling one pattern per number)."""
    at = quote.find(form)
    while at >= 0:
        end = at + len(form)
        before = quote[at - 1] if at > 0 else ""
        after = quote[end : end + 2]
        clear_before = not before or not (before.isdecimal() or before in ".,")
        clear_after = not after or not (
            after[0].isdecimal() or (after[0] in ".," and len(after) > 1 and after[1].isdecimal())
        )
        if clear_before and clear_after:
            return at, end
        at = quote.find(form, at + 1)
    return None


_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def _spelled(n: int) -> str:
    """An English number word pattern for 1-99 ("forty-three", "forty three")."""
    if n < 20:
        return _ONES[n]
    tens, ones = divmod(n, 10)
    return _TENS[tens] if ones == 0 else f"{_TENS[tens]}[-\\s]{_ONES[ones]}"
