"""Making, listing and undoing analyst judgements over a store: what the CLI, the API and the web
pages call (they parse and format; this decides).

An analyst points at items as pages and commands show them: an entity by its id or any of its names,
an event by its id or one of its reports, a claim as ``REPORT_ID:CLAIM_ID``. Ids shown to a reader
without names (withheld persons as ``[victim N]``, claim spans in redacted texts) are found too. The
judgement stores stable keys (:mod:`ringscope.fuse.judge_targets`), never these ids. Only analysts and
admins judge; labels stored for lists are taken from the redacted picture, so a list never shows a
withheld name.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ringscope.fuse import ClaimRef, Figure, Picture, ResolvedEntity
from ringscope.fuse.judge_targets import claim_target, entity_target, find_entity, report_target
from ringscope.fuse.names import fold
from ringscope.report import snapshot as snapshots
from ringscope.store import Store
from ringscope.store.judgements import KINDS, Judgement, JudgementError, Target

JUDGE_ROLES = ("analyst", "admin")


@dataclass(frozen=True, slots=True)
class Judge:
    username: str
    role: str


class Forbidden(Exception):
    """The user's role may not judge (message is for the user)."""


def _allowed(who: Judge) -> None:
    if who.role not in JUDGE_ROLES:
        raise Forbidden(f"user {who.username!r} is a {who.role}: judging needs the analyst or admin role")


def make(path: Path, who: Judge, kind: str, handles: list[str], note: str = "",
         client: str | None = None) -> Judgement:
    """Store the judgement ``kind`` about the items ``handles`` name, by ``who``."""
    _allowed(who)
    if kind not in KINDS:
        raise JudgementError(f"unknown judgement {kind!r}; choose one of {', '.join(KINDS)}")
    subject, _, count = KINDS[kind]
    if len(handles) != count:
        raise JudgementError(f"{kind} takes {count} item(s), not {len(handles)}")
    snap = snapshots.load(path)
    if subject == "entity":
        targets = _entity_targets(snap.picture, snap.redacted, kind, handles, who.role == "admin")
    elif subject == "event":
        targets = _event_targets(snap.picture, kind, handles)
    else:
        targets = _claim_targets(snap.picture, snap.redacted, kind, handles)
    targets = [replace(t, label=snap.policy.text(t.label) or "") for t in targets]  # lists show no names
    with Store(path, create=False) as store:
        made = store.add_judgement(kind, targets, note.strip()[:2000], who.username, who.role, client)
    snapshots.recheck(path)
    return made


def undo(path: Path, who: Judge, number: int, client: str | None = None) -> Judgement:
    _allowed(who)
    with Store(path, create=False) as store:
        done = store.undo_judgement(number, who.username, who.role, client)
    snapshots.recheck(path)
    return done


def listing(path: Path, *, active_only: bool = False, names: bool = False) -> list[dict[str, Any]]:
    """Every judgement (undone ones too unless ``active_only``) as plain data, oldest first, with
    whether it applies to the picture now; notes redacted by the victim policy unless ``names``."""
    snap = snapshots.load(path)
    applied = set(snap.picture.applied)
    with Store(path, create=False) as store:
        found = store.judgements(active_only=active_only)

    def shown(text: str) -> str:
        return text if names else snap.policy.text(text) or ""

    return [{
        "id": j.id, "kind": j.kind, "user": j.username, "role": j.role, "at": j.created_at,
        "targets": [shown(t.label) for t in j.targets], "note": shown(j.note),
        "applies": j.id in applied, "undone_at": j.undone_at, "undone_by": j.undone_by,
    } for j in found]


def for_export(path: Path, *, names: bool = False) -> list[Judgement]:
    """Every judgement, undone ones too, for the export tables (notes redacted unless ``names``)."""
    policy = snapshots.load(path).policy
    with Store(path, create=False) as store:
        found = store.judgements()
    return found if names else [replace(j, note=policy.text(j.note) or "") for j in found]


def page_of(path: Path, judgement: Judgement) -> str | None:
    """The web page of what ``judgement`` made (the merged entity, the joined event), if it has one."""
    snap = snapshots.load(path)
    first = judgement.targets[0]
    if judgement.subject == "entity":
        found = find_entity(snap.picture.entities, first)
        if found is not None:
            index = next(i for i, e in enumerate(snap.picture.entities) if e is found)
            return f"/entities/{snap.redacted.entities[index].id}"
    if judgement.subject == "event":
        event = snap.picture.event_of.get(first.report or "")
        return f"/events/{event}" if event else f"/reports/{first.report}"
    return None


# -- entities -----------------------------------------------------------------------


