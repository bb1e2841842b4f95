"""Bounded load on the REST API over loopback: throughput and latency for search and claims.

Builds (or reuses) a store of synthetic reports (invented text and items written
through the store API, no extraction), starts the server in a subprocess on a
free loopback port, runs N concurrent clients (one keep-alive connection
each, raw HTTP/1.1 on one asyncio thread, cheap next to the server) for a
fixed time, and prints throughput, p50/p95/p99 latency and errors per
endpoint. Stops by itself.

    .venv/bin/python bench/api_load.py --reports 100000 --clients 50 --duration 60
"""

from __future__ import annotations

import argparse
import asyncio
import random
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

from ringscope.model import Claim, Entity, Extraction, Mention, Report, Route
from ringscope.serve.server import wait_until_healthy
from ringscope.serve.users import UserError, add_user, create_token
from ringscope.store import Store

SYLLABLES = ["ka", "lo", "mi", "ren", "su", "ta", "vor", "ne", "pa", "zul", "qi", "do", "ba", "sen", "tri"]
COMMON = ["compound", "rescued", "police", "trafficked", "raid", "victims", "scam", "border", "arrested"]
MEASURES = ["victims_rescued", "arrests", "people_trafficked", "victims_repatriated", "criminal_proceeds"]
COUNTRIES = ["KH", "MM", "LA", "TH", "PH", "VN", "ID", "MY", "IN", "KE"]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))


def synthetic(i: int, rng: random.Random, vocabulary: list[str]) -> tuple[Report, Extraction]:
    """An invented report with one claim, one place, one route."""
    place = vocabulary[rng.randrange(len(vocabulary))].capitalize()
    count = rng.randint(5, 900)
    measure = rng.choice(MEASURES)
    origin, destination = rng.sample(COUNTRIES, 2)
    lead = f"Officials said {count} people were {rng.choice(COMMON)} near {place} on day {i}."
    filler = " ".join(rng.choice(vocabulary) if rng.random() < 0.7 else rng.choice(COMMON) for _ in range(60))
    text = f"{lead} {filler}."
    start = text.index(str(count))
    claim = Claim(
        measure,
        float(count),
        float(count),
        float(count),
        "exact",
        "people",
        lead,
        0,
        len(lead),
        location=destination,
    )
    entity = Entity(
        "Location",
        place,
        destination,
        mentions=[Mention(text.index(place), text.index(place) + len(place), place)],
    )
    route = Route(origin, destination, lead, 0, len(lead), count)
    published = f"20{20 + i % 6:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}"
    report = Report(
        text=text,
        source=f"Outlet {i % 40}",
        url=f"https://example.org/{i}",
        published=published,
        title=f"Report {i}: {place}",
    )
    del start
    return report, Extraction(entities=[entity], claims=[claim], routes=[route])


