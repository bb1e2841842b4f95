"""Paging, sorting and facet counts for every list the web app shows (pure functions, no web code).

A list is never cut silently: :class:`Page` says which rows are shown out of how many
("41-60 of 1,234"); :func:`sort_items` orders rows by a named key given in a ``sort`` parameter
(``-key`` for the other direction); :func:`facet_counts` counts each facet's values over the rows
that pass every *other* facet, so choosing one value of a facet still shows the others' counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar
from urllib.parse import urlencode

SortValue = str | float | int | None
T = TypeVar("T")
Facets = Mapping[str, Callable[[T], Iterable[str]]]
Chosen = Mapping[str, frozenset[str]]

LIMITS = (20, 50, 100, 200)
"""Page sizes a list offers."""


@dataclass(frozen=True, slots=True)
class Page:
    """Rows ``offset`` .. ``offset + limit`` of ``total``."""

    offset: int
    limit: int
    total: int

    @property
    def first(self) -> int:
        """1-based number of the first row shown (0 when there is none)."""
        return self.offset + 1 if self.total and self.offset < self.total else 0

    @property
    def last(self) -> int:
        """1-based number of the last row shown."""
        return min(self.offset + self.limit, self.total) if self.first else 0

    @property
    def label(self) -> str:
        """"41-60 of 1,234" (or "0 of 0")."""
        if not self.first:
            return f"0 of {self.total:,}"
        return f"{self.first:,}-{self.last:,} of {self.total:,}"

    @property
    def previous(self) -> int | None:
        return max(0, self.offset - self.limit) if self.offset > 0 else None

    @property
    def next(self) -> int | None:
        return self.offset + self.limit if self.offset + self.limit < self.total else None

    @property
    def final(self) -> int | None:
        """Offset of the last page, when it is not this one."""
        if self.next is None:
            return None
        return ((self.total - 1) // self.limit) * self.limit


def page(total: int, offset: int, limit: int) -> Page:
    """The page at ``offset`` (clamped to the rows there are) of ``limit`` rows out of ``total``."""
    limit = max(1, limit)
    offset = max(0, offset)
    if total and offset >= total:
        offset = ((total - 1) // limit) * limit
    return Page(offset, limit, total)


def window(items: Sequence[T], at: Page) -> list[T]:
    """The rows of ``items`` on page ``at``."""
    return list(items[at.offset : at.offset + at.limit])


@dataclass(frozen=True, slots=True)
class SortKey:
    label: str
    value: Callable[[Any], SortValue]
    """The row's value; None sorts last in both directions."""
    descending: bool = False
    """The direction a header link first asks for (counts and dates: largest/newest first)."""


@dataclass(frozen=True, slots=True)
class Sorting:
    key: str
    descending: bool

    @property
    def param(self) -> str:
        return ("-" if self.descending else "") + self.key

    def toggle(self, key: str, keys: Mapping[str, SortKey]) -> str:
        """The ``sort`` value a header for ``key`` links to: the other direction when it is the
        current key, else the key's own first direction."""
        if key == self.key:
            return ("" if self.descending else "-") + key
        return ("-" if keys[key].descending else "") + key


def sorting(param: str, keys: Mapping[str, SortKey], default: str) -> Sorting:
    """The sort asked for by ``param`` (``key`` or ``-key``); ``default`` when it names no key."""
    for asked in (param.strip(), default):
        name = asked.lstrip("-")
        if name in keys:
            return Sorting(name, asked.startswith("-"))
    raise ValueError(f"default sort {default!r} is not one of {sorted(keys)}")


def sort_items(items: Iterable[T], keys: Mapping[str, SortKey], by: Sorting) -> list[T]:
    """``items`` ordered by ``by`` (stable: ties keep their given order); rows without a value last."""
    value = keys[by.key].value
    rows = [(value(item), item) for item in items]
    present = [(v, item) for v, item in rows if v is not None]
    missing = [item for v, item in rows if v is None]
    present.sort(key=lambda pair: _comparable(pair[0]), reverse=by.descending)  # stable both ways
    return [item for _, item in present] + missing


def _comparable(value: SortValue) -> tuple[int, float, str]:
    if isinstance(value, str):
        return (1, 0.0, value.casefold())
    return (0, float(value or 0), "")


@dataclass(frozen=True, slots=True)
class FacetValue:
    value: str
    count: int
    selected: bool


