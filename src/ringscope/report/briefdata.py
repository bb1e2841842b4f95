"""What the brief says, chosen from a snapshot (pure, no HTML): figures, conflicts, the largest figure
of each measure, routes, places, entities and what is new, every part kept to the brief's country.

A country scope keeps figures counted in that country, routes from or to it, places and entities of
it (entities of no known country stay when the reports in scope name them), and the timeline of the
reports and figures in scope. Victims are never named: everything comes from the redacted picture.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from ringscope.fuse import Figure, ResolvedEntity
from ringscope.report import analysis
from ringscope.report.mapsvg import Flow, Hotspot
from ringscope.report.snapshot import Snapshot
from ringscope.vocab import measures

KEY_FIGURES = 20
"""Key figures listed (figures in conflict have their own table and are not repeated)."""
NEW_DAYS = 90
"""Without --since, places and routes first reported in the last this many days are new."""
ENTITY_TYPES = ("Organization", "Compound", "Person", "Operation", "Location")
PER_TYPE = 8


@dataclass(frozen=True, slots=True)
class NewPlace:
    entity: ResolvedEntity
    first: str
    """The day it was first reported."""


@dataclass(frozen=True, slots=True)
class NewRoute:
    flow: Flow
    first: str


@dataclass(slots=True)
class BriefData:
    country: str | None
    figures: list[Figure]
    """Every figure in scope, the most supported first."""
    key: list[Figure]
    conflicts: list[Figure]
    largest: list[Figure]
    """The largest figure of each measure, in the vocabulary's order."""
    flows: list[Flow]
    spots: list[Hotspot]
    entities: list[ResolvedEntity]
    timeline: dict[str, dict[str, int]]
    new_since: str | None = None
    new_places: list[NewPlace] = field(default_factory=list)
    new_routes: list[NewRoute] = field(default_factory=list)


def magnitude(figure: Figure) -> float:
    """A figure's size for ranking: in US dollars when it is money that could be converted."""
    if figure.usd is not None:
        return float(figure.usd)
    return float(figure.value) if figure.value is not None else 0.0


def largest(figures: list[Figure]) -> list[Figure]:
    """The largest figure of each measure; money in other currencies only when none is in dollars."""
    order = {m: i for i, m in enumerate(measures())}
    best: dict[str, Figure] = {}
    for figure in figures:
        held = best.get(figure.measure)
        rank = (figure.usd is not None, magnitude(figure))
        if held is None or rank > (held.usd is not None, magnitude(held)):
            best[figure.measure] = figure
    return sorted(best.values(), key=lambda f: (order.get(f.measure, len(order)), f.measure))


def _in_country(code: str | None, *places: str | None) -> bool:
    return code is None or code in places


def _timeline(snap: Snapshot, figures: list[Figure]) -> dict[str, dict[str, int]]:
    reports = Counter(
        r.published[:7] for r in snap.redacted.reports.values() if r.published and len(r.published) >= 7
    )
    claims = Counter(ref.published[:7] for f in figures for ref in f.claims if ref.published)
    return {"reports": dict(reports), "claims": dict(claims)}


def _cutoff(snap: Snapshot, since: str | None) -> str | None:
    if since:
        return since
    dates = sorted(r.published[:10] for r in snap.redacted.reports.values() if r.published)
    if not dates or len(dates[-1]) < 10:
        return None
    try:
        return (date.fromisoformat(dates[-1]) - timedelta(days=NEW_DAYS)).isoformat()
    except ValueError:
        return None


def _country_or_wider(name: str) -> bool:
    """Whether a place name stands for a country or more ("Britain", "Southeast Asia"), by the gazetteer."""
    from ringscope.extract.gazetteer import TOKEN_RE, gazetteer

    found = gazetteer().lookup(TOKEN_RE.findall(name))
    return found is not None and found.kind in ("country", "demonym", "continent")


def _new(whole: Snapshot, code: str | None, cutoff: str) -> tuple[list[NewPlace], list[NewRoute]]:
    """Compounds, and places within a country, and routes the whole store first reports on or after
    ``cutoff``. A name holding a withheld person's placeholder is left out."""
    reports = whole.redacted.reports
    labels = tuple(whole.policy.labels)
    places = []
    for entity in whole.redacted.entities:
        if entity.type not in analysis.PLACE_TYPES or not _in_country(code, entity.country):
            continue
        if any(label in entity.name for label in labels) or "[victim" in entity.name:
            continue
        if entity.type == "Location" and (entity.country is None or _country_or_wider(entity.name)):
            continue
        dates = sorted(d for d in (reports[r].published for r in entity.reports if r in reports) if d)
        if dates and dates[0] >= cutoff:
            places.append(NewPlace(entity, dates[0][:10]))
    places.sort(key=lambda p: (-len(p.entity.reports), p.entity.name))
    first: dict[str, str] = {}
    undated: set[str] = set()
    for key, report, _ in whole.routes:
        if not report.published:
            undated.add(key)
        elif key not in first or report.published < first[key]:
            first[key] = report.published
    routes = [
        NewRoute(flow, first[key])
        for flow in analysis.flows(whole)
        if (key := f"{flow.origin}->{flow.destination}") in first
        and key not in undated
        and first[key] >= cutoff
        and _in_country(code, flow.origin, flow.destination)
    ]
    return places, routes


def select(
    snap: Snapshot, country: str | None = None, since: str | None = None, whole: Snapshot | None = None
) -> BriefData:
    """What the brief of ``snap`` (reports already chosen by country and date) shows, kept to
    ``country`` in every part; ``whole`` is the whole store's snapshot, to tell what is new."""
    picture = snap.redacted
    figures = sorted(
        (f for f in picture.figures if _in_country(country, f.location)),
        key=lambda f: (-f.independent, -len(f.support), not f.conflicted, f.measure, -magnitude(f)),
    )
    conflicts = [f for f in figures if f.conflicted]
    calm = [f for f in figures if not f.conflicted]
    key = [f for f in calm if f.independent > 1][:KEY_FIGURES] or calm[:KEY_FIGURES]
    flows = [f for f in analysis.flows(snap) if _in_country(country, f.origin, f.destination)]
    allowed = {
        e.name for e in picture.entities if e.type in analysis.PLACE_TYPES and _in_country(country, e.country)
    }
    spots = [h for h in analysis.hotspots(snap, limit=10_000) if h.label in allowed][:25]
    ranked = analysis.top_entities(snap, limit=10_000)
    kept = [e for e in ranked if e.country is None or _in_country(country, e.country)]
    if country:  # the country's own entities first, then those of no known country
        kept.sort(key=lambda e: e.country != country)
    entities = [e for kind in ENTITY_TYPES for e in [e for e in kept if e.type == kind][:PER_TYPE]]
    data = BriefData(
        country, figures, key, conflicts, largest(figures), flows, spots, entities, _timeline(snap, figures)
    )
    cutoff = _cutoff(snap, since)
    if cutoff:
        data.new_since = cutoff
        data.new_places, data.new_routes = _new(whole or snap, country, cutoff)
    return data
