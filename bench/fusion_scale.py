"""Fusion at scale: ingest-and-fuse, folding in more reports, `events` / `claims --conflicts`, pages, RSS.

Builds an archive of invented reports from the sentences of the dev corpus (folds 0-3 only; read at
run time, never copied into the project), each report a random draw of sentences with every figure
and capitalised name varied, dates spread over two years and outlets varied. Then, for each size:

- ingest-and-fuse time per 10,000 reports (ingest in batches of ``--batch``, picture stored after each);
- time to fold in ``--more`` further reports;
- wall time of ``ringscope events`` and ``ringscope claims --conflicts`` (fresh processes);
- p95 of an entity page and the conflicts page over loopback (``ringscope serve``);
- peak RSS of this process, of the command processes and of the server.

Times are wall-clock; CPU seconds are printed beside them (on a shared machine the wall time of a
step also counts the time other processes held the cores).

Usage: python bench/fusion_scale.py --sizes 2000,5000 [--more 1000] [--batch 1000] [--dir /tmp/x]
Needs ../shared (the dev corpus); says so and stops when it is absent.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "dev" / "reports.jsonl"
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_NUMBER = re.compile(r"\d[\d,]*")
_NAME = re.compile(r"\b[A-Z][a-z]{3,}\b")
_SYLLABLES = ["ka", "lo", "mi", "ren", "tas", "vo", "qui", "bar", "del", "sun", "ora", "pel", "nik", "ost"]
_OUTLETS = [f"https://news{i}.example.org/story" for i in range(40)]


def sentences() -> list[str]:
    if not CORPUS.is_file():
        sys.exit(f"no dev corpus at {CORPUS}: this bench needs ../shared")
    out: list[str] = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        if doc.get("fold") == 4:  # the held-out fold is never read
            continue
        out += [s.strip() for s in _SENTENCE.split(doc["text"]) if 40 <= len(s.strip()) <= 400]
    return out


def invented_name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def archive(path: Path, start: int, count: int, pool: list[str], seed: int) -> None:
    rng = random.Random(seed)
    names = [invented_name(rng) for _ in range(3000)]
    with path.open("w", encoding="utf-8") as fh:
        for n in range(start, start + count):
            picked = [rng.choice(pool) for _ in range(rng.randint(3, 7))]
            text = " ".join(picked)
            text = _NUMBER.sub(lambda m: f"{rng.randint(2, 9) * 10 ** rng.randint(1, 4):,}", text)
            text = _NAME.sub(lambda m: rng.choice(names) if rng.random() < 0.5 else m.group(0), text)
            day = f"20{rng.randint(23, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            doc = {"id": f"b{n:06d}", "text": text, "published": day, "url": f"{rng.choice(_OUTLETS)}/{n}"}
            fh.write(json.dumps(doc) + "\n")


def cli(store: Path, *args: str) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak RSS (MB) of one ``ringscope`` command in a fresh process."""
    # the peak of the command itself: a child's ru_maxrss keeps the peak of the bench process it
    # was forked from, /proc's VmHWM starts again at exec
    code = "\n".join([
        "import re, resource, sys",
        "def peak_kb():",
        "    try:",
        "        found = re.search(r'VmHWM:\\s*(\\d+)', open('/proc/self/status').read())",
        "        return int(found.group(1))",
        "    except (OSError, AttributeError):",
        "        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss",
        "sys.argv = ['ringscope', *sys.argv[1:]]",
        "from ringscope.cli import main",
        "try:",
        "    main()",
        "except SystemExit:",
        "    pass",
        "print(peak_kb(), file=sys.stderr)",
    ])
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, *args, "--store", str(store)],
                          capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if done.returncode:
        sys.exit(f"ringscope {' '.join(args)} failed: {done.stderr.strip()[-400:]}")
    rss = int(done.stderr.strip().splitlines()[-1]) // 1024
    return wall, cpu, rss


def ingest(store: Path, files: list[Path]) -> tuple[float, float]:
    """Wall and CPU seconds of ingesting ``files`` one after the other (the picture kept after each)."""
    from ringscope.api import ingest as ingest_files
    from ringscope.api import open_store

    start, cpu = time.perf_counter(), time.process_time()
    with open_store(store) as db:
        for path in files:
            ingest_files([path], db)
    return time.perf_counter() - start, time.process_time() - cpu


