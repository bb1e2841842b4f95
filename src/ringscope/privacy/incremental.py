"""The victim-policy decision after an ingest, redone only where the store changed.

A decision (:func:`ringscope.privacy.policy.decide`) is a verdict on every resolved entity, taken
from the entity and the cue hits on its names, and a verdict on every name only cues found, then
numbered in the order of first mention. The verdicts are kept with what they were taken from
(:mod:`ringscope.store.policy_parts`), so after an ingest only these are taken again:

- the cue hits of new and re-extracted reports (found, or read from the stored cue hits);
- the verdicts of entities that the stored picture rewrote, or that answer to a name whose hits
  changed;
- the verdicts of names only cues found whose hits, or whose entities, changed.

The picture is never decoded whole. The result is the decision taken over the whole picture;
when analyst judgements are active (they change the entities) the whole decision is taken.
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
    Withheld,
    entity_keys,
    finish,
    judge_entity,
    judge_text,
    number,
)
from ringscope.privacy.stored import cue_digest, policy_of, restore, save_decision
from ringscope.store import Store
from ringscope.store.policy_parts import PolicyDelta, PolicyParts

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


def _hits_delta(store: Store, parts: PolicyParts, cues: Cues, stamps: dict[str, str],
                delta: PolicyDelta) -> tuple[set[str], dict[tuple[str, str], list[Hit]]]:
    """Work out the hits of changed reports; the folded names whose hits change, and the new hits."""
    kept = parts.report_stamps()
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
    data = store.picture_parts().policy(state)
    if data is not None:
        return restore(data, cues)
    taken = _decide(store, state, cues)
    return taken if isinstance(taken, Policy) else finish(*taken, cues)


def keep_decision(store: Store, state: str) -> None:
    """Take the decision of the store at ``state`` and keep it, as :func:`kept_decision` does, without
    building what a reader shows and redacts by (an ingest only keeps the decision)."""
    if store.picture_parts().policy(state) is None:
        _decide(store, state, load())


def _decide(store: Store, state: str, cues: Cues) -> Policy | tuple[dict[str, Withheld], frozenset[str]]:
    """Take and keep the decision: the persons withheld and the names shown (a whole policy when the
    whole decision had to be taken)."""
    picture = store.picture_parts()
    from ringscope.fuse.stored import current
    from ringscope.fuse.update import update

    update(store)
    if store.judgements(active_only=True) or store.picture_state() != state:
        return policy_of(store, current(store), state)
    parts = store.policy_parts()
    stamps = picture.stamps()
    pk = {r: int(s.split(".")[0]) for r, s in stamps.items()}
    stamps = {r: f"{s}:{cue_digest()}" for r, s in stamps.items()}
    delta = PolicyDelta()
    touched, new = _hits_delta(store, parts, cues, stamps, delta)
    gone_reports = set(delta.reports_gone)
    # entities the picture rewrote or removed, and entities answering to a name whose hits changed
    now = {e: f"{s}:{cue_digest()}" for e, s in parts.picture_entity_sigs().items()}
    kept = parts.entity_sigs()
    delta.entities_gone = [e for e in kept if e not in now]
    redo = {e for e, s in now.items() if kept.get(e) != s}
    redo |= parts.entities_on(touched) - set(delta.entities_gone)
    text_keys = touched | parts.keys_of([*delta.entities_gone, *redo])
    entities = {e: ResolvedEntity(e, t, n, None, None, None, aliases={a: [] for a in aliases},
                                  roles={r: [] for r in roles})
                for e, (t, n, aliases, roles) in parts.entity_names(redo).items()}
    keys_of = {e: entity_keys(entity, cues) for e, entity in entities.items()}
    for keys in keys_of.values():
        text_keys |= keys
    found = _found(parts, text_keys, gone_reports, new)
    for entity_id in sorted(entities):
        entity = entities[entity_id]
        hits = [h for key in keys_of[entity_id] for h in found.get(key, [])]
        shown, held = judge_entity(entity, hits, cues)
        first = min((pk.get(r, 0), start) for r, start in parts.first_mentions(entity_id)) if held else (0, 0)
        verdict = {"shown": sorted(shown), "held": [sorted(held[0]), list(held[1])] if held else None,
                   "first": [first[0], first[1], entity_id]}
        delta.entities.append((entity_id, now[entity_id], _dump(verdict)))
        delta.keys += [(key, entity_id) for key in sorted(keys_of[entity_id])]
    rewritten = {*delta.entities_gone, *entities}
    others = {k for k, e in parts.key_entities(text_keys) if e not in rewritten} | {k for k, _ in delta.keys}
    for key in sorted(text_keys):
        text = judge_text(found[key]) if key not in others and found.get(key) else None
        if text is None:
            delta.texts_gone.append(key)
            continue
        first_hit, report_id = min(found[key], key=lambda f: (pk.get(f[1], 0), f[0].start))
        delta.texts.append((key, _dump({"shown": [], "held": [sorted(text[0]), list(text[1])],
                                        "first": [pk.get(report_id, 0), first_hit.start, key]})))
    parts.apply(delta)
    withheld, visible = _assemble(parts, store)
    save_decision(store, Policy(withheld, visible), state)
    return withheld, visible


def _assemble(parts: PolicyParts, store: Store) -> tuple[dict[str, Withheld], frozenset[str]]:
    """The persons withheld and the names shown, from every kept verdict (the verdicts that withhold
    read whole, of the others only the names they show)."""
    entities, texts = parts.held_verdicts()
    candidates: list[Candidate] = []
    for data, prefix in [*((d, "") for d in entities), *((d, "text:") for d in texts)]:
        verdict = json.loads(data)
        pk, start, key = verdict["first"]
        names, reasons = verdict["held"]
        candidates.append(((pk, start, key), prefix + key, set(names), tuple(reasons)))
    return number(candidates, store.withheld_labels()), frozenset(parts.shown_names())
