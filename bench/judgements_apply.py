"""What analyst judgements cost at every read of the picture: the time to apply N judgements.

Takes a store (ingest reports first, e.g. the bundled sample or the demo), fuses its picture once,
then makes N judgements of every kind over its items (merges of entity pairs, rejected claims,
resolved conflicts, events taken apart) and times :func:`ringscope.fuse.judgements.apply` on a
fresh copy of the picture for each N, after one first apply that loads what fusion loads once per
process (the place gazetteer, exchange rates). Judgements are made on a copy of the store; the store given
is not changed. Prints one line per N: judgements, applied, seconds.

    .venv/bin/python bench/judgements_apply.py STORE --counts 0 10 100 1000
"""

from __future__ import annotations

import argparse
import copy
import shutil
import tempfile
import time
from pathlib import Path

from ringscope.fuse.judge_targets import claim_target, entity_target, report_target
from ringscope.fuse.judgements import apply
from ringscope.fuse.stored import current
from ringscope.store import Store
from ringscope.store.judgements import Judgement, Target


def judgements(store: Store, count: int) -> list[Judgement]:
    picture = current(store)
    made: list[Judgement] = []
    by_type: dict[str, list[Target]] = {}
    for entity in picture.entities:
        by_type.setdefault(entity.type, []).append(entity_target(entity))
    pairs = [(a, b) for targets in by_type.values()
             for a, b in zip(targets[::2], targets[1::2], strict=False)]
    refs = [ref for figure in picture.figures for ref in figure.claims]
    conflicted = [figure.claims[0] for figure in picture.conflicts()]
    events = [event.report_ids for event in picture.events]
    kinds = [
        ("merge", [list(p) for p in pairs]),
        ("reject-claim", [[claim_target(r)] for r in refs]),
        ("resolve", [[claim_target(r)] for r in conflicted]),
        ("different-event", [[report_target(picture.reports[a]), report_target(picture.reports[b])]
                             for a, b, *_ in events]),
    ]
    turn = 0
    while len(made) < count and any(pool for _, pool in kinds):
        kind, pool = kinds[turn % len(kinds)]
        turn += 1
        if pool:
            made.append(store.add_judgement(kind, pool.pop(0), "bench", "bench", "analyst"))
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--counts", type=int, nargs="+", default=[0, 10, 100, 1000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        shutil.copy(args.store, path)
        with Store(path) as store:
            fused = current(store)
            made = judgements(store, max(args.counts))
            print(f"{len(fused.reports)} reports, {len(fused.entities)} entities, "
                  f"{len(fused.figures)} figures; {len(made)} judgements made")
            start = time.perf_counter()
            apply(copy.deepcopy(fused), made)
            print(f"first apply in this process: {time.perf_counter() - start:.3f} s (it loads the place"
                  " gazetteer and exchange rates that re-fusing an event's figures needs)")
            for count in args.counts:
                picture = copy.deepcopy(fused)
                start = time.perf_counter()
                judged = apply(picture, made[:count])
                took = time.perf_counter() - start
                print(f"{count:>6} judgements  {len(judged.applied):>6} applied  {took:8.3f} s")


if __name__ == "__main__":
    main()
