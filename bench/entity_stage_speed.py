"""Words per second of the places, entities and routes stages, and the gazetteer's load time.

Usage: python bench/entity_stage_speed.py [GOLD.jsonl]
Reads report texts from the dev corpus (default ../shared/corpus/dev/reports.jsonl), runs each stage
over many short reports and over one long report made of them all (to show cost stays linear), and
prints the figures: CPU time on one core, best of three runs, after building the gazetteer.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import cast

from ringscope.extract.document import Document
from ringscope.extract.entities import extract_entities
from ringscope.extract.gazetteer import gazetteer
from ringscope.extract.places import PlaceHit, find_places
from ringscope.extract.routes import extract_routes
from ringscope.model import Entity

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpus" / "dev" / "reports.jsonl"


def _timed(label: str, words: int, run: Callable[[], object], repeat: int = 3) -> object:
    """Best of ``repeat`` runs in CPU time (other processes on the machine do not count)."""
    best = float("inf")
    result: object = None
    for _ in range(repeat):
        started = time.process_time()
        result = run()
        best = min(best, time.process_time() - started)
    print(f"{label:28} {words / best:12,.0f} words/s")
    return result


def _run_batch(label: str, batch: list[str]) -> None:
    docs = [Document(t) for t in batch]
    words = sum(len(t.split()) for t in batch)
    print(f"-- {label}: {len(docs)} documents, {words:,} words")
    places = cast(list[list[PlaceHit]], _timed("places", words, lambda: [find_places(d) for d in docs]))
    pairs = list(zip(docs, places, strict=True))
    entities = cast(
        list[list[Entity]], _timed("entities", words, lambda: [extract_entities(d, p) for d, p in pairs])
    )
    triples = list(zip(docs, places, entities, strict=True))
    _timed("routes", words, lambda: [extract_routes(d, p, e) for d, p, e in triples])


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else DEFAULT
    if not path.exists():
        print(f"corpus not found: {path}", file=sys.stderr)
        return 2
    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8") if line.strip()]
    started = time.perf_counter()
    gazetteer()
    print(f"{'gazetteer load':28} {time.perf_counter() - started:12.3f} s")
    batches = (("short reports x20", texts * 20), ("one long report x10", ["\n\n".join(texts * 10)]))
    for label, batch in batches:
        _run_batch(label, batch)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