def build(path: Path, reports: int) -> None:
    rng = random.Random(42)
    vocabulary = sorted({_word(rng) for _ in range(5000)})
    with Store(path) as store:
        have = store.stats().reports
        started = time.perf_counter()
        for i in range(have, reports):
            report, extraction = synthetic(i, rng, vocabulary)
            store.add(report, extraction, "bench")
            if (i + 1) % 10000 == 0:
                rate = (i + 1 - have) / (time.perf_counter() - started)
                print(f"  stored {i + 1} reports ({rate:.0f}/s)", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def _url(rng: random.Random, vocabulary: list[str]) -> tuple[str, str]:
    """Half searches (one word, or a common word and a rarer one), half claim pages with a filter."""
    if rng.random() < 0.5:
        one = rng.random() < 0.7
        words = [rng.choice(vocabulary)] if one else [rng.choice(COMMON), rng.choice(vocabulary)]
        return "search", "/api/v1/search?" + urlencode({"q": " ".join(words), "limit": 20})
    filters = rng.choice(["", f"&measure={rng.choice(MEASURES)}", f"&country={rng.choice(COUNTRIES)}"])
    return "claims", f"/api/v1/claims?limit=50&offset={rng.randrange(0, 2000)}{filters}"


async def _response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """Read one HTTP/1.1 response (Content-Length or chunked body); its status, and whether the
    server closes the connection after it."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    fields = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
    if "content-length" in fields:
        await reader.readexactly(int(fields["content-length"]))
    elif fields.get("transfer-encoding") == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status, "close" in fields.get("connection", "").lower()


async def _load(
    port: int, token: str, clients: int, duration: float, vocabulary: list[str]
) -> dict[str, list[float]]:
    latencies: dict[str, list[float]] = {"search": [], "claims": []}
    errors = {"search": 0, "claims": 0}
    stop = time.perf_counter() + duration

    async def client(n: int) -> None:
        rng = random.Random(n)
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        while time.perf_counter() < stop:
            kind, url = _url(rng, vocabulary)
            request = (
                f"GET {url} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n\r\n"
            ).encode()
            began = time.perf_counter()
            try:
                writer.write(request)
                status, closing = await asyncio.wait_for(_response(reader), 30)
                ok = status == 200
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
                ok, closing = False, True
            if closing:  # the server ends the connection (or it failed): open a new one
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            if ok:
                latencies[kind].append(time.perf_counter() - began)
            else:
                errors[kind] += 1
        writer.close()

    await asyncio.gather(*(client(n) for n in range(clients)))
    latencies["_errors"] = [float(errors["search"]), float(errors["claims"])]
    return latencies


def load(
    port: int, token: str, clients: int, duration: float, vocabulary: list[str]
) -> dict[str, list[float]]:
    """``clients`` concurrent keep-alive connections for ``duration`` seconds, each sending its next
    request as soon as the last answer is read. One thread and raw HTTP/1.1 on asyncio, so the load
    costs the machine little next to the server it measures."""
    try:
        import uvloop

        return uvloop.run(_load(port, token, clients, duration, vocabulary))
    except ImportError:
        return asyncio.run(_load(port, token, clients, duration, vocabulary))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--store", type=Path, default=Path("bench-api.db"))
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2, help="server processes")
    args = parser.parse_args()

    print(f"store {args.store}: building up to {args.reports} synthetic reports", flush=True)
    began = time.perf_counter()
    build(args.store, args.reports)
    print(f"store ready in {time.perf_counter() - began:.0f} s", flush=True)
    try:
        add_user(args.store, "bench", "bench-password", "analyst")
    except UserError:
        pass
    token = create_token(args.store, "bench", "load test")
    rng = random.Random(42)
    vocabulary = sorted({_word(rng) for _ in range(5000)})

    port = free_port()
    code = (
        "from ringscope.serve import run; "
        f"run({str(args.store)!r}, host='127.0.0.1', port={port}, workers={args.workers})"
    )
    server = subprocess.Popen([sys.executable, "-c", code])
    base = f"http://127.0.0.1:{port}"
    try:
        if not wait_until_healthy(base, lambda: server.poll() is None, timeout=60):
            sys.exit("the server did not start")
        # a short warm-up so every worker has opened its connection
        load(port, token, args.clients, min(3.0, args.duration), vocabulary)
        print(
            f"load: {args.clients} clients for {args.duration:.0f} s, {args.workers} server worker(s)",
            flush=True,
        )
        results = load(port, token, args.clients, args.duration, vocabulary)
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
    search_errors, claims_errors = results.pop("_errors")
    total = sum(len(v) for v in results.values())
    print(
        f"throughput: {total / args.duration:.0f} requests/s ({total} ok, "
        f"{int(search_errors + claims_errors)} errors)"
    )
    for kind, values in results.items():
        errors = search_errors if kind == "search" else claims_errors
        ms = [v * 1000 for v in values]
        print(
            f"{kind:7s} n={len(ms):6d} {len(ms) / args.duration:6.0f}/s  p50={percentile(ms, 50):6.1f} ms"
            f"  p95={percentile(ms, 95):6.1f} ms  p99={percentile(ms, 99):6.1f} ms  errors={int(errors)}"
        )


if __name__ == "__main__":
    main()
