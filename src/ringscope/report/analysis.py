"""What the maps and charts show, derived from a snapshot (pure, no drawing)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from itertools import combinations

from ringscope.fuse import ResolvedEntity
from ringscope.report.charts import Edge, Node
from ringscope.report.geo import centroids
from ringscope.report.mapsvg import Flow, Hotspot
from ringscope.report.snapshot import Snapshot

PLACE_TYPES = ("Compound", "Location")

Href = Callable[[ResolvedEntity], str | None]


def flows(snapshot: Snapshot) -> list[Flow]:
    """Route flows by (origin, destination): reports stating them and people counted."""
    reports: dict[str, set[str]] = defaultdict(set)
    people: Counter[str] = Counter()
    for key, report, count in snapshot.routes:
        reports[key].add(report.id)
        if count:
            people[key] += count
    out = []
    for key, ids in reports.items():
        origin, destination = key.split("->")
        out.append(Flow(origin, destination, len(ids), people[key]))
    out.sort(key=lambda f: (-f.count, f.origin, f.destination))
    return out


def hotspots(
    snapshot: Snapshot, limit: int = 40, href: Href | None = None, names: bool = False
) -> list[Hotspot]:
    """Places and compounds by number of reports, at their coordinates (or country centre)."""
    centre = centroids()
    out = []
    for entity in snapshot.view(names).entities:
        if entity.type not in PLACE_TYPES:
            continue
        if entity.lat is not None and entity.lon is not None:
            lon, lat = entity.lon, entity.lat
        elif entity.country and entity.country in centre:
            lon, lat = centre[entity.country]
        else:
            continue
        out.append(Hotspot(entity.name, lon, lat, len(entity.reports), href(entity) if href else None))
    out.sort(key=lambda h: (-h.count, h.label))
    return out[:limit]


def timeline(snapshot: Snapshot) -> dict[str, dict[str, int]]:
    """Reports and claims per publication month (counts only: no names)."""
    reports: Counter[str] = Counter()
    claims: Counter[str] = Counter()
    for figure in snapshot.redacted.figures:
        for ref in figure.claims:
            if ref.published:
                claims[ref.published[:7]] += 1
    for report in snapshot.picture.reports.values():
        if report.published and len(report.published) >= 7:
            reports[report.published[:7]] += 1
    return {"reports": dict(reports), "claims": dict(claims)}


def top_entities(
    snapshot: Snapshot, limit: int = 15, names: bool = False, types: tuple[str, ...] | None = None
) -> list[ResolvedEntity]:
    """The most reported entities (of ``types``, when given); withheld persons are left out."""
    withheld = set(snapshot.policy.withheld)
    kept = [
        e
        for e in snapshot.view(names).entities
        if e.id not in withheld and (names or e.name not in snapshot.policy.labels)
        and (types is None or e.type in types)
    ]
    kept.sort(key=lambda e: (-len(e.reports), e.type, e.name))
    return kept[:limit]


def network(
    snapshot: Snapshot,
    limit: int = 40,
    names: bool = False,
    focus: str | None = None,
    href: Href | None = None,
) -> tuple[list[Node], list[Edge]]:
    """Entities joined by co-mention in reports (edge weight = shared reports) and by role links.

    With ``focus``, the entity and its direct neighbours; otherwise the ``limit`` most reported.
    Withheld persons are shown by their placeholders unless ``names``.
    """
    entities = {e.id: e for e in snapshot.view(names).entities}
    by_report: dict[str, list[str]] = defaultdict(list)
    for entity in entities.values():
        for report_id in entity.reports:
            by_report[report_id].append(entity.id)
    weights: Counter[tuple[str, str]] = Counter()
    labels: dict[tuple[str, str], str] = {}
    for members in by_report.values():
        for a, b in combinations(sorted(set(members)), 2):
            weights[(a, b)] += 1
    for entity in entities.values():
        for role, other in entity.links:
            if other in entities and other != entity.id:
                pair = (min(entity.id, other), max(entity.id, other))
                weights[pair] += 1
                labels[pair] = role
    if focus is not None:
        keep = {focus} | {a for a, b in weights if b == focus} | {b for a, b in weights if a == focus}
        ranked = sorted(
            keep & set(entities), key=lambda i: (i != focus, -weights.get((min(i, focus), max(i, focus)), 0))
        )
        chosen = set(ranked[:limit])
    else:
        by_reports = sorted(entities.values(), key=lambda e: (-len(e.reports), e.name))
        chosen = {e.id for e in by_reports[:limit]}
    nodes = [
        Node(
            i,
            entities[i].name,
            entities[i].type,
            len(entities[i].reports),
            href(entities[i]) if href else None,
        )
        for i in sorted(chosen, key=lambda i: (entities[i].type, entities[i].name, i))
    ]
    edges = [
        Edge(a, b, w, labels.get((a, b), f"{w} shared report(s)"))
        for (a, b), w in sorted(weights.items())
        if a in chosen and b in chosen and (focus is None or focus in (a, b) or w > 1)
    ]
    return nodes, edges
