"""Restatements: a figure stated again for the same group is kept once."""

from __future__ import annotations

from ringscope.extract import measures

_GENERIC_NOUNS = frozenset(measures.NOUNS) | measures.MODIFIERS


class Taken:
    """The figures already taken under one key (measure, bounds, qualifier, currency)."""

    __slots__ = ("words", "generic", "prefixes", "sentences")

    def __init__(self) -> None:
        self.words: set[str] = set()
        self.generic: set[int] = set()
        self.prefixes: dict[str, set[int]] = {}
        self.sentences: set[int] = set()

    def add(self, noun: str, sentence: int) -> None:
        self.words.add(noun)
        self.sentences.add(sentence)
        if _generic(noun):
            self.generic.add(sentence)
        self.prefixes.setdefault(noun[:4], set()).add(sentence)

    def restates(self, noun: str, sentence: int) -> bool:
        """Same group words, or (outside the sentence's own list) one side names no group."""
        if noun in self.words:
            return True
        if _elsewhere(self.generic, sentence) or _elsewhere(self.prefixes.get(noun[:4], set()), sentence):
            return True
        return _generic(noun) and _elsewhere(self.sentences, sentence)


def _elsewhere(sentences: set[int], sentence: int) -> bool:
    return len(sentences) > 1 or (len(sentences) == 1 and sentence not in sentences)


def _generic(noun: str) -> bool:
    return all(w in _GENERIC_NOUNS for w in noun.split())
