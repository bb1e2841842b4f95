"""Whether an archive loaded in batches gives the picture loaded at once (at a realistic scale).

Usage: python bench/update_equality.py [--size 3000] [--batch 500] [--dir /tmp/x]

Builds the invented archive of bench/fusion_scale.py (needs ../shared), ingests it batch by batch
into one store (the picture and victim policy updated after each batch) and at once into another,
then compares the stored pictures item for item and the victim-policy decisions (who is withheld,
under which names and why; placeholders are numbered in the order decisions were taken, so they
are not compared), and the decision kept batch by batch with the decision taken over its whole
picture with its placeholders (``placed``: placeholders and order too). Prints CPU seconds of both
loads.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fusion_scale  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=3000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    from ringscope.api import ingest, open_store
    from ringscope.fuse.stored import current
    from ringscope.privacy.cues import load
    from ringscope.privacy.policy import decide
    from ringscope.privacy.stored import _encode, restore

    work = args.dir or Path(tempfile.mkdtemp(prefix="update_equality_"))
    work.mkdir(parents=True, exist_ok=True)
    pool = fusion_scale.sentences()
    files = []
    for start in range(0, args.size, args.batch):
        path = work / f"batch_{start}.jsonl"
        fusion_scale.archive(path, start, min(args.batch, args.size - start), pool, seed=start)
        files.append(path)
    stores = {"batches": work / "batches.db", "at once": work / "once.db"}
    for path in stores.values():
        path.unlink(missing_ok=True)
    start_cpu = time.process_time()
    with open_store(stores["batches"]) as db:
        for path in files:
            ingest([path], db)
    print(f"{len(files)} batches: CPU {time.process_time() - start_cpu:.1f} s")
    start_cpu = time.process_time()
    with open_store(stores["at once"]) as db:
        ingest(files, db)
    print(f"at once: CPU {time.process_time() - start_cpu:.1f} s")
    pictures, decisions = [], []
    for path in stores.values():
        with open_store(path) as db:
            pictures.append(db.stored_picture(db.state()))
            assert db.picture_parts().policy(db.state()) is not None, f"{path}: no decision kept"
            decisions.append(json.loads(_encode(restore(db, load()))))
    same = True
    for name in ("events", "entities", "occurrences", "figures"):
        equal = getattr(pictures[0], name) == getattr(pictures[1], name)
        same &= equal
        print(f"{name:9} {len(getattr(pictures[0], name)):7}  {'same' if equal else 'DIFFERENT'}")
    for name in ("event_of", "flags"):
        equal = sorted(getattr(pictures[0], name)) == sorted(getattr(pictures[1], name))
        same &= equal
        print(f"{name:9} {len(getattr(pictures[0], name)):7}  {'same' if equal else 'DIFFERENT'}")
    held = [sorted((w[0], w[2], w[3]) for w in d["withheld"]) for d in decisions]
    equal = held[0] == held[1] and decisions[0]["visible"] == decisions[1]["visible"]
    same &= equal
    print(f"withheld  {len(held[0]):7}  {'same' if equal else 'DIFFERENT'}")
    with open_store(stores["batches"]) as db:  # placeholders and order too, as the whole decision gives them
        whole = json.loads(_encode(decide(current(db), load(), labels=db.withheld_labels())))
    equal = whole == decisions[0]
    same &= equal
    print(f"placed    {len(held[0]):7}  {'same' if equal else 'DIFFERENT'} (against the whole decision)")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
