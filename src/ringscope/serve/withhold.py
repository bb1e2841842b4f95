"""The victim policy at the web and API edges: who may see names, and redacted answers.

Only an admin who asks for names (``names=1``) sees them, and every such request is audited;
everyone else, analysts included, gets the redacted views of :mod:`ringscope.privacy.view`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

from fastapi import HTTPException, Request

from ringscope.model import Claim, Extraction, Report
from ringscope.privacy import Policy
from ringscope.privacy import view as views
from ringscope.report import snapshot as snapshots
from ringscope.serve import queries
from ringscope.serve.deps import audit, store_path
from ringscope.serve.users import User


def snapshot(request: Request) -> snapshots.Snapshot:
    return snapshots.load(store_path(request))


def names_shown(request: Request, user: User, names: bool, target: str) -> bool:
    """Whether names are shown: only to an admin who asks, and the asking is audited."""
    if not names:
        return False
    if not user.can("admin"):
        raise HTTPException(403, "forbidden: only an admin may see the names of withheld persons")
    audit(request, user, "names", target, "victims' names shown")
    return True


def report_view(
    request: Request, report: Report, extraction: Extraction, names: bool
) -> tuple[Report, Extraction]:
    if names:
        return report, extraction
    snap = snapshot(request)
    labels = snap.kept(
        ("labels by occurrence",), lambda: views.labels_by_occurrence(snap.policy, snap.picture)
    )
    return views.report(snap.policy, report), views.extraction(snap.policy, report, extraction, labels)


def report_rows(policy: Policy | None, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """(id, title, source, url, published, ...) rows with title and address redacted."""
    if policy is None:
        return rows
    return [(r[0], policy.text(r[1]), r[2], policy.url(r[3]), *r[4:]) for r in rows]


def claims_view(
    policy: Policy | None, conn: sqlite3.Connection, rows: list[tuple[str, Claim]]
) -> list[tuple[str, Claim]]:
    """(report id, claim) pairs with quotes and speakers redacted and spans carried over."""
    if policy is None:
        return rows
    texts = queries.report_texts(conn, sorted({r for r, _ in rows}))
    redacted = {rid: policy.redact(text) for rid, text in texts.items()}
    return [(rid, views.claim(policy, c, redacted.get(rid))) for rid, c in rows]


def search_rows(policy: Policy | None, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Search rows with title, address and snippet redacted (the snippet before any markup)."""
    if policy is None:
        return rows
    return [
        (
            r[0],
            policy.text(r[1]),
            r[2],
            policy.url(r[3]),
            r[4],
            policy.redactor.marked(r[5], "«", "»"),
            *r[6:],
        )
        for r in rows
    ]


def export_items(request: Request, include_victims: bool) -> Iterator[tuple[Report, Extraction]]:
    """Every report and extraction of the store, redacted unless ``include_victims``."""
    return snapshots.export_items(store_path(request), include_victims)
