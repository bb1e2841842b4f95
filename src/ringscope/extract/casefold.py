"""Case-insensitive patterns searched on lower-cased text: the same matches, found faster.

Python's ``re`` tries every branch of a case-insensitive alternation at every word start, while
a case-sensitive one skips a branch on its first letter; so a long word list matched with
``re.IGNORECASE`` is about twice as slow as its lower-case twin run over the lower-cased text.

The twin finds exactly the same spans when

- the pattern's source is ASCII with no upper-case letter (group names aside), no escape that
  names a character by its code or refers back to a group (``\\x41`` is "A"), no inline flag
  turned off, and no character range other than within lower-case letters or within digits; and
- lower-casing keeps every offset of the text (each character lowers to one character) and the
  text holds neither dotless i nor long s, which ``re`` takes for "i" and "s" although they are
  their own lower case.

:func:`fold_case` gives the lower-cased text when the second holds (else None), and
:class:`CaseFree` uses the twin when both hold, else the pattern as written. Matches found on
the lower-cased text give lower-cased groups: callers use their offsets, or lower-case them.

A twin whose every match holds one of a few words (:mod:`ringscope.extract.literals`) is not run
over a stretch of text holding none of them: there it finds nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ringscope.extract.literals import holds_any, required_literals

_TRAPS = ("\u0131", "\u017f")
"""Dotless i and long s: matched as "i" and "s" case-insensitively, though not lower-cased to them."""
_CODE_ESCAPES = frozenset("xu0123456789")


def fold_case(text: str) -> str | None:
    """``text`` lower-cased for :class:`CaseFree`, or None when that would not be exact."""
    lowered = text.lower()
    if len(lowered) != len(text) or _TRAPS[0] in text or _TRAPS[1] in text:
        return None
    return lowered


def _range_ok(low: str, high: str) -> bool:
    return (low.islower() and high.islower()) or (low.isdigit() and high.isdigit())


def twin_allowed(source: str) -> bool:
    """Can ``source``, compiled case-sensitively, stand for itself case-insensitive on lower-cased text?"""
    source = source.replace("(?P<", "(?p<").replace("(?P=", "(?p=")  # group names may hold capitals
    if not source.isascii() or source != source.lower() or "(?-" in source:
        return False
    in_class, previous, k = False, "", 0
    while k < len(source):
        char = source[k]
        if char == "\\":
            escaped = source[k + 1 : k + 2]
            if escaped in _CODE_ESCAPES:
                return False
            previous, k = "\\" + escaped, k + 2
            continue
        if in_class and char == "]" and previous != "[":
            in_class = False
        elif not in_class and char == "[":
            in_class, previous, k = True, "[", k + 1
            if source[k : k + 1] == "^":
                k += 1
            continue
        elif in_class and char == "-" and previous != "[" and source[k + 1 : k + 2] not in ("]", ""):
            high = source[k + 1]
            if len(previous) != 1 or high == "\\" or not _range_ok(previous, high):
                return False
        previous, k = char, k + 1
    return True


class CaseFree:
    """A case-insensitive pattern, searched through its lower-case twin where that is exact."""

    __slots__ = ("needs", "regex", "twin")

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        exact = bool(regex.flags & re.IGNORECASE) and twin_allowed(regex.pattern)
        self.twin = re.compile(regex.pattern, regex.flags & ~re.IGNORECASE) if exact else None
        # Words one of which every match of the twin holds (None: none worth looking for).
        self.needs = required_literals(self.twin) if self.twin is not None else None

    # The three look-ups below are written out in full (no helper calls): they run on every sentence
    # and every number of a report.

    def search(self, text: str, folded: str | None, pos: int = 0, endpos: int | None = None
               ) -> re.Match[str] | None:
        """``regex.search(text, pos, endpos)``; ``folded`` is :func:`fold_case` of ``text``."""
        twin = self.twin
        if folded is None or twin is None:
            return self.regex.search(text, pos, len(text) if endpos is None else endpos)
        end = len(folded) if endpos is None else endpos
        if self.needs is not None and not holds_any(folded, self.needs, max(pos, 0), max(end, 0)):
            return None  # the twin cannot match there: it holds none of the needed words
        return twin.search(folded, pos, end)

    def match(self, text: str, folded: str | None) -> re.Match[str] | None:
        """``regex.match(text)``; ``folded`` is :func:`fold_case` of ``text``."""
        twin = self.twin
        if folded is None or twin is None:
            return self.regex.match(text)
        if self.needs is not None and not holds_any(folded, self.needs, 0, len(folded)):
            return None
        return twin.match(folded)

    def finditer(self, text: str, folded: str | None, pos: int = 0, endpos: int | None = None
                 ) -> Iterator[re.Match[str]]:
        """``regex.finditer(text, pos, endpos)``; ``folded`` is :func:`fold_case` of ``text``."""
        twin = self.twin
        if folded is None or twin is None:
            return self.regex.finditer(text, pos, len(text) if endpos is None else endpos)
        end = len(folded) if endpos is None else endpos
        if self.needs is not None and not holds_any(folded, self.needs, max(pos, 0), max(end, 0)):
            return iter(())
        return twin.finditer(folded, pos, end)
