"""Invented reports for the judgement tests, and a store holding them with one user per role.

Three outlets tell one raid (two give 212 rescued, one 220: a conflict the reconciler flags); the
gang is named "Halvard Syndicate" by two and "Halvard Group" by one (two entities until merged);
two unrelated reports about Brenmark are grouped as one event by fusion (a judgement takes them apart).
"""

from __future__ import annotations

import json
from pathlib import Path

from ringscope.ingest import ingest_paths
from ringscope.serve.users import add_user
from ringscope.store import Store

_LURED = "The workers had been lured with fake job offers and forced to run online fraud schemes."
REPORTS = [
    {"url": "https://northwind.example/a1", "source": "Northwind Daily", "published": "2026-03-02",
     "title": "Police free workers from scam compound in Osterland",
     "text": "Police in Osterland said on Monday they had rescued 212 people from a scam compound near the"
             " river port of Valmora. The Halvard Syndicate ran the compound, according to Inspector Tomas"
             f" Reyl. {_LURED}"},
    {"url": "https://coastline.example/a2", "source": "Coastline Herald", "published": "2026-03-03",
     "title": "Hundreds rescued from Valmora fraud compound",
     "text": "Authorities in Osterland rescued 220 people from a fraud compound near Valmora on Monday,"
             f" Inspector Tomas Reyl said. The compound was run by Halvard Group, police said. {_LURED}"},
    {"url": "https://eastgate.example/a3", "source": "Eastgate Times", "published": "2026-03-04",
     "title": "Valmora compound raid frees workers",
     "text": "A raid on a scam compound near Valmora in Osterland freed 212 people, Inspector Tomas Reyl"
             " told reporters. The Halvard Syndicate is accused of running the compound. The workers had"
             " been lured with fake job offers and forced into online fraud."},
    {"url": "https://southern.example/b1", "source": "Southern Ledger", "published": "2026-05-10",
     "title": "Charity opens shelter for survivors in Brenmark",
     "text": "The Lantern Aid Trust opened a shelter for 45 survivors of online scam compounds in Brenmark"
             " on Friday. The shelter will offer counselling and legal help, the trust said."},
    {"url": "https://western.example/b2", "source": "Western Post", "published": "2026-05-11",
     "title": "Brenmark court jails recruiter",
     "text": "A court in Brenmark jailed a recruiter for nine years for sending 17 people to scam compounds"
             " abroad. Prosecutors said the recruiter worked for the Pell Network."},
]
PASSWORDS = {"vera": "viewer-password-9", "anna": "analyst-password-9", "adam": "admin-password-9"}
ROLES = {"vera": "viewer", "anna": "analyst", "adam": "admin"}


def build(folder: Path) -> Path:
    """A store of :data:`REPORTS` with the users of :data:`ROLES`."""
    source = folder / "reports.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in REPORTS), encoding="utf-8")
    path = folder / "judged.db"
    with Store(path) as db:
        assert ingest_paths(db, [source]).ok
    for username, role in ROLES.items():
        add_user(path, username, PASSWORDS[username], role)
    return path


def report_ids(path: Path) -> dict[str, str]:
    """Report id by the last part of its URL (a1, a2, a3, b1, b2)."""
    with Store(path, create=False) as db:
        return {str(r.url).rsplit("/", 1)[-1]: r.id for r in db.iter_reports()}
