"""Same-event grouping at scale: time per 10,000 reports from 10,000 to 200,000 synthetic reports.

Synthetic reports are made from a seeded generator: each event has its own
made-up place and compound names, figures and distinctive words, and is told
by one to three reports that share part of that material in different order
and with their own filler. Extraction is not run; its items are made with the
text. The script prints, per corpus size, the grouping time (features,
blocking, scoring, joining; wall-clock and CPU), the CPU time per 10,000 reports, candidate pairs per
report, pairwise F1 against the generator's truth, and peak RSS.

Usage: python bench/cluster_scale.py [--sizes 10000,50000,100000,200000]
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time

from ringscope.fuse.events import (
    EventSettings,
    candidate_pairs,
    features,
    group_features,
    same_event_pairs,
)
from ringscope.model import Claim, Entity, Extraction, Report

SYLLABLES = ["ka", "lo", "mi", "ren", "tas", "vor", "qui", "zel", "bra", "nok", "shi", "dun", "pe", "ry",
             "gal"]
FILLER = ("the police said that officers found people working in the building and that the case was "
          "continuing with more arrests expected while families waited for news of relatives abroad").split()


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 6)))


def corpus(n: int, seed: int = 7) -> tuple[list[tuple[Report, Extraction]], dict[str, int]]:
    rng = random.Random(seed)
    items: list[tuple[Report, Extraction]] = []
    truth: dict[str, int] = {}
    event = 0
    while len(items) < n:
        names = [word(rng).capitalize() + " " + rng.choice(["Park", "Zone", "Compound"]) for _ in range(2)]
        topic = [word(rng) for _ in range(12)]
        figures = [rng.randint(5, 5000) for _ in range(3)]
        day = rng.randint(0, 3000)
        for _ in range(rng.choice([1, 1, 2, 3])):
            if len(items) >= n:
                break
            words = rng.sample(topic, 8) + rng.sample(FILLER, 20) + [word(rng) for _ in range(25)]
            rng.shuffle(words)
            told = rng.sample(figures, 2)
            text = " ".join(words) + f". {told[0]} people were freed and {told[1]} detained at {names[0]}."
            rid = f"r{len(items):07d}"
            published = f"{2015 + (day + rng.randint(0, 2)) // 365:04d}-{1 + (day // 31) % 12:02d}-01"
            claims = [Claim("victims_rescued", v, v, v, "exact", "people", str(v), 0, 1) for v in told]
            items.append((Report(text=text, id=rid, published=published),
                          Extraction(entities=[Entity("Compound", names[0])], claims=claims)))
            truth[rid] = event
        event += 1
    return items, truth


def pairwise_f1(pred: dict[str, str | None], truth: dict[str, int]) -> float:
    gp, pp = same_event_pairs(truth), same_event_pairs(pred)
    tp = len(gp & pp)
    p = tp / len(pp) if pp else 1.0
    r = tp / len(gp) if gp else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,50000,100000,200000")
    args = parser.parse_args()
    cfg = EventSettings()
    print(f"{'reports':>8} {'wall s':>8} {'CPU s':>8} {'CPU s/10k':>10} {'pairs/report':>13} {'pair F1':>8} "
          f"{'peak RSS MB':>12}")
    for n in (int(s) for s in args.sizes.split(",")):
        items, truth = corpus(n)
        start, cpu_start = time.perf_counter(), time.process_time()
        docs = [features(report, extraction) for report, extraction in items]
        pred = group_features(docs, cfg)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
        pairs = len(candidate_pairs(docs, cfg.max_block, cfg))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{n:>8} {elapsed:>8.1f} {cpu:>8.1f} {cpu / n * 10_000:>10.2f} {pairs / n:>13.2f} "
              f"{pairwise_f1(pred, truth):>8.3f} {peak:>12.0f}")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
