"""Entity resolution kept up to date: names joined by near-identical spelling, acronym or role
across batches resolve as they do at once, and a removal splits what it joined."""

from __future__ import annotations

import json
from pathlib import Path

from ringscope.api import ingest, open_store
from ringscope.fuse import fuse
from ringscope.fuse.stored import decode, encode, plain
from ringscope.fuse.update import update
from ringscope.model import Entity, Extraction, Mention, Report
from ringscope.store import Store

REPORTS = [
    "Police said the Coastal Rescue Federation freed 40 workers from a compound in Port Velmar on Monday."
    " Tamsin Orvelle, spokesperson of the Coastal Rescue Federation, said the workers were safe.",
    "Officials of the CRF said 40 workers were freed in Port Velmar. Spokesperson Tamsin Orvele said"
    " the group would be flown home.",
    "The Central Revenue Fund said it froze accounts of the compound. Its auditors found 12 accounts.",
    "Tamsin Orvelle of the Coastal Rescue Federation said 38 of the freed workers had flown home from"
    " Port Velmar.",
]


def _write(path: Path, texts: list[tuple[int, str]]) -> Path:
    rows = [{"id": f"inv-{n}", "text": text, "published": f"2026-03-0{n + 1}",
             "url": f"https://outlet{n}.example.org/a"} for n, text in texts]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _check(path: Path) -> list[str]:
    """The stored entities are those fused at once; returns their names."""
    with open_store(path) as store:
        update(store)
        rows = store.stored_picture(store.state())
        assert rows is not None
        fused = fuse(list(store.iter_extractions()))
        at_once = encode(fused)
        stored = decode({r.id: r for r in store.iter_reports()}, rows).entities
    assert rows.entities == at_once.entities
    assert [plain(e) for e in stored] == [plain(e) for e in fused.entities]
    return [name for _, _, name, _ in rows.entities]


def test_one_report_at_a_time_resolves_as_at_once(tmp_path: Path) -> None:
    store = tmp_path / "store.db"
    for n, text in enumerate(REPORTS):
        ingest([_write(tmp_path / f"r{n}.jsonl", [(n, text)])], store)
        names = _check(store)
        if n == 1:  # the acronym joins the only long name with its initials...
            assert "CRF" not in names and "Coastal Rescue Federation" in names
    assert "CRF" in names  # ...and stands alone once a second long name has them
    with open_store(store) as db:
        picture = db.stored_picture(db.state())
        assert picture is not None
        joined = [json.loads(d) for *_, d in picture.entities if len(json.loads(d)["aliases"]) > 1]
    assert joined, "no entity was resolved from two spellings: the reports test nothing"


def test_removing_and_re_adding_reports_resolves_as_at_once(tmp_path: Path) -> None:
    store = tmp_path / "store.db"
    ingest([_write(tmp_path / "all.jsonl", list(enumerate(REPORTS)))], store)
    _check(store)
    with open_store(store) as db:
        ids = [r.id for r in db.iter_reports()]
        assert db.remove(ids[0])
        assert db.remove(ids[2])
    _check(store)
    ingest([_write(tmp_path / "back.jsonl", [(2, REPORTS[2])])], store)
    _check(store)


def _person(name: str, role: str) -> Entity:
    return Entity("Person", name, roles=[role], mentions=[Mention(0, len(name), name)])


def _org(name: str, *aliases: str) -> Entity:
    return Entity("Organization", name, aliases=list(aliases), mentions=[Mention(0, len(name), name)])


def test_a_person_is_linked_to_an_organisation_that_arrives_later_and_unlinked_when_it_goes(
    tmp_path: Path,
) -> None:
    given = [
        [_person("Arlen Vostrikov", "secretary-general of the Harbour Watch Alliance")],
        [_org("Harbour Watch Alliance", "HWA")],
        [_person("Arlen Vostrikov", "HWA secretary-general"), _org("Velmar Harbour Watch")],
    ]
    path = tmp_path / "store.db"
    with Store(path) as store:
        for n, entities in enumerate(given):
            report = Report(f"Invented report number {n} about a harbour.", published="2026-03-01")
            assert store.add(report, Extraction(entities=entities), "test")
            update(store)
            rows = store.stored_picture(store.state())
            assert rows is not None
            assert rows.entities == encode(fuse(list(store.iter_extractions()))).entities
        person = next(json.loads(d) for _, kind, _, d in rows.entities if kind == "Person")
        assert len(person["links"]) == 2, "the roles should name the organisation by name and by acronym"
        assert store.remove([r.id for r in store.iter_reports()][1])
        update(store)
        rows = store.stored_picture(store.state())
        assert rows is not None
        assert rows.entities == encode(fuse(list(store.iter_extractions()))).entities
        person = next(json.loads(d) for _, kind, _, d in rows.entities if kind == "Person")
        assert person["links"] == []


def test_the_collector_is_paused_during_an_update_and_runs_again_after_it(tmp_path: Path) -> None:
    """An update pauses cyclic garbage collection while it runs: after it, collection runs again,
    unless it was paused before."""
    import gc

    from ringscope.fuse import resolve_update

    seen: list[bool] = []
    inner = resolve_update._update

    def spy(*args: object) -> resolve_update.Update:
        seen.append(gc.isenabled())
        return inner(*args)  # type: ignore[arg-type]

    resolve_update._update = spy  # type: ignore[assignment]
    was_enabled = gc.isenabled()
    try:
        gc.enable()
        store = tmp_path / "store.db"
        ingest([_write(tmp_path / "r0.jsonl", [(0, REPORTS[0])])], store)
        assert seen == [False] and gc.isenabled()
        gc.disable()
        ingest([_write(tmp_path / "r1.jsonl", [(1, REPORTS[1])])], store)
        assert seen == [False, False] and not gc.isenabled()
    finally:
        resolve_update._update = inner  # type: ignore[assignment]
        if was_enabled:
            gc.enable()
