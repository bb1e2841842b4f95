"""A store of invented reports (victims next to officials and suspects) with one user per role."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ringscope.ingest import ingest_paths
from ringscope.serve.users import add_user, create_token
from ringscope.store import Store

from .corpus import write

PASSWORDS = {"vera": "viewer-password-1", "anna": "analyst-password-1", "adam": "admin-password-1"}
ROLES = {"vera": "viewer", "anna": "analyst", "adam": "admin"}


@dataclass(frozen=True)
class VictimStore:
    path: Path
    tokens: dict[str, str]

    def headers(self, role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"}


def build(folder: Path) -> VictimStore:
    path = folder / "victims.db"
    with Store(path) as db:
        assert ingest_paths(db, [write(folder / "invented.jsonl")]).ok
    tokens = {}
    for username, role in ROLES.items():
        add_user(path, username, PASSWORDS[username], role)
        tokens[role] = create_token(path, username, "tests")
    return VictimStore(path, tokens)
