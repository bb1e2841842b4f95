"""A report's text as HTML with its extracted items marked (nested spans kept, crossing ones dropped)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    kind: str
    """CSS class suffix: entity type, "claim", "route", "date" or "withheld"."""
    title: str = ""


def highlight(text: str, spans: Iterable[Span]) -> str:
    """Escaped HTML of ``text`` with ``<mark>`` elements around the spans.

    Spans nest when one holds the other; a span crossing an open one is dropped. Give the
    redacted text (see ringscope.privacy.view): this function withholds nothing itself.
    """
    valid = sorted(
        (s for s in spans if 0 <= s.start < s.end <= len(text)), key=lambda s: (s.start, -s.end, s.kind)
    )

    def plain(segment: str) -> str:
        return escape(segment)

    out: list[str] = []
    stack: list[Span] = []
    position = 0
    for span in valid:
        while stack and stack[-1].end <= span.start:
            top = stack.pop()
            out.append(plain(text[position : top.end]) + "</mark>")
            position = top.end
        if stack and span.end > stack[-1].end:
            continue  # crosses the open span
        if span.start < position:
            continue
        out.append(plain(text[position : span.start]))
        title = f' title="{escape(span.title)}"' if span.title else ""
        out.append(f'<mark class="hl hl-{escape(span.kind.lower())}"{title}>')
        stack.append(span)
        position = span.start
    while stack:
        top = stack.pop()
        out.append(plain(text[position : top.end]) + "</mark>")
        position = top.end
    out.append(plain(text[position:]))
    return "".join(out)
