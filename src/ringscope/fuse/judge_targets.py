"""Judgement targets: made from what an analyst points at, and found again in a later picture.

A target names its item by keys that survive re-extraction and re-fusion (see
:class:`ringscope.store.judgements.Target`): an entity by type and resolution key, an event by one of
its reports, a claim by its report, measure, value, quote and span. Finding a claim again tries, in
turn, the same quote and value, then an overlapping span with the same value, then the same value
nearest the old span, so a claim whose quote or offsets moved a little is still found.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from ringscope.fuse.names import resolution_key
from ringscope.fuse.reconcile import ClaimRef, point
from ringscope.fuse.resolve import Occurrence, ResolvedEntity
from ringscope.model import Claim, Report
from ringscope.store.judgements import Judgement, Target


@lru_cache(maxsize=1 << 16)
def _key(name: str, entity_type: str) -> str:
    return resolution_key(name, entity_type)


def occurrence_keys(occurrence: Occurrence) -> set[str]:
    """The resolution keys of an occurrence's name and aliases."""
    entity = occurrence.entity
    keys = {_key(name, entity.type) for name in [entity.name, *entity.aliases]}
    return {k for k in keys if k}


def entity_target(entity: ResolvedEntity, name: str | None = None) -> Target:
    """An entity by its type and the key of ``name`` (one of its aliases; its name by default)."""
    shown = name if name is not None else entity.name
    return Target("entity", label=shown, entity_type=entity.type, key=resolution_key(shown, entity.type))


def report_target(report: Report) -> Target:
    return Target("report", label=report.title or report.id, report=report.id)


def claim_target(ref: ClaimRef) -> Target:
    claim = ref.claim
    return Target("claim", label=claim.quote[:200], report=ref.report_id, measure=claim.measure,
                  value=point(claim), quote=claim.quote, start=claim.start, end=claim.end)


def matches_entity(entity: ResolvedEntity, target: Target) -> bool:
    return entity.type == target.entity_type and any(
        target.key in occurrence_keys(o) for o in entity.occurrences
    )


def find_entity(entities: Iterable[ResolvedEntity], target: Target) -> ResolvedEntity | None:
    """The entity the target names (the most reported when a key is in several)."""
    return next((e for e in entities if matches_entity(e, target)), None)


def find_claim(refs: Iterable[ClaimRef], target: Target) -> ClaimRef | None:
    """The claim ``target`` names among ``refs`` (any report's; only its report's are looked at)."""
    mine = [r for r in refs if r.report_id == target.report]
    same_value = [r for r in mine if _same(point(r.claim), target.value)]
    exact = [r for r in same_value if r.claim.quote == target.quote and r.claim.measure == target.measure]
    if exact:
        return min(exact, key=lambda r: abs(r.claim.start - (target.start or 0)))
    start, end = target.start or 0, target.end or 0
    overlapping = [r for r in same_value if r.claim.start < end and start < r.claim.end]
    if overlapping:
        return min(overlapping, key=lambda r: (r.claim.measure != target.measure,
                                               abs(r.claim.start - start)))
    near = [r for r in same_value if r.claim.measure == target.measure]
    return min(near, key=lambda r: abs(r.claim.start - start)) if near else None


def rejected(claims: Sequence[tuple[str, Claim]], judgements: Iterable[Judgement]) -> dict[int, str]:
    """Which of ``claims`` (report id, claim) an active reject-claim judgement names: position -> how
    the judgement is shown ("reject-claim by ana on 2026-01-02: misread")."""
    refs = [ClaimRef(report_id, claim) for report_id, claim in claims]
    at = {id(ref): i for i, ref in enumerate(refs)}
    found: dict[int, str] = {}
    for j in judgements:
        if j.kind != "reject-claim" or j.undone_at is not None:
            continue
        for target in j.targets:
            hit = find_claim(refs, target) if target.kind == "claim" else None
            if hit is not None:
                found[at[id(hit)]] = j.by()
    return found


def judged_names(names: Sequence[tuple[str, str]], judgements: Iterable[Judgement]) -> dict[int, str]:
    """Which of ``names`` (entity type, name) an active merge or split names: position -> how the
    judgements are shown, joined by "; "."""
    said: dict[tuple[str, str], list[str]] = {}
    for j in judgements:
        if j.kind not in ("merge", "split") or j.undone_at is not None:
            continue
        for target in j.targets:
            if target.kind == "entity" and target.entity_type and target.key:
                said.setdefault((target.entity_type, target.key), []).append(j.by())
    if not said:
        return {}
    found = {i: said.get((kind, _key(name, kind))) for i, (kind, name) in enumerate(names)}
    return {i: "; ".join(lines) for i, lines in found.items() if lines}


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1.0)


