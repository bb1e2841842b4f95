"""Throughput of the local engine and of Spark (local[1], local[2] or any --master), and Spark's start-up.

Writes one JSON-lines corpus (the bundled sample repeated with fresh ids until
``--reports`` reports, default 20,000) and runs every engine on the same file,
each in its own subprocess so that every Spark run starts a cold JVM. Prints,
per engine, reports/s and words/s of the extraction run (Parquet written and
read back for its summary), and for Spark the fixed start-up cost: session
start plus a trivial job, paid once per run whatever the corpus size.

Usage: python bench/spark_scale.py [--reports N] [--partitions N] [--keep DIR] [--master URL ...]
``--master`` (repeatable) measures those masters instead of local[1] and local[2], e.g. a
standalone cluster (``python -m ringscope.engines.standalone`` starts one on loopback); the
corpus and results are then ``file://`` URIs, so the executors must share this machine's files.
Needs Java 17 and pyspark (pip install 'ringscope[spark]').
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path
from typing import Any


def write_corpus(path: Path, reports: int) -> int:
    """The sample reports repeated with fresh ids; returns the number of words written."""
    raw = resources.files("ringscope").joinpath("data/sample/reports.jsonl").read_text(encoding="utf-8")
    records = [json.loads(line) for line in raw.splitlines() if line.strip()]
    words = 0
    with path.open("w", encoding="utf-8") as fh:
        for i in range(reports):
            record = dict(records[i % len(records)], id=f"bench-{i:07d}")
            words += len(record["text"].split())
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return words


def run_one(
    engine: str, master: str | None, source: str, output: str, partitions: int | None
) -> dict[str, Any]:
    """One engine run in this process: start-up and extraction times."""
    from ringscope.engines.local import LocalEngine

    result: dict[str, Any] = {}
    if engine == "local":
        started = time.perf_counter()
        summary = LocalEngine().extract_file(source, output)
        result["run"] = time.perf_counter() - started
    else:
        from ringscope.engines.spark import SparkEngine

        runner = SparkEngine(master)
        started = time.perf_counter()
        session = runner.session
        session.sparkContext.parallelize(range(4), 2).map(lambda x: x + 1).collect()
        result["startup"] = time.perf_counter() - started
        started = time.perf_counter()
        summary = runner.extract_file(source, output, partitions=partitions)
        result["run"] = time.perf_counter() - started
        runner.close()
    result["extracted"] = summary.extracted
    result["failed"] = summary.failed
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=20_000)
    parser.add_argument(
        "--partitions", type=int, default=None, help="Spark input partitions (default 2 per core)"
    )
    parser.add_argument("--keep", type=Path, default=None, help="Keep corpus and results in this folder")
    parser.add_argument(
        "--master", action="append", default=None,
        help="Spark master to measure (repeatable; default local[1] and local[2])",
    )
    parser.add_argument(
        "--one", nargs=4, metavar=("ENGINE", "MASTER", "INPUT", "OUTPUT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.one:
        engine, master, source, output = args.one
        print(json.dumps(run_one(engine, None if master == "-" else master, source, output, args.partitions)))
        return
    folder = args.keep or Path(tempfile.mkdtemp(prefix="ringscope-spark-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    corpus = folder / "corpus.jsonl"
    words = write_corpus(corpus, args.reports)
    print(
        f"corpus: {args.reports} reports, {words} words ({corpus.stat().st_size / 1e6:.1f} MB), "
        f"{os.cpu_count()} cores"
    )
    width = max(16, *(len(m) + 8 for m in args.master or []))
    print(f"{'engine':<{width}}{'start-up s':>12}{'run s':>10}{'reports/s':>12}{'words/s':>12}")
    masters = args.master or ["local[1]", "local[2]"]
    for number, (engine, master) in enumerate([("local", "-")] + [("spark", m) for m in masters]):
        output = folder / f"out-{number}-{engine}"
        command = [sys.executable, __file__, "--one", engine, master, corpus.as_uri(), output.as_uri()]
        if args.partitions:
            command += ["--partitions", str(args.partitions)]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            print(f"{engine} {master}: failed\n{done.stderr[-2000:]}", file=sys.stderr)
            continue
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        label = engine if master == "-" else f"spark {master}"
        startup = f"{figures['startup']:.1f}" if "startup" in figures else "-"
        run = figures["run"]
        rate = figures["extracted"] / run
        print(f"{label:<{width}}{startup:>12}{run:>10.1f}{rate:>12.0f}{words / run:>12.0f}")
    if args.keep is None:
        import shutil

        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
