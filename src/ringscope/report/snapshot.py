"""The fused picture of a store, computed once per store state and filter.

Fusing every report is the expensive step behind entity pages, figures, maps and
the brief; a :class:`Snapshot` is cached and rebuilt only when the store changes
(reports added or removed, or re-extracted).
"""

from __future__ import annotations

import dataclasses
import sqlite3
import threading
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from ringscope.fuse import Event, Figure, Picture, ResolvedEntity, fuse, stored
from ringscope.model import Extraction, Report
from ringscope.privacy import Policy, decide
from ringscope.privacy import view as views
from ringscope.privacy.shown import Shown
from ringscope.report.heap import long_lived
from ringscope.store import Store, StoreError
from ringscope.store.judgements import state as judgement_state
from ringscope.store.picture import STATE_SQL

T = TypeVar("T")
Item = tuple[Report, Extraction]
StateKey = tuple[object, ...]


@dataclass(frozen=True, slots=True)
class Snapshot:
    picture: Picture
    """Everything, names included (for an admin who asks for names)."""
    policy: Policy
    """The victim policy of the whole store (not only of this snapshot's selection)."""
    routes: list[tuple[str, Report, int | None]]
    """(origin->destination key, report, count) for every route."""
    state: StateKey
    _redacted: list[Picture] = field(default_factory=list, compare=False, repr=False)
    _shown: list[Shown] = field(default_factory=list, compare=False, repr=False)
    _listed: list[Picture] = field(default_factory=list, compare=False, repr=False)
    _entity_parts: dict[tuple[int, bool], Picture] = field(default_factory=dict, compare=False, repr=False)
    _kept: dict[tuple[object, ...], Any] = field(default_factory=dict, compare=False, repr=False)

    def kept(self, key: tuple[object, ...], make: Callable[[], T]) -> T:
        """What ``make`` gives, made at the first ask for ``key`` and kept with this snapshot (the
        latest :data:`KEPT` of them): for what a page shows that follows from the snapshot alone,
        so asking again costs nothing until the store changes and the snapshot with it."""
        if key in self._kept:
            return self._kept[key]  # type: ignore[no-any-return]
        made = make()
        with _making:
            while len(self._kept) >= KEPT:
                self._kept.pop(next(iter(self._kept)))
            self._kept[key] = made
        return made

    @property
    def shown(self) -> Shown:
        """The items of :attr:`picture` redacted so far (each when first shown, then kept)."""
        if not self._shown:
            with _making:
                if not self._shown:
                    self._shown.append(Shown(self.policy, self.picture.reports))
        return self._shown[0]

    @property
    def redacted(self) -> Picture:
        """The picture with withheld persons as placeholders: what every other reader gets
        (redacted at its first use, once)."""
        if not self._redacted:
            with _redacting, long_lived():
                if not self._redacted:
                    self._redacted.append(views.picture(self.policy, self.picture, self.shown.texts))
        return self._redacted[0]

    def view(self, names: bool = False) -> Picture:
        """The picture to show: with names only when ``names`` (an admin's explicit request)."""
        return self.picture if names else self.redacted

    def part(
        self, events: Iterable[Event] = (), figures: Iterable[Figure] = (), names: bool = False
    ) -> Picture:
        """Only ``events`` and ``figures`` (of :attr:`picture`) with their reports, redacted unless
        ``names``: what a command that shows a few of them needs, without redacting the rest."""
        from ringscope.report.parts import part_of

        return part_of(
            self.policy, self.picture.reports, self.picture.event_of, events, figures, names, self.shown
        )


    def listed(self, names: bool = False) -> Picture:
        """The entities only, as a viewer may see them in lists, links and charts (names, types,
        reports, links; no mentions), in the picture's order: :attr:`picture` itself when ``names``
        (made at first use, once, without redacting any report text)."""
        if names:
            return self.picture
        if not self._listed:
            with _listing, long_lived():
                if not self._listed:
                    entities = [self._light(e) for e in self.picture.entities]
                    self._listed.append(Picture({}, {}, [], entities, []))
        return self._listed[0]

    def made(self, key: tuple[object, ...]) -> bool:
        """Whether what :meth:`kept` keeps under ``key`` is made."""
        return key in self._kept

    def searchable(self, names: bool = False) -> Picture:
        """What search reads: the reports with their titles and addresses redacted and no text, the
        entities as :meth:`listed` has them and the events without their figures, unless ``names``
        (then :attr:`picture` itself). Made once per snapshot without redacting any report text: a
        result's text is redacted when it is shown."""
        if names:
            return self.picture

        def make() -> Picture:
            policy = self.policy
            reports = {rid: views.report_head(policy, r) for rid, r in self.picture.reports.items()}
            events = [dataclasses.replace(e, figures=[]) for e in self.picture.events]
            return Picture(reports, dict(self.picture.event_of), events, self.listed().entities, [])

        return self.kept(("searchable",), make)

    def listed_entity(self, index: int, names: bool = False) -> ResolvedEntity:
        """The entity at ``index`` of :attr:`picture` as :meth:`listed` has it, without listing the rest."""
        if names:
            return self.picture.entities[index]
        if self._listed:
            return self._listed[0].entities[index]
        return self._light(self.picture.entities[index])

    def _light(self, raw: ResolvedEntity) -> ResolvedEntity:
        """``raw`` as a viewer may see it in lists, links and charts (no mentions)."""
        labels, ids = self.shown.ids(self.picture.entities)
        return views.resolved_entity(self.policy, raw, labels[raw.id], ids, None, self.picture.reports)

    def entity_part(self, index: int, names: bool = False) -> Picture:
        """The entity at ``index`` of :attr:`picture` with the figures claimed in its reports and
        the reports of both, redacted unless ``names`` (only they are redacted; the latest
        :data:`ENTITY_PARTS` kept)."""
        kept = self._entity_parts.get((index, names))
        if kept is None:
            kept = self._entity_part(index, names)
            with _making:
                while len(self._entity_parts) >= ENTITY_PARTS:
                    self._entity_parts.pop(next(iter(self._entity_parts)))
                self._entity_parts[(index, names)] = kept
        return kept

    def _entity_part(self, index: int, names: bool) -> Picture:
        raw = self.picture.entities[index]
        within = set(raw.reports)
        figures = [f for f in self.picture.figures if any(ref.report_id in within for ref in f.claims)]
        part = self.part(figures=figures, names=names)
        wanted = within | set(part.reports)
        cited = [r for r in self.picture.reports if r in wanted]
        if names:
            return Picture({r: self.picture.reports[r] for r in cited}, {}, [], [raw], part.figures)
        shown = self.shown
        found = shown.entity(raw, self.picture.entities)
        return Picture({r: shown.report(r) for r in cited}, {}, [], [found], part.figures)


