"""The fused picture as rows to store and back: events, resolved entities, figures and their flags.

Pure conversion, no SQL (the store keeps the rows, :mod:`ringscope.store.picture`). Every row carries
the stable id the picture already gives (event ids from their members, entity ids from their keys,
figure ids from their claims), so a picture stored and loaded again is the picture that was fused.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Iterable
from functools import cache
from typing import Any

import orjson

from ringscope.fuse import judgements
from ringscope.fuse.entity_forms import assemble, summary_of
from ringscope.fuse.figures import context_of
from ringscope.fuse.picture import Event, Picture, fuse
from ringscope.fuse.reconcile import ClaimRef, Figure, Flag
from ringscope.fuse.resolve import Occurrence, ResolvedEntity
from ringscope.model import Claim, Entity, Extraction, Mention, Report
from ringscope.store import Store
from ringscope.store.judgements import Judgement
from ringscope.store.picture import PictureRows, PictureStream
from ringscope.store.texts import stored_reports


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@cache
def _fields(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind))


def plain(value: Any) -> Any:
    """``value`` as :func:`dataclasses.asdict` gives it (dataclasses to dicts, all the way down),
    without its deep copies: a picture's items are encoded many times over."""
    if isinstance(value, (str, int, float)) or value is None:
        return value
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, tuple):
        return tuple(plain(v) for v in value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: plain(getattr(value, name)) for name in _fields(type(value))}
    return value


def encode(picture: Picture) -> PictureRows:
    rows = PictureRows(event_of=sorted(picture.event_of.items()))
    for event in picture.events:
        rows.events.append((event.id, _dump({"report_ids": event.report_ids, "published": event.published})))
    for entity in picture.entities:
        rows.entities.append((entity.id, entity.type, entity.name, _dump(summary_of(entity))))
        rows.occurrences += [(entity.id, o.report_id, _dump(plain(o.entity))) for o in entity.occurrences]
    for figure in picture.figures:
        data = plain(figure)
        rows.figures.append((figure.id, figure.event_id, figure.measure, int(figure.conflicted), _dump(data)))
        for kind, flags in (("flag", figure.flags), ("note", figure.notes)):
            rows.flags += [(figure.id, kind, f.claim_id, f.report_id, f.code, f.reason) for f in flags]
    return rows


def _loads(data: str) -> Any:
    """The value one stored JSON text holds (orjson, several times faster on a picture's many rows;
    the standard parser for what orjson does not read: NaN, infinities, integers past 64 bits)."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return json.loads(data)


class _Same:
    """One object per distinct value decoded: a picture repeats its ids, names, types, rules and
    measures, and its offsets and amounts, hundreds of thousands of times, each a new object as
    parsed (half its memory)."""

    __slots__ = ("ints", "floats", "strings", "none")

    def __init__(self, strings: Iterable[str] = ()) -> None:
        self.strings: dict[str, str] = {s: s for s in strings}
        self.ints: dict[int, int] = {}
        self.floats: dict[float, float] = {}
        self.none: list[str] = []
        """The one empty list every occurrence without aliases or roles holds (most of them): a
        picture's occurrences are read, never changed in place (judgements build new entities)."""

    def text(self, value: str) -> str:
        return self.strings.setdefault(value, value)

    def at(self, data: dict[str, Any], keys: tuple[str, ...]) -> None:
        """The string values of ``data`` under ``keys`` replaced by the one kept for each."""
        for key in keys:
            value = data.get(key)
            if isinstance(value, str):
                data[key] = self.strings.setdefault(value, value)

    def numbers(self, data: dict[str, Any], keys: tuple[str, ...]) -> None:
        """The numbers of ``data`` under ``keys`` replaced by the one kept for each (integers and
        floats apart, as 1 and 1.0 are equal keys; a zero kept as it is, as 0.0 and -0.0 are)."""
        for key in keys:
            value = data.get(key)
            if type(value) is int:
                data[key] = self.ints.setdefault(value, value)
            elif type(value) is float and value:
                data[key] = self.floats.setdefault(value, value)

    def each(self, values: list[str]) -> list[str]:
        """``values`` with each string kept once; the shared :attr:`none` when there are none."""
        return [self.strings.setdefault(v, v) for v in values] if values else self.none


