"""The victim-policy decision after an ingest, redone only where the store changed.

A decision (:func:`ringscope.privacy.policy.decide`) is a verdict on every resolved entity, taken
from the entity and the cue hits on its names, and a verdict on every name only cues found, then
numbered in the order of first mention. The verdicts are kept with what they were taken from
(:mod:`ringscope.store.policy_parts`), so after an ingest only these are taken again:

- the cue hits of new and re-extracted reports (found, or read from the stored cue hits);
- the verdicts of entities that the stored picture rewrote, or that answer to a name whose hits
  changed;
- the verdicts of names only cues found whose hits, or whose entities, changed.

The picture update lists the reports and entities it changed, so only those are compared with
what the verdicts were taken from; the decision is kept as rows (:mod:`ringscope.store.withheld`)
and only the rows of the verdicts taken again change, in the same transaction as the verdicts.
The picture is never decoded whole. The result is the decision taken over the whole picture;
when analyst judgements are active (they change the entities) the whole decision is taken, and
the next decision after it (or after a change of the cue table) reads every verdict again.
"""

from __future__ import annotations

import json
from collections import defaultdict

from ringscope.fuse.names import fold
from ringscope.fuse.resolve import ResolvedEntity
from ringscope.privacy.cues import Cues, Hit, load
from ringscope.privacy.policy import (
    Candidate,
    Policy,
    entity_keys,
    judge_entity,
    judge_text,
    number,
)
from ringscope.privacy.stored import cue_digest, label_number, policy_of, restore
from ringscope.store import Store
from ringscope.store.policy_parts import PolicyDelta, PolicyParts
from ringscope.store.withheld import DecisionChanges, WithheldRow

Found = dict[str, list[tuple[Hit, str]]]
"""Folded name -> (hit, report id) of every kept hit on it."""


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _report_hits(store: Store, parts: PolicyParts, cues: Cues, report_ids: list[str]) -> dict[str, list[Hit]]:
    """The cue hits of the given reports: stored ones read, the others found and stored."""
    stored = parts.cue_hits_of(cue_digest(), report_ids)
    out = {r: [Hit(*row) for row in json.loads(d)] for r, d in stored.items()}
    missing = [r for r in report_ids if r not in out]
    fresh = []
    for report_id, text in store.picture_parts().texts(missing).items():
        out[report_id] = cues.find(text)
        rows = [[h.cue, h.kind, h.name, h.start, h.end] for h in out[report_id]]
        fresh.append((report_id, cue_digest(), json.dumps(rows, ensure_ascii=False)))
    if fresh:
        store.picture_parts().save_side([], fresh)
    return out


def _hits_delta(store: Store, parts: PolicyParts, cues: Cues, stamps: dict[str, str], kept: dict[str, str],
                delta: PolicyDelta) -> tuple[set[str], dict[tuple[str, str], list[Hit]]]:
    """Work out the hits of changed reports (``stamps`` now, ``kept`` as the verdicts were taken,
    of every report that may have changed); the folded names whose hits change, and the new hits."""
    changed = sorted(r for r, s in stamps.items() if kept.get(r) != s)
    delta.reports_gone = [r for r in kept if r not in stamps or kept[r] != stamps[r]]
    touched = parts.hit_keys_of(delta.reports_gone)
    new: dict[tuple[str, str], list[Hit]] = defaultdict(list)
    for report_id, hits in _report_hits(store, parts, cues, changed).items():
        for hit in hits:
            new[(fold(hit.name), report_id)].append(hit)
    for (key, report_id), hits in new.items():
        touched.add(key)
        delta.hits.append((key, report_id, _dump([[h.cue, h.kind, h.name, h.start, h.end] for h in hits])))
    delta.reports = [(r, stamps[r]) for r in changed]
    return touched, new


def _found(
    parts: PolicyParts, keys: set[str], gone: set[str], new: dict[tuple[str, str], list[Hit]]
) -> Found:
    """The hits on ``keys`` once the delta is written (kept ones of reports not redone, and new ones)."""
    out: Found = defaultdict(list)
    for key, report_id, data in parts.hits_on(keys):
        if report_id not in gone:
            out[key] += [(Hit(*row), report_id) for row in json.loads(data)]
    for (key, report_id), hits in new.items():
        if key in keys:
            out[key] += [(hit, report_id) for hit in hits]
    return out


def kept_decision(store: Store, state: str) -> Policy:
    """The victim policy of the store at ``state`` (its stored picture brought up to date first):
    the stored decision of that state, else taken from the kept verdicts, redoing only what changed."""
    cues = load()
    if store.picture_parts().policy(state) is not None:
        return restore(store, cues)
    taken = _decide(store, state, cues)
    return taken if taken is not None else restore(store, cues)


def keep_decision(store: Store, state: str) -> None:
    """Take the decision of the store at ``state`` and keep it, as :func:`kept_decision` does, without
    building what a reader shows and redacts by (an ingest only keeps the decision)."""
    if store.picture_parts().policy(state) is None:
        _decide(store, state, load())


Changed = tuple[dict[str, str], dict[str, str], dict[str, str], dict[str, str]]
"""Report stamps now and as the verdicts were taken, entity signatures now and as taken, of every
report and entity that may have changed."""


