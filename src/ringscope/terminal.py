"""Text from reports made safe for a terminal: control characters removed.

A report may carry escape sequences (ESC [ ...), carriage returns or backspaces that would
recolour, rewrite or hide what a terminal shows, and bidirectional overrides that reorder it.
Everything the command line prints from the store goes through :func:`clean`.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 but tab and newline, DEL, C1 (CSI is \x9b)
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"  # bidirectional marks, embeddings, overrides
)


def clean(text: str) -> str:
    """``text`` without control characters (tab and newline stay)."""
    return _CONTROL.sub("", text)


def clean_line(text: str) -> str:
    """``text`` without control characters, on one line (for table cells and one-line messages)."""
    return " ".join(clean(text).split())


def json_line(value: object) -> str:
    """``value`` as one JSON line that is safe on a terminal and parses back to the same data.

    JSON escapes C0 controls itself; C1 controls and bidirectional marks are written as
    ``\\uXXXX`` escapes instead of raw characters, so the data is kept exactly.
    """
    import json

    text = json.dumps(value, ensure_ascii=False, default=str)
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
