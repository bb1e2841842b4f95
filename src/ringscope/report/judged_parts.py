"""Parts of a judged picture, read without the rest: the stored items shown plus what judgements touch.

Analyst judgements are applied at every read (never stored). An event or figure judgement reaches
only the scopes (events, reports in no event) of the reports it names: it joins or splits their
events and reconciles their figures again. So the first events, or the conflicting figures, of the
judged picture follow from the stored items that would be shown, the stored items of those scopes
and their reports, with the judgements applied to that part: every other stored item is as stored.

Each judgement changes at most two events, so the first ``limit + 2 * n`` stored events (``n``
event judgements) still hold the first ``limit`` of the judged picture. Entity judgements merge or
split entities only; they do not reach events or figures.
"""

from __future__ import annotations

from collections.abc import Sequence

from ringscope.fuse import Event, Figure, Picture
from ringscope.fuse.judgements import apply
from ringscope.store import Store
from ringscope.store.judgements import Judgement
from ringscope.store.picture_read import FigureRow, PictureReader

_REACH = ("event", "figure", "claim", "conflict")
"""Judgement subjects that reach events and figures."""


def reaching(judgements: Sequence[Judgement]) -> list[Judgement]:
    """The active judgements that can change events or figures."""
    return [j for j in judgements if j.active and j.subject in _REACH]


def _scopes(reader: PictureReader, judgements: Sequence[Judgement]) -> tuple[list[str], list[str]]:
    """(events, reports in no event) that ``judgements`` name a report of."""
    named = sorted({t.report for j in judgements for t in j.targets if t.report})
    of = reader.event_of(named)
    events = sorted({e for e in of.values() if e})
    lone = sorted(r for r, e in of.items() if not e)
    return events, lone


def judged_part(
    store: Store, reader: PictureReader, judgements: Sequence[Judgement],
    event_rows: Sequence[tuple[str, str]], conflicted: bool,
) -> tuple[Picture, int]:
    """The part of the store's judged picture made of ``event_rows`` (stored events in the picture's
    order), every conflicting figure when ``conflicted``, and the scopes ``judgements`` touch; with
    how many stored events the part was made from."""
    from ringscope.fuse import stored

    touched_events, lone = _scopes(reader, judgements)
    given = {event_id for event_id, _ in event_rows}
    rows = [*event_rows, *(row for row in reader.events_by_id(touched_events) if row[0] not in given)]
    event_ids = [event_id for event_id, _ in rows]
    figure_rows: list[FigureRow] = reader.figures_in([*event_ids, *lone], conflicted=conflicted)
    # without the text around each claim but where a judgement needs it, as the snapshot has them
    figures = [stored.figure(data, context=False) for *_, data in figure_rows]
    events = stored.events_of(rows, figures)
    # every report of each scope loaded (judgements regroup whole scopes); then the ones cited elsewhere
    reports = store.get_reports(sorted({*reader.members(event_ids), *lone}))
    picture = Picture(reports, reader.event_of(list(reports)), events, [], figures)
    stored.restore_context(picture, judgements)
    picture = apply(picture, judgements)
    cited = sorted({ref.report_id for f in picture.figures for ref in f.claims} - set(reports))
    picture.reports.update(store.get_reports(cited))
    picture.event_of.update(reader.event_of(cited))
    return picture, len(rows)


def first_events(
    store: Store, reader: PictureReader, judgements: Sequence[Judgement], limit: int
) -> tuple[list[Event], Picture, int]:
    """The first ``limit`` events of the judged picture, the part they come from, and how many
    events the judged picture holds."""
    joins = sum(1 for j in judgements if j.subject == "event")
    rows = reader.events(limit + 2 * joins)
    picture, loaded = judged_part(store, reader, judgements, rows, conflicted=False)
    return picture.events[:limit], picture, reader.event_count() - loaded + len(picture.events)


def conflicting(
    store: Store, reader: PictureReader, judgements: Sequence[Judgement]
) -> tuple[list[Figure], Picture]:
    """Every conflicting figure of the judged picture, in its order, and the part they come from."""
    picture, _ = judged_part(store, reader, judgements, [], conflicted=True)
    return picture.conflicts(), picture
