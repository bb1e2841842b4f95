"""Latency of the link chart over a real server: the network page and the graph API answers.

Starts the server on an existing store (for example one of the dev corpus:
`ringscope ingest -s dev.db reports.jsonl`) on a free loopback port, adds a bench user when
missing, asks each route ``--rounds`` times one after another (after one warm-up call that
builds the snapshot and the chart) and prints p50/p95/max per route in milliseconds.

    .venv/bin/python bench/graph_load.py dev.db --rounds 50
"""

from __future__ import annotations

import argparse
import re
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

from ringscope.serve.server import wait_until_healthy
from ringscope.serve.users import UserError, add_user, create_token

ROUTES = [
    "/network",
    "/api/v1/graph",
    "/api/v1/graph?type=trafficked_to&limit=10",
    "/api/v1/graph?country=MM",
    "/api/v1/graph?since=2025-01-01",
    "/api/v1/graph/centrality",
    "/api/v1/graph/export?format=gexf",
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    if not args.store.is_file():
        sys.exit(f"{args.store}: no such store (make one with `ringscope ingest -s {args.store} FILE`)")
    try:
        add_user(args.store, "bench-graph", "bench-graph-password-1", "viewer")
    except UserError:
        pass  # already there
    token = create_token(args.store, "bench-graph", "graph bench")
    port = free_port()
    code = f"from ringscope.serve import run; run({str(args.store)!r}, host='127.0.0.1', port={port})"
    quiet = subprocess.DEVNULL
    server = subprocess.Popen([sys.executable, "-c", code], stdout=quiet, stderr=quiet)
    base = f"http://127.0.0.1:{port}"
    try:
        if not wait_until_healthy(base, lambda: server.poll() is None, timeout=60):
            sys.exit("the server did not start")
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=60) as client:
            login(client)
            print(f"{'route':<48} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
            for route in ROUTES:
                check(client.get(route))  # warm-up: snapshot and chart built once
                times = []
                for _ in range(args.rounds):
                    start = time.perf_counter()
                    check(client.get(route))
                    times.append((time.perf_counter() - start) * 1000)
                print(f"{route:<48} {statistics.median(times):8.1f} {percentile(times, 0.95):8.1f}"
                      f" {max(times):8.1f}")
    finally:
        server.terminate()
        server.wait(timeout=20)


def check(response: httpx.Response) -> None:
    if response.status_code != 200:
        sys.exit(f"{response.request.url}: {response.status_code}")


def login(client: httpx.Client) -> None:
    """A web session for the page (the API routes use the token)."""
    form = client.get("/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)
    response = client.post("/login", data={"username": "bench-graph", "password": "bench-graph-password-1",
                                           "csrf": csrf.group(1) if csrf else "", "next": "/"})
    if response.status_code != 303:
        sys.exit(f"could not log in: {response.status_code}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


if __name__ == "__main__":
    main()