def passes(
    item: T, facets: Facets[T], chosen: Chosen,
    skip: str | None = None,
) -> bool:
    """Whether ``item`` has one of the chosen values of every facet (but ``skip``) with a choice."""
    for name, values in facets.items():
        wanted = chosen.get(name)
        if name == skip or not wanted:
            continue
        if wanted.isdisjoint(values(item)):
            return False
    return True


def refine(
    items: Iterable[T], facets: Facets[T], chosen: Chosen
) -> list[T]:
    """The items with one of the chosen values of every facet that has a choice."""
    return [item for item in items if passes(item, facets, chosen)]


def facet_counts(
    items: Sequence[T], facets: Facets[T], chosen: Chosen
) -> dict[str, list[FacetValue]]:
    """Per facet, each value with the number of items having it among those passing the other
    facets; most frequent first, then by value. A chosen value is listed even when none has it."""
    out: dict[str, list[FacetValue]] = {}
    for name, values in facets.items():
        counts: Counter[str] = Counter()
        for item in items:
            if passes(item, facets, chosen, skip=name):
                counts.update(set(values(item)))
        wanted = chosen.get(name, frozenset())
        for value in wanted:
            counts.setdefault(value, 0)
        out[name] = [
            FacetValue(value, count, value in wanted)
            for value, count in sorted(counts.items(), key=lambda vc: (-vc[1], vc[0]))
        ]
    return out


def in_range(dates: Iterable[str | None], since: str = "", until: str = "") -> bool:
    """Whether one of ``dates`` (ISO, possibly partial) falls in ``since`` .. ``until`` (ISO prefixes,
    both inclusive; an empty bound is open). Without bounds every row passes, undated ones too."""
    if not since and not until:
        return True
    for date in dates:
        if not date:
            continue
        if since and date < since:
            continue
        if until and date[: len(until)] > until:
            continue
        return True
    return False


def query_string(params: Iterable[tuple[str, str]], changes: Mapping[str, str | int | None]) -> str:
    """``?...`` of ``params`` with the ``changes`` applied (None or "" drops a parameter)."""
    kept = [(k, v) for k, v in params if k not in changes]
    kept += [(k, str(v)) for k, v in changes.items() if v is not None and v != ""]
    return "?" + urlencode(kept) if kept else "?"


def toggled(params: Iterable[tuple[str, str]], name: str, value: str) -> str:
    """``?...`` of ``params`` with facet value ``name=value`` added, or removed when present; the
    offset is dropped (a new choice starts at the first row)."""
    kept = [(k, v) for k, v in params if k != "offset"]
    if (name, value) in kept:
        kept = [(k, v) for k, v in kept if (k, v) != (name, value)]
    else:
        kept.append((name, value))
    return "?" + urlencode(kept) if kept else "?"


@dataclass(frozen=True, slots=True)
class Listed(Generic[T]):
    """One page of a list: its rows, where the page stands, the sort, and facet counts."""

    rows: list[T]
    page: Page
    sorting: Sorting
    counts: dict[str, list[FacetValue]]


@dataclass(frozen=True, slots=True)
class Arranged(Generic[T]):
    """What every page of one list shares: the items the chosen facets keep, sorted, with the sort
    and the facet counts (worth keeping: a list of 100,000 items takes a second to arrange)."""

    rows: list[T]
    sorting: Sorting
    counts: dict[str, list[FacetValue]]


def arrange(
    items: Iterable[T],
    keys: Mapping[str, SortKey],
    sort: str,
    default: str,
    facets: Facets[T] | None = None,
    chosen: Chosen | None = None,
) -> Arranged[T]:
    """Facet counts over ``items``, then the items the chosen facets keep, sorted."""
    pool = list(items)
    counts = facet_counts(pool, facets, chosen or {}) if facets else {}
    by = sorting(sort, keys, default)
    return Arranged(sort_items(refine(pool, facets, chosen or {}) if facets else pool, keys, by), by, counts)


def paged(arranged: Arranged[T], offset: int, limit: int) -> Listed[T]:
    """One page of an arranged list."""
    at = page(len(arranged.rows), offset, limit)
    return Listed(window(arranged.rows, at), at, arranged.sorting, arranged.counts)


def listed(
    items: Iterable[T],
    keys: Mapping[str, SortKey],
    sort: str,
    default: str,
    offset: int,
    limit: int,
    facets: Facets[T] | None = None,
    chosen: Chosen | None = None,
) -> Listed[T]:
    """Facet counts over ``items``, then the items the chosen facets keep, sorted and paged."""
    return paged(arrange(items, keys, sort, default, facets, chosen), offset, limit)
