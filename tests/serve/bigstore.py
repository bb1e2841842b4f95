"""A store with hundreds of invented reports (more than 300 entities and figures), for paging tests.

Every name is made of invented syllables; the sentences are written for these tests. One report
names a victim (the shared fixture's invented one) and one comes from a plain-text file, so that
its source is a local path no page may show.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from ringscope.ingest import ingest_paths
from ringscope.serve.users import add_user, create_token
from ringscope.store import Store

from .storefixture import INVENTED, PASSWORDS, ROLES, Fixture

_FIRST = ["Vel", "Mor", "Tas", "Quin", "Dor", "Lum", "Brak", "Sel", "Nov", "Hal", "Zen", "Cor", "Fen", "Gal"]
_MIDDLE = ["ora", "ith", "ane", "usk", "ello", "ard", "iva", "ond", "esh", "ul"]
_LAST = ["mont", "vale", "crest", "ford", "wick"]
_COUNTRIES = ["Cambodia", "Myanmar", "Laos", "the Philippines"]
_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]
REPORTS = 600
TEXT_FILE = "local-note.txt"


def firm(i: int) -> str:
    last, first, middle = next(itertools.islice(itertools.product(_LAST, _FIRST, _MIDDLE), i, None))
    return f"{first}{middle}{last} Holdings Ltd"


def rows(count: int = REPORTS) -> list[dict[str, str]]:
    out = []
    for i in range(count):
        year, month, day = 2019 + i % 7, 1 + i % 12, 1 + i % 27
        out.append(
            {
                "id": f"syn-{i:04d}",
                "source": f"Invented Gazette {i % 9}",
                "url": f"https://example.net/gazette{i % 9}/story-{i}",
                "published": f"{year}-{month:02d}-{day:02d}",
                "title": f"{firm(i).removesuffix(' Ltd')} compound raided",
                "text": (
                    f"Police said {11 + i * 7} workers were rescued from a compound run by {firm(i)} in"
                    f" {_COUNTRIES[i % 4]} on {day} {_MONTHS[month - 1]}. Investigators said the firm had"
                    f" moved staff between {10 + i % 5} buildings."
                ),
            }
        )
    return out


def build_big_store(folder: Path, count: int = REPORTS) -> Fixture:
    path = folder / "big.db"
    lines = folder / "big.jsonl"
    lines.write_text("".join(json.dumps(r) + "\n" for r in rows(count) + INVENTED), encoding="utf-8")
    note = folder / TEXT_FILE
    note.write_text(
        "Harbour patrol note\n\nOfficers counted 44 people rescued from a boat off Quinardvale Point.\n",
        encoding="utf-8",
    )
    with Store(path) as db:
        summary = ingest_paths(db, [lines, note])
        assert summary.ok
    tokens = {}
    for username, role in ROLES.items():
        add_user(path, username, PASSWORDS[username], role)
        tokens[role] = create_token(path, username, "tests")
    return Fixture(path, tokens)
