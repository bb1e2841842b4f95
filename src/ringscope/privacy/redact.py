"""Replacing withheld names by their placeholders, keeping a map from old offsets to new ones.

Full names (and every alias) are replaced wherever they occur as whole words, whatever the case;
a single word of a withheld name (a surname written alone) is replaced where it is capitalised,
unless it is also part of a name that may be shown. Offsets of extracted items are carried over
to the redacted text with :meth:`Redacted.position`, so no offset or length tells a name.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from ringscope.extract.places import COMMON_WORDS
from ringscope.fuse.names import fold

if TYPE_CHECKING:
    from ringscope.privacy.cues import Cues
    from ringscope.privacy.policy import Withheld

_WORDS = re.compile(r"[\w'’]+")


@dataclass(frozen=True, slots=True)
class Redacted:
    """A redacted text and where each replacement sits in the original and in the result."""

    text: str
    pieces: tuple[tuple[int, int, int, int], ...] = ()
    """(old start, old end, new start, new end) of each replacement, in order."""

    def position(self, old: int, end: bool = False) -> int:
        """The offset in the redacted text of offset ``old`` of the original (span ends with ``end``)."""
        if old < 0 or not self.pieces:
            return old
        index = bisect_right([p[0] for p in self.pieces], old - (1 if end else 0)) - 1
        if index < 0:
            return old
        o_start, o_end, n_start, n_end = self.pieces[index]
        if old < o_end or (end and old == o_end):
            return n_end if end else n_start
        return n_end + (old - o_end)

    def span(self, start: int, end: int) -> tuple[int, int]:
        if start < 0 or end < 0:
            return start, end
        return self.position(start), self.position(end, end=True)


@dataclass(slots=True)
class Redactor:
    full: re.Pattern[str] | None = None
    parts: re.Pattern[str] | None = None
    labels: dict[str, str] = field(default_factory=dict)
    """folded name or word -> placeholder."""
    words: frozenset[str] = frozenset()
    """Folded single words of withheld names (searches for them answer nothing)."""

    @classmethod
    def build(cls, withheld: Iterable[Withheld], visible: Iterable[str], cues: Cues) -> Redactor:
        labels: dict[str, str] = {}
        part_labels: dict[str, str] = {}
        shown_words = {w.casefold() for name in visible for w in _WORDS.findall(name)}
        for person in withheld:
            for name in sorted(person.names, key=len, reverse=True):
                key = fold(name)
                if key:
                    labels.setdefault(key, person.label)
                for word in _WORDS.findall(name):
                    folded = word.casefold()
                    if (
                        len(word) >= 3
                        and word[0].isupper()
                        and folded not in COMMON_WORDS
                        and word not in cues.lead_words
                        and folded not in shown_words
                    ):
                        part_labels.setdefault(folded, person.label)
        names = sorted({n for p in withheld for n in p.names if fold(n)}, key=len, reverse=True)
        full = _union([r"\s+".join(re.escape(w) for w in n.split()) for n in names], re.IGNORECASE)
        parts = _union([re.escape(w) for w in sorted(part_labels, key=len, reverse=True)], re.IGNORECASE)
        for word, label in part_labels.items():
            labels.setdefault(word, label)
        return cls(full, parts, labels, frozenset(part_labels) | {k for k in labels if " " not in k})

    def redact(self, text: str) -> Redacted:
        if not text or self.full is None:
            return Redacted(text)
        found: list[tuple[int, int, str]] = []
        for match in self.full.finditer(text):
            found.append((match.start(), match.end(), self.labels.get(fold(match.group(0)), "[victim]")))
        if self.parts is not None:
            taken = [(s, e) for s, e, _ in found]
            for match in self.parts.finditer(text):
                word = match.group(0)
                if not word[0].isupper() or any(s < match.end() and match.start() < e for s, e in taken):
                    continue
                found.append((match.start(), match.end(), self.labels.get(word.casefold(), "[victim]")))
        if not found:
            return Redacted(text)
        found.sort()
        out, pieces, last, shift = [], [], 0, 0
        for start, end, label in found:
            if start < last:
                continue
            out.append(text[last:start])
            new_start = start + shift
            out.append(label)
            pieces.append((start, end, new_start, new_start + len(label)))
            shift += len(label) - (end - start)
            last = end
        out.append(text[last:])
        return Redacted("".join(out), tuple(pieces))

    def marked(self, text: str, opening: str, closing: str) -> str:
        """Redact ``text`` that holds match markers; markers touching a withheld name are dropped."""
        plain: list[str] = []
        marks: list[tuple[int, str]] = []
        for char in text:
            if char in (opening, closing):
                marks.append((len(plain), char))
            else:
                plain.append(char)
        redacted = self.redact("".join(plain))
        pairs: list[tuple[int, int]] = []
        start: int | None = None
        for position, char in marks:
            if char == opening:
                start = position
            elif start is not None:
                pairs.append((start, position))
                start = None
        kept: list[tuple[int, str]] = []
        for begin, end in pairs:
            if any(o_start <= end and begin <= o_end for o_start, o_end, _, _ in redacted.pieces):
                continue
            kept += [(redacted.position(begin), opening), (redacted.position(end, end=True), closing)]
        out = redacted.text
        for position, char in sorted(kept, key=lambda k: (k[0], k[1] == opening), reverse=True):
            out = out[:position] + char + out[position:]
        return out

    def url(self, url: str) -> str:
        """``url`` with any path segment, query or fragment naming a withheld person replaced."""
        if not self.words:
            return url
        parts = urlsplit(url)
        segments = [self._segment(s) for s in parts.path.split("/")]
        query = self._segment(parts.query) if parts.query else parts.query
        fragment = self._segment(parts.fragment) if parts.fragment else parts.fragment
        return urlunsplit((parts.scheme, parts.netloc, "/".join(segments), query, fragment))

    def _segment(self, segment: str) -> str:
        tokens = re.split(r"[^0-9A-Za-z\u00C0-\uFFFF]+", segment)
        folded = {fold(t) for t in tokens if t}
        if folded & self.words or any(
            " ".join(fold(t) for t in tokens[i : i + 2]) in self.labels for i in range(len(tokens))
        ):
            return "withheld"
        return segment

    def blocks(self, query: str) -> bool:
        terms = [t for t in re.findall(r"[\w'’*]+", query) if t.upper() not in ("AND", "OR", "NOT", "NEAR")]
        for term in terms:
            word = fold(term.rstrip("*"))
            if not word:
                continue
            if term.endswith("*"):
                if any(w.startswith(word) for w in self.words):
                    return True
            elif word in self.words:
                return True
        return False


def _union(alternatives: list[str], flags: int) -> re.Pattern[str] | None:
    if not alternatives:
        return None
    return re.compile(r"(?<![\w'’-])(?:" + "|".join(alternatives) + r")(?![\w-])", flags)
