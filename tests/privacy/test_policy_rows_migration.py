"""A store whose decision was kept whole keeps it, as rows in its order, after the upgrade."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from ringscope.privacy.cues import load
from ringscope.privacy.stored import _encode, restore
from ringscope.store import MIGRATIONS, Store, migrate
from ringscope.store.withheld import DECISION_ROWS_SCHEMA


def test_the_decision_kept_whole_becomes_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, MIGRATIONS[: MIGRATIONS.index(DECISION_ROWS_SCHEMA)])
    # the decision's order is by first mention, not by number; one person is no longer withheld
    withheld = [
        ["ent-b", "[victim 3]", ["Orla Quennell"], ["victim_cue"]],
        ["text:sefa ündrel", "[victim 1]", ["Sefa Ündrel"], ["private_cue"]],
        ["ent-a", "[victim 2]", ["Maren Tolk", "M. Tolk"], ["no_public_role"]],
    ]
    gone = ["ent-c", "[victim 4]", ["Pell Ostrand"], ["no_public_role"]]
    for (key, label, names, reasons), current in [*((w, 1) for w in withheld), (gone, 0)]:
        conn.execute(
            "INSERT INTO withheld_persons (key, label, number, names, reasons, current)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (key, label, int(label.strip("[]").split()[-1]), json.dumps(names), json.dumps(reasons), current),
        )
    conn.execute("UPDATE withheld_persons SET current = 1 WHERE key = 'ent-c'")  # a row left behind
    data = {"withheld": withheld, "visible": ["Inspector Dalgarth", "Varrowfield"]}
    conn.execute("INSERT INTO picture_policy (id, state, data) VALUES (1, 'some state', ?)",
                 (json.dumps(data, ensure_ascii=False),))
    conn.close()
    with Store(path) as db:
        assert db.picture_parts().policy("some state") == "whole"
        policy = restore(db, load())
        labels = db.withheld_labels()
    assert [w.key for w in policy.withheld.values()] == [w[0] for w in withheld]
    assert json.loads(_encode(policy)) == {
        "withheld": [[k, label, sorted(names), reasons] for k, label, names, reasons in withheld],
        "visible": data["visible"],
    }
    assert labels["ent-c"] == ("[victim 4]", 4), "a placeholder once given is kept"
    assert policy.redact("Sefa Ündrel spoke.").text.startswith("[victim 1]")
