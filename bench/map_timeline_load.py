"""Page load of the map and the timeline over loopback: p50/p95 latency and page size.

Starts the server in a subprocess on a free loopback port over an existing store (for example
one ingested from the dev corpus), logs in as a throwaway viewer, warms the picture up once,
then fetches each page ``--rounds`` times one after the other and prints the figures. Also
times the map's layout (label placement for every zoom) and drawing in this process.

    .venv/bin/python bench/map_timeline_load.py --store dev.db --rounds 40
"""

from __future__ import annotations

import argparse
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from ringscope.report import analysis, maplayout, mapsvg
from ringscope.report import snapshot as snapshots
from ringscope.serve.server import wait_until_healthy
from ringscope.serve.users import add_user

USER, PASSWORD = "bench-viewer", "bench-viewer-password-7"


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def _login(client: httpx.Client) -> None:
    form = client.get("/login").text
    token = re.search(r'name="csrf" value="([^"]+)"', form)
    assert token, "no login form"
    answer = client.post("/login", data={"username": USER, "password": PASSWORD, "csrf": token.group(1)})
    assert answer.status_code == 303, answer.text[:300]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="a store to read (copied, never changed)")
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    if not args.store.is_file():
        sys.exit(f"{args.store}: no such store")
    work = Path(tempfile.mkdtemp(prefix="ringscope-bench-"))
    store = work / "bench.db"
    shutil.copy(args.store, store)
    add_user(store, USER, PASSWORD, "viewer")

    snap = snapshots.load(store)
    for run in ("cold", "warm"):  # cold: gazetteer and boundaries are read; warm: as a server runs
        started = time.perf_counter()
        spots, flows = analysis.hotspots(snap), analysis.flows(snap)
        found = time.perf_counter()
        plan = maplayout.layout(spots, flows)
        laid = time.perf_counter()
        mapsvg.draw(plan, detail=0.3)
        drawn = time.perf_counter()
        shown = sum(1 for p in plan.placements.values() if p.min_zoom <= 1)
        print(f"map ({run}): data {1000 * (found - started):.0f} ms; {len(plan.labels)} labels"
              f" ({shown} shown at zoom 1) placed in {1000 * (laid - found):.0f} ms;"
              f" drawn in {1000 * (drawn - laid):.0f} ms")

    port = _port()
    code = f"from ringscope.serve import run; run({str(store)!r}, host='127.0.0.1', port={port}, workers=1)"
    quiet = subprocess.DEVNULL
    server = subprocess.Popen([sys.executable, "-c", code], stdout=quiet, stderr=quiet)
    base = f"http://127.0.0.1:{port}"
    try:
        if not wait_until_healthy(base, lambda: server.poll() is None, timeout=60):
            sys.exit("the server did not start")
        with httpx.Client(base_url=base, timeout=60) as client:
            _login(client)
            for path in ("/map", "/timeline"):
                first = time.perf_counter()
                size = len(client.get(path).content)
                cold = time.perf_counter() - first
                times = []
                for _ in range(args.rounds):
                    begin = time.perf_counter()
                    answer = client.get(path)
                    times.append(time.perf_counter() - begin)
                    assert answer.status_code == 200, answer.status_code
                print(
                    f"{path}: first {1000 * cold:.0f} ms, then p50 {1000 * statistics.median(times):.0f} ms,"
                    f" p95 {1000 * _percentile(times, 0.95):.0f} ms over {args.rounds} loads;"
                    f" {size / 1024:.0f} KiB"
                )
    finally:
        server.terminate()
        server.wait(timeout=20)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