_OFFSETS = ("start", "end")
_PLACE = ("lat", "lon")
_AMOUNTS = ("value", "low", "high", "usd")
_ENTITY_SHARED = ("type", "name", "country", "rule")
_MENTION_SHARED = ("text",)
_CLAIM_SHARED = ("measure", "qualifier", "unit", "currency", "period", "location", "speaker", "date", "rule",
                 "trigger")
_REF_SHARED = ("report_id", "published", "source", "event_id", "figure", "part_of", "rule", "part_rule",
               "independent")
_FIGURE_SHARED = ("measure", "location", "period", "event_id", "currency", "qualifier", "reason", "part_of",
                  "rule")
_FLAG_SHARED = ("report_id", "code", "reason")


def _entity(data: dict[str, Any], same: _Same) -> Entity:
    # ``data`` is freshly parsed and ours: its values are replaced in place, not copied
    same.at(data, _ENTITY_SHARED)
    same.numbers(data, _PLACE)
    data["aliases"] = same.each(data["aliases"])
    data["roles"] = same.each(data["roles"])
    for mention in data["mentions"]:
        same.numbers(mention, _OFFSETS)
        same.at(mention, _MENTION_SHARED)
    data["mentions"] = [Mention(**m) for m in data["mentions"]]
    return Entity(**data)


def _joined(texts: Iterable[str]) -> list[Any]:
    """The values of many stored JSON texts, parsed at once (a call per row costs more than the parsing)."""
    return list(_loads("[" + ",".join(texts) + "]"))


def resolved_entities(
    entities: list[tuple[str, str, str, str]], occurrence_chunks: Iterable[list[tuple[str, str, str]]],
    same: _Same,
) -> list[ResolvedEntity]:
    """The resolved entities stored rows hold (each from its summary and its occurrences, given in
    chunks), in the picture's order."""
    occurrences: dict[str, list[Occurrence]] = {}
    for chunk in occurrence_chunks:
        for (entity_id, report_id, _), data in zip(chunk, _joined(row[2] for row in chunk), strict=True):
            occurrence = Occurrence(same.text(report_id), _entity(data, same))
            occurrences.setdefault(entity_id, []).append(occurrence)
    return [assemble(_loads(data), occurrences[entity_id]) for entity_id, *_, data in entities]


_CONTEXT = ("before", "after", "phrase")


def _claim_ref(data: dict[str, Any], same: _Same | None = None, context: bool = True) -> ClaimRef:
    if not context:  # the defaults ("") until :func:`with_context` fills them again
        for key in _CONTEXT:
            data.pop(key, None)
    if same is not None:
        same.at(data, _REF_SHARED)
        same.numbers(data, _OFFSETS)
        same.at(data["claim"], _CLAIM_SHARED)
        same.numbers(data["claim"], _OFFSETS + _AMOUNTS)
    data["claim"] = Claim(**data["claim"])
    return ClaimRef(**data)


def _figure(data: dict[str, Any], same: _Same | None = None, context: bool = True) -> Figure:
    # ``data`` is freshly parsed and ours: its values are replaced in place, not copied
    if same is not None:
        same.at(data, _FIGURE_SHARED)
        same.numbers(data, _AMOUNTS)
        for flag in (*data["flags"], *data["notes"]):
            same.at(flag, _FLAG_SHARED)
    data["claims"] = [_claim_ref(c, same, context) for c in data["claims"]]
    if data["spread"] is not None:
        data["spread"] = tuple(data["spread"])
    data["flags"] = [Flag(**f) for f in data["flags"]]
    data["notes"] = [Flag(**f) for f in data["notes"]]
    return Figure(**data)


def figure(data: str, context: bool = True) -> Figure:
    """The figure one stored row's JSON holds (its claims without the text around them unless
    ``context``, as :func:`decode` gives them)."""
    return _figure(_loads(data), context=context)


def event(event_id: str, data: str, figures: list[Figure]) -> Event:
    """The event one stored row's JSON holds, with its ``figures``."""
    loaded = _loads(data)
    return Event(event_id, loaded["report_ids"], loaded["published"], figures)


