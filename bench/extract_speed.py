"""Extraction speed and memory on one core, next to a bare spaCy tokenizer pass.

Builds a large corpus by cycling over the bundled sample corpus until a word
budget is reached (default 10 million words), streams it through
``ringscope.extract.extract`` in one process, and prints words per second
(per CPU second of the process, which a busy machine does not distort, and
per wall-clock second),
peak RSS and RSS at checkpoints (which should stay flat as the corpus grows).
The same corpus then goes through a blank spaCy English tokenizer, the floor
any tokenised pipeline pays. Each engine runs in its own subprocess so that
their memory figures do not mix.

Usage: python bench/extract_speed.py [--words N]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from importlib import resources


def sample_texts() -> list[str]:
    raw = resources.files("ringscope").joinpath("data/sample/reports.jsonl").read_text(encoding="utf-8")
    return [json.loads(line)["text"] for line in raw.splitlines() if line.strip()]


def corpus(words: int) -> Iterator[tuple[str, int]]:
    texts = [(t, len(t.split())) for t in sample_texts()]
    done = 0
    while done < words:
        for text, n in texts:
            yield text, n
            done += n
            if done >= words:
                return


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def run(engine: str, words: int) -> dict[str, object]:
    if engine == "extract":
        from ringscope.extract import extract

        extract("warm up: 12 people were rescued in Thailand.", "2024-01-01")

        def work(text: str) -> None:
            extract(text, "2024-03-27")
    else:
        import spacy

        nlp = spacy.blank("en")

        def work(text: str) -> None:
            nlp.tokenizer(text)

    checkpoints = {words // 4, words // 2, 3 * words // 4}
    marks: list[tuple[int, float]] = []
    done = 0
    docs = 0
    next_mark = sorted(checkpoints)
    start = time.perf_counter()
    cpu_start = time.process_time()
    for text, n in corpus(words):
        work(text)
        done += n
        docs += 1
        if next_mark and done >= next_mark[0]:
            marks.append((done, round(rss_mb(), 1)))
            next_mark.pop(0)
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    marks.append((done, round(rss_mb(), 1)))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "engine": engine,
        "words": done,
        "documents": docs,
        "seconds": round(elapsed, 2),
        "words_per_second": round(done / elapsed),
        "cpu_seconds": round(cpu, 2),
        "words_per_cpu_second": round(done / cpu),
        "peak_rss_mb": round(peak, 1),
        "rss_mb_at_words": marks,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=10_000_000)
    parser.add_argument("--engine", choices=["extract", "spacy"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.engine:
        print(json.dumps(run(args.engine, args.words)))
        return 0
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    cpu = ["taskset", "-c", "0"] if _has_taskset() else []
    results = []
    for engine in ("extract", "spacy"):
        out = subprocess.run(
            [*cpu, sys.executable, __file__, "--engine", engine, "--words", str(args.words)],
            check=True, capture_output=True, text=True, env=env,
        )
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    for r in results:
        label = "ringscope extract" if r["engine"] == "extract" else "spaCy blank tokenizer (floor)"
        print(f"{label}: {r['words']:,} words in {r['documents']:,} reports; "
              f"{r['words_per_cpu_second']:,} words per CPU second ({r['cpu_seconds']} s on one core), "
              f"{r['words_per_second']:,} words per wall-clock second; peak RSS {r['peak_rss_mb']} MB")
        print("  RSS (MB) as the corpus grows: "
              + ", ".join(f"{w:,} words: {m}" for w, m in r["rss_mb_at_words"]))  # type: ignore[attr-defined]
    return 0


def _has_taskset() -> bool:
    from shutil import which

    return which("taskset") is not None


if __name__ == "__main__":
    sys.exit(main())
