"""A picture read without the text around its claims (what the web app's snapshot reads) gives the
same figures under judgements: the claims a judgement reconciles again get their text back first."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from ringscope import judging
from ringscope.fuse import Picture
from ringscope.fuse.reconcile import ClaimRef
from ringscope.fuse.stored import current, decode, encode, restore_context
from ringscope.report import snapshot
from ringscope.store import Store
from ringscope.store.judgements import Judgement, Target

from .reports import build, report_ids

ANNA = judging.Judge("anna", "analyst")


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("context"))


def _bare(ref: ClaimRef) -> ClaimRef:
    return dataclasses.replace(ref, before="", after="", phrase="")


def _figures(pic: Picture) -> list[object]:
    return [dataclasses.replace(f, claims=[_bare(r) for r in f.claims]) for f in pic.figures]


def _read(path: Path, context: bool) -> Picture:
    with Store(path, create=False) as store:
        return current(store, context=context)


def test_without_context_the_refs_carry_none_and_the_rest_is_the_same(pristine: Path) -> None:
    full, light = _read(pristine, True), _read(pristine, False)
    assert any(r.before and r.after and r.phrase for f in full.figures for r in f.claims)
    assert all(not (r.before or r.after or r.phrase) for f in light.figures for r in f.claims)
    assert _figures(light) == _figures(full)
    assert light.entities == full.entities and light.events != [] and light.event_of == full.event_of


def test_restoring_gives_back_the_text_of_the_claims_of_the_named_reports_events(pristine: Path) -> None:
    full = _read(pristine, True)
    light = decode(dict(full.reports), encode(full), context=False)
    ids = report_ids(pristine)
    targets = (Target("report", report=ids["a1"]), Target("report", report=ids["b1"]))
    named = Judgement(1, "different-event", targets, "", "anna", "analyst", "2026-01-02")
    restore_context(light, [named])
    groups = {full.event_of.get(r) or r for r in (ids["a1"], ids["b1"])}
    kept = {r for r in full.reports if (full.event_of.get(r) or r) in groups}
    assert len(kept) > 2  # the other members of both events come too
    for was, now in zip(full.figures, light.figures, strict=True):
        for a, b in zip(was.claims, now.claims, strict=True):
            assert b == (a if a.report_id in kept else _bare(a))


def test_judged_figures_are_the_same_read_with_or_without_context(pristine: Path, tmp_path: Path) -> None:
    path = tmp_path / "judged.db"
    shutil.copy(pristine, path)
    ids = report_ids(path)
    pic = _read(path, True)
    value = {r.claim.value: f"{r.report_id}:{r.claim.id}" for f in pic.figures for r in f.claims}
    judging.make(path, ANNA, "different-event", [ids["b1"], ids["b2"]], "shelter and trial")
    judging.make(path, ANNA, "same-event", [ids["a1"], ids["b1"]])
    judging.make(path, ANNA, "different-figure", [value[212.0], value[220.0]])
    judging.make(path, ANNA, "reject-claim", [value[45.0]], "counted once")
    full, light = _read(path, True), _read(path, False)
    assert full.applied == light.applied and len(full.applied) == 4
    assert _figures(light) == _figures(full)
    # every report is in the event of one a judgement names: each claim got its text back
    assert set(full.reports) == set(ids.values())
    assert light.figures == full.figures
    assert [dataclasses.replace(e, figures=[]) for e in light.events] == [
        dataclasses.replace(e, figures=[]) for e in full.events]
    snap = snapshot.load(path)
    assert _figures(snap.picture) == _figures(full)