def session(store: Path) -> str:
    """A web session for an analyst of the bench store (made through the users module)."""
    import sqlite3

    from ringscope.serve.users import User, UserError, add_user, issue_token

    try:
        add_user(store, "bench", "bench-password-long", "analyst")
    except UserError:
        pass
    conn = sqlite3.connect(str(store), timeout=30.0, isolation_level=None)
    try:
        pk, role = conn.execute("SELECT pk, role FROM users WHERE username = 'bench'").fetchone()
        return issue_token(conn, User(int(pk), "bench", str(role)), "session", "bench")
    finally:
        conn.close()


def pages(store: Path, rounds: int) -> dict[str, tuple[float, float]]:
    """(first request s, p95 ms of the next ``rounds``) of an entity page and the conflicts page."""
    import socket
    import urllib.request

    from ringscope.serve.server import wait_until_healthy

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = session(store)
    with sqlite3_connect(store) as conn:
        entity = conn.execute("SELECT id FROM picture_entities ORDER BY sort, ord LIMIT 1").fetchone()[0]
    code = f"from ringscope.serve import run; run({str(store)!r}, host='127.0.0.1', port={port}, workers=1)"
    server = subprocess.Popen([sys.executable, "-c", code],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    out: dict[str, tuple[float, float]] = {}
    try:
        if not wait_until_healthy(base, lambda: server.poll() is None, timeout=120):
            sys.exit("the server did not start")
        for name, path in (("entity page", f"/entities/{entity}"),
                           ("conflicts page", "/claims?conflicts=true")):
            times = []
            for _ in range(rounds + 1):
                request = urllib.request.Request(base + path, headers={"Cookie": f"rs_session={token}"})
                start = time.perf_counter()
                with urllib.request.urlopen(request, timeout=900) as response:
                    response.read()
                    if response.status != 200:
                        sys.exit(f"{path}: HTTP {response.status}")
                times.append(time.perf_counter() - start)
            rest = sorted(times[1:])
            out[name] = (times[0], rest[max(0, int(len(rest) * 0.95) - 1)] * 1000)
        status = Path(f"/proc/{server.pid}/status")
        if status.is_file():  # the server's own peak, read before it stops
            found = re.search(r"VmHWM:\s*(\d+)", status.read_text(encoding="utf-8"))
            out["server peak RSS"] = (0.0, int(found.group(1)) / 1024 if found else 0.0)
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
    return out


def sqlite3_connect(store: Path) -> Any:
    import contextlib
    import sqlite3

    return contextlib.closing(sqlite3.connect(f"file:{store}?mode=ro", uri=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,5000")
    parser.add_argument("--more", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=20, help="requests per page after the first")
    args = parser.parse_args()
    pool = sentences()
    work = args.dir or Path(tempfile.mkdtemp(prefix="fusion_scale_"))
    work.mkdir(parents=True, exist_ok=True)
    store = work / "archive.db"
    store.unlink(missing_ok=True)
    done = 0
    print(f"{len(pool)} sentences from folds 0-3; archive at {store}")
    for size in sorted(int(s) for s in args.sizes.split(",")):
        files = []
        for start in range(done, size, args.batch):
            path = work / f"batch_{start}.jsonl"
            archive(path, start, min(args.batch, size - start), pool, seed=start)
            files.append(path)
        took, cpu = ingest(store, files)
        print(f"[{size:>7}] ingest-and-fuse {size - done} reports: {took:8.1f} s"
              f" = {took * 10000 / max(1, size - done):8.1f} s per 10,000"
              f" (CPU {cpu * 10000 / max(1, size - done):8.1f} s per 10,000)", flush=True)
        done = size
        for command in (["events"], ["claims", "--conflicts"]):
            wall, cpu, rss = cli(store, *command)
            print(f"[{size:>7}] ringscope {' '.join(command):18} {wall:8.1f} s (CPU {cpu:6.1f} s)"
                  f"  peak RSS {rss} MB", flush=True)
        for name, (first, p95) in pages(store, args.rounds).items():
            if name == "server peak RSS":
                print(f"[{size:>7}] {name:28} {p95:7.0f} MB (after its preload and the pages)", flush=True)
                continue
            print(f"[{size:>7}] {name:28} first {first:7.1f} s, then p95 {p95:7.0f} ms", flush=True)
        more = work / f"more_{size}.jsonl"
        archive(more, 10_000_000 + size, args.more, pool, seed=size + 7)
        took, cpu = ingest(store, [more])
        print(f"[{size:>7}] fold in {args.more} more reports: {took:8.1f} s (CPU {cpu:6.1f} s)", flush=True)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"peak RSS of the ingesting process: {rss} MB")


if __name__ == "__main__":
    main()
