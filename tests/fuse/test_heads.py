"""Report heads read as an update asks for them are the heads the store lists."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ringscope.api import ingest, open_store
from ringscope.fuse import heads as heads_module
from ringscope.fuse.heads import Heads


def _store(tmp_path: Path, n: int) -> Path:
    records = [{"id": f"h{k}", "text": f"A shelter in Varnholt took in {k + 5} people on day {k}.",
                "source": f"Outlet {k % 3}", "published": f"2026-02-{k + 1:02d}"} for k in range(n)]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    store = tmp_path / "store.db"
    ingest([path], store)
    return store


@pytest.mark.parametrize("scan", [0, 100])
def test_heads_read_on_demand_are_the_listed_heads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    scan: int) -> None:
    monkeypatch.setattr(heads_module, "SCAN", scan)  # looked up by id, or scanned
    with open_store(_store(tmp_path, 6)) as db:
        listed = {r.id: r for r in db.report_heads()}
        some = sorted(listed)[:4]
        heads = Heads(db).need(some)
        assert sorted(heads) == some, "need() read other reports than asked"
        last = sorted(listed)[-1]
        assert heads[last] == listed[last], "a head not read yet was not read when asked for"
        assert dict(heads) == {r: listed[r] for r in [*some, last]}
        with pytest.raises(KeyError):
            heads["no such report"]
        assert heads.need(["no such report"]) is heads and "no such report" not in heads
