"""A store built from the bundled sample corpus plus invented reports naming a victim (shared by tests)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ringscope.ingest import ingest_paths
from ringscope.serve.users import add_user, create_token
from ringscope.store import Store

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "ringscope" / "data" / "sample" / "reports.jsonl"
VICTIM = "Ravel Dossou"
OFFICIAL = "Ivo Sandberg"
INVENTED = [
    {
        "id": "t-victim-1",
        "source": "Invented Courier",
        "url": "https://example.org/invented-courier/survivor",
        "published": "2026-02-03",
        "title": "Survivor recounts months inside a scam compound",
        "text": (
            f"{VICTIM}, 27, who was trafficked to a compound in Myanmar last year, said guards beat workers"
            f" who missed their targets. Police Colonel {OFFICIAL} said 58 people were rescued from the"
            " compound on Tuesday."
        ),
    },
]
PASSWORDS = {"vera": "viewer-password", "anna": "analyst-password", "adam": "admin-password"}
ROLES = {"vera": "viewer", "anna": "analyst", "adam": "admin"}


@dataclass(frozen=True)
class Fixture:
    path: Path
    tokens: dict[str, str]
    """role -> API token."""

    def headers(self, role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"}


def build_store(folder: Path) -> Fixture:
    path = folder / "serve.db"
    invented = folder / "invented.jsonl"
    invented.write_text("".join(json.dumps(r) + "\n" for r in INVENTED), encoding="utf-8")
    with Store(path) as db:
        summary = ingest_paths(db, [SAMPLE, invented])
        assert summary.ok
    tokens = {}
    for username, role in ROLES.items():
        add_user(path, username, PASSWORDS[username], role)
        tokens[role] = create_token(path, username, "tests")
    return Fixture(path, tokens)
