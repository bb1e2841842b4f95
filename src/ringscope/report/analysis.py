"""What the maps and charts show, derived from a snapshot (pure, no drawing)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations

from ringscope.fuse import Picture, ResolvedEntity
from ringscope.report.charts import Edge, Node
from ringscope.report.mapdata import PLACE_TYPES, Href, flows, hotspots
from ringscope.report.snapshot import Snapshot
from ringscope.report.timeaxis import month_of

__all__ = ["PLACE_TYPES", "Href", "flows", "hotspots", "network", "timeline", "top_entities"]


def timeline(snapshot: Snapshot) -> dict[str, dict[str, int]]:
    """Reports and claims per publication month (counts only: no names, so nothing is redacted)."""
    reports: Counter[str] = Counter()
    claims: Counter[str] = Counter()
    for figure in snapshot.picture.figures:
        for ref in figure.claims:
            month = month_of(ref.published)
            if month:
                claims[month] += 1
    for report in snapshot.picture.reports.values():
        month = month_of(report.published)
        if month:
            reports[month] += 1
    return {"reports": dict(reports), "claims": dict(claims)}


def top_entities(
    snapshot: Snapshot, limit: int = 15, names: bool = False, types: tuple[str, ...] | None = None
) -> list[ResolvedEntity]:
    """The most reported entities (of ``types``, when given), as listed; withheld persons are left out."""
    withheld = set(snapshot.policy.withheld)
    kept = [
        e
        for e in snapshot.listed(names).entities
        if e.id not in withheld and (names or e.name not in snapshot.policy.labels)
        and (types is None or e.type in types)
    ]
    kept.sort(key=lambda e: (-len(e.reports), e.type, e.name))
    return kept[:limit]


_MEMBERS: dict[int, tuple[Picture, dict[str, ResolvedEntity], dict[str, list[str]]]] = {}


def _members(picture: Picture) -> tuple[dict[str, ResolvedEntity], dict[str, list[str]]]:
    """The picture's entities by id and the entities of each report (kept for the latest pictures)."""
    cached = _MEMBERS.get(id(picture))
    if cached is not None and cached[0] is picture:
        return cached[1], cached[2]
    entities = {e.id: e for e in picture.entities}
    by_report: dict[str, list[str]] = defaultdict(list)
    for entity in entities.values():
        for report_id in entity.reports:
            by_report[report_id].append(entity.id)
    if len(_MEMBERS) >= 4:
        _MEMBERS.pop(next(iter(_MEMBERS)))
    _MEMBERS[id(picture)] = (picture, entities, by_report)
    return entities, by_report


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
    if focus is not None:  # an id no entity is shown under has no neighbourhood
        around = focus_members(snapshot, names)
        return _focused(around, focus, limit, href) if focus in around.reports else ([], [])
    picture = snapshot.listed(names)  # names, types, reports and links are all a network shows
    entities, by_report = _members(picture)
    weights: Counter[tuple[str, str]] = Counter()
    labels: dict[tuple[str, str], str] = {}
    for group in by_report.values():
        for a, b in combinations(sorted(set(group)), 2):
            weights[(a, b)] += 1
    for entity in entities.values():
        for role, other in entity.links:
            if other in entities and other != entity.id:
                pair = (min(entity.id, other), max(entity.id, other))
                weights[pair] += 1
                labels[pair] = role
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
        if a in chosen and b in chosen
    ]
    return nodes, edges


@dataclass(frozen=True, slots=True)
class Members:
    """What a focused network is worked out from, by the id each entity is shown under."""

    reports: dict[str, list[str]]
    """The reports of each entity."""
    links: dict[str, list[tuple[str, str]]]
    """The (role as stated, other entity's shown id) links of each entity."""
    by_report: dict[str, list[str]]
    """The entities of each report."""
    show: Callable[[str], ResolvedEntity]
    """The entity an id stands for, as listed (the last of the picture's with that id)."""
    role: Callable[[str], str]
    """A role as shown."""


def focus_members(snapshot: Snapshot, names: bool) -> Members:
    """The members of the snapshot's entities (kept with the snapshot), worked out from the picture
    itself: no entity's names are redacted for it (only those of the nodes shown are, later)."""

    def make() -> Members:
        entities = snapshot.picture.entities
        ids = {} if names else snapshot.shown.ids(entities)[1]
        reports: dict[str, list[str]] = {}
        links: dict[str, list[tuple[str, str]]] = {}
        index: dict[str, int] = {}
        by_report: dict[str, list[str]] = defaultdict(list)
        for n, entity in enumerate(entities):
            shown = ids.get(entity.id, entity.id)
            found = entity.reports
            reports[shown], index[shown] = found, n
            links[shown] = [(role, ids.get(other, other)) for role, other in entity.links]
            for report_id in found:
                by_report[report_id].append(shown)
        policy = snapshot.policy
        return Members(reports, links, by_report, lambda i: snapshot.listed_entity(index[i], names),
                       (lambda r: r) if names else (lambda r: policy.text(r) or r))

    return snapshot.kept(("network members", names), make)


def _focused(members: Members, focus: str, limit: int, href: Href | None) -> tuple[list[Node], list[Edge]]:
    """The focus and its ``limit`` - 1 strongest neighbours, with the edges among them: the weights
    with the focus rank the neighbours, and only pairs among the chosen are counted (a much-reported
    entity shares reports with most others, so counting every pair around it grows as their square)."""
    reports, by_report = members.reports, members.by_report
    with_focus: Counter[str] = Counter()
    for report_id in set(reports[focus]):
        for other in set(by_report[report_id]):
            if other != focus:
                with_focus[other] += 1
    role_pairs: dict[tuple[str, str], str] = {}
    links: Counter[tuple[str, str]] = Counter()
    for entity_id, found in members.links.items():
        for role, other in found:
            if other in reports and other != entity_id:
                pair = (min(entity_id, other), max(entity_id, other))
                role_pairs[pair] = role
                links[pair] += 1
    for (a, b), n in links.items():
        if focus in (a, b):
            with_focus[b if a == focus else a] += n
    ranked = sorted(with_focus, key=lambda i: (-with_focus[i], i))
    chosen = {focus, *ranked[: max(0, limit - 1)]}
    weights: Counter[tuple[str, str]] = Counter()
    shared = {i: set(reports[i]) for i in chosen}
    for a, b in combinations(sorted(chosen), 2):
        both = len(shared[a] & shared[b])
        if both:
            weights[(a, b)] += both
    for pair, n in links.items():
        if pair[0] in chosen and pair[1] in chosen:
            weights[pair] += n
    shown = {i: members.show(i) for i in chosen}
    nodes = [
        Node(i, shown[i].name, shown[i].type, len(reports[i]), href(shown[i]) if href else None)
        for i in sorted(chosen, key=lambda i: (shown[i].type, shown[i].name, i))
    ]
    edges = [
        Edge(a, b, w, members.role(role_pairs[(a, b)]) if (a, b) in role_pairs else f"{w} shared report(s)")
        for (a, b), w in sorted(weights.items())
        if focus in (a, b) or w > 1
    ]
    return nodes, edges
