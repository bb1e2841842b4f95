"""Analyst judgements applied to a fused picture: forced event groups, figures and entities.

Pure logic over a :class:`Picture` and the active judgements (no I/O). Judgements apply in the
order they were made, so a later one wins over an earlier one about the same items, in three steps:

1. events: ``same-event`` joins the events of two reports, ``different-event`` takes the second
   report out of the first's event; the figures of every event that changed are assigned and
   reconciled again over its new reports;
2. claims and figures: ``reject-claim`` takes a claim out of its figure (it no longer counts),
   ``same-figure`` joins two claims' figures, ``different-figure`` takes the second claim out into a
   figure of its own, and ``resolve`` turns a figure's conflict flags into notes with the analyst's
   note (the figure is then no longer conflicted); every changed figure is reconciled again;
3. entities: ``merge`` joins two resolved entities, ``split`` takes the occurrences of the second
   name out of the entity of the first.

Everything judged carries its judgement's line ("merge by ana on 2026-01-02: note") in its notes.
Ids change only for what a judgement changed: a merged entity keeps the id its smallest key gives
(one of the two ids), what stays of a split entity keeps its id and the part split off gets its own,
and an event that changed takes the id of its first report, as fusion names events.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ringscope.fuse.judge_targets import find_claim, occurrence_keys
from ringscope.fuse.outlets import independent_sources
from ringscope.fuse.picture import Event, Picture
from ringscope.fuse.reconcile import ClaimRef, Figure, Flag, reconcile, reconcile_group
from ringscope.fuse.resolve import Occurrence, ResolvedEntity, _build
from ringscope.model import make_id
from ringscope.store.judgements import Judgement, Target

_FIGURE_SUBJECTS = ("figure", "claim", "conflict")


def apply(picture: Picture, judgements: Sequence[Judgement]) -> Picture:
    """``picture`` with the active ``judgements`` applied (changed in place and returned)."""
    active = sorted((j for j in judgements if j.active), key=lambda j: j.id)
    if not active:
        return picture
    _events(picture, [j for j in active if j.subject == "event"])
    _figures(picture, [j for j in active if j.subject in _FIGURE_SUBJECTS])
    _entities(picture, [j for j in active if j.subject == "entity"])
    picture.applied.sort()
    return picture


# -- 1. events ----------------------------------------------------------------------


def _event_id(report_ids: Sequence[str]) -> str:
    return "ev-" + make_id("event", min(report_ids))[:12]


def _events(picture: Picture, judgements: list[Judgement]) -> None:
    if not judgements:
        return
    group = {rid: picture.event_of.get(rid) or rid for rid in picture.reports}
    notes: dict[str, list[str]] = defaultdict(list)
    for j in judgements:
        a, b = (t.report or "" for t in j.targets)
        if a not in group or b not in group:
            continue
        picture.applied.append(j.id)
        if j.positive:
            old = group[b]
            for rid, g in group.items():
                if g == old:
                    group[rid] = group[a]
        elif group[a] == group[b]:
            group[b] = f"judged-{j.id}-{b}"
        notes[a].append(j.by())
        notes[b].append(j.by())
    members: dict[str, list[str]] = defaultdict(list)
    for rid, g in group.items():
        members[g].append(rid)
    event_of = {rid: (_event_id(ids) if len(ids) > 1 else None) for ids in members.values() for rid in ids}
    old_of = picture.event_of
    changed = {rid for rid in picture.reports if event_of[rid] != old_of.get(rid)}
    touched = {e for rid in changed | set(notes) for e in (old_of.get(rid), event_of[rid]) if e is not None}
    affected = {rid for rid in picture.reports
                if rid in changed or old_of.get(rid) in touched or event_of[rid] in touched}
    picture.event_of = event_of
    _refigure(picture, affected)
    events = [e for e in picture.events if e.id not in touched]
    new: dict[str, list[str]] = defaultdict(list)
    for rid in affected:
        event_id = event_of[rid]
        if event_id is not None:
            new[event_id].append(rid)
    for event_id, ids in new.items():
        ids.sort(key=lambda r: (picture.reports[r].published or "", r))
        dates = sorted({d for d in (picture.reports[r].published for r in ids) if d})
        said = list(dict.fromkeys(n for r in ids for n in notes.get(r, [])))
        events.append(Event(event_id, ids, dates, [], said))
    events.sort(key=lambda e: (-len(e.report_ids), e.id))
    picture.events = events
    _event_figures(picture)


def _event_figures(picture: Picture) -> None:
    by_event: dict[str | None, list[Figure]] = defaultdict(list)
    for figure in picture.figures:
        by_event[figure.event_id].append(figure)
    for event in picture.events:
        event.figures = by_event.get(event.id, [])


def _refigure(picture: Picture, reports: set[str]) -> None:
    """Assign and reconcile again the figures of ``reports`` (their events changed)."""
    refs = [ref for figure in picture.figures for ref in figure.claims if ref.report_id in reports]
    if not refs:
        return
    groups: dict[str, list[str]] = defaultdict(list)
    for rid in reports:
        groups[picture.event_of.get(rid) or rid].append(rid)
    sources = independent_sources([picture.reports[r] for r in reports], list(groups.values()))
    for ref in refs:
        ref.event_id = picture.event_of.get(ref.report_id)
        ref.figure, ref.part_of, ref.rule, ref.part_rule = None, None, "", None
        ref.independent = sources.get(ref.report_id)
    kept = [f for f in picture.figures if not any(ref.report_id in reports for ref in f.claims)]
    picture.figures = _sorted(kept + reconcile(refs))


def _sorted(figures: list[Figure]) -> list[Figure]:
    return sorted(figures, key=lambda f: (not f.conflicted, -len(f.claims), f.measure))


# -- 2. claims and figures ----------------------------------------------------------


def _figures(picture: Picture, judgements: list[Judgement]) -> None:
    if not judgements:
        return
    by_report: dict[str, list[ClaimRef]] = defaultdict(list)
    home: dict[int, Figure] = {}  # id(claim ref) -> its figure
    for figure in picture.figures:
        for ref in figure.claims:
            by_report[ref.report_id].append(ref)
            home[id(ref)] = figure
    dirty: dict[int, Figure] = {}
    said: dict[int, list[Flag]] = defaultdict(list)
    resolved: list[tuple[ClaimRef, Judgement]] = []
    figures = list(picture.figures)
    gone: list[Figure] = []  # kept referenced, so no id is reused
    for j in judgements:
        found = [find_claim(by_report.get(t.report or "", []), t) for t in j.targets]
        claims = [ref for ref in found if ref is not None]
        homes = [home[id(ref)] for ref in claims if id(ref) in home]
        if len(homes) != len(j.targets):
            continue
        picture.applied.append(j.id)
        note = [Flag(ref.claim.id, ref.report_id, j.kind, j.by()) for ref in claims]
        if j.kind == "resolve":
            resolved.append((claims[0], j))
            continue
        first = homes[0]
        if j.kind == "reject-claim":
            first.claims = [r for r in first.claims if r is not claims[0]]
            by_report[claims[0].report_id].remove(claims[0])
            home.pop(id(claims[0]))
        elif j.kind == "same-figure" and homes[1] is not first:
            other = homes[1]
            first.claims += other.claims
            home.update((id(r), first) for r in other.claims)
            figures.remove(other)
            gone.append(other)
            dirty.pop(id(other), None)
            said[id(first)] += said.pop(id(other), [])
        elif j.kind == "different-figure" and homes[1] is first and len(first.claims) > 1:
            first.claims = [r for r in first.claims if r is not claims[1]]
            alone = Figure(first.measure, first.location, first.period, first.event_id, [claims[1]])
            alone.key = claims[1].figure = f"{first.key}-j{j.id}"
            home[id(claims[1])] = alone
            figures.append(alone)
            dirty[id(alone)] = alone
            said[id(alone)].append(note[1])
        dirty[id(first)] = first
        said[id(first)] += note
    rebuilt: dict[int, Figure] = {}
    for key, figure in dirty.items():
        if figure.claims:
            for ref in figure.claims:
                ref.figure = figure.key or ref.figure
            new = reconcile_group(figure.claims)
            new.notes += said[key]
            rebuilt[key] = new
    figures = [rebuilt.get(id(f), f) for f in figures if id(f) not in dirty or id(f) in rebuilt]
    for ref, j in resolved:
        settled = home.get(id(ref))
        if settled is not None:
            _resolve(rebuilt.get(id(settled), settled), j)
    picture.figures = _sorted(figures)
    _event_figures(picture)


def _resolve(figure: Figure, j: Judgement) -> None:
    """The figure's conflict flags become notes that keep their reason and the analyst's note."""
    line = j.by()
    figure.notes += [Flag(f.claim_id, f.report_id, "resolved", f"{f.code}: {f.reason} — {line}")
                     for f in figure.flags]
    if not figure.flags:
        ref = figure.claims[0]
        figure.notes.append(Flag(ref.claim.id, ref.report_id, "resolved", line))
    if figure.flags:
        figure.reason += f"; conflict resolved ({line})"
    figure.flags = []


# -- 3. entities --------------------------------------------------------------------


def _entities(picture: Picture, judgements: list[Judgement]) -> None:
    if not judgements:
        return
    entities = list(picture.entities)
    index: dict[tuple[str, str], ResolvedEntity] = {}  # (type, key) -> the entity with that key

    def enter(entity: ResolvedEntity) -> None:
        for occurrence in entity.occurrences:
            for key in occurrence_keys(occurrence):
                index.setdefault((entity.type, key), entity)

    wanted = {(t.entity_type, t.key) for j in judgements for t in j.targets}
    for entity in entities:  # only entities a judgement names are looked at closely
        if any((entity.type, key) in wanted for o in entity.occurrences for key in occurrence_keys(o)):
            enter(entity)

    def find(target: Target) -> ResolvedEntity | None:
        return index.get((target.entity_type or "", target.key or ""))

    renamed: dict[str, str] = {}
    for j in judgements:
        a, b = j.targets
        first = find(a)
        if first is None:
            continue
        if j.kind == "merge":
            other = find(b)
            if other is None:
                continue
            picture.applied.append(j.id)
            if other is first:
                first.notes.append(j.by())
                continue
            joined = _rebuilt(first.occurrences + other.occurrences, first.notes + other.notes + [j.by()])
            if joined.id not in (first.id, other.id):
                joined.id = first.id  # one of the two ids goes on, never a third
            joined.links = _unique(first.links + other.links)
            renamed.update({first.id: joined.id, other.id: joined.id})
            entities = [joined if e is first else e for e in entities if e is not other]
            index.update({k: joined for k, e in index.items() if e is first or e is other})
        else:
            leaving = [o for o in first.occurrences
                       if b.key in occurrence_keys(o) and a.key not in occurrence_keys(o)]
            staying = [o for o in first.occurrences if not any(o is x for x in leaving)]
            if not leaving or not staying:
                continue
            picture.applied.append(j.id)
            kept = _rebuilt(staying, first.notes + [j.by()])
            kept.id = first.id  # what stays keeps its id; what leaves gets its own
            gone = _rebuilt(leaving, [j.by()])
            if gone.id == first.id:
                gone.id = make_id("entity", first.type, b.key, "split")
            kept.links = list(first.links)
            entities = [kept if e is first else e for e in entities] + [gone]
            for key in [k for k, e in index.items() if e is first]:
                del index[key]
            enter(kept)
            enter(gone)
    for entity in entities:
        entity.links = _unique([(role, renamed.get(other, other)) for role, other in entity.links])
    entities.sort(key=lambda e: (-len(e.reports), e.type, e.name))
    picture.entities = entities


def _rebuilt(occurrences: list[Occurrence], notes: list[str]) -> ResolvedEntity:
    entity = _build(occurrences)
    entity.notes = list(dict.fromkeys(notes))
    return entity


def _unique(links: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return list(dict.fromkeys(links))