def store_state(path: Path) -> StateKey:
    """Changes whenever reports are added, removed or re-extracted."""
    for attempt in range(2):
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = tuple(conn.execute(STATE_SQL).fetchone())
            return (*row, judgement_state(conn))  # analyst judgements change the picture too
        except sqlite3.OperationalError:
            if attempt:
                raise
        finally:
            conn.close()
        with Store(path, create=False):
            pass  # a store of an older schema: opening it brings it up to date
    raise AssertionError("unreachable")


def mentions_country(extraction: Extraction, country: str) -> bool:
    code = country.upper()
    return (
        any(c.location == code for c in extraction.claims)
        or any(code in (r.origin, r.destination) for r in extraction.routes)
        or any(e.country == code for e in extraction.entities)
    )


def select(items: Iterable[Item], country: str | None = None, since: str | None = None) -> Iterator[Item]:
    """Reports published on or after ``since`` (YYYY-MM-DD prefix) that concern ``country`` (ISO2)."""
    for report, extraction in items:
        if since and (report.published or "") < since:
            continue
        if country and not mentions_country(extraction, country):
            continue
        yield report, extraction


def build(
    items: Iterable[Item],
    state: StateKey = (),
    policy: Policy | None = None,
    labels: Mapping[str, tuple[str, int]] | None = None,
    picture: Picture | None = None,
) -> Snapshot:
    """The snapshot of ``items``; ``policy`` is decided over them unless given (a whole store's),
    keeping the placeholders in ``labels``; ``picture`` is their fused picture when already at hand."""
    pairs = list(items)
    picture = picture if picture is not None else fuse(pairs)
    policy = policy if policy is not None else decide(picture, labels=labels)
    routes = [
        (f"{route.origin}->{route.destination}", report, route.count)
        for report, extraction in pairs
        for route in extraction.routes
    ]
    return Snapshot(picture, policy, routes, state)


