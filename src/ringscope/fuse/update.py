"""Keeping the stored picture up to date: only what new, changed or removed reports touch is redone.

An update takes the reports added, removed or re-extracted since the last one (listed by the
store as they change, :mod:`ringscope.store.picture_pending`) and compares their stamps with those
the stored picture was fused from; it reads nothing of any other report unless it finds the report
touched. Then it:

- works out the event evidence, blocking keys and scored pairs of new and changed reports only,
  and groups again the reports linked to those whose pairs changed (:mod:`ringscope.fuse.event_links`);
- compares the texts of an event's reports for near-identical copies only when its members
  changed (the copies found are kept per event, :mod:`ringscope.store.event_parts`), and joins
  the independent sources from each report's outlet key, kept from the update it was stored at
  (a copy that joins or parts two outlets touches their reports elsewhere too,
  :mod:`ringscope.fuse.update_sources`);
- reconciles the figures of the scopes (events, lone reports) whose reports, membership or
  independent sources changed, and keeps every other scope's figures as stored;
- resolves the names new, changed and removed reports touch (:mod:`ringscope.fuse.resolve_update`)
  and rewrites the summaries of the entities whose occurrences or links changed, and the
  occurrences of those reports only (an entity named in thousands of reports costs one report);
- rewrites the events and report-event rows of the scopes that changed.

A picture without inputs, or whose kept event links are of other settings, is fused again from
every report. Reports are read without their texts, and only those an update touches
(:mod:`ringscope.fuse.heads`); a text is read where evidence is worked out, figures are reconciled
or copies are compared.

Every item keeps the id and the place in order the whole fusion gives it (:func:`ringscope.fuse.fuse`),
so a picture updated batch by batch is the picture fused at once.
"""

from __future__ import annotations

from ringscope.fuse import update_sources
from ringscope.fuse.entity_forms import dump
from ringscope.fuse.entity_forms import sort_key as entity_sort
from ringscope.fuse.event_links import current, regroup
from ringscope.fuse.events import EventSettings
from ringscope.fuse.figures import claim_refs_of
from ringscope.fuse.heads import Heads, Stamps
from ringscope.fuse.outlets import outlet_of
from ringscope.fuse.reconcile import ClaimRef, Figure, reconcile
from ringscope.fuse.resolve_update import update_entities
from ringscope.fuse.stored import plain
from ringscope.model import Extraction, Report
from ringscope.store import Store
from ringscope.store.picture_update import PictureDelta


def figure_sort(figure: Figure, first: tuple[str, int]) -> str:
    """The figure's place in the picture: conflicts first, then by claims, measure and first claim."""
    size = 10**8 - len(figure.claims)
    return f"{int(not figure.conflicted)}{size:09d}\x1f{figure.measure}\x1f{first[0]}\x1f{first[1]:07d}"


def event_sort(size: int, event_id: str) -> str:
    return f"{10**8 - size:09d}\x1f{event_id}"


def figure_rows(figure: Figure, scope: str, first: tuple[str, int], delta: PictureDelta) -> None:
    data = dump(plain(figure))
    delta.figures.append((figure.id, figure.event_id, figure.measure, int(figure.conflicted), data, scope,
                          figure_sort(figure, first)))
    for kind, flags in (("flag", figure.flags), ("note", figure.notes)):
        delta.flags += [(figure.id, kind, f.claim_id, f.report_id, f.code, f.reason) for f in flags]


def _scope_figures(
    store: Store, members: list[str], reports: dict[str, Report], event_of: dict[str, str | None],
    independent: dict[str, str], scope: str, delta: PictureDelta, read: dict[str, Extraction],
    texts: dict[str, str],
) -> None:
    refs: list[ClaimRef] = []
    first: dict[str, tuple[str, int]] = {}
    for report_id in members:
        report = reports[report_id]
        extraction = read.pop(report_id, None) or store.get_extraction(report_id)
        made = claim_refs_of(report.id, texts[report_id], extraction.claims, event_of.get(report_id),
                             report.published, outlet_of(report.url, report.source))
        for seq, ref in enumerate(made):
            ref.independent = independent.get(report_id)
            first.setdefault(ref.id, (report_id, seq))
            refs.append(ref)
    for figure in reconcile(refs):
        figure_rows(figure, scope, first[figure.claims[0].id], delta)


