"""The victim-policy decision after an ingest, redone only where the store changed.

A decision (:func:`ringscope.privacy.policy.decide`) is a verdict on every resolved entity, taken
from the entity and the cue hits on its names, and a verdict on every name only cues found, then
numbered in the order of first mention. The verdicts are kept with what they were taken from
(:mod:`ringscope.store.policy_parts`), so after an ingest only these are taken again:

- the cue hits of new and re-extracted reports (found, or read from the stored cue hits), counted
  per folded name as what they found (:mod:`ringscope.privacy.findings`);
- the verdicts of entities that the stored picture rewrote, or that answer to a name whose findings
  changed (:mod:`ringscope.privacy.verdicts`: an entity as it was, on names whose findings are as
  they were, keeps what it shows and withholds);
- the verdicts of names only cues found whose findings, first hit, or entities changed.

The picture update lists the reports and entities it changed, so only those are compared with
what the verdicts were taken from; the decision is kept as rows (:mod:`ringscope.store.withheld`)
and only the rows of verdicts whose content changed are written, in the same transaction as the
verdicts. The picture is never decoded whole. The result is the decision taken over the whole
picture; when analyst judgements are active (they change the entities) the whole decision is
taken, and the next decision after it (or after a change of the cue table) reads every verdict again.
"""

from __future__ import annotations

import json

from ringscope.collector import paused
from ringscope.privacy.cues import Cues, load
from ringscope.privacy.findings import take
from ringscope.privacy.policy import Candidate, Policy, number
from ringscope.privacy.stored import cue_digest, label_number, policy_of, restore
from ringscope.privacy.verdicts import Taken, take_entities, take_texts, upgrade
from ringscope.store import Store
from ringscope.store.policy_parts import PolicyDelta, PolicyParts
from ringscope.store.withheld import DecisionChanges, WithheldRow


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def kept_decision(store: Store, state: str) -> Policy:
    """The victim policy of the store at ``state`` (its stored picture brought up to date first):
    the stored decision of that state, else taken from the kept verdicts, redoing only what changed."""
    cues = load()
    if store.picture_parts().policy(state) is not None:
        return restore(store, cues)
    with paused():  # the update and the decision make many objects and few cycles
        taken = _decide(store, state, cues)
    return taken if taken is not None else restore(store, cues)


def keep_decision(store: Store, state: str) -> None:
    """Take the decision of the store at ``state`` and keep it, as :func:`kept_decision` does, without
    building what a reader shows and redacts by (an ingest only keeps the decision)."""
    if store.picture_parts().policy(state) is None:
        with paused():  # the update and the decision make many objects and few cycles
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
    upgrade(parts)
    kind = f"parts:{cue_digest()}"
    whole = parts.decision_kind() != kind
    pending = parts.pending()
    stamps, kept_stamps, now, kept = _changed(store, parts, whole, pending)
    delta = PolicyDelta(pending=pending[0])
    found = take(store, parts, cues, stamps, kept_stamps, delta)
    taken = Taken(delta)
    # entities the picture rewrote or removed, and entities answering to a name whose findings changed
    delta.entities_gone = [e for e in kept if e not in now]
    gone = set(delta.entities_gone)
    on_changed = parts.entities_on(found.changed) - gone
    if not whole:  # entities answering to a changed name: their signatures as the picture holds them
        more = parts.picture_entity_sigs_of(on_changed - set(now))
        now.update((e, f"{s}:{cue_digest()}") for e, s in more.items())
    rewrote = {e for e, s in now.items() if kept.get(e) != s}
    take_entities(parts, cues, found, rewrote | on_changed, on_changed, now, taken)
    text_keys = found.changed | found.shrunk | parts.keys_of(gone) | taken.moved
    stored_texts = parts.text_verdicts(found.touched - text_keys)
    moved = found.first_new(set(stored_texts))  # a new first hit moves a name only cues found
    text_keys |= {k for k, d in stored_texts.items() if tuple(json.loads(d)["first"][:2]) > moved[k]}
    keys_gone = set(delta.keys_gone)  # an entity answers to a name as kept, unless it stops, or a new one
    others = {k for k, e in parts.key_entities(text_keys) if e not in gone and (k, e) not in keys_gone}
    others |= {k for k, _ in delta.keys}
    take_texts(parts, found, text_keys, others, taken)
    taken.dropped += delta.entities_gone
    if whole:  # the decision rows are read again from every verdict
        parts.apply(delta)
        candidates, shown_by = _assemble(parts)
        store.save_decision(_rows(candidates, store.withheld_labels(), None), shown_by, state, kind)
        return None
    labels, last = store.withheld_labels_of([key for _, key, _, _ in taken.candidates])
    delta.decision = DecisionChanges(state, kind, taken.dropped, _rows(taken.candidates, labels, last),
                                     sorted(gone), taken.shown_by, taken.shown_gone)
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
