"""A few items of a store's picture, redacted, read without the rest of the picture.

``ringscope events`` shows the first events and ``claims --conflicts`` the conflicting figures:
both read only those rows of the stored picture and the reports they cite, and redact only them,
by the store's stored victim-policy decision (taken over the whole store, never over the part).
When the part cannot stand for the whole (no stored picture or decision of the store's current
state, or a read-only store that cannot bring them up to date) these give None and the caller reads
the whole snapshot. Analyst judgements about events and figures are applied to the part and the
scopes they touch (:mod:`ringscope.report.judged_parts`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from ringscope.fuse import Event, Figure, Picture
from ringscope.model import Report
from ringscope.privacy import Policy
from ringscope.privacy.shown import Shown
from ringscope.report.judged_parts import conflicting, first_events, reaching
from ringscope.store import Store
from ringscope.store.judgements import Judgement
from ringscope.store.picture_read import PictureReader


@dataclass(frozen=True, slots=True)
class Part:
    picture: Picture
    """The items shown, with the reports they cite; redacted unless names were asked for."""
    total: int
    """How many such items the whole picture holds."""


def part_of(
    policy: Policy,
    reports: Mapping[str, Report],
    event_of: Mapping[str, str | None],
    events: Iterable[Event] = (),
    figures: Iterable[Figure] = (),
    names: bool = False,
    shown: Shown | None = None,
) -> Picture:
    """``events`` and ``figures`` (and the figures of ``events``) with the ones of ``reports`` they
    cite, redacted by ``policy`` unless ``names`` (``shown``: the items of ``reports``' picture
    redacted so far, to reuse)."""
    if not names:
        return (shown or Shown(policy, reports)).part(events, figures, event_of)
    kept_events, kept_figures = list(events), list(figures)
    given = {id(f) for f in kept_figures}
    kept_figures += [f for e in kept_events for f in e.figures if id(f) not in given]
    wanted = {r for e in kept_events for r in e.report_ids}
    wanted |= {ref.report_id for f in kept_figures for ref in f.claims}
    cited = {r: report for r, report in reports.items() if r in wanted}
    return Picture(cited, {r: event_of.get(r) for r in cited}, kept_events, [], kept_figures)


@contextmanager
def _stored(store: Store) -> Iterator[tuple[PictureReader, Policy, list[Judgement]] | None]:
    """A reader of the store's stored picture, its stored policy and the active judgements that
    reach events and figures, or None (see the module)."""
    from ringscope.fuse.update import update
    from ringscope.privacy.cues import load
    from ringscope.privacy.stored import restore

    try:
        update(store)
    except sqlite3.OperationalError:
        yield None  # a read-only store out of date
        return
    reader = store.picture_reader()
    with reader.reading():
        found = reader.current()
        if found is None:
            yield None
            return
        yield reader, restore(store, load()), reaching(store.judgements(active_only=True))


def events(store: Store, limit: int, names: bool = False) -> Part | None:
    """The first ``limit`` events of the store's picture with their figures and reports."""
    from ringscope.fuse import stored

    with _stored(store) as found:
        if found is None:
            return None
        reader, policy, judged = found
        if judged:
            kept, whole, total = first_events(store, reader, judged, limit)
            return Part(part_of(policy, whole.reports, whole.event_of, events=kept, names=names), total)
        rows = reader.events(limit)
        listed = reader.figures_of([event_id for event_id, _ in rows])
        figures = [stored.figure(data, context=False) for *_, data in listed]  # as the snapshot has them
        kept = stored.events_of(rows, figures)
        cited = _cited(kept, [f for e in kept for f in e.figures])
        picture = part_of(policy, store.get_reports(cited), reader.event_of(cited), events=kept, names=names)
        return Part(picture, reader.event_count())


def conflicts(
    store: Store, measure: str | None, country: str | None, limit: int, names: bool = False
) -> Part | None:
    """The first ``limit`` conflicting figures (of ``measure``, located in ``country``) with their reports."""
    from ringscope.fuse import stored

    with _stored(store) as found:
        if found is None:
            return None
        reader, policy, judged = found
        if judged:
            figures, whole = conflicting(store, reader, judged)
            figures = [f for f in figures if measure in (None, f.measure) and country in (None, f.location)]
            shown = part_of(policy, whole.reports, whole.event_of, figures=figures[:limit], names=names)
            return Part(shown, len(figures))
        figures = [stored.figure(data, context=False) for *_, data in reader.conflicted(measure)]
        figures = [f for f in figures if country is None or f.location == country]
        kept = figures[:limit]
        cited = _cited([], kept)
        picture = part_of(policy, store.get_reports(cited), reader.event_of(cited), figures=kept, names=names)
        return Part(picture, len(figures))


def _cited(events: list[Event], figures: list[Figure]) -> list[str]:
    return [*(r for e in events for r in e.report_ids), *(ref.report_id for f in figures for ref in f.claims)]
