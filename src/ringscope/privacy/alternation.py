"""Many names matched in a text at once, as one whole-word, case-insensitive alternation of them
would match them, compiling only the names that can occur in that text (a withheld-name list of a
large archive holds tens of thousands of names).
"""

from __future__ import annotations

import importlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import cache
from itertools import combinations

SUBSET_TOKENS = 6
"""Texts with at most this many distinct word runs find their candidate names by subsets."""


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
        self._words: dict[int, tuple[str, ...] | None] = {}
        """Each entry's words folded, when its regex is its name's words as written, escaped and
        joined by ``\\s+`` (then it is matched without compiling it, :meth:`_end`); else None."""

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
                end = self._end(n, text, start)
                if end is not None:
                    out.append((start, end))
                    last = max(end, start + 1)
                    break
        return out

    def _end(self, n: int, text: str, start: int) -> int | None:
        """Where entry ``n`` matches ``text`` at ``start`` (as its pattern would), or None."""
        if n not in self._words:
            body, name = self.entries[n]
            literal = body == r"\s+".join(re.escape(w) for w in name.split())
            self._words[n] = tuple(w.translate(_case_table()) for w in name.split()) if literal else None
        words = self._words[n]
        if words is None:
            match = self._pattern(n, False).match(text, start)
            return None if match is None else match.end()
        if start > 0 and _joins_before(text[start - 1]):
            return None
        table, at = _case_table(), start
        for i, word in enumerate(words):
            if i:  # ``\s+`` between words: the next word starts with no white space, so all is taken
                gap = at
                while at < len(text) and text[at].isspace():
                    at += 1
                if at == gap:
                    return None
            if text[at:at + len(word)].translate(table) != word:
                return None
            at += len(word)
        if at < len(text) and _joins_after(text[at]):
            return None
        return at

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


def _joins_before(char: str) -> bool:
    r"""Whether ``char`` before a name makes it part of a longer word (``(?<![\w'’-])``)."""
    return char.isalnum() or char in "_'’-"


def _joins_after(char: str) -> bool:
    r"""Whether ``char`` after a name makes it part of a longer word (``(?![\w-])``)."""
    return char.isalnum() or char in "_-"


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


def union(alternatives: list[str], flags: int) -> re.Pattern[str] | None:
    if not alternatives:
        return None
    return re.compile(r"(?<![\w'’-])(?:" + "|".join(alternatives) + r")(?![\w-])", flags)
