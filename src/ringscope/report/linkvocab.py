"""The link types of the link chart (``linktypes.yaml``) and the sentence matcher they drive.

A link type names which entity types it joins (subject -> object), the words that state it between
the two mentions (``active``: subject first; ``passive``: object first) and, for links made from
other parts of the picture, its ``source`` (``roles``, ``gazetteer`` or ``routes``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from ringscope.datafile import read_yaml


@dataclass(frozen=True, slots=True)
class LinkType:
    id: str
    label: str
    reason: str
    subject: frozenset[str]
    object: frozenset[str]
    active: tuple[re.Pattern[str], ...]
    passive: tuple[re.Pattern[str], ...]
    gap: int
    source: str | None
    fires: tuple[str, ...]
    not_: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Span:
    """An entity mentioned in a sentence: its key (entity id), type and offsets in the sentence."""

    key: str
    type: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Found:
    """A link stated by a sentence: type id, subject key, object key and how it was stated."""

    type: str
    subject: str
    object: str
    voice: str


def _patterns(items: Sequence[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in items)


@cache
def _data() -> dict[str, object]:
    data: dict[str, object] = read_yaml("ringscope.report", "linktypes.yaml")
    return data


@cache
def link_types() -> tuple[LinkType, ...]:
    """Every link type of ``linktypes.yaml``, in file order."""
    data = _data()
    default_gap = int(str(data.get("gap", 90)))
    out = []
    for t in data["types"]:  # type: ignore[attr-defined]
        out.append(
            LinkType(
                id=t["id"],
                label=t["label"],
                reason=t["reason"],
                subject=frozenset(t["subject"]),
                object=frozenset(t["object"]),
                active=_patterns(t.get("active", [])),
                passive=_patterns(t.get("passive", [])),
                gap=int(t.get("gap", default_gap)),
                source=t.get("source"),
                fires=tuple(t.get("fires", [])),
                not_=tuple(t.get("not", [])),
            )
        )
    return tuple(out)


@cache
def vetoes() -> tuple[re.Pattern[str], ...]:
    """Words between two mentions that stop any link being read there (a denial, a negation)."""
    return _patterns(_data().get("veto", []))  # type: ignore[arg-type]


@cache
def active_vetoes() -> tuple[re.Pattern[str], ...]:
    """Words that make the words between two mentions a passive construction, not an active one."""
    return _patterns(_data().get("active_veto", []))  # type: ignore[arg-type]


def link_type(type_id: str) -> LinkType:
    """The link type with id ``type_id`` (KeyError when there is none)."""
    for found in link_types():
        if found.id == type_id:
            return found
    raise KeyError(type_id)


def _next(spans: Sequence[Span], i: int, types: frozenset[str]) -> int | None:
    """The index of the next span after ``i`` (of another entity, not overlapping it), when it is
    of one of ``types``: a link joins two mentions with no other entity mentioned between them."""
    for j in range(i + 1, len(spans)):
        if spans[j].key != spans[i].key and spans[j].start >= spans[i].end:
            return j if spans[j].type in types else None
    return None


def sentence_links(text: str, spans: Sequence[Span]) -> list[Found]:
    """The links one sentence states between the entities mentioned in it (offsets into ``text``)."""
    ordered = sorted(spans, key=lambda s: (s.start, s.end))
    found: list[Found] = []
    for kind in link_types():
        passive: set[tuple[str, str]] = set()
        for i, first in enumerate(ordered):
            if kind.passive and first.type in kind.object:
                j = _next(ordered, i, kind.subject)
                if j is not None and _states(text, first, ordered[j], kind.passive, kind.gap):
                    found.append(Found(kind.id, ordered[j].key, first.key, "passive"))
                    passive.add((first.key, ordered[j].key))
        for i, first in enumerate(ordered):
            if kind.active and first.type in kind.subject:
                j = _next(ordered, i, kind.object)
                if (
                    j is not None
                    and (first.key, ordered[j].key) not in passive  # "X was raided by Y": not X raids Y
                    and _states(text, first, ordered[j], kind.active, kind.gap, active_vetoes())
                ):
                    found.append(Found(kind.id, first.key, ordered[j].key, "active"))
    return list(dict.fromkeys(found))


def _states(
    text: str,
    first: Span,
    second: Span,
    patterns: tuple[re.Pattern[str], ...],
    gap: int,
    more: tuple[re.Pattern[str], ...] = (),
) -> bool:
    between = text[first.end : second.start]
    if second.start < first.end or len(between) > gap:
        return False
    if any(v.search(between) for v in (*vetoes(), *more)):
        return False
    return any(p.search(between) for p in patterns)


_MARK = re.compile(r"\[([^\[\]|]+)\|(\w+)\]")


def parse_example(marked: str) -> tuple[str, list[Span]]:
    """An example sentence with entities marked ``[name|Type]``: the plain text and the spans
    (the key of each span is its name)."""
    text = ""
    spans = []
    last = 0
    for match in _MARK.finditer(marked):
        text += marked[last : match.start()]
        start = len(text)
        text += match.group(1)
        spans.append(Span(match.group(1), match.group(2), start, len(text)))
        last = match.end()
    return text + marked[last:], spans