def export_items(path: Path, include_victims: bool = False) -> Generator[Item, None, None]:
    """Every report and extraction of the store at ``path`` as exports give them: redacted by the
    whole store's victim policy, unless ``include_victims`` (names shown: an admin's choice)."""
    snap = None if include_victims else load(path)
    with Store(path, create=False) as store:
        pairs = store.iter_extractions()
        try:
            if snap is None:
                yield from pairs
            else:
                yield from views.items(snap.policy, snap.picture, pairs)
        finally:
            pairs.close()


def whole(store: Store, state: StateKey) -> Snapshot:
    """The snapshot of a whole store: its stored picture (brought up to date) and stored decision."""
    from ringscope.privacy.stored import policy_of

    # pages never show the text around a claim, and read the texts of the few reports they show
    picture = stored.current(store, context=False, texts=False)
    policy = policy_of(store, picture, store.state())
    routes = [
        (f"{origin}->{destination}", picture.reports[report_id], count)
        for report_id, origin, destination, count in store.all_routes()
        if report_id in picture.reports
    ]
    return Snapshot(picture, policy, routes, state)


ENTITY_PARTS = 64
"""Entity parts a snapshot keeps (each holds only items redacted once and kept anyway)."""
KEPT = 256
"""Things made for pages a snapshot keeps (:meth:`Snapshot.kept`)."""

_redacting = threading.Lock()
_making = threading.Lock()
_listing = threading.Lock()

RECHECK_SECONDS = 2.0
"""A cached snapshot is served without looking at the store for this long."""

_cache: dict[tuple[str, str | None, str | None], Snapshot] = {}
_checked: dict[tuple[str, str | None, str | None], float] = {}
_lock = threading.Lock()


def load(path: Path, country: str | None = None, since: str | None = None) -> Snapshot:
    """The snapshot of the store at ``path`` (cached until the store changes)."""
    if not Path(path).is_file():
        raise StoreError(f"no store at {path} (create one with `ringscope ingest`)")
    key = (str(Path(path).resolve()), country, since)
    cached = _cache.get(key)
    if cached is not None and time.monotonic() - _checked.get(key, 0.0) < RECHECK_SECONDS:
        return cached
    state = store_state(path)
    if cached is not None and cached.state == state:
        _checked[key] = time.monotonic()
        return cached
    # who is withheld is decided over the whole store, never over a part of it
    policy = load(path).policy if (country or since) else None
    with _lock:
        cached = _cache.get(key)
        if cached is not None and cached.state == state:
            return cached
        with Store(path, create=False) as store, long_lived():
            if policy is not None:
                part = list(select(store.iter_extractions(), country, since))
                snapshot = build(part, state, policy, picture=stored.judged(store, fuse(part)))
            else:
                snapshot = whole(store, state)
        _cache[key] = snapshot
        _checked[key] = time.monotonic()
        return snapshot


def holds(path: Path, state: StateKey) -> bool:
    """Whether this process has the snapshot of the whole store at ``path`` at ``state`` loaded."""
    cached = _cache.get((str(Path(path).resolve()), None, None))
    return cached is not None and cached.state == state


def recheck(path: Path) -> None:
    """Look at the store on the next :func:`load` of ``path`` (after a change this process made)."""
    resolved = str(Path(path).resolve())
    for key in [k for k in _checked if k[0] == resolved]:
        _checked.pop(key, None)
