"""A store for the link chart tests: the shared serve store's reports plus an invented one where a
victim is linked by a sentence (so a leak of her name would show in the chart)."""

from __future__ import annotations

import json
from pathlib import Path

from ringscope.ingest import ingest_paths
from ringscope.serve.users import add_user, create_token
from ringscope.store import Store

from .storefixture import INVENTED, PASSWORDS, ROLES, SAMPLE, Fixture

LINKED_VICTIM = "Sela Marrow"
CHART_REPORT = {
    "id": "t-chart-1",
    "source": "Invented Ledger",
    "url": "https://example.org/invented-ledger/union",
    "published": "2025-04-01",
    "title": "Union member among those held at a compound",
    "text": (
        f"Survivor {LINKED_VICTIM}, 24, joined the Harbour Workers Union before brokers lured her abroad."
        " Police Colonel Dario Fenwick said the Harbour Police raided the Lotus Reef compound in March."
    ),
}


def build_graph_store(folder: Path) -> Fixture:
    path = folder / "graph.db"
    invented = folder / "invented.jsonl"
    invented.write_text("".join(json.dumps(r) + "\n" for r in [*INVENTED, CHART_REPORT]), encoding="utf-8")
    with Store(path) as db:
        assert ingest_paths(db, [SAMPLE, invented]).ok
    tokens = {}
    for username, role in ROLES.items():
        add_user(path, username, PASSWORDS[username], role)
        tokens[role] = create_token(path, username, "tests")
    return Fixture(path, tokens)
