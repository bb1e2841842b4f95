"""Resolving entity by entity what joins kept entities without touching acronyms.

Keys and near-identical spellings only ever join: a new form that shares a key with, or is spelt
nearly as, forms of kept entities makes one entity of them and itself, and nothing else changes,
unless acronyms are involved (an acronym joins the long name of its initials only while a single
group has them, tried at each of its occurrences in turn, so a join can undo or bring another) or
a form loses occurrences (what it joined may come apart). An update therefore groups its new forms
with the kept entities they join; a group with no lost form, no acronym among its new or added-to
forms, no new initials an acronym has, and no kept entity an acronym bears on (or a single one that
the new forms reach by one set of keys only) becomes one entity, taken from the gathered figures
of its kept entities (:func:`ringscope.fuse.entity_forms.gather`) and what the update adds, without
reading their forms. Every other group is resolved form by form (:mod:`ringscope.fuse.resolve_update`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ringscope.fuse.entity_forms import (
    Figures,
    Gathered,
    OccurrenceRow,
    combine,
    dump,
    figures_of,
    gather,
    merge,
    summary_from,
)
from ringscope.fuse.form_figures import FormInfo, NewOccurrence
from ringscope.fuse.names import fold, is_acronym
from ringscope.fuse.resolve import FUZZY_MIN_LENGTH, _key
from ringscope.fuse.unionfind import UnionFind
from ringscope.model import make_id
from ringscope.store.resolve_entities import EntityParts
from ringscope.store.resolve_parts import ResolveDelta, ResolveParts


@dataclass(slots=True)
class Group:
    """New forms and the kept entities they join (with those of their forms that have new occurrences)."""

    entities: set[str] = field(default_factory=set)
    new: set[str] = field(default_factory=set)
    touched: set[str] = field(default_factory=set)
    slow: bool = False
    hits: set[str] = field(default_factory=set)
    """The keys by which new forms reach kept forms."""


def groups(
    parts: ResolveParts, info: dict[str, FormInfo], entity_of: dict[str, str],
    fresh: dict[str, tuple[set[str], str | None]], new: list[NewOccurrence], lost: set[str],
    delta: ResolveDelta,
) -> list[Group]:
    """The new forms and the kept entities they join, grouped; a group is ``slow`` when it must be
    resolved form by form."""
    kept = parts.entities
    uf: UnionFind[str] = UnionFind()
    bad: set[str] = set()
    hits: dict[str, set[str]] = defaultdict(set)
    for form in lost:
        if form in entity_of:
            bad.add("e:" + entity_of[form])
    inert: dict[str, dict[str, str]] = defaultdict(dict)
    for _, _, _, form, _ in new:
        if form not in fresh:
            node = "e:" + entity_of[form]
            uf.add(node)
            if is_acronym(info[form][1]):
                inert[info[form][0]][form] = fold(info[form][1]).replace(" ", "")
    # an acronym met again joins nothing new while no long name has its initials (see _settled)
    pending: dict[str, set[str]] = defaultdict(set)
    for etype, letters in inert.items():
        named = {i for i, _ in parts.initials_forms(etype, set(letters.values()))}
        arriving = {str(fresh[f][1]) for f in fresh if info[f][0] == etype and fresh[f][1]}
        for form, own in letters.items():
            if own in arriving:
                bad.add("e:" + entity_of[form])
            elif own in named:
                pending[entity_of[form]].add(own)
    by_type: dict[str, list[str]] = defaultdict(list)
    for form in sorted(fresh):
        by_type[info[form][0]].append(form)
        uf.add("f:" + form)
    for etype, forms in sorted(by_type.items()):
        by_key: dict[str, list[str]] = defaultdict(list)
        by_name: dict[str, list[str]] = defaultdict(list)
        new_acronyms = {str(fresh[f][1])[1:] for f in forms if (fresh[f][1] or "").startswith("=")}
        for form in forms:
            keys, initials = fresh[form]
            if not keys or (initials and initials.startswith("=")):
                bad.add("f:" + form)
            for key in keys:
                by_key[key].append(form)
            by_name[_key(info[form][1], etype)].append(form)
        with_acronym = kept.acronyms(etype, {i for _, i in (fresh[f] for f in forms) if i}) | new_acronyms
        for form in forms:
            if fresh[form][1] in with_acronym:
                bad.add("f:" + form)
        for same in by_key.values():
            for form in same[1:]:
                uf.union("f:" + same[0], "f:" + form)
        for key, entity_id in kept.key_entities(etype, by_key):
            for form in by_key[key]:
                uf.union("f:" + form, "e:" + entity_id)
                hits[form].add(key)
        # near-identical name keys: the pairs found now and the kept ones
        names = {k for k in by_name if len(k) >= FUZZY_MIN_LENGTH}
        found_now = [(a, b) for t, a, b in delta.fuzzy if t == etype]
        near = [(a, b) for a, b in found_now + [(b, a) for a, b in found_now] if a in names]
        near += kept.fuzzy_pairs(etype, names)
        holders: dict[str, str | None] = {}
        for name_key, other in near:
            for form in by_name.get(other, []):
                uf.union("f:" + by_name[name_key][0], "f:" + form)
            if other not in holders:
                holders[other] = kept.first_holder(etype, other, _named_by(etype, other))
            if holders[other] is not None:
                uf.union("f:" + by_name[name_key][0], "e:" + str(holders[other]))
    out: list[Group] = []
    for nodes in uf.groups():
        group = Group()
        for node in nodes:
            group.slow |= node in bad
            if node.startswith("e:"):
                group.entities.add(node[2:])
            else:
                group.new.add(node[2:])
                group.hits |= hits.get(node[2:], set())
        out.append(group)
    by_entity = {e: g for g in out for e in g.entities}
    for _, _, _, form, _ in new:
        if form not in fresh:
            by_entity[entity_of[form]].touched.add(form)
    # a group whose new forms may join kept forms not joined by key before, or that meets acronyms
    # again, is resolved entity by entity only when joining acronyms stays within it (see _settled)
    for group in out:
        met = {i for e in group.entities for i in pending.get(e, ())}
        if not group.slow and (met or len(group.entities) > 1 or (
                len(group.hits) > 1 and not kept.one_form_with(_type(info, group), sorted(group.hits)))):
            group.slow = not _settled(kept, _type(info, group), group.entities, met)
    return out


def _named_by(etype: str, key: str) -> Callable[[str], bool]:
    """Whether a name has ``key`` as its name key."""
    return lambda name: _key(name, etype) == key


def _settled(kept: EntityParts, etype: str, entity_ids: set[str], letters: set[str]) -> bool:
    """Whether joining acronyms stays within the kept entities ``entity_ids`` taken together, when
    their forms are joined otherwise than before and acronyms of theirs with the initials
    ``letters`` are met again: every acronym whose long names all lie within them is among them,
    and no acronym met again has its long names all in one other entity (an acronym whose long
    names lie in several entities, or in none, joins nothing)."""
    own = {i for e in sorted(entity_ids) for i in kept.acronym_letters(e)}
    longs = kept.initials_entities(etype, own | letters)
    if any(len(longs.get(i, set())) == 1 and not longs[i] <= entity_ids for i in letters):
        return False
    inside = {i for i in own if longs.get(i, set()) <= entity_ids}
    acronyms = kept.initials_entities(etype, {"=" + i for i in inside})
    return all(acronyms.get("=" + i, set()) <= entity_ids for i in inside)


def _type(info: dict[str, FormInfo], group: Group) -> str:
    return info[next(iter(group.new | group.touched))][0]


Made = tuple[dict[str, Any], str, str]
"""(summary, signature source, JSON of the gathered figures) of an entity made entity by entity."""


def gathered_of(parts: ResolveParts, entity_ids: list[str]) -> dict[str, Gathered] | None:
    """The gathered figures of the given kept entities (from their forms when not kept yet); None
    when a form's figures are not kept."""
    out = {e: json.loads(g) for e, g in parts.entities.gathered(entity_ids).items()}
    out = {e: g for e, g in out.items() if "reports" in g}
    missing = [e for e in entity_ids if e not in out]
    forms: dict[str, list[tuple[str, list[str], Figures]]] = defaultdict(list)
    summaries = {e: json.loads(d) for e, (d, _) in parts.entity_data(missing).items()}
    for entity_id, _, name, aliases, stats in parts.entities.forms_with_figures(missing):
        if not stats:
            return None
        forms[entity_id].append((name, json.loads(aliases), json.loads(stats)))
    for entity_id in missing:
        if entity_id not in summaries or not forms[entity_id]:
            return None
        out[entity_id] = gather(summaries[entity_id]["type"], forms[entity_id])
        out[entity_id]["sig"] = make_id("gathered", *sorted(f["sig"] for _, _, f in forms[entity_id]))
        out[entity_id]["reports"] = summaries[entity_id]["reports"]
    return out


