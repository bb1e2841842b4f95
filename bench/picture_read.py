"""Reading the stored picture of an existing store: `events`, `claims --conflicts` and two pages.

On a copy of the given store (the commands may bring its picture up to date and the pages add a
bench user), prints:

- wall and CPU seconds and peak RSS of ``ringscope events`` and ``ringscope claims --conflicts``,
  each in a fresh process (``--runs`` times; the best and the worst);
- for an entity page and the conflicts page, each on a freshly started ``ringscope serve`` over
  loopback: the first request (wall seconds, and CPU seconds the server spent on it) and the p95
  of the next ``--rounds`` requests.

With ``--judgements N``, N analyst judgements are made on the copy first (events joined and split,
claims of conflicting figures rejected or their conflicts resolved), as an analyst's store has them.

Usage: python bench/picture_read.py --store /path/to/store.db [--runs 2] [--rounds 20] [--dir /tmp/x]
       [--judgements 0]
A store to read can be built with bench/fusion_scale.py (its archive.db).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fusion_scale import cli, session, sqlite3_connect  # noqa: E402


def _cpu(pid: int) -> float:
    """CPU seconds (user + system) process ``pid`` has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def page(store: Path, path: str, rounds: int) -> tuple[float, float, float]:
    """(first request wall s, server CPU s for it, p95 ms of the next ``rounds``) of ``path`` on a
    freshly started server."""
    from ringscope.serve.server import wait_until_healthy

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = session(store)
    code = f"from ringscope.serve import run; run({str(store)!r}, host='127.0.0.1', port={port}, workers=1)"
    server = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        if not wait_until_healthy(base, lambda: server.poll() is None, timeout=120):
            sys.exit("the server did not start")
        times, cpu = [], 0.0
        for n in range(rounds + 1):
            request = urllib.request.Request(base + path, headers={"Cookie": f"rs_session={token}"})
            before = _cpu(server.pid)
            start = time.perf_counter()
            with urllib.request.urlopen(request, timeout=900) as response:
                response.read()
                if response.status != 200:
                    sys.exit(f"{path}: HTTP {response.status}")
            times.append(time.perf_counter() - start)
            if n == 0:
                cpu = _cpu(server.pid) - before
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
    rest = sorted(times[1:])
    return times[0], cpu, rest[max(0, int(len(rest) * 0.95) - 1)] * 1000


def judge(store: Path, count: int) -> None:
    """Make ``count`` judgements on ``store`` about its first events and conflicting figures."""
    from ringscope.api import open_store
    from ringscope.fuse import stored
    from ringscope.store.judgements import Target

    with open_store(store) as db:
        reader = db.picture_reader()
        events = [json.loads(data)["report_ids"] for _, data in reader.events(2 * count)]
        figures = [stored.figure(data) for *_, data in reader.conflicted()][:count]
        made: list[tuple[str, list[Target]]] = []
        for i in range(count):
            if i % 3 == 0 and len(events) > 1:
                a, b = events.pop(), events.pop()
                made.append(("same-event", [Target("report", a[0], a[0]), Target("report", b[0], b[0])]))
            elif i % 3 == 1 and events and len(events[-1]) > 1:
                a = events.pop()
                made.append(("different-event", [Target("report", a[0], a[0]), Target("report", a[1], a[1])]))
            elif figures:
                ref = figures.pop().claims[0]
                claim = ref.claim
                target = Target("claim", claim.quote, ref.report_id, measure=claim.measure, value=claim.value,
                                quote=claim.quote, start=claim.start, end=claim.end)
                made.append(("reject-claim" if i % 2 else "resolve", [target]))
        for kind, targets in made:
            db.add_judgement(kind, targets, "bench", "bench", "analyst")
    print(f"{len(made)} judgements made", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=2, help="fresh processes per command")
    parser.add_argument("--rounds", type=int, default=20, help="requests per page after the first")
    parser.add_argument("--dir", type=Path, default=None, help="where the copy of the store goes")
    parser.add_argument("--judgements", type=int, default=0, help="judgements to make on the copy first")
    args = parser.parse_args()
    if not args.store.is_file():
        sys.exit(f"no store at {args.store}")
    work = args.dir or Path(tempfile.mkdtemp(prefix="picture_read_"))
    work.mkdir(parents=True, exist_ok=True)
    store = work / "store.db"
    shutil.copy(args.store, store)
    with sqlite3_connect(store) as conn:
        reports = conn.execute("SELECT COUNT(*) FROM reports").fetchone()[0]
        entity = conn.execute("SELECT id FROM picture_entities ORDER BY sort, ord LIMIT 1").fetchone()[0]
    print(f"{reports} reports; copy at {store}", flush=True)
    if args.judgements:
        judge(store, args.judgements)
    for command in (["events"], ["claims", "--conflicts"]):
        runs = [cli(store, *command) for _ in range(args.runs)]
        walls, cpus = sorted(r[0] for r in runs), sorted(r[1] for r in runs)
        print(f"ringscope {' '.join(command):18} wall {walls[0]:6.1f}-{walls[-1]:6.1f} s,"
              f" CPU {cpus[0]:6.1f}-{cpus[-1]:6.1f} s, peak RSS {max(r[2] for r in runs)} MB", flush=True)
    for name, path in (("entity page", f"/entities/{entity}"), ("conflicts page", "/claims?conflicts=true")):
        first, cpu, p95 = page(store, path, args.rounds)
        print(f"{name:16} first {first:6.1f} s (server CPU {cpu:6.1f} s), then p95 {p95:6.0f} ms", flush=True)


if __name__ == "__main__":
    main()