def update(store: Store, settings: EventSettings | None = None) -> bool:
    """Bring the store's stored picture up to the store's state; False when it was already."""
    state = store.state()
    settings = settings or EventSettings()
    linked = current(store, settings)
    if store.picture_state() == state and linked:
        return False
    parts = store.picture_parts()
    last, pending = parts.pending()
    stamps = Stamps(store)
    # The whole picture is looked at when it is fused again from scratch; else the reports listed as
    # changed since the last update, and those an update finds they touch.
    whole = not linked or not parts.has_inputs()
    if whole:
        before = parts.inputs()
        listed = sorted(stamps.read_all().keys() | before.keys())
    else:
        listed = sorted(pending)
        before = parts.inputs_of(listed)
        stamps.need(listed)
    changed = [r for r in listed if stamps.stored(r) and before.get(r, ("",))[0] != stamps[r]]
    reports = Heads(store)
    gone = [r for r in listed if not stamps.stored(r) and r in before]
    delta = PictureDelta(state, gone=gone, pending=last)
    # events: every report's, or those of the reports linked to a changed or removed one
    read: dict[str, Extraction] = {}
    event_of = regroup(store, stamps, changed, delta.gone, reports, read, state, settings, whole)
    before.update(parts.inputs_of(sorted(r for r in event_of if r not in before)))
    independent = update_sources.independent_of(store, reports, event_of, before, stamps, delta.gone, whole)
    members = update_sources.members_of(event_of)  # of events only: a lone report is its own scope
    # scopes whose figures are redone
    dirty: set[str] = {before[r][1] for r in delta.gone}
    fresh: set[str] = set()  # new and re-extracted reports
    stamps.need(event_of)
    for report_id in sorted(event_of):
        stamp = stamps[report_id]
        scope = event_of[report_id] or report_id
        was = before.get(report_id)
        now = (stamp, scope, independent[report_id])
        if was != now:
            dirty.add(scope)
            if was is None:
                fresh.add(report_id)
            else:
                dirty.add(was[1])
                if was[0] != stamp:
                    fresh.add(report_id)
            delta.inputs.append((report_id, *now))
    texts = store.picture_parts().texts(r for s in sorted(dirty) for r in _members(members, event_of, s))
    reports.need(texts)
    held = {scope for _, scope, _ in before.values()}  # only scopes of the stored picture have figures
    for scope in sorted(dirty):
        if scope in held:
            delta.scopes.append(scope)
        if scope_members := _members(members, event_of, scope):
            _scope_figures(store, scope_members, reports, event_of, independent, scope, delta, read, texts)
    # events and the event of each report
    # (an event's row changes only with its members or their stamps, so only with a dirty scope)
    delta.event_of = sorted((r, e) for r, e in event_of.items() if before.get(r, ("", ""))[1] != (e or r))
    stored_events = store.event_parts().event_rows(sorted(dirty))
    events = _events(members, sorted(e for e in dirty if e in members and e not in event_of), reports)
    delta.events_gone = sorted(e for e in stored_events if e not in events)
    delta.events = [(e, data, sort) for e, (data, sort) in events.items() if stored_events.get(e) != data]
    # entities
    _entities(store, stamps, fresh, reports, delta)
    parts.apply(delta)
    return True


def _members(members: dict[str, list[str]], event_of: dict[str, str | None], scope: str) -> list[str]:
    """The reports of a scope: an event's members, a lone report, none when the scope is gone."""
    if scope in members:
        return members[scope]
    return [scope] if scope in event_of and not event_of[scope] else []


def _events(
    members: dict[str, list[str]], event_ids: list[str], reports: dict[str, Report]
) -> dict[str, tuple[str, str]]:
    """The rows of the given events: JSON of their members and dates, and sort key."""
    out = {}
    for event_id in event_ids:
        ids = sorted(members[event_id], key=lambda r: (reports[r].published or "", r))
        dates = sorted({d for d in (reports[r].published for r in ids) if d})
        out[event_id] = (dump({"report_ids": ids, "published": dates}), event_sort(len(ids), event_id))
    return out


def _entities(
    store: Store, stamps: Stamps, changed: set[str], reports: dict[str, Report], delta: PictureDelta,
) -> None:
    """Resolve what new, re-extracted and removed reports (``changed``, ``delta.gone``) touch (all of
    it the first time): rewrite the summaries of the entities that changed, and the occurrences of
    those reports only."""
    kept = store.resolve_parts()
    full = kept.empty()
    if full:
        changed = set(stamps.read_all())
    made, gone, delta.resolve, delta.occurrences = update_entities(store, changed, set(delta.gone), stamps)
    delta.occurrences_gone = sorted(changed | set(delta.gone))
    stored = kept.entity_sigs([data["id"] for data, _ in made])
    for data, sig in made:
        if stored.get(data["id"]) != sig:
            row = (data["id"], data["type"], data["name"], dump(data), entity_sort(data), sig)
            delta.entities.append(row)
    ids = {data["id"] for data, _ in made}
    delta.entities_gone = sorted(kept.entity_ids() - ids) if full else gone
