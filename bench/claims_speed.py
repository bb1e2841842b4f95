"""Speed of the figure stages (dates, claims) on one core, on the bundled sample corpus.

Places are found once beforehand; each stage then runs over the corpus ``--rounds`` times and
the best round is reported, timed in CPU seconds of this process (the least disturbed by other
load on the machine).

Usage: python bench/claims_speed.py [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import time
from importlib import resources

from ringscope.extract.claims import extract_claims
from ringscope.extract.dates import extract_dates
from ringscope.extract.document import Document
from ringscope.extract.numbers import find_amounts
from ringscope.extract.places import find_places


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    raw = resources.files("ringscope").joinpath("data/sample/reports.jsonl").read_text(encoding="utf-8")
    reports = [json.loads(line) for line in raw.splitlines() if line.strip()]
    words = sum(len(r["text"].split()) for r in reports)
    docs = [Document(r["text"], r.get("published")) for r in reports]
    places = [find_places(d) for d in docs]
    dates = [extract_dates(d) for d in docs]
    extract_claims(docs[0], places[0], [], dates[0])  # warm the lazily built tables
    stages = {
        "numbers": lambda i: find_amounts(docs[i].text),
        "dates": lambda i: extract_dates(docs[i]),
        "claims (incl. numbers)": lambda i: extract_claims(docs[i], places[i], [], dates[i]),
    }
    print(f"{len(docs)} reports, {words:,} words, best of {args.rounds} rounds")
    for name, stage in stages.items():
        best = float("inf")
        for _ in range(args.rounds):
            start = time.process_time()
            for i in range(len(docs)):
                stage(i)
            best = min(best, time.process_time() - start)
        print(f"{name:24} {words / best:12,.0f} words/s")


if __name__ == "__main__":
    main()