def _entity(raw: Picture, redacted: Picture, handle: str, names: bool) -> tuple[ResolvedEntity, str]:
    """The raw entity ``handle`` names, and the name to key it by."""
    pairs = list(zip(raw.entities, redacted.entities, strict=True))
    for real, shown in pairs:
        if handle in (real.id, shown.id):
            return real, real.name
    wanted = fold(handle)
    for real, shown in pairs:
        if any(fold(alias) == wanted for alias in shown.aliases):
            return real, (handle if shown is real or shown.name == real.name else real.name)
    if names:
        for real in raw.entities:
            alias = next((a for a in real.aliases if fold(a) == wanted), None)
            if alias is not None:
                return real, alias
    raise JudgementError(f"no entity named or with the id {handle!r}")


def _label(raw: Picture, redacted: Picture, entity: ResolvedEntity) -> str:
    index = next(i for i, e in enumerate(raw.entities) if e is entity)
    return redacted.entities[index].name


def _entity_targets(
    raw: Picture, redacted: Picture, kind: str, handles: list[str], names: bool
) -> list[Target]:
    (a, name_a), (b, name_b) = (_entity(raw, redacted, h, names) for h in handles)
    if kind == "merge":
        if a is b:
            raise JudgementError(f"{handles[0]!r} and {handles[1]!r} are one entity already")
        if a.type != b.type:
            raise JudgementError(f"cannot merge a {a.type} with a {b.type}")
        return [_named(entity_target(a, name_a), _label(raw, redacted, a)),
                _named(entity_target(b, name_b), _label(raw, redacted, b))]
    if a is not b:
        raise JudgementError(f"{handles[0]!r} and {handles[1]!r} are two entities already")
    alias = next((x for x in a.aliases if fold(x) == fold(handles[1])), None)
    if alias is None:
        raise JudgementError(f"give the name to split off as one of the entity's names, not {handles[1]!r}")
    off = entity_target(a, alias)
    keep = next((x for x in [name_a, a.name, *a.aliases] if entity_target(a, x).key != off.key), None)
    if keep is None:
        raise JudgementError(f"{handles[1]!r} is every name of the entity: nothing would be left")
    return [_named(entity_target(a, keep), _label(raw, redacted, a)), _named(off, "split: " + handles[1])]


def _named(target: Target, label: str) -> Target:
    return Target(target.kind, label, target.report, target.entity_type, target.key)


# -- events -------------------------------------------------------------------------


def _report(raw: Picture, handle: str) -> str:
    if handle in raw.reports:
        return handle
    event = next((e for e in raw.events if e.id == handle), None)
    if event is not None:
        return event.report_ids[0]
    found = [rid for rid in raw.reports if rid.startswith(handle)] if len(handle) >= 6 else []
    if len(found) == 1:
        return found[0]
    several = f"{handle!r} names several reports"
    raise JudgementError(f"no report or event {handle!r}" if not found else several)


def _event_targets(raw: Picture, kind: str, handles: list[str]) -> list[Target]:
    a, b = (_report(raw, h) for h in handles)
    if a == b:
        raise JudgementError("give two different reports")
    together = raw.event_of.get(a) is not None and raw.event_of.get(a) == raw.event_of.get(b)
    if kind == "same-event" and together:
        raise JudgementError(f"{a} and {b} are one event already")
    if kind == "different-event" and not together:
        raise JudgementError(f"{a} and {b} are not one event")
    return [report_target(raw.reports[a]), report_target(raw.reports[b])]


# -- claims, figures and conflicts --------------------------------------------------


def _claim(raw: Picture, redacted: Picture, handle: str) -> tuple[ClaimRef, Figure, str]:
    """The raw claim ``REPORT_ID:CLAIM_ID`` names, its figure, and its quote as a viewer sees it."""
    report, _, claim = handle.partition(":")
    if not report or len(claim) < 6:
        raise JudgementError(f"give a claim as REPORT_ID:CLAIM_ID (claim ids are in `ringscope claims`), "
                             f"not {handle!r}")
    hits = []
    for real, shown in zip(raw.figures, redacted.figures, strict=True):
        for ref, seen in zip(real.claims, shown.claims, strict=True):
            if ref.report_id.startswith(report) and (
                ref.claim.id.startswith(claim) or seen.claim.id.startswith(claim)
            ):
                hits.append((ref, real, seen.claim.quote))
    if len(hits) != 1:
        raise JudgementError(f"no claim {handle!r}" if not hits else f"{handle!r} names several claims")
    return hits[0]


def _claim_targets(raw: Picture, redacted: Picture, kind: str, handles: list[str]) -> list[Target]:
    found = [_claim(raw, redacted, h) for h in handles]
    if kind == "resolve" and not found[0][1].flags:
        raise JudgementError(f"the figure of {handles[0]!r} has no open conflict")
    if kind in ("same-figure", "different-figure"):
        same = found[0][1] is found[1][1]
        if kind == "same-figure" and same:
            raise JudgementError("the two claims are one figure already")
        if kind == "different-figure" and not same:
            raise JudgementError("the two claims are two figures already")
    targets = []
    for ref, _, quote in found:
        target = claim_target(ref)
        targets.append(Target(target.kind, quote[:200], target.report, None, None, target.measure,
                              target.value, target.quote, target.start, target.end))
    return targets
