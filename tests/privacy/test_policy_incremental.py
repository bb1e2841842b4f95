"""The decision after an ingest is taken again only where the store changed, and is always the
decision taken over the whole picture."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

from ringscope.fuse.stored import current
from ringscope.ingest import ingest_paths
from ringscope.privacy.cues import load
from ringscope.privacy.incremental import kept_decision
from ringscope.privacy.policy import decide
from ringscope.privacy.stored import _encode, restore
from ringscope.store import Store

from .corpus import reports


def _write(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _whole(db: Store) -> str:
    """The decision taken over the whole picture (placeholders as given before)."""
    return _encode(decide(current(db), load(), labels=db.withheld_labels()))


def _verdict_rows(path: Path) -> dict[str, tuple[int, str, str]]:
    """Entity id -> (row id, signature, verdict) of every kept verdict on an entity."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT rowid, entity_id, sig, data FROM policy_entities")
        return {str(e): (int(r), str(s), str(d)) for r, e, s, d in rows}
    finally:
        conn.close()


def test_batch_by_batch_the_kept_decision_is_the_whole_decision(tmp_path: Path) -> None:
    records = reports()
    path = tmp_path / "kept.db"
    for n in range(4):
        with Store(path) as db:
            assert ingest_paths(db, [_write(tmp_path / f"part{n}.jsonl", records[n::4])]).ok
            assert db.picture_parts().policy(db.state()) is not None, "the ingest did not keep a decision"
            kept = _encode(restore(db, load()))
            assert json.loads(kept)["withheld"], "the invented reports name victims"
            assert kept == _whole(db)


def test_an_ingest_takes_again_only_the_verdicts_it_touches(tmp_path: Path) -> None:
    records = reports()
    path = tmp_path / "kept.db"
    with Store(path) as db:
        assert ingest_paths(db, [_write(tmp_path / "first.jsonl", records[:-1])]).ok
    before = _verdict_rows(path)
    with Store(path) as db:
        assert ingest_paths(db, [_write(tmp_path / "last.jsonl", records[-1:])]).ok
        assert _encode(restore(db, load())) == _whole(db)
    after = _verdict_rows(path)
    untouched = [e for e, row in before.items() if after.get(e) == row]
    assert untouched and len(untouched) < len(before), "the report names no entity, or every entity"
    # the report names people again as the verdicts found them: their verdicts are not written again
    seen = [e for e, row in before.items() if e in after and after[e][1] != row[1]]
    assert seen, "the report names no entity already judged"
    assert all(after[e][0] == before[e][0] and after[e][2] == before[e][2] for e in seen)


def test_removal_and_re_extraction_give_the_whole_decision(tmp_path: Path) -> None:
    path = tmp_path / "kept.db"
    with Store(path) as db:
        assert ingest_paths(db, [_write(tmp_path / "all.jsonl", reports())]).ok
        picture = current(db)
        named = sorted({o.report_id for e in picture.entities if e.type == "Person" for o in e.occurrences})
        assert len(named) >= 2
        assert db.remove(named[0])
        assert _encode(kept_decision(db, db.state())) == _whole(db)
        extraction = db.get_extraction(named[1])
        people = [e for e in extraction.entities if e.type == "Person"]
        assert people
        db.replace_extraction(named[1], dataclasses.replace(extraction, entities=[
            e for e in extraction.entities if e is not people[0]]), "test-version")
        assert _encode(kept_decision(db, db.state())) == _whole(db)


def _decision_rows(path: Path) -> tuple[dict[str, tuple[str, int]], dict[tuple[str, str], int]]:
    """Withheld key -> (state it was written at, current) and (shown name, source) -> row id."""
    conn = sqlite3.connect(path)
    try:
        persons = {str(k): (str(s), int(c)) for k, s, c in conn.execute(
            "SELECT key, state, current FROM withheld_persons")}
        rows = conn.execute("SELECT rowid, name, source FROM decision_shown")
        shown = {(str(n), str(s)): int(r) for r, n, s in rows}
        return persons, shown
    finally:
        conn.close()


def test_an_ingest_of_one_report_rewrites_no_decision_row_of_persons_it_does_not_name(tmp_path: Path) -> None:
    records = reports()
    last = next(r for r in records if r["id"] == "inv-04")  # names victims of its own
    path = tmp_path / "kept.db"
    with Store(path) as db:
        assert ingest_paths(db, [_write(tmp_path / "first.jsonl", [r for r in records if r is not last])]).ok
        names = {w.key: w.names for w in restore(db, load()).withheld.values()}
    persons, shown = _decision_rows(path)
    with Store(path) as db:
        assert ingest_paths(db, [_write(tmp_path / "last.jsonl", [last])]).ok
        assert _encode(restore(db, load())) == _whole(db)
    after, shown_after = _decision_rows(path)
    text = (last["title"] + " " + last["text"]).casefold()
    unrelated = [k for k, found in names.items() if not any(n.casefold() in text for n in found)]
    assert unrelated, "every person withheld is named in the last report"
    assert all(after[k] == persons[k] for k in unrelated), "a person the report does not name was rewritten"
    assert any(after[k] != persons.get(k) for k in after), "the report names nobody the decision changed"
    kept = [row for row, rowid in shown.items() if shown_after.get(row) == rowid]
    assert kept, "every shown name was written again"


def test_after_a_decision_taken_whole_the_next_ingests_give_the_whole_decision(tmp_path: Path) -> None:
    records = reports()
    path = tmp_path / "kept.db"
    with Store(path) as db:
        assert ingest_paths(db, [_write(tmp_path / "first.jsonl", records[::2])]).ok
        # a whole decision (as a reader without a kept decision takes it), then ingests by parts again
        db.picture_parts().save_policy("an older state", "whole")
        assert _encode(kept_decision(db, db.state())) == _whole(db)
        assert ingest_paths(db, [_write(tmp_path / "second.jsonl", records[1::2])]).ok
        assert _encode(restore(db, load())) == _whole(db)
