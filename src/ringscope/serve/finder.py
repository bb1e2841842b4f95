"""What search finds: reports and resolved entities as rows with facet values (pure, over a picture).

A report's facets are its own: type "Report", the countries and measures of its claims and of the
entities it names, its outlet, event and date. An entity's are its type and country, and the
outlets, events, measures and dates of the reports that name it. Give the picture the viewer may
see (``Snapshot.view``): nothing here withholds a name.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from ringscope.export.fused import publisher, title
from ringscope.fuse import Picture
from ringscope.model import Report
from ringscope.report.snapshot import Snapshot
from ringscope.serve.listing import SortKey

_OPERATORS = {"AND", "OR", "NOT"}


@dataclass(frozen=True, slots=True)
class Hit:
    kind: str
    """"report" or "entity"."""
    id: str
    title: str
    type: str
    """"Report", or the entity's type."""
    countries: frozenset[str]
    measures: frozenset[str]
    outlets: frozenset[str]
    events: frozenset[str]
    dates: tuple[str, ...]
    reports: int
    score: float = 0.0
    text: str = ""
    """Text to show for the hit when no snippet is at hand (none is kept: a report row reads its
    report's text when shown)."""

    @property
    def href(self) -> str:
        return f"/{'reports' if self.kind == 'report' else 'entities'}/{self.id}"

    @property
    def latest(self) -> str | None:
        return max(self.dates) if self.dates else None


def _years(hit: Hit) -> Iterable[str]:
    return {d[:4] for d in hit.dates if d[:4].isdigit()}


FACETS: dict[str, Callable[[Hit], Iterable[str]]] = {
    "type": lambda h: (h.type,),
    "country": lambda h: h.countries,
    "measure": lambda h: h.measures,
    "outlet": lambda h: h.outlets,
    "event": lambda h: h.events,
    "year": _years,
}
"""Facet name (the query parameter) -> the values a hit has."""

SORTS: dict[str, SortKey] = {
    "relevance": SortKey("Relevance", lambda h: h.score, descending=True),
    "date": SortKey("Date", lambda h: h.latest, descending=True),
    "title": SortKey("Title", lambda h: h.title),
    "type": SortKey("Type", lambda h: h.type),
    "reports": SortKey("Reports", lambda h: h.reports, descending=True),
}


def terms(query: str) -> list[str]:
    """The words of a search query, folded, without operators, quotes or prefix stars."""
    words = (w.strip('"*').casefold() for w in query.split() if w not in _OPERATORS)
    return [w for w in words if re.search(r"\w", w)]


@dataclass(frozen=True, slots=True)
class Index:
    """Per report: the measures and countries of its claims and entities, its outlet and event."""

    measures: Mapping[str, frozenset[str]]
    countries: Mapping[str, frozenset[str]]
    outlets: Mapping[str, str | None]


def index(picture: Picture, reports: Mapping[str, Report] | None = None) -> Index:
    """The facet values of ``picture``'s reports (their outlets from ``reports`` when given: the
    reports as shown, whose addresses may be redacted; measures and countries hold no names)."""
    measures: dict[str, set[str]] = defaultdict(set)
    countries: dict[str, set[str]] = defaultdict(set)
    for figure in picture.figures:
        for ref in figure.claims:
            measures[ref.report_id].add(ref.claim.measure)
            place = ref.claim.location or figure.location
            if place:
                countries[ref.report_id].add(place)
    for entity in picture.entities:
        if entity.country:
            for report_id in entity.reports:
                countries[report_id].add(entity.country)
    outlets: dict[str | None, str | None] = {}
    return Index(
        _shared(measures),
        _shared(countries),
        {rid: outlets.setdefault(found := publisher(r), found)
         for rid, r in (picture.reports if reports is None else reports).items()},
    )


def _shared(groups: Mapping[str, set[str]]) -> dict[str, frozenset[str]]:
    """``groups`` frozen, each distinct group kept once (100,000 reports have a few hundred)."""
    kept: dict[frozenset[str], frozenset[str]] = {}
    return {k: kept.setdefault(found := frozenset(v), found) for k, v in groups.items()}


def search_index(snap: Snapshot, shown: bool) -> Index:
    """The facet index of the snapshot's picture, kept with it: measures and countries from the
    picture itself (they hold no names), outlets from the reports as searched."""
    return snap.kept(("search index", shown), lambda: index(snap.picture, snap.searchable(shown).reports))


def report_hits(picture: Picture, found: Index, scores: Mapping[str, float] | None) -> list[Hit]:
    """Every report of ``picture`` (only those in ``scores``, with their score, when given)."""
    ids = list(picture.reports) if scores is None else [r for r in scores if r in picture.reports]
    hits = []
    for report_id in ids:
        report = picture.reports[report_id]
        outlet = found.outlets.get(report_id)
        event = picture.event_of.get(report_id)
        hits.append(
            Hit(
                "report", report_id, title(report), "Report",
                found.countries.get(report_id, frozenset()), found.measures.get(report_id, frozenset()),
                frozenset({outlet} if outlet else ()), frozenset({event} if event else ()),
                (report.published,) if report.published else (), 1,
                scores.get(report_id, 0.0) if scores is not None else 0.0,
            )  # no text: the page reads the texts of the rows it shows (a store's texts stay in it)
        )
    return hits


def entity_hits(picture: Picture, found: Index, query: str) -> list[Hit]:
    """The entities any of whose names holds every word of ``query`` (all of them for none).

    An entity named exactly as asked scores above one whose name only holds the words; every entity
    found by name scores above any report (a name is the most specific thing a search can find)."""
    words = terms(query)
    folded = " ".join(query.split()).strip('"').casefold()
    hits = []
    for entity in picture.entities:
        names = [a.casefold() for a in entity.aliases] or [entity.name.casefold()]
        joined = " ".join(names)
        if words and not all(w in joined for w in words):
            continue
        exact = folded in names
        ids = [r for r in entity.reports if r in picture.reports]
        dates = tuple(sorted({d for r in ids if (d := picture.reports[r].published)}))
        hits.append(
            Hit(
                "entity", entity.id, entity.name, entity.type,
                frozenset({entity.country} if entity.country else ()),
                frozenset(m for r in ids for m in found.measures.get(r, ())),
                frozenset(o for r in ids if (o := found.outlets.get(r))),
                frozenset(e for r in ids if (e := picture.event_of.get(r))),
                dates, len(ids),
                (1e6 if exact else 1e3) + len(ids) if words else float(len(ids)),
            )
        )
    return hits


def event_labels(picture: Picture) -> dict[str, str]:
    """Event id -> "<first report's title> (+N)", for naming an event in a facet."""
    out = {}
    for event in picture.events:
        ids = [r for r in event.report_ids if r in picture.reports]
        if ids:
            first = title(picture.reports[ids[0]])
            out[event.id] = first if len(ids) == 1 else f"{first} (+{len(ids) - 1})"
    return out
