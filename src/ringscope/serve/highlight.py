"""A report's text as HTML with its extracted items marked (nested spans kept, crossing ones dropped)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from ringscope.model import Claim


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    kind: str
    """CSS class suffix: entity type, "claim", "route", "date" or "withheld"."""
    title: str = ""
    anchor: str = ""
    """The element id a link can target (``/reports/ID#anchor``); the first span with it keeps it."""


def claim_anchor(claim: Claim) -> str:
    """The id of a claim's highlighted span on its report page (same in every view of the report:
    the claim id is made from the offsets of the text shown, redacted or not)."""
    return f"claim-{claim.id[:16]}"


def highlight(text: str, spans: Iterable[Span]) -> str:
    """Escaped HTML of ``text`` with ``<mark>`` elements around the spans.

    Spans nest when one holds the other; a span crossing an open one is dropped. Give the
    redacted text (see ringscope.privacy.view): this function withholds nothing itself.
    """
    inside = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    anchored = [s for s in inside if s.anchor]
    # a span a link targets is kept before any span crossing it
    kept = [s for s in inside if s.anchor or not any(_crosses(s, a) for a in anchored)]
    valid = sorted(kept, key=lambda s: (s.start, -s.end, not s.anchor, s.kind))

    def plain(segment: str) -> str:
        return escape(segment)

    out: list[str] = []
    anchors: set[str] = set()
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
        if span.anchor and span.anchor not in anchors:
            anchors.add(span.anchor)
            title = f' id="{escape(span.anchor)}"' + title
        out.append(f'<mark class="hl hl-{escape(span.kind.lower())}"{title}>')
        stack.append(span)
        position = span.start
    while stack:
        top = stack.pop()
        out.append(plain(text[position : top.end]) + "</mark>")
        position = top.end
    out.append(plain(text[position:]))
    return "".join(out)


def _crosses(a: Span, b: Span) -> bool:
    return a.start < b.start < a.end < b.end or b.start < a.start < b.end < a.end
