"""Regular expressions searched quickly over long texts.

CPython's ``re`` cannot use its fast literal scan when a pattern begins with ``\\b``; searching
for the pattern without it and checking the boundary by hand finds the same leftmost match many
times faster. And when every match must begin with one of a few literal words, a plain substring
test for those words rules most texts out before the regex runs at all.
"""

from __future__ import annotations

import re
import re._constants as _sc  # the parser of the standard library (Python 3.11+)
import re._parser as _sp
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

MIN_PREFIX = 2
_WORD_CHAR = re.compile(r"\w")


def _prefixes(items: list[Any]) -> set[str]:
    """Literal strings one of which begins every match of the parsed items ('' when unknown)."""
    acc: list[str] = []
    for op, arg in items:
        if op is _sc.LITERAL:
            acc.append(chr(arg))
            continue
        if op is _sc.AT:  # zero-width (\b, ^): consumes nothing
            continue
        head = "".join(acc)
        if op is _sc.BRANCH:
            subs = [_prefixes(list(b)) for b in arg[1]]
        elif op is _sc.SUBPATTERN:
            subs = [_prefixes(list(arg[-1]))]
        else:
            return {head}
        return {head + p for sub in subs for p in sub}
    return {"".join(acc)}


def required_prefixes(source: str, flags: int = 0) -> frozenset[str] | None:
    """Literal strings one of which begins every match (after a leading ``\\b``), or None if unknown."""
    if flags & re.IGNORECASE:
        return None
    items = list(_sp.parse(source, flags))
    while items and items[0][0] is _sc.AT:
        items = items[1:]
    prefixes = _prefixes(items)
    if all(len(p) >= MIN_PREFIX for p in prefixes):
        return frozenset(prefixes)
    return None


class BoundaryPattern:
    """A compiled pattern; a leading ``\\b`` is checked by hand instead of by the engine."""

    __slots__ = ("pattern", "_body", "_boundary", "required")

    def __init__(self, source: str, flags: int = 0) -> None:
        self.pattern = re.compile(source, flags)
        self._boundary = source.startswith(r"\b")
        self._body = re.compile(source[2:], flags) if self._boundary else self.pattern
        self.required = required_prefixes(source, flags)

    def scannable(self) -> bool:
        """True when every match begins at a word start with one of a few literal words."""
        req = self.required
        return req is not None and self._boundary and all(_WORD_CHAR.match(pre) for pre in req)

    def _ok(self, text: str, start: int) -> bool:
        if not self._boundary or start == 0:
            return True
        before = text[start - 1]
        return not (before.isalnum() or before == "_")

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """The leftmost match at a word boundary, as ``re.search`` with the full pattern."""
        if self.required is not None:
            return self._search_from_prefixes(text, pos, self.required)
        while True:
            m = self._body.search(text, pos)
            if m is None or self._ok(text, m.start()):
                return m
            pos = m.start() + 1

    def _search_from_prefixes(self, text: str, pos: int, required: frozenset[str]) -> re.Match[str] | None:
        """Try the pattern only where one of its required prefixes occurs (found by ``str.find``)."""
        best: re.Match[str] | None = None
        for prefix in required:
            i = text.find(prefix, pos)
            while i != -1 and (best is None or i < best.start()):
                if self._ok(text, i):
                    m = self._body.match(text, i)
                    if m is not None:
                        best = m
                        break
                i = text.find(prefix, i + 1)
        return best

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Non-overlapping matches at word boundaries, left to right."""
        pos = 0
        while pos <= len(text):
            m = self.search(text, pos)
            if m is None:
                return
            yield m
            pos = m.end() if m.end() > m.start() else m.start() + 1


def trie_source(words: Iterable[str]) -> str:
    """A regex source matching any of the literal words, factored as a trie (quick to reject a position)."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + emit(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        if "" in node:
            alts.append("")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(trie)


class FirstMatches:
    """The leftmost match of each of several patterns, found in one pass over the text.

    Patterns that begin with ``\\b`` and whose every match begins with one of a few literal words
    are tried only at the word starts where one of those words occurs; these positions are found by
    one regex over the text, built as a trie of all the words. Other patterns are searched one by one.
    The result is the same as ``[p.search(text) for p in patterns]``.
    """

    __slots__ = ("patterns", "_buckets", "_scan", "_rest", "_scanned")

    def __init__(self, patterns: Sequence[BoundaryPattern]) -> None:
        self.patterns = tuple(patterns)
        buckets: dict[str, list[tuple[str, int]]] = {}
        rest: list[int] = []
        for i, p in enumerate(self.patterns):
            req = p.required
            if req is None or not p.scannable():
                rest.append(i)
                continue
            for pre in sorted(req):
                buckets.setdefault(pre[:MIN_PREFIX], []).append((pre, i))
        self._buckets = buckets
        self._rest = tuple(rest)
        self._scanned = len(self.patterns) - len(rest)
        prefixes = {pre for entries in buckets.values() for pre, _ in entries}
        self._scan = re.compile(r"\b(?=" + trie_source(prefixes) + ")") if prefixes else None

    def search(self, text: str) -> list[re.Match[str] | None]:
        """The leftmost match of each pattern (None where it does not match), in pattern order."""
        found: list[re.Match[str] | None] = [None] * len(self.patterns)
        if self._scan is not None:
            buckets, patterns = self._buckets, self.patterns
            left = self._scanned
            for c in self._scan.finditer(text):
                i = c.start()
                for pre, k in buckets[text[i:i + MIN_PREFIX]]:
                    if found[k] is None and text.startswith(pre, i):
                        m = patterns[k]._body.match(text, i)
                        if m is not None:
                            found[k] = m
                            left -= 1
                if not left:
                    break
        for k in self._rest:
            found[k] = self.patterns[k].search(text)
        return found
