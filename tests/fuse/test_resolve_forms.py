"""Resolution joins distinct names, not occurrences: the result must be the occurrence-by-occurrence one.

``_by_occurrence`` is the plain pairwise join over occurrences the resolver used to run; it is kept
here as the reference the faster join is checked against, on invented names and on the bundled sample.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from importlib import resources

import pytest
from rapidfuzz import fuzz

from ringscope.fuse.names import acronym, fold, is_acronym, resolution_key
from ringscope.fuse.resolve import FUZZY_MIN, FUZZY_MIN_LENGTH, Occurrence, ResolvedEntity, _build, resolve
from ringscope.fuse.unionfind import UnionFind
from ringscope.model import Entity, Report


def _by_occurrence(items: list[tuple[Report, list[Entity]]]) -> list[ResolvedEntity]:
    occurrences = [Occurrence(report.id, entity) for report, entities in items for entity in entities]
    uf: UnionFind[int] = UnionFind(range(len(occurrences)))
    by_key: dict[tuple[str, str], int] = {}
    for i, occ in enumerate(occurrences):
        keys = {resolution_key(n, occ.entity.type) for n in [occ.entity.name, *occ.entity.aliases]}
        for key in keys - {""}:
            uf.union(by_key.setdefault((occ.entity.type, key), i), i)
    initials: dict[tuple[str, str], set[int]] = defaultdict(set)
    for i, occ in enumerate(occurrences):
        if not is_acronym(occ.entity.name) and (short := acronym(occ.entity.name)):
            initials[(occ.entity.type, short)].add(uf.find(i))
    for i, occ in enumerate(occurrences):
        if is_acronym(occ.entity.name):
            roots = initials.get((occ.entity.type, fold(occ.entity.name).replace(" ", "")), set())
            if len({uf.find(r) for r in roots}) == 1:
                uf.union(next(iter(roots)), i)
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, occ in enumerate(occurrences):
        key = resolution_key(occ.entity.name, occ.entity.type)
        if len(key) >= FUZZY_MIN_LENGTH:
            blocks[(occ.entity.type, key.split()[0][:3])].append(i)
            blocks[(occ.entity.type, key.split()[-1][:3])].append(i)
    for members in blocks.values():
        for a, i in enumerate(members):
            for j in members[a + 1 :]:
                ki = resolution_key(occurrences[i].entity.name, occurrences[i].entity.type)
                kj = resolution_key(occurrences[j].entity.name, occurrences[j].entity.type)
                if fuzz.ratio(ki, kj) >= FUZZY_MIN:
                    uf.union(i, j)
    resolved = [_build([occurrences[i] for i in group]) for group in uf.groups()]
    orgs: dict[str, str] = {}
    for e in resolved:
        if e.type == "Organization":
            for alias in e.aliases:
                if key := resolution_key(alias, "Organization"):
                    orgs.setdefault(key, e.id)
    for e in resolved:
        if e.type == "Person":
            for role in e.roles:
                for key, org_id in orgs.items():
                    if f" {key} " in f" {fold(role)} " and (role, org_id) not in e.links:
                        e.links.append((role, org_id))
    resolved.sort(key=lambda e: (-len(e.reports), e.type, e.name))
    return resolved


def _shape(entities: list[ResolvedEntity]) -> list[object]:
    return [
        (e.id, e.type, e.name, e.country, e.lat, e.lon, e.aliases, e.roles, e.links,
         [(o.report_id, o.entity.name) for o in e.occurrences])
        for e in entities
    ]


_FIRST = ["Tavi", "Oriël", "Mirka", "Dobre", "Kasimir", "Ysolde", "Brannoch", "Éloi"]
_LAST = ["Quellin", "Várhegy", "Ostrander", "Pelloway", "Marchetti-Lund", "Quelling"]
_ORGS = ["Lantern Coast Relief Agency", "Brindle Harbour Trust", "Lantern Coast Relief Agencies",
         "North Quay Workers Union", "Silvermoor Shipping Company Ltd", "The Silvermoor Shipping Company"]


def _invented(seed: int, reports: int) -> list[tuple[Report, list[Entity]]]:
    rng = random.Random(seed)
    items = []
    for r in range(reports):
        entities = []
        for _ in range(rng.randint(1, 6)):
            kind = rng.random()
            if kind < 0.45:
                name = f"{rng.choice(['', 'Dr. ', 'Mr '])}{rng.choice(_FIRST)} {rng.choice(_LAST)}"
                role = rng.choice(["", "director of North Quay Workers Union", "spokesperson for the LCRA"])
                entities.append(Entity("Person", name, roles=[role] if role else []))
            elif kind < 0.85:
                org = rng.choice(_ORGS)
                aliases = [acronym(org).upper()] if rng.random() < 0.3 and acronym(org) else []
                entities.append(Entity("Organization", org, aliases=[a for a in aliases if a]))
            elif kind < 0.95:
                entities.append(Entity("Organization", rng.choice(["LCRA", "BHT", "NQWU", "SSC"])))
            else:
                entities.append(Entity("Location", rng.choice(["Port Ámbar", "Port Ambar", "---"]),
                                       country="XX", lat=1.5, lon=2.5))
        items.append((Report(text=f"invented report {r}", id=f"r{r:04d}"), entities))
    return items


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_joining_distinct_names_gives_the_occurrence_join(seed: int) -> None:
    items = _invented(seed, 150)
    assert _shape(resolve(items)) == _shape(_by_occurrence(items))


def test_an_occurrence_without_a_key_stays_apart() -> None:
    items = [(Report(text="a", id=f"r{i}"), [Entity("Location", "---")]) for i in range(3)]
    assert len(resolve(items)) == 3 == len(_by_occurrence(items))


def test_the_bundled_sample_resolves_as_before() -> None:
    from ringscope.extract import extract

    lines = resources.files("ringscope").joinpath("data/sample/reports.jsonl").read_text(encoding="utf-8")
    docs = [json.loads(line) for line in lines.splitlines() if line.strip()]
    items = [(Report(text=str(d["text"]), id=str(d["id"])),
              extract(str(d["text"]), d.get("published")).entities) for d in docs]
    assert sum(len(entities) for _, entities in items) > 20
    assert _shape(resolve(items)) == _shape(_by_occurrence(items))
