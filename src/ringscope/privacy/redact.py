"""Replacing withheld names by their placeholders, keeping a map from old offsets to new ones.

Full names (and every alias) are replaced wherever they occur as whole words, whatever the case;
a single word of a withheld name (a surname written alone) is replaced where it is capitalised,
unless it is also part of a name that may be shown. Offsets of extracted items are carried over
to the redacted text with :meth:`Redacted.position`, so no offset or length tells a name.
"""

from __future__ import annotations

import importlib
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from itertools import combinations
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from ringscope.extract.places import COMMON_WORDS
from ringscope.fuse.names import fold

if TYPE_CHECKING:
    from ringscope.privacy.cues import Cues
    from ringscope.privacy.policy import Withheld

_WORDS = re.compile(r"[\w'’]+")
MEMO_LENGTH = 400
MEMO_SIZE = 200_000
SUBSET_TOKENS = 6
"""Texts with at most this many distinct word runs find their candidate names by subsets."""


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
    full: Alternation = field(default_factory=lambda: Alternation((), re.IGNORECASE))
    """Every withheld name and alias, longest first (whitespace between words may vary)."""
    parts: Alternation = field(default_factory=lambda: Alternation((), re.IGNORECASE))
    """Single words of withheld names, replaced where capitalised."""
    labels: dict[str, str] = field(default_factory=dict)
    """folded name or word -> placeholder."""
    words: frozenset[str] = frozenset()
    """Folded single words of withheld names (searches for them answer nothing)."""
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
            found.append((start, end, self.labels.get(fold(text[start:end]), "[victim]")))
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


class Alternation:
    """A whole-word alternation of many names, matched in a text against only the names that can
    occur in it: a name can match only where each of its word runs is a word run of the text
    (under the regex engine's own case folding, :func:`text_tokens`), so every other name is left
    out of the pattern compiled for that text. The result is the one the full alternation gives."""

    def __init__(self, entries: tuple[tuple[str, str], ...], flags: int) -> None:
        self.entries = entries
        """(regex, name as written), in the order of the full alternation."""
        self.flags = flags
        self.needs: list[frozenset[str]] = [frozenset(text_tokens(name)) for _, name in entries]
        self.index: dict[str, tuple[list[int], dict[str, list[int]]]] = {}
        """Every entry filed under one of its runs (the longest: the rarest, usually): alone when it
        has one run, else under a second run (the longest of the rest)."""
        self.by_needs: dict[frozenset[str], list[int]] = defaultdict(list)
        """Entries by their exact set of word runs: a short text's candidates are read by its subsets."""
        for n, tokens in enumerate(self.needs):
            if tokens:
                self.by_needs[tokens].append(n)
                first = max(sorted(tokens), key=len)
                alone, by_second = self.index.setdefault(first, ([], {}))
                if len(tokens) == 1:
                    alone.append(n)
                else:
                    by_second.setdefault(max(sorted(tokens - {first}), key=len), []).append(n)
        self.always = [n for n, tokens in enumerate(self.needs) if not tokens]
        self.widest = max((len(tokens) for tokens in self.needs), default=0)
        self.first: list[str | None] = [
            text_tokens(match.group(0)).pop() if (match := _RUNS.match(name)) else None
            for _, name in entries
        ]
        """The first word run of each entry that starts with one (folded), else None."""
        self._compiled: dict[tuple[int, bool], re.Pattern[str]] = {}

    def candidates(self, tokens: Iterable[str]) -> tuple[int, ...]:
        """The entries whose every word run is among ``tokens`` (in alternation order)."""
        present = tokens if isinstance(tokens, (set, frozenset, dict)) else set(tokens)
        found = set(self.always)
        if len(present) <= SUBSET_TOKENS:
            # a short text (a name, a title): look its subsets up instead of scanning long index lists
            ordered = sorted(present)
            for size in range(1, min(len(ordered), self.widest) + 1):
                for subset in combinations(ordered, size):
                    found.update(self.by_needs.get(frozenset(subset), ()))
            return tuple(sorted(found))
        for token in present:
            filed = self.index.get(token)
            if filed is None:
                continue
            alone, by_second = filed
            found.update(alone)
            seconds = (
                [s for s in by_second if s in present] if len(by_second) <= len(present)
                else [s for s in present if s in by_second]
            )
            for second in seconds:
                for n in by_second[second]:
                    needs = self.needs[n]
                    if len(needs) == 2 or all(need in present for need in needs):
                        found.add(n)
        return tuple(sorted(found))

    def spans(self, text: str, runs: dict[str, list[int]]) -> list[tuple[int, int]]:
        """Where the alternation matches in ``text`` (whose word runs and their places are ``runs``,
        :func:`text_runs`), as ``finditer`` of the full alternation gives them: scanning on from
        each match's end, at each place the first entry (in alternation order) that matches there.
        An entry that starts with a word character can only start where its first run stands."""
        chosen = self.candidates(runs)
        if len(chosen) == 1:
            return [m.span() for m in self._pattern(chosen[0], False).finditer(text)]
        starts: dict[int, list[int]] = defaultdict(list)
        for n in chosen:
            first = self.first[n]
            places = runs[first] if first is not None else [
                m.start() for m in self._pattern(n, True).finditer(text)
            ]
            for place in places:
                starts[place].append(n)
        out: list[tuple[int, int]] = []
        last = 0
        for start in sorted(starts):
            if start < last:
                continue
            for n in sorted(starts[start]):
                match = self._pattern(n, False).match(text, start)
                if match is not None:
                    out.append(match.span())
                    last = max(match.end(), start + 1)
                    break
        return out

    def _pattern(self, n: int, ahead: bool) -> re.Pattern[str]:
        """Entry ``n`` alone; ``ahead``: every place it starts, overlapping ones too."""
        key = (n, ahead)
        if key not in self._compiled:
            body = self.entries[n][0]
            self._compiled[key] = re.compile(
                rf"(?<![\w'’-])(?=(?:{body})(?![\w-]))" if ahead else rf"(?<![\w'’-])(?:{body})(?![\w-])",
                self.flags,
            )
        return self._compiled[key]


_RUNS = re.compile(r"\w+")


@cache
def _case_table() -> dict[int, int]:
    """Each character -> the representative of the characters the regex engine takes as its case
    variants (its simple lower case, joined with the extra equivalences the engine adds, such as
    dotless i, long s or final sigma). Read from the engine itself, so the two never differ."""
    engine = importlib.import_module("_sre")
    tolower: Callable[[int], int] = engine.unicode_tolower
    extra: dict[int, tuple[int, ...]] = getattr(importlib.import_module("re._casefix"), "_EXTRA_CASES", {})
    table: dict[int, int] = {}
    for code in range(0x20000):
        lower = tolower(code)
        target = min((lower, *extra.get(lower, ())))
        if target != code:
            table[code] = target
    return table


def text_runs(text: str) -> dict[str, list[int]]:
    """The word runs of ``text`` folded as :func:`text_tokens` folds them, with where each starts."""
    table = _case_table()
    out: dict[str, list[int]] = defaultdict(list)
    for match in _RUNS.finditer(text):
        out[match.group(0).translate(table)].append(match.start())
    return out


def text_tokens(text: str) -> set[str]:
    """The word runs of ``text`` (``\\w+``) folded as a case-insensitive regex compares them."""
    table = _case_table()
    return {run.translate(table) for run in _RUNS.findall(text)}


def _union(alternatives: list[str], flags: int) -> re.Pattern[str] | None:
    if not alternatives:
        return None
    return re.compile(r"(?<![\w'’-])(?:" + "|".join(alternatives) + r")(?![\w-])", flags)
