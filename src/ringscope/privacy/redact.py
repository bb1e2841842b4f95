"""Replacing withheld names by their placeholders, keeping a map from old offsets to new ones.

Full names (and every alias) are replaced wherever they occur as whole words, whatever the case,
except that a name of one word which is also an ordinary English word ("Hope", "Joy") is replaced
only where it is capitalised: written in lower case it is the word, and blanking it everywhere would
tell the reader which word the withheld name is. A single word of a withheld name (a surname written
alone) is replaced where it is capitalised, unless it is also part of a name that may be shown.
Offsets of extracted items are carried over to the redacted text with :meth:`Redacted.position`,
so no offset or length tells a name.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from ringscope.extract.entity_rare import RARE_ZIPF, zipf
from ringscope.extract.places import COMMON_WORDS
from ringscope.fuse.names import fold
from ringscope.privacy.alternation import Alternation, text_runs

if TYPE_CHECKING:
    from ringscope.privacy.cues import Cues
    from ringscope.privacy.policy import Withheld

_WORDS = re.compile(r"[\w'’]+")
MEMO_LENGTH = 400
MEMO_SIZE = 200_000


_NO_PLACES = array("i")
_OFFSETS: dict[int, int] = {}
"""Every offset a redacted span has had, kept once (as many as the longest text has characters)."""


@dataclass(frozen=True, slots=True)
class Redacted:
    """A redacted text and where each replacement sits in the original and in the result."""

    text: str
    olds: array[int] = field(default_factory=lambda: _NO_PLACES)  # shared when empty: never changed
    """The old start of each replacement, in order (what a place is looked up by)."""
    places: array[int] = field(default_factory=lambda: _NO_PLACES)
    """(old start, old end, new start, new end) of each replacement, in order, one after the other
    (32-bit machine integers: the redacted texts of a large archive hold millions of them)."""

    @classmethod
    def of(cls, text: str, pieces: Iterable[tuple[int, int, int, int]]) -> Redacted:
        """``text`` with the replacements ``pieces`` (see :attr:`pieces`)."""
        places = array("i", [n for piece in pieces for n in piece])
        return cls(text, places[0::4], places)

    @property
    def pieces(self) -> tuple[tuple[int, int, int, int], ...]:
        """(old start, old end, new start, new end) of each replacement, in order."""
        p = self.places
        return tuple((p[i], p[i + 1], p[i + 2], p[i + 3]) for i in range(0, len(p), 4))

    def position(self, old: int, end: bool = False) -> int:
        """The offset in the redacted text of offset ``old`` of the original (span ends with ``end``)."""
        if old < 0 or not self.olds:
            return old
        index = bisect_right(self.olds, old - (1 if end else 0)) - 1
        if index < 0:
            return old
        o_start, o_end, n_start, n_end = self.places[4 * index:4 * index + 4]
        if old < o_end or (end and old == o_end):
            return n_end if end else n_start
        return n_end + (old - o_end)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Where ``start``..``end`` of the original is in the redacted text (each offset one object
        for all the spans that have it: the views of a large picture hold millions of them)."""
        if start < 0 or end < 0 or not self.olds:
            return start, end
        new_start, new_end = self.position(start), self.position(end, end=True)
        return _OFFSETS.setdefault(new_start, new_start), _OFFSETS.setdefault(new_end, new_end)


@dataclass(slots=True)
class Redactor:
    full: Alternation = field(default_factory=lambda: Alternation((), re.IGNORECASE))
    """Every withheld name and alias, longest first (whitespace between words may vary)."""
    parts: Alternation = field(default_factory=lambda: Alternation((), re.IGNORECASE))
    """Single words of withheld names, replaced where capitalised."""
    labels: dict[str, str] = field(default_factory=dict)
    """folded name or word -> placeholder."""
    words: frozenset[str] = frozenset()
    """Folded single words of withheld names (searches for them answer nothing)."""
    _ordinary: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)
    """Folded name of one word -> whether it is also an ordinary English word (then replaced only
    where capitalised), looked up when a text first writes it in lower case."""
    _memo: dict[str, Redacted] = field(default_factory=dict, compare=False, repr=False)
    """Short texts redacted before (names, quotes and reasons recur across a picture)."""

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
        full = Alternation(
            tuple((r"\s+".join(re.escape(w) for w in n.split()), n) for n in names), re.IGNORECASE
        )
        parts = Alternation(
            tuple((re.escape(w), w) for w in sorted(part_labels, key=len, reverse=True)), re.IGNORECASE
        )
        for word, label in part_labels.items():
            labels.setdefault(word, label)
        return cls(full, parts, labels, frozenset(part_labels) | {k for k in labels if " " not in k})

    def redact(self, text: str) -> Redacted:
        if not text or not self.full.entries:
            return Redacted(text)
        if len(text) <= MEMO_LENGTH:
            known = self._memo.get(text)
            if known is None:
                if len(self._memo) >= MEMO_SIZE:
                    self._memo.clear()
                known = self._memo[text] = self._redact(text)
            return known
        return self._redact(text)

    def _redact(self, text: str) -> Redacted:
        tokens = text_runs(text)
        found: list[tuple[int, int, str]] = []
        for start, end in self.full.spans(text, tokens):
            key = fold(text[start:end])
            if not text[start].isupper() and self._ordinary_word(key):
                continue  # "they hope to": the word, not the withheld "Hope"
            found.append((start, end, self.labels.get(key, "[victim]")))
        taken = [(s, e) for s, e, _ in found]
        for start, end in self.parts.spans(text, tokens):
            word = text[start:end]
            if not word[0].isupper() or any(s < end and start < e for s, e in taken):
                continue
            found.append((start, end, self.labels.get(word.casefold(), "[victim]")))
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
        return Redacted.of("".join(out), pieces)

    def _ordinary_word(self, key: str) -> bool:
        """Whether ``key`` (folded) is one word that is also an ordinary English word (the word list
        is read only when a text writes a withheld one-word name in lower case)."""
        known = self._ordinary.get(key)
        if known is None:
            known = self._ordinary[key] = " " not in key and (key in COMMON_WORDS or zipf(key) >= RARE_ZIPF)
        return known

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
        shown = urlunsplit((parts.scheme, parts.netloc, "/".join(segments), query, fragment))
        return url if shown == url else shown  # one string kept, not a copy, when nothing is withheld

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
