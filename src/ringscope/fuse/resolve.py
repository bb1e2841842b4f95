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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

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
    notes: list[str] = field(default_factory=list)
    """Analyst judgements that made this entity what it is ("merge by ana on 2026-01-02: ...")."""

    @property
    def reports(self) -> list[str]:
        return sorted({o.report_id for o in self.occurrences})


@lru_cache(maxsize=1 << 18)
def _key(name: str, entity_type: str) -> str:
    return resolution_key(name, entity_type)


def _keys(entity: Entity) -> set[str]:
    keys = {_key(entity.name, entity.type)}
    keys.update(_key(alias, entity.type) for alias in entity.aliases)
    return {k for k in keys if k}


def resolve(
    items: Iterable[tuple[Report, list[Entity]]], orgs: dict[str, str] | None = None
) -> list[ResolvedEntity]:
    """Resolve the entities of many reports into cross-report entities.

    Joining works on distinct names, not occurrences: occurrences with the same type, name and
    aliases are one *form*, joined once; the groups of forms are then spread back over the
    occurrences in their order, so the result is the one an occurrence-by-occurrence join gives.
    """
    occurrences = [Occurrence(report.id, entity) for report, entities in items for entity in entities]
    forms: list[Entity] = []
    form_of: list[int] = []
    seen: dict[tuple[str, str, tuple[str, ...]], int] = {}
    for occ in occurrences:
        entity = occ.entity
        if _keys(entity):
            index = seen.setdefault((entity.type, entity.name, tuple(entity.aliases)), len(forms))
        else:
            index = len(forms)  # no key: never joined by key, so never one form with another
        if index == len(forms):
            forms.append(entity)
        form_of.append(index)
    uf = join_forms(forms, lambda _: form_of)
    groups: dict[int, list[Occurrence]] = {}
    for occ, form in zip(occurrences, form_of, strict=True):
        groups.setdefault(uf.find(form), []).append(occ)
    resolved = [_build(group) for group in groups.values()]
    known = {key: e.id for e in resolved if e.type == "Organization" for key in org_keys(e)}
    link_roles(resolved, {**(orgs or {}), **known})
    resolved.sort(key=lambda e: (-len(e.reports), e.type, e.name, e.id))
    return resolved


def join_forms(
    forms: list[Entity], places: Callable[[set[int]], Iterable[int]],
    near: Callable[[dict[tuple[str, str], int]], Iterable[tuple[int, int]]] | None = None,
) -> UnionFind[int]:
    """Join ``forms`` (distinct names) by key, acronym and near-identical spelling. ``places`` gives,
    for the acronyms that have long names with their initials, the form of each of their
    occurrences in order (each occurrence is tried in turn). ``near``, when given, gives the pairs
    of near-identical name keys already found (from the first form of each (type, name key) long
    enough to compare), instead of comparing them here."""
    uf: UnionFind[int] = UnionFind(range(len(forms)))
    by_key: dict[tuple[str, str], int] = {}
    for i, entity in enumerate(forms):
        for key in _keys(entity):
            uf.union(by_key.setdefault((entity.type, key), i), i)
    _join_acronyms(forms, places, uf)
    if near is None:
        _join_fuzzy(forms, uf)
    else:
        for a, b in near(_first_of_keys(forms)):
            uf.union(a, b)
    return uf


def _first_of_keys(forms: list[Entity]) -> dict[tuple[str, str], int]:
    """(type, name key) -> its first form, of the name keys long enough to compare."""
    first: dict[tuple[str, str], int] = {}
    for i, entity in enumerate(forms):
        key = _key(entity.name, entity.type)
        if len(key) >= FUZZY_MIN_LENGTH:
            first.setdefault((entity.type, key), i)
    return first


def _join_acronyms(
    forms: list[Entity], places: Callable[[set[int]], Iterable[int]], uf: UnionFind[int]
) -> None:
    initials: dict[tuple[str, str], set[int]] = defaultdict(set)
    letters: dict[int, tuple[str, str]] = {}
    for i, entity in enumerate(forms):
        if is_acronym(entity.name):
            letters[i] = (entity.type, fold(entity.name).replace(" ", ""))
        else:
            short = acronym(entity.name)
            if short:
                initials[(entity.type, short)].add(uf.find(i))
    # an acronym without a long name of its initials is never joined by them
    letters = {i: key for i, key in letters.items() if key in initials}
    # every occurrence in turn, as a repeated acronym may find its long form joined by then (whether
    # the long forms are one group changes only with a join: it is looked at again only after one,
    # and once they are one group they stay so)
    one: dict[tuple[str, str], bool] = {}
    seen_at: dict[tuple[str, str], int] = {}
    joins = 0
    for i in places(set(letters)):
        if i in letters:
            roots = initials[letters[i]]
            if not one.get(letters[i]) and seen_at.get(letters[i]) != joins:
                one[letters[i]] = len({uf.find(r) for r in roots}) == 1
                seen_at[letters[i]] = joins
            if one.get(letters[i]) and uf.find(next(iter(roots))) != uf.find(i):
                uf.union(next(iter(roots)), i)
                joins += 1


def _join_fuzzy(forms: list[Entity], uf: UnionFind[int]) -> None:
    """Join near-identical long names, compared once per distinct key within a block."""
    first = _first_of_keys(forms)
    blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
    for etype, key in first:
        words = key.split()
        blocks[(etype, words[0][:3])].append(key)
        if words[-1][:3] != words[0][:3]:
            blocks[(etype, words[-1][:3])].append(key)
    for (etype, _), keys in blocks.items():
        for a in range(len(keys) - 1):
            for _, _, b in process.extract(keys[a], keys[a + 1 :], scorer=fuzz.ratio,
                                           score_cutoff=FUZZY_MIN, limit=None):
                uf.union(first[(etype, keys[a])], first[(etype, keys[a + 1 + b])])


def _build(group: list[Occurrence]) -> ResolvedEntity:
    names = Counter(o.entity.name for o in group)
    # The most frequent spelling; ties go to the longer, then the one with diacritics kept.
    name = max(names, key=lambda n: (names[n], len(n), n != fold(n), n))
    countries = Counter(o.entity.country for o in group if o.entity.country)
    coords = next(((o.entity.lat, o.entity.lon) for o in group if o.entity.lat is not None), (None, None))
    etype = group[0].entity.type
    keys = sorted({_key(o.entity.name, etype) for o in group})
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


def org_keys(entity: ResolvedEntity) -> set[str]:
    """The keys an organisation answers to in roles (those of its aliases)."""
    return {key for alias in entity.aliases if (key := _key(alias, "Organization"))}


def role_runs(role: str) -> set[str]:
    """Every run of whole words of a role ("head of the x agency" -> "x agency", ...)."""
    words = fold(role).split()
    return {" ".join(words[a:b]) for a in range(len(words)) for b in range(a + 1, len(words) + 1)}


def link_roles(entities: list[ResolvedEntity], orgs: dict[str, str]) -> None:
    """Join a person to every organisation (``orgs``: key -> entity id) whose key is a run of whole
    words of one of their roles; a person's links go by role, then by organisation id."""
    for e in entities:
        if e.type != "Person":
            continue
        e.links = []
        for role in e.roles:
            for org_id in sorted({orgs[run] for run in role_runs(role) if run in orgs}):
                if (role, org_id) not in e.links:
                    e.links.append((role, org_id))