def _changed(
    store: Store, parts: PolicyParts, whole: bool, pending: tuple[int, set[str], set[str]]
) -> Changed:
    """What may have changed since the verdicts were taken: what the picture update listed, or
    everything (``whole``)."""
    digest = cue_digest()
    if whole:
        stamps, kept, now, taken = store.picture_parts().stamps(), parts.report_stamps(), \
            parts.picture_entity_sigs(), parts.entity_sigs()
    else:
        _, reports, entities = pending
        stamps, kept = parts.stamps_of(reports), parts.report_stamps_of(reports)
        now, taken = parts.picture_entity_sigs_of(entities), parts.entity_sigs_of(entities)
    return ({r: f"{s}:{digest}" for r, s in stamps.items()}, kept,
            {e: f"{s}:{digest}" for e, s in now.items()}, taken)


def _decide(store: Store, state: str, cues: Cues) -> Policy | None:
    """Take and keep the decision (a whole policy when the whole decision had to be taken)."""
    from ringscope.fuse.stored import current
    from ringscope.fuse.update import update

    update(store)
    if store.judgements(active_only=True) or store.picture_state() != state:
        return policy_of(store, current(store), state)
    parts = store.policy_parts()
    kind = f"parts:{cue_digest()}"
    whole = parts.decision_kind() != kind
    pending = parts.pending()
    stamps, kept_stamps, now, kept = _changed(store, parts, whole, pending)
    delta = PolicyDelta(pending=pending[0])
    touched, new = _hits_delta(store, parts, cues, stamps, kept_stamps, delta)
    gone_reports = set(delta.reports_gone)
    # entities the picture rewrote or removed, and entities answering to a name whose hits changed
    delta.entities_gone = [e for e in kept if e not in now]
    redo = {e for e, s in now.items() if kept.get(e) != s}
    redo |= parts.entities_on(touched) - set(delta.entities_gone)
    if not whole:  # entities answering to a changed name: their signatures as the picture holds them
        more = parts.picture_entity_sigs_of(redo - set(now))
        now.update((e, f"{s}:{cue_digest()}") for e, s in more.items())
    text_keys = touched | parts.keys_of([*delta.entities_gone, *redo])
    entities = {e: ResolvedEntity(e, t, n, None, None, None, aliases={a: [] for a in aliases},
                                  roles={r: [] for r in roles})
                for e, (t, n, aliases, roles) in parts.entity_names(redo).items()}
    keys_of = {e: entity_keys(entity, cues) for e, entity in entities.items()}
    for keys in keys_of.values():
        text_keys |= keys
    found = _found(parts, text_keys, gone_reports, new)
    candidates: list[Candidate] = []
    shown_by: list[tuple[str, str]] = []
    dropped = list(delta.entities_gone)
    for entity_id in sorted(entities):
        entity = entities[entity_id]
        hits = [h for key in keys_of[entity_id] for h in found.get(key, [])]
        shown, held = judge_entity(entity, hits, cues)
        first = parts.first_mention(entity_id) if held else (0, 0)
        verdict = {"shown": sorted(shown), "held": [sorted(held[0]), list(held[1])] if held else None,
                   "first": [first[0], first[1], entity_id]}
        delta.entities.append((entity_id, now[entity_id], _dump(verdict)))
        delta.keys += [(key, entity_id) for key in sorted(keys_of[entity_id])]
        shown_by += [(name, entity_id) for name in sorted(shown)]
        if held:
            candidates.append(((first[0], first[1], entity_id), entity_id, held[0], held[1]))
        else:
            dropped.append(entity_id)
    rewritten = {*delta.entities_gone, *entities}
    others = {k for k, e in parts.key_entities(text_keys) if e not in rewritten} | {k for k, _ in delta.keys}
    pks = parts.report_pks({r for key in text_keys for _, r in found.get(key, [])})
    for key in sorted(text_keys):
        text = judge_text(found[key]) if key not in others and found.get(key) else None
        if text is None:
            delta.texts_gone.append(key)
            dropped.append(f"text:{key}")
            continue
        first_hit, report_id = min(found[key], key=lambda f: (pks.get(f[1], 0), f[0].start))
        place = (pks.get(report_id, 0), first_hit.start, key)
        delta.texts.append((key, _dump({"shown": [], "held": [sorted(text[0]), list(text[1])],
                                        "first": list(place)})))
        candidates.append((place, f"text:{key}", *text))
    if whole:  # the decision rows are read again from every verdict
        parts.apply(delta)
        candidates, shown_by = _assemble(parts)
        store.save_decision(_rows(candidates, store.withheld_labels(), None), shown_by, state, kind)
        return None
    labels, last = store.withheld_labels_of([key for _, key, _, _ in candidates])
    delta.decision = DecisionChanges(state, kind, dropped, _rows(candidates, labels, last),
                                     sorted(rewritten), shown_by)
    parts.apply(delta)
    return None


def _rows(
    candidates: list[Candidate], labels: dict[str, tuple[str, int]], last: int | None
) -> list[WithheldRow]:
    """The decision rows of the persons to withhold (new ones numbered after ``last``)."""
    place = {key: first for first, key, _, _ in candidates}
    return [
        WithheldRow(w.key, w.label, label_number(w.label), tuple(sorted(w.names)), w.reasons, place[w.key])
        for w in number(candidates, labels, last).values()
    ]


def _assemble(parts: PolicyParts) -> tuple[list[Candidate], list[tuple[str, str]]]:
    """The persons to withhold and (name, entity) of the names shown, from every kept verdict (the
    verdicts that withhold read whole, of the others only the names they show)."""
    entities, texts = parts.held_verdicts()
    candidates: list[Candidate] = []
    for data, prefix in [*((d, "") for d in entities), *((d, "text:") for d in texts)]:
        verdict = json.loads(data)
        pk, start, key = verdict["first"]
        names, reasons = verdict["held"]
        candidates.append(((pk, start, key), prefix + key, set(names), tuple(reasons)))
    return candidates, parts.shown_names()
