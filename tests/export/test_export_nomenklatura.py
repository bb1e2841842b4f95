"""nomenklatura's own cross-referencing (``nk xref``) over the FtM export finds no pair of entities
that ringscope had already resolved into one: each resolved entity is exported once, with every alias."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from export_fixtures import items

from ringscope.export.ftm import write_ftm
from ringscope.fuse import fuse
from ringscope.model import Entity, Extraction, Mention, Report

TEXT_C = (
    "The Inland Tide Bureau (ITB) said the Harbour Police Academy trained officers of the Harbour "
    "Police Agency before the raid. Col. Arvid Nettle led it."
)
TEXT_D = "A spokesman for the Inland Tide Bureau said the Harbour Police Agency had made arrests."


def _entity(text: str, type_: str, name: str) -> Entity:
    start = text.index(name)
    return Entity(type_, name, mentions=[Mention(start, start + len(name), name)])


def _items() -> list[tuple[Report, Extraction]]:
    c = Report(text=TEXT_C, source="Reed Bulletin", published="2026-02-14", title="Bureau briefing")
    d = Report(text=TEXT_D, source="Quay Daily", published="2026-02-15", title="Arrests made")
    return [
        *items(),
        (
            c,
            Extraction(
                entities=[
                    _entity(TEXT_C, "Organization", "Inland Tide Bureau (ITB)"),
                    _entity(TEXT_C, "Organization", "Harbour Police Academy"),
                    _entity(TEXT_C, "Organization", "Harbour Police Agency"),
                    _entity(TEXT_C, "Person", "Arvid Nettle"),
                ]
            ),
        ),
        (
            d,
            Extraction(
                entities=[
                    _entity(TEXT_D, "Organization", "Inland Tide Bureau"),
                    _entity(TEXT_D, "Organization", "Harbour Police Agency"),
                ]
            ),
        ),
    ]


def _candidates(export: Path, scratch: Path) -> list[tuple[str, str]]:
    nk = Path(sys.executable).with_name("nk")
    if not nk.exists():
        pytest.skip("nomenklatura's nk command is not installed next to this Python")
    env = dict(os.environ, NOMENKLATURA_DB_URL=f"sqlite:///{scratch / 'resolver.db'}")
    subprocess.run(
        [str(nk), "xref", "-p", str(scratch / "index"), str(export)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
        env=env,
    )
    code = (
        "from nomenklatura.db import make_session\n"
        "from nomenklatura.resolver import Resolver\n"
        "import json\n"
        "with make_session() as session:\n"
        "    resolver = Resolver(session, create=False)\n"
        "    print(json.dumps([[a, b] for a, b, _ in resolver.get_candidates()]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120, env=env
    )
    return [(a, b) for a, b in json.loads(out.stdout.strip().splitlines()[-1])]


def test_nk_xref_finds_no_duplicate_that_ringscope_had_resolved(tmp_path: Path) -> None:
    data = _items()
    resolved = fuse(data).entities
    owner = {(e.type, alias): e.id for e in resolved for alias in e.aliases}
    buffer = io.StringIO()
    write_ftm(data, buffer)
    export = tmp_path / "export.ftm.jsonl"
    export.write_text(buffer.getvalue(), encoding="utf-8")
    exported = {e["id"]: e for e in map(json.loads, buffer.getvalue().splitlines())}
    # each resolved entity is one FtM entity carrying every alias
    for entity in resolved:
        if entity.type in ("Person", "Organization"):
            names = set(exported[entity.id]["properties"].get("name", []))
            names |= set(exported[entity.id]["properties"].get("alias", []))
            assert set(entity.aliases) <= names, entity.name
    bureau = {owner[("Organization", n)] for n in ("Inland Tide Bureau (ITB)", "Inland Tide Bureau")}
    assert len(bureau) == 1  # ringscope resolved the two spellings

    def owners(entity_id: str) -> set[str]:
        props = exported[entity_id]["properties"]
        kind = exported[entity_id]["schema"]
        return {
            owner[(t, n)]
            for n in props.get("name", []) + props.get("alias", [])
            for t in (kind, "Organization" if kind == "Company" else kind)
            if (t, n) in owner
        }

    pairs = _candidates(export, tmp_path)
    suggested = {frozenset(p) for p in pairs}
    academy = owner[("Organization", "Harbour Police Academy")]
    agency = owner[("Organization", "Harbour Police Agency")]
    assert frozenset((academy, agency)) in suggested  # xref ran and saw names ringscope kept apart
    for a, b in pairs:
        if a in exported and b in exported:
            assert not owners(a) & owners(b), (exported[a]["properties"], exported[b]["properties"])
