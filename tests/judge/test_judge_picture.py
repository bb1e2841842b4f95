"""Judgements applied to the stored picture: merge, split, events, figures, rejected claims and
resolved conflicts; undo gives the prior picture back; judgements survive re-extraction."""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
from pathlib import Path

import pytest

from ringscope import judging
from ringscope.api import picture
from ringscope.extract.pipeline import extract
from ringscope.fuse import Figure, Picture
from ringscope.fuse.stored import encode
from ringscope.model import Extraction
from ringscope.store import Store
from ringscope.store.judgements import JudgementError

from .reports import build, report_ids

ANNA = judging.Judge("anna", "analyst")


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("judge"))


@pytest.fixture
def store(pristine: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "judged.db"
    shutil.copy(pristine, copy)
    return copy


def rescued(pic: Picture) -> Figure:
    return next(f for f in pic.figures if f.measure == "victims_rescued" and len(f.claims) >= 2)


def handle(pic: Picture, value: float) -> str:
    ref = next(r for f in pic.figures for r in f.claims if r.claim.value == value)
    return f"{ref.report_id}:{ref.claim.id}"


def test_the_invented_reports_give_what_the_judgements_are_about(store: Path) -> None:
    pic = picture(store)
    assert len(pic.entity("Halvard Syndicate")) == 1 and len(pic.entity("Halvard Group")) == 1
    assert pic.entity("Halvard Syndicate")[0] is not pic.entity("Halvard Group")[0]
    assert rescued(pic).conflicted
    ids = report_ids(store)
    assert pic.event_of[ids["b1"]] is not None and pic.event_of[ids["b1"]] == pic.event_of[ids["b2"]]


def test_a_merge_makes_one_entity_that_keeps_one_of_the_two_ids_and_says_who_merged(store: Path) -> None:
    before = picture(store)
    ids = {before.entity("Halvard Syndicate")[0].id, before.entity("Halvard Group")[0].id}
    untouched = {e.id for e in before.entities} - ids
    judging.make(store, ANNA, "merge", ["Halvard Syndicate", "Halvard Group"], "one gang, two names")
    after = picture(store)
    merged = after.entity("Halvard Group")
    assert len(merged) == 1 and merged[0] is after.entity("Halvard Syndicate")[0]
    assert set(merged[0].aliases) >= {"Halvard Syndicate", "Halvard Group"}
    assert merged[0].id in ids
    assert any(n.startswith("merge by anna on ") and n.endswith(": one gang, two names")
               for n in merged[0].notes)
    assert {e.id for e in after.entities} - {merged[0].id} == untouched  # no other id changed


def test_a_split_takes_a_name_out_and_what_stays_keeps_its_id(store: Path) -> None:
    judging.make(store, ANNA, "merge", ["Halvard Syndicate", "Halvard Group"])
    merged = picture(store).entity("Halvard Group")[0]
    judging.make(store, ANNA, "split", [merged.id, "Halvard Group"], "a different outfit")
    after = picture(store)
    stays, gone = after.entity("Halvard Syndicate")[0], after.entity("Halvard Group")[0]
    assert stays is not gone and stays.id == merged.id
    assert "Halvard Group" not in stays.aliases
    assert any("a different outfit" in n for n in gone.notes)


def test_undo_gives_the_prior_picture_back(store: Path) -> None:
    before = encode(picture(store))
    ids = report_ids(store)
    made = [
        judging.make(store, ANNA, "merge", ["Halvard Syndicate", "Halvard Group"]),
        judging.make(store, ANNA, "different-event", [ids["b1"], ids["b2"]]),
        judging.make(store, ANNA, "resolve", [handle(picture(store), 220.0)], "staff counted too"),
    ]
    assert encode(picture(store)) != before
    for judgement in reversed(made):
        judging.undo(store, ANNA, judgement.id)
    assert encode(picture(store)) == before
    with Store(store, create=False) as db:
        kept = db.judgements()
    assert [j.id for j in kept] == [j.id for j in made] and all(not j.active for j in kept)


def test_a_rejected_claim_no_longer_counts_in_its_figure(store: Path) -> None:
    figure = rescued(picture(store))
    assert 220.0 in {r.claim.value for r in figure.claims}
    judging.make(store, ANNA, "reject-claim", [handle(picture(store), 220.0)], "misread total")
    after = rescued(picture(store))
    assert 220.0 not in {r.claim.value for r in after.claims}
    assert len(after.claims) == len(figure.claims) - 1
    assert not after.conflicted and after.value == 212.0
    assert any(n.code == "reject-claim" and "misread total" in n.reason for n in after.notes)


def test_a_resolved_conflict_is_no_longer_open_and_keeps_its_reason_and_note(store: Path) -> None:
    flagged = rescued(picture(store)).flags
    judging.make(store, ANNA, "resolve", [handle(picture(store), 212.0)], "the 220 counts staff")
    pic = picture(store)
    assert pic.conflicts() == []
    notes = [n for n in rescued(pic).notes if n.code == "resolved"]
    assert [n.claim_id for n in notes] == [f.claim_id for f in flagged]
    for note, flag in zip(notes, flagged, strict=True):
        assert flag.code in note.reason and "the 220 counts staff" in note.reason


def test_different_figure_parts_two_claims_and_same_figure_joins_them_again(store: Path) -> None:
    a, b = handle(picture(store), 212.0), handle(picture(store), 220.0)
    parted = judging.make(store, ANNA, "different-figure", [a, b])
    pic = picture(store)
    homes = [f for f in pic.figures if f.measure == "victims_rescued"]
    alone = next(f for f in homes if [r.claim.value for r in f.claims] == [220.0])
    assert not alone.conflicted and not rescued(pic).conflicted
    with pytest.raises(JudgementError):
        judging.make(store, ANNA, "different-figure", [a, b])  # two figures already
    judging.undo(store, ANNA, parted.id)
    assert rescued(picture(store)).conflicted


def test_event_judgements_take_reports_apart_and_join_them(store: Path) -> None:
    ids = report_ids(store)
    judging.make(store, ANNA, "different-event", [ids["b1"], ids["b2"]], "shelter and trial")
    pic = picture(store)
    assert pic.event_of[ids["b1"]] is None and pic.event_of[ids["b2"]] is None
    assert all(f.event_id is None for f in pic.figures if f.claims[0].report_id in (ids["b1"], ids["b2"]))
    judging.make(store, ANNA, "same-event", [ids["a1"], ids["b1"]])
    pic = picture(store)
    event = next(e for e in pic.events if ids["b1"] in e.report_ids)
    assert {ids["a1"], ids["a2"], ids["a3"], ids["b1"]} == set(event.report_ids)
    assert any(n.startswith("same-event by anna") for n in event.notes)
    assert all(f.event_id == event.id for f in pic.figures if f.claims[0].report_id == ids["b1"])


def _shifted(text: str, published: str | None = None) -> Extraction:
    """The extraction with every claim's quote widened by a few characters on the left, as a
    changed extractor might give: other offsets, other claim ids, the same claims."""
    found = extract(text, published)
    claims = []
    for claim in found.claims:
        start = max(0, claim.start - 4)
        claims.append(dataclasses.replace(claim, start=start, quote=text[start:claim.end]))
    return dataclasses.replace(found, claims=claims)


def test_judgements_survive_re_extraction_and_re_fusion(store: Path) -> None:
    ids = report_ids(store)
    judging.make(store, ANNA, "merge", ["Halvard Syndicate", "Halvard Group"], "one gang")
    judging.make(store, ANNA, "different-event", [ids["b1"], ids["b2"]])
    judging.make(store, ANNA, "reject-claim", [handle(picture(store), 220.0)])
    old_ids = {r.claim.id for f in picture(store).figures for r in f.claims}
    with Store(store, create=False) as db:
        assert db.reextract(force=True, extractor=_shifted, version="shifted-test") == 5
    pic = picture(store)
    assert not old_ids & {r.claim.id for f in pic.figures for r in f.claims}  # every claim id changed
    assert pic.entity("Halvard Group")[0] is pic.entity("Halvard Syndicate")[0]
    assert pic.event_of[ids["b1"]] is None
    figure = rescued(pic)
    assert 220.0 not in {r.claim.value for r in figure.claims} and not figure.conflicted
    assert sorted(pic.applied) == [1, 2, 3]


def test_a_judgement_whose_report_is_gone_applies_nowhere(store: Path) -> None:
    ids = report_ids(store)
    made = judging.make(store, ANNA, "different-event", [ids["b1"], ids["b2"]])
    with Store(store, create=False) as db:
        assert db.remove(ids["b2"])
    pic = picture(store)
    assert made.id not in pic.applied and ids["b1"] in pic.reports
    rows = judging.listing(store)
    assert [r["applies"] for r in rows] == [False]


def test_every_judgement_and_undo_is_in_the_audit_log(store: Path) -> None:
    made = judging.make(store, ANNA, "merge", ["Halvard Syndicate", "Halvard Group"], "one gang", "cli")
    judging.undo(store, judging.Judge("adam", "admin"), made.id, "cli")
    with sqlite3.connect(store) as conn:
        rows = conn.execute("SELECT username, role, action, target, detail, client FROM audit_log"
                            " WHERE action IN ('judge', 'undo-judgement') ORDER BY pk").fetchall()
    assert rows == [
        ("anna", "analyst", "judge", f"judgement:{made.id}",
         "merge: Halvard Syndicate | Halvard Group; note: one gang", "cli"),
        ("adam", "admin", "undo-judgement", f"judgement:{made.id}", "undid merge", "cli"),
    ]


def test_a_viewer_cannot_judge_and_nothing_is_stored(store: Path) -> None:
    with pytest.raises(judging.Forbidden):
        judging.make(store, judging.Judge("vera", "viewer"), "merge", ["Halvard Syndicate", "Halvard Group"])
    with pytest.raises(judging.Forbidden):
        judging.undo(store, judging.Judge("vera", "viewer"), 1)
    with Store(store, create=False) as db:
        assert db.judgements() == []


@pytest.mark.parametrize(
    ("kind", "items", "message"),
    [
        ("merge", ["Halvard Syndicate", "Nobody Known"], "no entity"),
        ("merge", ["Halvard Syndicate", "Halvard Syndicate"], "one entity already"),
        ("merge", ["Halvard Syndicate", "Brenmark"], "cannot merge"),
        ("resolve", ["nope"], "REPORT_ID:CLAIM_ID"),
        ("same-event", ["zzzzzzzz", "yyyyyyyy"], "no report or event"),
        ("shout", ["a"], "unknown judgement"),
    ],
)
def test_a_judgement_that_cannot_be_made_says_why_and_stores_nothing(
    store: Path, kind: str, items: list[str], message: str
) -> None:
    with pytest.raises(JudgementError, match=message):
        judging.make(store, ANNA, kind, items)
    with Store(store, create=False) as db:
        assert db.judgements() == []
