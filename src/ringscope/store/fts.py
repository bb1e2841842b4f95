"""Turning a user's search words into a safe FTS5 query (pure, no SQL execution)."""

from __future__ import annotations

import re

_OPERATORS = {"AND", "OR", "NOT"}
_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')


class QueryError(ValueError):
    """A search query that cannot be run."""


def fts_query(query: str) -> str:
    """An FTS5 MATCH expression for ``query``.

    Words and ``"quoted phrases"`` are each quoted, so punctuation in them is never
    read as FTS5 syntax; the upper-case words AND, OR and NOT are kept as operators
    between terms, and a trailing ``*`` on a word makes it a prefix search. Terms are
    ANDed together by default.
    """
    parts: list[str] = []
    for match in _TOKEN.finditer(query):
        phrase, word = match.group(1), match.group(2)
        if word is not None and word in _OPERATORS:
            if parts and parts[-1] not in _OPERATORS:
                parts.append(word)
            continue
        text = phrase if phrase is not None else word
        prefix = word is not None and word.endswith("*") and len(word.strip("*")) > 0
        text = text.strip("*") if prefix else text
        if not text or not re.search(r"\w", text):
            continue
        quoted = '"' + text.replace('"', '""') + '"'
        parts.append(quoted + ("*" if prefix else ""))
    while parts and parts[-1] in _OPERATORS:
        parts.pop()
    if not parts:
        raise QueryError(f"nothing to search for in {query!r}: give at least one word")
    return " ".join(parts)
