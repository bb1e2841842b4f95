"""Numbers and figures as short readable text ("about 1.2 million USD")."""

from __future__ import annotations

import re
from typing import Any

_QUALIFIERS = {
    "about": "about ",
    "at_least": "at least ",
    "more_than": "more than ",
    "up_to": "up to ",
    "range": "",
    "exact": "",
}
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def number_text(value: float | None) -> str:
    """1200 -> "1,200"; 3e12 -> "3 trillion"; None -> "?"."""
    if value is None:
        return "?"
    for size, word in _SCALES:
        if abs(value) >= size:
            scaled = value / size
            return f"{scaled:,.1f}".rstrip("0").rstrip(".") + f" {word}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}"


def figure_text(figure: Any) -> str:
    """The consensus of a reconciled figure (or a claim) with qualifier, range and currency."""
    qualifier = _QUALIFIERS.get(str(getattr(figure, "qualifier", "exact")), "")
    currency = getattr(figure, "currency", None)
    value = getattr(figure, "value", None)
    low, high = getattr(figure, "low", None), getattr(figure, "high", None)
    if value is None and (low is not None or high is not None):
        text = f"{number_text(low)}–{number_text(high)}"
    else:
        text = number_text(value)
    period = getattr(figure, "period", None)
    return f"{qualifier}{text}{' ' + currency if currency else ''}{' a ' + period if period else ''}"


_SENTENCE_END = re.compile(r"[.!?]\s|\n")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` holding the span [start, end)."""
    begin = 0
    for match in _SENTENCE_END.finditer(text, 0, max(0, start)):
        begin = match.end()
    stop = _SENTENCE_END.search(text, end)
    return text[begin : stop.start() + 1 if stop else len(text)]
