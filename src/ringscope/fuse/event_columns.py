"""The event evidence of many reports in a few flat arrays, and its stored form.

Grouping works over many reports' evidence at once, so it is held column-wise: for all reports
one array of term codes (into the distinct terms: a word's id and its rarity) and one of their
counts, each report's share given by offsets; one array of item codes (figures and names) into a
list of the distinct items; and the publication days.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
import numpy.typing as npt

from ringscope.fuse.event_blocks import NO_DATE

if TYPE_CHECKING:
    from ringscope.fuse.events import EventFeatures

Ints = npt.NDArray[np.int64]
Codes = npt.NDArray[np.int32]
Floats = npt.NDArray[np.float64]
Counts = npt.NDArray[np.unsignedinteger[Any]]
_K = TypeVar("_K", bound=Hashable)


def _starts(lengths: Ints) -> Ints:
    starts = np.zeros(len(lengths) + 1, np.int64)
    np.cumsum(lengths, out=starts[1:])
    return starts


def segments(starts: Ints, rows: Ints) -> Ints:
    """Positions of the elements of ``rows`` (in that order) in arrays cut by offsets ``starts``."""
    lengths = starts[rows + 1] - starts[rows]
    if not len(rows):
        return np.zeros(0, np.int64)
    shift = np.repeat(starts[rows] - _starts(lengths)[:-1], lengths)
    out: Ints = np.arange(int(lengths.sum()), dtype=np.int64) + shift
    return out


@dataclass(frozen=True, slots=True)
class EventColumns:
    """Event evidence of ``len(report_ids)`` reports (see the module's description)."""

    report_ids: list[str]
    days: Ints
    """Publication day numbers (proleptic ordinals), :data:`NO_DATE` when unknown."""
    term_start: Ints
    """Report i's terms are ``term_codes[term_start[i]:term_start[i + 1]]``, in term id order."""
    term_codes: Codes
    """Each term's place in ``terms`` and ``term_rarity``."""
    term_counts: Counts
    """How often the report uses each term."""
    terms: npt.NDArray[np.uint32]
    """The distinct terms' ids (CRC-32 of the word: two words may share one, with their own rarity)."""
    term_rarity: Floats
    """The distinct terms' rarity in general English."""
    item_start: Ints
    """Report i's items are ``item_codes[item_start[i]:item_start[i + 1]]``, codes ascending."""
    item_codes: Codes
    """Each item's place in ``items``."""
    items: list[str]
    """The distinct items: figures ``n:...`` and names ``<type letter>:<key>``."""
    item_figure: npt.NDArray[np.bool_]
    """Which items are figures."""
    rank: Ints | None = None
    """Each report's place in the order reports are grouped in (None: the order they are held in)."""

    def __len__(self) -> int:
        return len(self.report_ids)

    def base(self, at: Ints | slice) -> Floats:
        """The weights of the terms ``at`` before the collection is known: ``(1 + log(count)) * rarity``."""
        # Worked out in place in one array (the same operations in the same order, fewer passes).
        weights: Floats = self.term_counts[at].astype(np.float64)
        np.log(weights, out=weights)
        weights += 1.0
        weights *= np.take(self.term_rarity, self.term_codes[at])
        return weights

    def take(self, rows: Ints) -> EventColumns:
        """The reports at ``rows``, in that order."""
        terms = segments(self.term_start, rows)
        found = segments(self.item_start, rows)
        return dataclasses.replace(
            self, report_ids=[self.report_ids[r] for r in rows.tolist()], days=self.days[rows],
            term_start=_starts(self.term_start[rows + 1] - self.term_start[rows]),
            term_codes=self.term_codes[terms], term_counts=self.term_counts[terms],
            item_start=_starts(self.item_start[rows + 1] - self.item_start[rows]),
            item_codes=self.item_codes[found], rank=None,
        )

    def by_id(self) -> EventColumns:
        """The same reports, to be grouped in report id order (they are held as they were)."""
        order = np.array(sorted(range(len(self.report_ids)), key=self.report_ids.__getitem__), np.int64)
        rank = np.empty(len(order), np.int64)
        rank[order] = np.arange(len(order))
        return dataclasses.replace(self, rank=rank)

    def ordered_ids(self) -> list[str]:
        """The report ids in the order reports are grouped in."""
        if self.rank is None:
            return self.report_ids
        ordered = [""] * len(self.report_ids)
        for report_id, place in zip(self.report_ids, self.rank.tolist(), strict=True):
            ordered[place] = report_id
        return ordered


def _figures(items: Sequence[str]) -> npt.NDArray[np.bool_]:
    return np.array([item.startswith("n:") for item in items], np.bool_)


def _counts(counts: npt.NDArray[np.generic]) -> Counts:
    """Word counts in the smallest type that holds them."""
    wide = counts.astype(np.uint64)
    out: Counts = wide.astype(np.uint16 if not len(wide) or wide.max() < 1 << 16 else np.uint32)
    return out


def of(docs: Sequence[EventFeatures]) -> EventColumns:
    """The columns of reports' evidence, in the given order."""
    items = sorted({item for doc in docs for item in doc.items()})
    code = {item: n for n, item in enumerate(items)}
    days = [doc.published.toordinal() if doc.published else NO_DATE for doc in docs]
    per_doc = [sorted(code[item] for item in doc.items()) for doc in docs]
    none = [np.zeros(0)]
    ids = np.concatenate([d.term_ids.astype(np.float64) for d in docs] or none)
    rarity = np.concatenate([d.term_rarity.astype(np.float64) for d in docs] or none)
    # The distinct terms: (id, rarity) pairs.
    order = np.lexsort((rarity, ids))
    first = np.ones(len(order), np.bool_)
    first[1:] = (np.diff(ids[order]) != 0) | (np.diff(rarity[order]) != 0)
    codes = np.empty(len(order), np.int32)
    codes[order] = np.cumsum(first) - 1
    return EventColumns(
        [doc.report_id for doc in docs], np.array(days, np.int64),
        _starts(np.array([len(d.term_ids) for d in docs], np.int64)), codes,
        _counts(np.concatenate([d.term_counts for d in docs] or none)), ids[order][first].astype(np.uint32),
        rarity[order][first], _starts(np.array([len(c) for c in per_doc], np.int64)),
        np.array([c for codes in per_doc for c in codes], np.int32), items, _figures(items),
    )


def _vocabulary(base: Sequence[_K], others: Sequence[Sequence[_K]]) -> tuple[list[_K], list[Ints]]:
    """The keys of ``others`` not in ``base`` (first seen first: they are numbered after ``base``'s),
    and each of ``others``' keys as its place in ``base`` followed by those. Only the keys of
    ``others`` are held in a dict; ``base``'s are looked up in it."""
    at: dict[_K, int] = {}
    for keys in others:
        at.update(dict.fromkeys(keys, -1))
    if at:
        found = np.fromiter(map(at.__contains__, base), np.bool_, len(base))
        for place in np.flatnonzero(found).tolist():
            at[base[place]] = place
    added = [key for key, place in at.items() if place < 0]
    at.update(zip(added, range(len(base), len(base) + len(added)), strict=True))
    return added, [np.array(list(map(at.__getitem__, keys)), np.int64) for keys in others]


def join(parts: Iterable[EventColumns]) -> EventColumns:
    """The reports of all parts, one after another. The largest part's vocabularies are kept as they
    are and the others' terms and items not in them added after, so only the smaller parts are
    recoded (and their items sorted again by code)."""
    parts = [p for p in parts if len(p)]
    if not parts:
        return of([])
    base = max(parts, key=len)
    others = [p for p in parts if p is not base]
    new_items, item_recode = _vocabulary(base.items, [p.items for p in others])
    entries = [list(zip(p.terms.tolist(), p.term_rarity.tolist(), strict=True)) for p in [base, *others]]
    new_terms, term_recode = _vocabulary(entries[0], entries[1:])
    item_codes, term_codes = [], []
    recodes = iter(zip(item_recode, term_recode, strict=True))  # the others' recodings, in their order
    space = len(base.items) + len(new_items)
    for part in parts:
        if part is base:
            item_codes.append(part.item_codes)
            term_codes.append(part.term_codes)
            continue
        item_recoded, term_recoded = next(recodes)
        # A report's items sorted by their new codes: one sort of (report, code) as one number.
        owner = np.repeat(np.arange(len(part), dtype=np.int64), np.diff(part.item_start))
        item_codes.append((np.sort(owner * space + item_recoded[part.item_codes]) % space).astype(np.int32))
        term_codes.append(term_recoded.astype(np.int32)[part.term_codes])
    counts = [p.term_counts for p in parts]
    wide = np.uint32 if any(c.dtype == np.uint32 for c in counts) else np.uint16
    return EventColumns(
        [r for p in parts for r in p.report_ids], np.concatenate([p.days for p in parts]),
        _starts(np.concatenate([np.diff(p.term_start) for p in parts])), np.concatenate(term_codes),
        np.concatenate(counts).astype(wide, copy=False),
        np.concatenate([base.terms, np.array([t for t, _ in new_terms], np.uint32)]),
        np.concatenate([base.term_rarity, np.array([r for _, r in new_terms], np.float64)]),
        _starts(np.concatenate([np.diff(p.item_start) for p in parts])), np.concatenate(item_codes),
        [*base.items, *new_items], np.concatenate([base.item_figure, _figures(new_items)]),
    )
