"""The entity network around one entity equals the one computed over every pair of the picture."""

from __future__ import annotations

import json
from collections import Counter
from importlib import resources
from itertools import combinations

from ringscope.extract import extract
from ringscope.model import Report
from ringscope.report.analysis import network
from ringscope.report.snapshot import Snapshot, build


def _sample() -> Snapshot:
    raw = resources.files("ringscope").joinpath("data/sample/reports.jsonl").read_text(encoding="utf-8")
    docs = [json.loads(line) for line in raw.splitlines() if line.strip()]
    return build([(Report(text=d["text"], id=d["id"], published=d.get("published")),
                   extract(d["text"], d.get("published"))) for d in docs])


def _all_pairs(snapshot: Snapshot, focus: str, limit: int) -> tuple[set[str], dict[tuple[str, str], int]]:
    entities = {e.id: e for e in snapshot.view(False).entities}
    weights: Counter[tuple[str, str]] = Counter()
    by_report: dict[str, list[str]] = {}
    for e in entities.values():
        for r in e.reports:
            by_report.setdefault(r, []).append(e.id)
    for members in by_report.values():
        for pair in combinations(sorted(set(members)), 2):
            weights[pair] += 1
    for e in entities.values():
        for _, other in e.links:
            if other in entities and other != e.id:
                weights[(min(e.id, other), max(e.id, other))] += 1
    keep = {focus} | {a for a, b in weights if b == focus} | {b for a, b in weights if a == focus}
    ranked = sorted(keep & set(entities),
                    key=lambda i: (i != focus, -weights.get((min(i, focus), max(i, focus)), 0), i))
    chosen = set(ranked[:limit])
    edges = {p: w for p, w in weights.items()
             if p[0] in chosen and p[1] in chosen and (focus in p or w > 1)}
    return chosen, edges


def test_focused_network_is_the_all_pairs_one() -> None:
    snapshot = _sample()
    entities = snapshot.view(False).entities
    assert len(entities) > 10
    with_neighbours = 0
    for entity in entities[:40]:
        nodes, edges = network(snapshot, limit=8, focus=entity.id)
        chosen, expected = _all_pairs(snapshot, entity.id, 8)
        assert {n.id for n in nodes} == chosen
        assert {(e.a, e.b): e.weight for e in edges} == expected
        with_neighbours += len(chosen) > 1
    assert with_neighbours > 5