def events_of(rows: Iterable[tuple[str, str]], figures: Iterable[Figure]) -> list[Event]:
    """The events stored ``rows`` (id, JSON) hold, each with those of ``figures`` that are of it
    (in their order)."""
    by_event: dict[str | None, list[Figure]] = {}
    for found in figures:
        by_event.setdefault(found.event_id, []).append(found)
    return [event(event_id, data, by_event.get(event_id, [])) for event_id, data in rows]


def decode(reports: dict[str, Report], rows: PictureStream | PictureRows, context: bool = True) -> Picture:
    """The picture the rows hold, over ``reports`` (the stored reports, by id), a chunk of rows at a
    time, every repeated string kept once (report ids as the reports' own). Without ``context`` the
    claim refs come without the text around their claims (``before``, ``after``, ``phrase``: what
    only reconciling figures again reads; :func:`judged` puts it back where judgements need it)."""
    same = _Same(reports)
    if isinstance(rows, PictureRows):
        figure_chunks: Iterable[list[tuple[str, str | None, str, int, str]]] = [rows.figures]
        occurrence_chunks: Iterable[list[tuple[str, str, str]]] = [rows.occurrences]
    else:
        figure_chunks, occurrence_chunks = rows.figures, rows.occurrences
    figures = [
        _figure(data, same, context) for chunk in figure_chunks for data in _joined(row[4] for row in chunk)
    ]
    events = events_of(rows.events, figures)
    entities = resolved_entities(rows.entities, occurrence_chunks, same)
    event_of = {same.text(r): e for r, e in rows.event_of}
    return Picture(reports, event_of, events, entities, figures)


def current(
    store: Store, pairs: list[tuple[Report, Extraction]] | None = None, context: bool = True,
    texts: bool = True,
) -> Picture:
    """The picture of the whole ``store``: the stored one, first brought up to the store's current
    state (:func:`ringscope.fuse.update.update` redoes only what changed), with the store's analyst
    judgements applied. ``pairs`` are the store's reports when at hand; a read-only store gives the
    picture fused from them at every read. Without ``context``, the stored picture's claim refs come
    without the text around their claims where no judgement needs it (see :func:`decode`); without
    ``texts``, its reports read their texts from the store at each use
    (:class:`ringscope.store.texts.StoredReport`)."""
    from ringscope.fuse.update import update

    for _ in range(3):
        try:
            update(store)
        except sqlite3.OperationalError:
            break  # a read-only store
        state = store.state()
        with store.picture_stream(state) as rows:
            if rows is not None:
                if pairs is not None:
                    reports = {r.id: r for r, _ in pairs}
                elif texts:
                    reports = {r.id: r for r in store.iter_reports()}
                else:
                    reports = stored_reports(store.report_heads(), store.path)
                return judged(store, decode(reports, rows, context), context)
    return judged(store, fuse(list(store.iter_extractions()) if pairs is None else pairs))


def judged(store: Store, picture: Picture, context: bool = True) -> Picture:
    """``picture`` with the store's active analyst judgements applied (at every read, never stored,
    so an undo gives back the picture fusion made). Without ``context`` (a picture decoded without
    it) the claims of every figure a judgement may reconcile again get theirs first."""
    active = store.judgements(active_only=True)
    if not context:
        restore_context(picture, active)
    return judgements.apply(picture, active)


def restore_context(picture: Picture, active: Iterable[Judgement]) -> None:
    """The text around each claim put back (from its report's text, as fusion took it) for every
    claim a judgement of events, figures or claims may reconcile again: those of the reports in the
    events (or lone reports) of every report such a judgement names. Events change only by joining
    or splitting these groups, and figures never reach across an event, so no other claim is read."""
    named = {t.report for j in active if j.subject != "entity" for t in j.targets if t.report}
    if not named:  # no judgement reconciles again: nothing to read (the usual case)
        return
    groups = {picture.event_of.get(r) or r for r in named}
    within = {r for r in picture.reports if (picture.event_of.get(r) or r) in groups}
    for figure in picture.figures:
        for ref in figure.claims:
            if ref.report_id in within:
                context_of(ref, picture.reports[ref.report_id].text)
