"""Web page load times on a store of the dev corpus: p50 and p95 per page over a real server.

Ingests the dev corpus (folds 0-3 unless told otherwise; fold 4 is the held-out check) into a fresh
store through the normal pipeline, starts the server in a subprocess on a free loopback port, logs
in as a viewer like a browser (session cookie, CSRF form), loads every kind of page once to warm
the picture, then loads each page ``--rounds`` times one after the other and prints the latency
percentiles per page and over all loads. Stops by itself.

    .venv/bin/python bench/page_load.py --rounds 30
"""

from __future__ import annotations

import argparse
import json
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from ringscope.ingest import ingest_paths
from ringscope.serve.server import wait_until_healthy
from ringscope.serve.users import add_user
from ringscope.store import Store

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev" / "reports.jsonl"
KEEP = ("id", "url", "published", "text", "title", "source")


def _store(folder: Path, corpus: Path, folds: set[int]) -> Path:
    lines = []
    for line in corpus.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row.get("fold") in folds:
            lines.append(json.dumps({k: row[k] for k in KEEP if k in row}))
    source = folder / "dev.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path = folder / "dev.db"
    with Store(path) as db:
        summary = ingest_paths(db, [source])
    print(f"store: {summary.ingested} reports of folds {sorted(folds)}", flush=True)
    add_user(path, "bench", "bench-password-1", "viewer")
    return path


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _pages(client: httpx.Client) -> list[str]:
    """Every kind of page, with ids taken from the lists."""
    def first(path: str, pattern: str) -> list[str]:
        return re.findall(pattern, client.get(path).text)[:1]

    pages = [
        "/", "/search?q=rescued", "/search?q=scam+compound&type=Report&country=MM",
        "/search?type=Organization&sort=title", "/reports", "/reports?sort=title&offset=50",
        "/claims", "/claims?conflicts=true&sort=-conflicts", "/entities", "/entities?sort=name&offset=200",
        "/events", "/map", "/network", "/timeline",
    ]
    pages += first("/claims", r'href="(/figures/[0-9a-f]+)"')
    pages += first("/claims", r'href="(/reports/[^"#]+)#claim-')
    pages += first("/entities", r'class="entity-link" href="([^"]+)"')
    pages += first("/events", r'href="(/events/[^"]+)"')
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpus", type=Path, default=DEV)
    parser.add_argument("--folds", default="0,1,2,3", help="dev-corpus folds to ingest (default 0-3)")
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    if not args.corpus.is_file():
        sys.exit(f"page_load: no corpus at {args.corpus}")
    with tempfile.TemporaryDirectory() as tmp:
        store = _store(Path(tmp), args.corpus, {int(f) for f in args.folds.split(",")})
        port = _port()
        code = f"from ringscope.serve import run; run({str(store)!r}, host='127.0.0.1', port={port})"
        server = subprocess.Popen([sys.executable, "-c", code])
        base = f"http://127.0.0.1:{port}"
        try:
            if not wait_until_healthy(base, lambda: server.poll() is None, timeout=60):
                sys.exit("page_load: the server did not start")
            with httpx.Client(base_url=base, timeout=60) as client:
                form = client.get("/login").text
                token = re.search(r'name="csrf" value="([^"]+)"', form)
                assert token, "no CSRF token on the login form"
                client.post("/login", data={"username": "bench", "password": "bench-password-1",
                                            "csrf": token.group(1), "next": "/"})
                pages = _pages(client)
                times: dict[str, list[float]] = {p: [] for p in pages}
                for page in pages:  # warm-up: the picture is built once per store state
                    assert client.get(page).status_code == 200, page
                for _ in range(args.rounds):
                    for page in pages:
                        start = time.perf_counter()
                        response = client.get(page)
                        times[page].append((time.perf_counter() - start) * 1000)
                        assert response.status_code == 200, (page, response.status_code)
        finally:
            server.terminate()
            server.wait(timeout=20)
    every = sorted(t for ts in times.values() for t in ts)

    def p95(values: list[float]) -> float:
        return statistics.quantiles(values, n=20, method="inclusive")[18]

    print(f"{'page':60} {'p50 ms':>8} {'p95 ms':>8}")
    for page, ts in times.items():
        print(f"{page[:60]:60} {statistics.median(ts):8.1f} {p95(ts):8.1f}")
    print(f"{'all ' + str(len(every)) + ' loads':60} {statistics.median(every):8.1f} {p95(every):8.1f}")


if __name__ == "__main__":
    main()
