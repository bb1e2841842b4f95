"""What the web app holds for a store: resident memory and CPU of each step of its preload.

Runs what the server's preloader runs (:func:`ringscope.serve.preload.preload`) step by step in this
process, then, with ``--redacted``, the whole redacted picture some pages and exports read, and
prints after each step the resident set (RSS) and its peak so far in MB, and the step's CPU seconds.

Usage: python bench/server_memory.py STORE [--redacted]
STORE is a store built by bench/fusion_scale.py (``--dir``); it is only read.
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Callable
from pathlib import Path


def memory() -> tuple[int, int]:
    """(resident, peak resident) of this process in MB, as /proc gives them."""
    status = Path("/proc/self/status").read_text(encoding="utf-8")
    found = [re.search(rf"{key}:\s*(\d+)", status) for key in ("VmRSS", "VmHWM")]
    rss, peak = (int(m.group(1)) // 1024 if m else 0 for m in found)
    return rss, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--redacted", action="store_true", help="also build the whole redacted picture")
    args = parser.parse_args()
    from ringscope.report import snapshot as snapshots
    from ringscope.report.analysis import focus_members
    from ringscope.report.entity_view import report_claims, report_entities
    from ringscope.serve.finder import search_index

    snap: list[snapshots.Snapshot] = []
    steps: list[tuple[str, Callable[[], object]]] = [
        ("snapshot loaded", lambda: snap.append(snapshots.load(args.store))),
        ("entities listed", lambda: snap[0].listed()),
        ("search read", lambda: snap[0].searchable()),
        ("entity pages' members", lambda: focus_members(snap[0], names=False)),
        ("report pages' entities", lambda: report_entities(snap[0])),
        ("entity pages' claims", lambda: report_claims(snap[0])),
        ("search facets", lambda: search_index(snap[0], shown=False)),
    ]
    if args.redacted:
        steps.append(("whole redacted picture", lambda: snap[0].redacted))
    rss, peak = memory()
    print(f"{'start':28} RSS {rss:6d} MB  peak {peak:6d} MB")
    for label, step in steps:
        start = time.process_time()
        step()
        cpu = time.process_time() - start
        rss, peak = memory()
        print(f"{label:28} RSS {rss:6d} MB  peak {peak:6d} MB  CPU {cpu:6.1f} s", flush=True)


if __name__ == "__main__":
    main()
