#!/usr/bin/env python3
"""Ads screened per second on one core.

    .venv/bin/python bench/screen_speed.py [-n 3000] [--rounds 5]

Builds N ads by repeating the postings of the fixed test split (../shared/data/jobads, all fields
joined as the command does), or invented ads when that data is absent, pins the process to one CPU
where the platform allows, warms up the reference data as ``ringscope screen`` does, and times the
full per-ad screening (checks, language, indicators, pay, contacts, destinations, classifier,
combination) over several rounds. CPU time is the figure to read on a shared machine: wall time
counts the waits for a busy core too. Best and median rounds are printed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from ringscope.screen.evaluate import load_rows, test_split
from ringscope.screen.screener import Ad, screen_or_error, warm_up

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
DATA = SHARED / "data" / "jobads" / "jobads_eval_combined.csv.gz"
INVENTED = [
    "Customer service agents wanted in Bangkok, Thailand. USD 1,500 per month, free flights and hotel. "
    "Telegram @example_hr. No experience needed.",
    "The city museum seeks a part-time guide for weekend tours. Knowledge of local history is an advantage. "
    "Apply with a CV to jobs@museum-example.org.",
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=3000, help="number of ads to screen a round")
    ap.add_argument("--rounds", type=int, default=5, help="timed rounds")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    if DATA.is_file():
        base = [Ad(id=str(i), fields=row) for i, row in enumerate(test_split(load_rows(DATA)))]
        source = f"{len(base)} test-split postings"
    else:
        base = [Ad(id=str(i), text=t) for i, t in enumerate(INVENTED)]
        source = "invented ads (../shared absent)"
    ads = [base[i % len(base)] for i in range(args.n)]
    warm_up()  # loads the classifier, indicator table, gazetteer and currency list once
    for ad in base[:20]:
        screen_or_error(ad)
    chars = sum(len(ad.body()) for ad in ads)
    walls, cpus = [], []
    for _ in range(max(1, args.rounds)):
        start, cpu_start = time.perf_counter(), time.process_time()
        for ad in ads:
            screen_or_error(ad)
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu_start)
    print(f"ads: {len(ads)} a round from {source}; mean {chars / len(ads):,.0f} characters an ad")
    print(f"rounds: {len(cpus)}; one core (load average {os.getloadavg()[0]:.1f})")
    for name, values in (("CPU time", cpus), ("wall", walls)):
        print(f"ads per second ({name}): best {len(ads) / min(values):,.0f}, "
              f"median {len(ads) / statistics.median(values):,.0f}")

if __name__ == "__main__":
    main()
