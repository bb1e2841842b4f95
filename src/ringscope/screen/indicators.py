"""The indicator table (``indicators.yaml``) and the pattern-based indicators it defines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ringscope.datafile import read_yaml
from ringscope.screen.fastre import BoundaryPattern, FirstMatches
from ringscope.screen.text import lower

_UPPER_LITERAL = re.compile(r"(?<!\\)[A-Z]")


@dataclass(frozen=True, slots=True)
class Indicator:
    """One documented indicator of scam-centre recruitment."""

    code: str
    group: str
    reason: str
    sources: tuple[int, ...]
    weight: float
    patterns: tuple[BoundaryPattern, ...]
    """The indicator's patterns joined into one alternation (empty for computed indicators)."""
    countries: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Hit:
    """An indicator that fired, with the exact span of the ad text that fired it."""

    code: str
    group: str
    weight: float
    reason: str
    start: int
    end: int
    quote: str

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "reason": self.reason, "quote": self.quote,
                "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Table:
    """All indicators, by code, and the combination parameters."""

    indicators: dict[str, Indicator]
    co_occurrence_bonus: float
    co_occurrence_groups: frozenset[str]
    anchors: frozenset[str]
    scanner: FirstMatches = field(init=False, repr=False, compare=False)
    """All pattern-based indicators searched in one pass."""
    _owners: tuple[Indicator, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        owners = tuple(ind for ind in self.indicators.values() for _ in ind.patterns)
        patterns = [p for ind in self.indicators.values() for p in ind.patterns]
        object.__setattr__(self, "_owners", owners)
        object.__setattr__(self, "scanner", FirstMatches(patterns))


def _union(sources: list[str]) -> BoundaryPattern:
    """One pattern for all of an indicator's patterns: the leftmost match, earlier patterns first on ties."""
    if len(sources) == 1:
        return BoundaryPattern(sources[0])
    if all(s.startswith(r"\b") for s in sources):
        return BoundaryPattern(r"\b(?:" + "|".join(f"(?:{s[2:]})" for s in sources) + ")")
    return BoundaryPattern("|".join(f"(?:{s})" for s in sources))


def _build(data: dict[str, Any]) -> Table:
    indicators: dict[str, Indicator] = {}
    for item in data["indicators"]:
        code = str(item["code"])
        if code in indicators:
            raise ValueError(f"indicators.yaml: duplicate code {code}")
        sources = [str(p) for p in item.get("patterns", [])]
        for source in sources:
            if _UPPER_LITERAL.search(source.replace("\\\\", "")):
                raise ValueError(f"indicators.yaml: {code}: patterns are matched on lower-cased text; "
                                 f"write {source!r} in lower case")
        patterns = (_union(sources),) if sources else ()
        if not patterns and not item.get("computed"):
            raise ValueError(f"indicators.yaml: {code} has neither patterns nor computed: true")
        indicators[code] = Indicator(
            code=code, group=str(item["group"]), reason=str(item["reason"]),
            sources=tuple(int(s) for s in item["sources"]), weight=float(item["weight"]),
            patterns=patterns, countries=tuple(str(c) for c in item.get("countries", [])),
        )
    combo = data["combination"]
    anchors = frozenset(str(c) for c in combo["anchors"])
    unknown = anchors - set(indicators)
    if unknown:
        raise ValueError(f"indicators.yaml: unknown anchor codes {sorted(unknown)}")
    return Table(indicators, float(combo["co_occurrence_bonus"]), frozenset(combo["co_occurrence_groups"]),
                 anchors)


@lru_cache(maxsize=1)
def load_table() -> Table:
    """The indicator table shipped with the package."""
    return _build(read_yaml("ringscope.screen", "indicators.yaml"))


def match_patterns(text: str, table: Table | None = None, lowered: str | None = None) -> list[Hit]:
    """The first match of each pattern-based indicator in the text (quotes from the original text)."""
    table = table or load_table()
    low = lowered if lowered is not None else lower(text)
    best: dict[str, re.Match[str]] = {}
    for ind, m in zip(table._owners, table.scanner.search(low), strict=True):
        if m is not None and (ind.code not in best or m.start() < best[ind.code].start()):
            best[ind.code] = m
    hits: list[Hit] = []
    for code, m in best.items():
        ind = table.indicators[code]
        start, end = m.span()
        hits.append(Hit(ind.code, ind.group, ind.weight, ind.reason, start, end, text[start:end]))
    return hits

def make_hit(code: str, start: int, end: int, text: str, table: Table | None = None) -> Hit:
    """A hit for a computed indicator, at the given span of the text."""
    ind = (table or load_table()).indicators[code]
    return Hit(ind.code, ind.group, ind.weight, ind.reason, start, end, text[start:end])
