"""The literal words a pattern cannot match without: a cheap test that skips a search.

Python's ``re`` steps through a text position by position for a pattern that opens with a word
boundary, while ``str.find`` looks for a word at machine speed. When every match of a pattern holds
one of a few words (``\\b(?:citizens|nationals)\\b`` holds "citizens" or "nationals"), a text, or a
stretch of it, holding none of them has no match, and the search need not run.

:func:`required_literals` reads the words off the parsed pattern, so they follow the pattern as it
is written (rules are data: a cue edited in the YAML keeps a correct list). Only what a match
consumes counts: literal runs, groups, alternations (one word per branch) and repeats taken at
least once; lookarounds, classes and anything else require nothing. A pattern with an inline
case-insensitive flag, or whose words are too many or too short to be worth looking for, gets None.
"""

from __future__ import annotations

import importlib
import re
from types import ModuleType
from typing import Any


def _private(name: str) -> ModuleType | None:
    """``re``'s own parser modules (Python 3.11 on); None where a Python lacks them."""
    try:
        return importlib.import_module(f"re.{name}")
    except ImportError:
        return None


sre: Any = _private("_constants")
sre_parse: Any = _private("_parser")

MAX_WORDS = 6
"""More alternatives than this cost more to look for one by one than the search they would skip."""
MIN_LENGTH = 4
"""Shorter words ("in", "of") are in nearly every sentence: looking for them skips nothing."""


def required_literals(pattern: re.Pattern[str], most: int = MAX_WORDS) -> tuple[str, ...] | None:
    """Words one of which lies inside the span of every match of ``pattern``, or None (also where
    ``re``'s parser cannot be read: no shortcut, every search runs). ``most``: how many words are
    worth looking for one by one (a search over a whole report saves more than one over a window,
    so more words are worth it there)."""
    if sre is None or sre_parse is None or pattern.flags & re.IGNORECASE:
        return None
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    if parsed.state.flags & re.IGNORECASE:  # an inline (?i) at the start
        return None
    words = _sequence(list(parsed), most)
    if not words or not _worth(words, most):
        return None
    # A word holding another one is implied by it: look for the shorter one only.
    kept = {w for w in words if not any(o != w and o in w for o in words)}
    return tuple(sorted(kept))


def _worth(words: set[str], most: int) -> bool:
    return len(words) <= most and min(map(len, words)) >= MIN_LENGTH


def _sequence(items: list[tuple[Any, Any]], most: int) -> set[str] | None:
    """Words one of which every match of the concatenation ``items`` holds (the best such set)."""
    options: list[set[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        if run:
            options.append({"".join(run)})
            run = []
        found = _item(op, av, most)
        if found:
            options.append(found)
    if run:
        options.append({"".join(run)})
    if not options:
        return None
    return max(options, key=lambda words: (_worth(words, most), -len(words), min(map(len, words))))


def _item(op: Any, av: Any, most: int) -> set[str] | None:
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        return None if add_flags or del_flags else _sequence(list(sub), most)
    if op is sre.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            words = _sequence(list(branch), most)
            if not words:
                return None  # a branch that needs no word: the alternation needs none
            union |= words
        return union
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _high, sub = av
        return _sequence(list(sub), most) if low >= 1 else None
    if op is sre.ATOMIC_GROUP:
        return _sequence(list(av), most)
    return None


def holds_any(text: str, words: tuple[str, ...], pos: int, endpos: int) -> bool:
    """Whether ``text[pos:endpos]`` holds one of ``words``."""
    for word in words:  # a loop, not any() over a generator: this runs on every sentence
        if text.find(word, pos, endpos) >= 0:
            return True
    return False
