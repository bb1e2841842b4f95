"""The verdicts a decision takes again, and only those whose content changes are written.

A verdict on an entity is taken from the entity's type, name, aliases and roles (kept as a digest,
``inputs``) and the findings on the folded names it answers to (:mod:`ringscope.privacy.findings`);
a verdict that withholds also holds the entity's first mention. So of the entities the picture
rewrote, one whose inputs are as they were and none of whose names' findings changed keeps what
it shows and withholds (only its first mention is read again); one answering to a name whose
findings changed, or whose inputs changed but not its aliases, is judged on its kept names; one
whose aliases changed is judged on its names worked out again. A verdict whose content is as kept
changes no decision row.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from ringscope.fuse.resolve import ResolvedEntity
from ringscope.privacy.cues import Cues
from ringscope.privacy.findings import Findings
from ringscope.privacy.policy import Candidate, alias_keys, judge_entity, judge_text
from ringscope.privacy.stored import cue_digest
from ringscope.store.policy_aliases import SEPARATOR
from ringscope.store.policy_parts import PolicyDelta, PolicyParts


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclass(slots=True)
class Taken:
    """What the verdicts taken again change: the kept parts (``delta``) and the decision rows."""

    delta: PolicyDelta
    candidates: list[Candidate] = field(default_factory=list)
    """Persons withheld by a verdict whose content changed."""
    dropped: list[str] = field(default_factory=list)
    """Keys no longer withheld (or never)."""
    shown_by: list[tuple[str, str]] = field(default_factory=list)
    """(name, entity id) of the names a verdict taken again shows and did not."""
    shown_gone: list[tuple[str, str]] = field(default_factory=list)
    """(name, entity id) of the names a verdict taken again showed and does not."""
    moved: set[str] = field(default_factory=set)
    """Folded names that an entity judged again stops or starts answering to."""


def inputs_digest(kind: str, name: str, aliases: list[str], roles: list[str]) -> str:
    """The digest of what a verdict on an entity is taken on besides the findings (and the cue table):
    of the aliases (the folded names the entity answers to follow from them), a dot, of the rest."""
    names = _dump([cue_digest(), sorted(aliases)]).encode("utf-8")
    rest = _dump([cue_digest(), kind, name, sorted(roles)]).encode("utf-8")
    return f"{hashlib.sha1(names).hexdigest()[:16]}.{hashlib.sha1(rest).hexdigest()[:16]}"


def _aliases_as_kept(kept: str, now: str) -> bool:
    """Whether two digests of inputs are of the same aliases."""
    return kept.partition(".")[0] == now.partition(".")[0] and "." in kept


def upgrade(parts: PolicyParts) -> None:
    """Give the verdicts kept before their inputs were kept the digest of their inputs, where the
    verdict was taken on the entity as the picture holds it (same signature, same cue table); the
    others are taken again when their entity is."""
    if not parts.upgrade_pending():
        return
    current = [e for e, taken, now in parts.without_inputs() if taken == f"{now}:{cue_digest()}"]
    parts.give_inputs([(inputs_digest(*row), e) for e, row in parts.entity_names(current).items()])


def _keyed(
    parts: PolicyParts, cues: Cues, aliases: dict[str, list[str]], delta: PolicyDelta
) -> dict[str, set[str]]:
    """The folded names of each entity from its ``aliases``, as
    :func:`ringscope.privacy.policy.entity_keys` gives them, each alias keyed only when no keys are
    kept for it; the keys of new aliases are kept, those of aliases gone dropped."""
    digest = cue_digest()
    kept = parts.alias_keys(sorted(aliases), digest)
    out: dict[str, set[str]] = {}
    for entity_id in sorted(aliases):
        known = kept.get(entity_id, {})
        keys: set[str] = set()
        for alias in aliases[entity_id]:
            own = known.get(alias)
            if own is None:
                own = alias_keys(alias, cues)
                delta.aliases.append((entity_id, alias, digest, SEPARATOR.join(own)))
            keys.update(own)
        out[entity_id] = keys
        now = set(aliases[entity_id])
        delta.aliases_gone += [(entity_id, alias) for alias in sorted(known) if alias not in now]
    return out


def take_entities(
    parts: PolicyParts, cues: Cues, found: Findings, todo: set[str], on_changed: set[str],
    now: dict[str, str], taken: Taken,
) -> None:
    """Take again the verdicts on the entities ``todo`` still in the picture (``on_changed``: those
    answering to a name whose findings changed; ``now``: signatures of the entities)."""
    names = parts.entity_names(todo)
    stored = parts.entity_inputs(names)
    inputs = {e: inputs_digest(*row) for e, row in names.items()}
    keys_of: dict[str, set[str]] = {}
    rekeyed = {e for e in names if e not in stored or not _aliases_as_kept(stored[e][1], inputs[e])}
    # on a name whose findings changed, or other inputs with the same aliases: judged on the kept names
    judged = (on_changed & set(names)) | {e for e in names if e in stored and stored[e][1] != inputs[e]}
    judged -= rekeyed
    entities = {e: ResolvedEntity(e, t, n, None, None, None, aliases={a: [] for a in aliases},
                                  roles={r: [] for r in roles})
                for e, (t, n, aliases, roles) in names.items() if e in rekeyed or e in judged}
    keys_of.update(_keyed(parts, cues, {e: list(entities[e].aliases) for e in rekeyed}, taken.delta))
    kept_keys = parts.keys_by_entity(sorted(judged | (rekeyed & set(stored))))
    for e in rekeyed:
        taken.moved |= keys_of[e] ^ kept_keys.get(e, set())
    keys_of.update((e, keys) for e, keys in kept_keys.items() if e not in rekeyed)
    for e in judged:
        keys_of.setdefault(e, set())
    found.on(set().union(*keys_of.values()) if keys_of else set())
    delta = taken.delta
    for entity_id in sorted(names):
        old = stored.get(entity_id)
        if entity_id in keys_of:
            shown, held = judge_entity(entities[entity_id], found.hits(keys_of[entity_id]), cues)
        else:  # inputs and findings as they were: so is what the verdict shows and withholds
            assert old is not None
            kept = json.loads(old[2])
            shown = set(kept["shown"])
            held = (set(kept["held"][0]), tuple(kept["held"][1])) if kept["held"] else None
        first = parts.first_mention(entity_id) if held else (0, 0)
        data = _dump({"shown": sorted(shown), "held": [sorted(held[0]), list(held[1])] if held else None,
                      "first": [first[0], first[1], entity_id]})
        if entity_id in rekeyed:
            before = kept_keys.get(entity_id, set())
            delta.keys += [(key, entity_id) for key in sorted(keys_of[entity_id] - before)]
            delta.keys_gone += [(key, entity_id) for key in sorted(before - keys_of[entity_id])]
        if old is None or old[2] != data or old[1] != inputs[entity_id]:
            delta.entities.append((entity_id, now[entity_id], data, inputs[entity_id]))
        elif old[0] != now[entity_id]:
            delta.sigs.append((now[entity_id], entity_id))
        if old is not None and old[2] == data:
            continue  # the decision rows of the verdict are as they are
        was_shown = set(json.loads(old[2])["shown"]) if old is not None else set()
        taken.shown_by += [(name, entity_id) for name in sorted(shown - was_shown)]
        taken.shown_gone += [(name, entity_id) for name in sorted(was_shown - shown)]
        if held:
            taken.candidates.append(((first[0], first[1], entity_id), entity_id, held[0], held[1]))
        else:
            taken.dropped.append(entity_id)


def take_texts(parts: PolicyParts, found: Findings, keys: set[str], others: set[str], taken: Taken) -> None:
    """Take again the verdicts on the folded names ``keys`` (``others``: those an entity answers to)."""
    stored = parts.text_verdicts(keys)
    found.on(keys)
    judged = {}
    for key in sorted(keys):
        hits = found.hits({key})
        text = judge_text(hits) if key not in others and hits else None
        if text is None:
            if key in stored:
                taken.delta.texts_gone.append(key)
            taken.dropped.append(f"text:{key}")
        else:
            judged[key] = text
    firsts = found.first(set(judged))
    for key, (names, reasons) in judged.items():
        place = (firsts[key][0], firsts[key][1], key)
        data = _dump({"shown": [], "held": [sorted(names), list(reasons)], "first": list(place)})
        if stored.get(key) != data:
            taken.delta.texts.append((key, data))
            taken.candidates.append((place, f"text:{key}", names, reasons))
