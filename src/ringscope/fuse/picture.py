"""The fused picture of many reports: events, resolved entities, reconciled figures."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ringscope.fuse.events import EventSettings, group_events
from ringscope.fuse.figures import claim_refs_of
from ringscope.fuse.outlets import independent_sources, outlet_of
from ringscope.fuse.reconcile import ClaimRef, Figure, reconcile
from ringscope.fuse.resolve import ResolvedEntity, resolve
from ringscope.model import Extraction, Report


@dataclass(slots=True)
class Event:
    id: str
    report_ids: list[str]
    published: list[str]
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Analyst judgements that made this event what it is (see :mod:`ringscope.fuse.judgements`)."""


@dataclass(slots=True)
class Picture:
    reports: dict[str, Report]
    event_of: dict[str, str | None]
    events: list[Event]
    entities: list[ResolvedEntity]
    figures: list[Figure]
    applied: list[int] = field(default_factory=list)
    """Ids of the analyst judgements that apply to this picture (see :mod:`ringscope.fuse.judgements`)."""

    def conflicts(self) -> list[Figure]:
        return [f for f in self.figures if f.conflicted]

    def entity(self, name: str) -> list[ResolvedEntity]:
        """Resolved entities one of whose aliases matches ``name`` (folded), best first."""
        from ringscope.fuse.names import fold

        wanted = fold(name)
        exact = [e for e in self.entities if any(fold(a) == wanted for a in e.aliases)]
        if exact:
            return exact
        return [e for e in self.entities if any(wanted in fold(a) for a in e.aliases)]


def claim_refs(items: Iterable[tuple[Report, Extraction]], event_of: dict[str, str | None]) -> list[ClaimRef]:
    """Every claim with its report's outlet, independent source, event and the text around it."""
    pairs = list(items)
    members: dict[str, list[str]] = defaultdict(list)
    for report, _ in pairs:
        members[event_of.get(report.id) or report.id].append(report.id)
    sources = independent_sources([report for report, _ in pairs], list(members.values()))
    refs: list[ClaimRef] = []
    for report, extraction in pairs:
        for ref in claim_refs_of(report.id, report.text, extraction.claims, event_of.get(report.id),
                                 report.published, outlet_of(report.url, report.source)):
            ref.independent = sources.get(report.id)
            refs.append(ref)
    return refs


def fuse(items: Iterable[tuple[Report, Extraction]], settings: EventSettings | None = None) -> Picture:
    """Group events, resolve entities and reconcile claims over ``items``.

    The reports are taken in the order of their ids, so the same reports give the same picture
    whatever order they came in (all at once or in batches); ``reports`` keeps their given order
    (the store's: the victim policy numbers placeholders in the order the store first names people)."""
    given = list(items)
    pairs = sorted(given, key=lambda item: item[0].id)
    event_of = group_events(pairs, settings)
    figures = reconcile(claim_refs(pairs, event_of))
    entities = resolve((report, extraction.entities) for report, extraction in pairs)
    reports = {report.id: report for report, _ in given}
    members: dict[str, list[str]] = defaultdict(list)
    for report_id, event_id in event_of.items():
        if event_id:
            members[event_id].append(report_id)
    events = []
    for event_id, report_ids in members.items():
        ids = sorted(report_ids, key=lambda r: (reports[r].published or "", r))
        dates = sorted({d for d in (reports[r].published for r in ids) if d})
        events.append(Event(event_id, ids, dates, [f for f in figures if f.event_id == event_id]))
    events.sort(key=lambda e: (-len(e.report_ids), e.id))
    return Picture(reports, event_of, events, entities, figures)
