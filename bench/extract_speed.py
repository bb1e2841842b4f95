"""Extraction speed and memory on one core, next to a bare spaCy tokenizer pass.

Builds a large corpus by cycling over real report texts (the dev corpus at
``../shared/corpus/dev/reports.jsonl`` when it is there, else the bundled
sample corpus; ``--texts`` picks another JSON-lines file) until a word
budget is reached (default 10 million words), streams it through
``ringscope.extract.extract`` in one process, and prints words per second
(per CPU second of the process, which a busy machine does not distort, and
per wall-clock second),
peak RSS and RSS at checkpoints (which should stay flat as the corpus grows).
The whole ``ringscope extract`` command then runs over the same corpus written
as a JSON-lines file (reading, language detection, extraction, same-event
grouping, writing), its RSS sampled at quarters of its run.
The same corpus then goes through a blank spaCy English tokenizer, the floor
any tokenised pipeline pays. Each engine runs in its own subprocess so that
their memory figures do not mix.

Usage: python bench/extract_speed.py [--words N] [--texts FILE.jsonl]
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
from pathlib import Path

DEV_TEXTS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev" / "reports.jsonl"
TEXTS = os.environ.get("RINGSCOPE_BENCH_TEXTS", "")


def sample_texts() -> list[str]:
    """The texts to cycle over: ``--texts``, else the dev corpus, else the bundled sample."""
    if TEXTS:
        raw = Path(TEXTS).read_text(encoding="utf-8")
    elif DEV_TEXTS.is_file():
        raw = DEV_TEXTS.read_text(encoding="utf-8")
    else:
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


def run_command(words: int) -> dict[str, object]:
    """The whole ``ringscope extract`` command over the corpus as a JSON-lines file."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="ringscope-bench-") as scratch:
        path = os.path.join(scratch, "corpus.jsonl")
        docs = done = 0
        with open(path, "w", encoding="utf-8") as fh:
            for text, n in corpus(words):
                fh.write(json.dumps({"id": f"b{docs}", "text": text, "published": "2024-03-27"}) + "\n")
                docs += 1
                done += n
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        command = [sys.executable, "-m", "ringscope.cli", "extract", path, "-o", os.devnull]
        process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
        samples: list[tuple[float, float]] = []
        while process.poll() is None:
            samples.append((time.perf_counter() - start, _rss_of(process.pid)))
            time.sleep(0.25)
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        raise SystemExit(f"ringscope extract failed with exit code {process.returncode}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    marks = []
    for quarter in (1, 2, 3, 4):
        seen = [rss for t, rss in samples if t <= elapsed * quarter / 4 and rss == rss]
        marks.append((done * quarter // 4, round(max(seen), 1) if seen else float("nan")))
    return {
        "engine": "command",
        "words": done,
        "documents": docs,
        "seconds": round(elapsed, 2),
        "words_per_second": round(done / elapsed),
        "cpu_seconds": round(cpu, 2),
        "words_per_cpu_second": round(done / cpu),
        "peak_rss_mb": round(after.ru_maxrss / 1024, 1),
        "rss_mb_at_words": marks,
    }


def _rss_of(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def run(engine: str, words: int) -> dict[str, object]:
    if engine == "command":
        return run_command(words)
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
    parser.add_argument("--texts", default="", help="JSON-lines file of reports whose texts to cycle over")
    parser.add_argument("--engine", choices=["extract", "command", "spacy"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.engine:
        print(json.dumps(run(args.engine, args.words)))
        return 0
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    if args.texts:
        env["RINGSCOPE_BENCH_TEXTS"] = str(Path(args.texts).resolve())
    texts = args.texts or (DEV_TEXTS if DEV_TEXTS.is_file() else "the bundled sample corpus")
    print(f"texts: {texts}")
    cpu = ["taskset", "-c", "0"] if _has_taskset() else []
    results = []
    for engine in ("extract", "command", "spacy"):
        out = subprocess.run(
            [*cpu, sys.executable, __file__, "--engine", engine, "--words", str(args.words)],
            check=True, capture_output=True, text=True, env=env,
        )
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    labels = {
        "extract": "ringscope.extract.extract (the function)",
        "command": "ringscope extract (the whole command)",
        "spacy": "spaCy blank tokenizer (floor)",
    }
    floor = float(results[-1]["words_per_cpu_second"])  # type: ignore[arg-type]
    for r in results:
        label = labels[str(r["engine"])]
        print(f"{label}: {r['words']:,} words in {r['documents']:,} reports; "
              f"{r['words_per_cpu_second']:,} words per CPU second ({r['cpu_seconds']} s on one core), "
              f"{r['words_per_second']:,} words per wall-clock second; peak RSS {r['peak_rss_mb']} MB")
        print("  RSS (MB) as the corpus grows: "
              + ", ".join(f"{w:,} words: {m}" for w, m in r["rss_mb_at_words"]))  # type: ignore[attr-defined]
        if r["engine"] != "spacy":
            ratio = float(r["words_per_cpu_second"]) / floor  # type: ignore[arg-type]
            print(f"  {ratio:.3f}x the spaCy tokenizer's words per CPU second")
    return 0


def _has_taskset() -> bool:
    from shutil import which

    return which("taskset") is not None


if __name__ == "__main__":
    sys.exit(main())
