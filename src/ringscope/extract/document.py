"""The document the extraction stages share: text, publication date, sentences."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

from ringscope.extract.casefold import fold_case
from ringscope.extract.number_atoms import ascii_lower
from ringscope.extract.rules import load_rules

# A sentence ends at . ! ? (optionally followed by a closing quote or bracket) before
# whitespace and an upper-case letter, digit or opening quote, or at a blank line/newline.
_SENTENCE_END = re.compile(r"""(?<=[.!?])["'”’)\]]?\s+(?=["'“‘(\[]?[A-Z0-9])|\n+""")
# Abbreviations after which a full stop does not end a sentence: the titles and ranks written
# before a name (cue.title_abbreviations of entity_rules.yaml: "Dr.", "Pol.", "Supt.", "PCol."),
# months, firms' forms, and what stands before a figure ("No. 5", "Rs. 2 crore", "approx. 40").
_TITLES = "|".join(
    sorted(load_rules("entity_rules.yaml").words("cue.title_abbreviations"), key=len, reverse=True)
)
_ABBREV = re.compile(
    rf"(?:\b(?:{_TITLES}|St|Jr|Sr|Inc|Ltd|Co|Corp|No|Vol|vs|etc|Rs|Ksh|approx|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.N|U\.K|a\.m|p\.m)\.|\b[A-Z]\.)$"
)


# A sentence end begins just after . ! ? or at a line end: only there is the pattern tried.
_END_MARK = re.compile(r"[.!?\n]")


def _sentence_ends(text: str) -> Iterator[re.Match[str]]:
    """``_SENTENCE_END.finditer(text)``, trying the pattern only where a match can begin."""
    pos = 0
    for mark in _END_MARK.finditer(text):
        at = mark.start()
        start = at if text[at] == "\n" else at + 1
        if start < pos:
            continue
        match = _SENTENCE_END.match(text, start)
        if match is not None:
            yield match
            pos = max(match.end(), start + 1)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text`` (no empty spans)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _sentence_ends(text):
        end = match.start()
        if match.group(0)[0] != "\n" and _ABBREV.search(text[max(0, end - 8) : end]):
            continue
        if text[start:end].strip():
            spans.append((start, end))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


@dataclass(slots=True)
class Document:
    """A report's text prepared for extraction."""

    text: str
    published: str | None = None
    sentences: list[tuple[int, int]] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list, repr=False)
    _folded: str | None = field(default=None, repr=False)
    _folded_done: bool = field(default=False, repr=False)
    _lowered: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if not self.sentences:
            self.sentences = split_sentences(self.text)
        self._starts = [s for s, _ in self.sentences]

    @property
    def folded(self) -> str | None:
        """The text lower-cased for case-insensitive searches (see :mod:`ringscope.extract.casefold`)."""
        if not self._folded_done:
            self._folded, self._folded_done = fold_case(self.text), True
        return self._folded

    @property
    def lowered(self) -> str:
        """The text lower-cased with the same offsets (:func:`ascii_lower`), read once for the figures."""
        if self._lowered is None:
            self._lowered = ascii_lower(self.text)
        return self._lowered

    def sentence_at(self, pos: int) -> tuple[int, int]:
        """The span of the sentence holding character ``pos`` (or the nearest before it)."""
        if not self.sentences:
            return (0, len(self.text))
        index = max(0, bisect_right(self._starts, pos) - 1)
        return self.sentences[index]