def resolve_group(
    parts: ResolveParts, group: Group, info: dict[str, FormInfo], added: dict[str, list[OccurrenceRow]],
    kept: dict[str, Figures], stamps: dict[str, str], gathered: dict[str, Gathered], gone: set[str],
    delta: ResolveDelta,
) -> tuple[dict[str, Any], Gathered, dict[str, Figures]]:
    """The entity a fast group makes: its summary, gathered figures and the figures of the forms
    the update adds to (the forms moved to the entity's id). ``added``: the new occurrences of each
    form, ``kept``: the kept figures of the forms with new occurrences."""
    etype = _type(info, group)
    named = {row[0] for form in group.new | group.touched for row in added[form]}
    figures: dict[str, Figures] = {}
    more = []
    for form in sorted(group.new | group.touched):
        made = figures_of(added[form], stamps)
        figures[form] = merge(kept[form], made) if form in group.touched else made
        more.append((info[form][1], json.loads(info[form][2]), made))
    olds = [gathered[e] for e in sorted(group.entities)]
    sig = make_id("gathered", *sorted(g["sig"] for g in olds), *sorted(f["sig"] for f in figures.values()))
    counts = {e: int(g["reports"]) for e, g in zip(sorted(group.entities), olds, strict=True)}
    together = gather(etype, more, _taken(olds[0]) if len(olds) == 1 else combine(etype, olds))
    together["sig"] = sig
    if not group.entities:
        reports = len(named)
    elif len(group.entities) == 1:
        reports = counts[next(iter(group.entities))] + len(named)
    else:
        # a fast group's entities lost no form, so no report leaving names them
        largest = min(counts.items(), key=lambda item: (-item[1], item[0]))
        reports = parts.entities.report_count(largest, sorted(set(counts) - {largest[0]}), gone) + len(named)
    together["reports"] = reports
    data = summary_from(etype, together, reports)
    delta.moves += [(e, data["id"]) for e in sorted(group.entities) if e != data["id"]]
    return data, together, figures


def _taken(gathered: Gathered) -> Gathered:
    """One entity's gathered figures as :func:`combine` gives them for it alone, taken over rather
    than copied (a large entity's are read for this update only)."""
    gathered.pop("sig", None)
    gathered.pop("reports", None)
    return gathered


def gathered_row(entity_id: str, gathered: Gathered) -> tuple[str, str]:
    return entity_id, dump(gathered)
