"""Victims' names per report, read straight from the store (cheap for one page of results)."""

from __future__ import annotations

import json
import sqlite3

from ringscope.model import Entity, Mention
from ringscope.report.privacy import is_victim_in


def hidden_names(conn: sqlite3.Connection, report_ids: list[str]) -> dict[str, set[str]]:
    """For each report, the names (and aliases) of the persons it presents as victims."""
    ids = sorted(set(report_ids))
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    persons = conn.execute(
        "SELECT pk, report_id, name, aliases, roles FROM entities"
        f" WHERE type = 'Person' AND report_id IN ({marks})",
        ids,
    ).fetchall()
    if not persons:
        return {}
    pks = [row[0] for row in persons]
    mentions: dict[int, list[Mention]] = {}
    for entity_pk, start, end, text in conn.execute(
        f'SELECT entity_pk, start, "end", text FROM mentions WHERE entity_pk IN ({",".join("?" * len(pks))})',
        pks,
    ):
        mentions.setdefault(entity_pk, []).append(Mention(start, end, text))
    with_persons = sorted({row[1] for row in persons})
    texts = dict(
        conn.execute(
            f"SELECT id, text FROM reports WHERE id IN ({','.join('?' * len(with_persons))})", with_persons
        )
    )
    out: dict[str, set[str]] = {}
    for pk, report_id, name, aliases, roles in persons:
        entity = Entity(
            "Person",
            name,
            aliases=json.loads(aliases),
            roles=json.loads(roles),
            mentions=mentions.get(pk, []),
        )
        if is_victim_in(entity, texts.get(report_id, "")):
            out.setdefault(report_id, set()).update([name, *entity.aliases])
    return out
