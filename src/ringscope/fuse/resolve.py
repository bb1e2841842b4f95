"""Entity resolution across reports: one entity under its many spellings.

Names of one type are the same entity when their resolution keys match
(diacritics, case, articles, possessives, titles and legal forms folded by
:mod:`ringscope.fuse.names`), when one is the acronym the extraction linked to
the other or the initials of the only long form with those initials, or when
rapidfuzz finds them near-identical. Every alias is kept with the reports it
came from. Roles join people to organisations ("secretary-general of X").
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ringscope.fuse.names import acronym, fold, is_acronym, resolution_key
from ringscope.fuse.unionfind import UnionFind
from ringscope.model import Entity, Report, make_id

FUZZY_MIN = 92.0
"""rapidfuzz ratio (0-100) above which two long names of one type are one entity."""
FUZZY_MIN_LENGTH = 8
"""Names shorter than this are only joined on exact keys: short names collide too easily."""


@dataclass(slots=True)
class Occurrence:
    """An entity as extracted from one report."""

    report_id: str
    entity: Entity


@dataclass(slots=True)
class ResolvedEntity:
    id: str
    type: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    aliases: dict[str, list[str]] = field(default_factory=dict)
    """Every surface form, with the reports it appears in."""
    roles: dict[str, list[str]] = field(default_factory=dict)
    """Every role, with the reports that state it."""
    occurrences: list[Occurrence] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    """(role, resolved entity id) pairs that join a person to an organisation."""

    @property
    def reports(self) -> list[str]:
        return sorted({o.report_id for o in self.occurrences})


def _keys(entity: Entity) -> set[str]:
    keys = {resolution_key(entity.name, entity.type)}
    keys.update(resolution_key(alias, entity.type) for alias in entity.aliases)
    return {k for k in keys if k}


def resolve(items: Iterable[tuple[Report, list[Entity]]]) -> list[ResolvedEntity]:
    """Resolve the entities of many reports into cross-report entities."""
    occurrences = [Occurrence(report.id, entity) for report, entities in items for entity in entities]
    uf: UnionFind[int] = UnionFind(range(len(occurrences)))
    by_key: dict[tuple[str, str], int] = {}
    for i, occ in enumerate(occurrences):
        for key in _keys(occ.entity):
            first = by_key.setdefault((occ.entity.type, key), i)
            uf.union(first, i)
    _join_acronyms(occurrences, by_key, uf)
    _join_fuzzy(occurrences, uf)
    groups = uf.groups()
    resolved = [_build([occurrences[i] for i in group]) for group in groups]
    _link_roles(resolved)
    resolved.sort(key=lambda e: (-len(e.reports), e.type, e.name))
    return resolved


def _join_acronyms(
    occurrences: list[Occurrence], by_key: dict[tuple[str, str], int], uf: UnionFind[int]
) -> None:
    initials: dict[tuple[str, str], set[int]] = defaultdict(set)
    for i, occ in enumerate(occurrences):
        if not is_acronym(occ.entity.name):
            short = acronym(occ.entity.name)
            if short:
                initials[(occ.entity.type, short)].add(uf.find(i))
    for i, occ in enumerate(occurrences):
        if is_acronym(occ.entity.name):
            roots = initials.get((occ.entity.type, fold(occ.entity.name).replace(" ", "")), set())
            if len({uf.find(r) for r in roots}) == 1:
                uf.union(next(iter(roots)), i)


def _join_fuzzy(occurrences: list[Occurrence], uf: UnionFind[int]) -> None:
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, occ in enumerate(occurrences):
        key = resolution_key(occ.entity.name, occ.entity.type)
        if len(key) >= FUZZY_MIN_LENGTH:
            words = key.split()
            blocks[(occ.entity.type, words[0][:3])].append(i)
            blocks[(occ.entity.type, words[-1][:3])].append(i)
    for members in blocks.values():
        keys = {i: resolution_key(occurrences[i].entity.name, occurrences[i].entity.type) for i in members}
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                i, j = members[a], members[b]
                if uf.find(i) != uf.find(j) and fuzz.ratio(keys[i], keys[j]) >= FUZZY_MIN:
                    uf.union(i, j)


def _build(group: list[Occurrence]) -> ResolvedEntity:
    names = Counter(o.entity.name for o in group)
    # The most frequent spelling; ties go to the longer, then the one with diacritics kept.
    name = max(names, key=lambda n: (names[n], len(n), n != fold(n), n))
    countries = Counter(o.entity.country for o in group if o.entity.country)
    coords = next(((o.entity.lat, o.entity.lon) for o in group if o.entity.lat is not None), (None, None))
    etype = group[0].entity.type
    keys = sorted({resolution_key(o.entity.name, etype) for o in group})
    entity = ResolvedEntity(
        id=make_id("entity", etype, keys[0]),
        type=etype,
        name=name,
        country=countries.most_common(1)[0][0] if countries else None,
        lat=coords[0],
        lon=coords[1],
        occurrences=group,
    )
    for occ in group:
        for alias in [occ.entity.name, *occ.entity.aliases]:
            reports = entity.aliases.setdefault(alias, [])
            if occ.report_id not in reports:
                reports.append(occ.report_id)
        for role in occ.entity.roles:
            reports = entity.roles.setdefault(role, [])
            if occ.report_id not in reports:
                reports.append(occ.report_id)
    return entity


def _link_roles(entities: list[ResolvedEntity]) -> None:
    orgs: dict[str, str] = {}
    for e in entities:
        if e.type == "Organization":
            for alias in e.aliases:
                key = resolution_key(alias, "Organization")
                if key:
                    orgs.setdefault(key, e.id)
    for e in entities:
        if e.type != "Person":
            continue
        for role in e.roles:
            folded = f" {fold(role)} "
            for key, org_id in orgs.items():
                if f" {key} " in folded and (role, org_id) not in e.links:
                    e.links.append((role, org_id))
