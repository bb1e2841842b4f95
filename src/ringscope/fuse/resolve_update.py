"""Entity resolution kept up to date: an update resolves only the names its reports touch.

Resolution (:func:`ringscope.fuse.resolve.resolve`) joins *forms* (distinct extracted names) by
shared keys, by acronym and initials, and by near-identical name keys within blocks. A set of forms
closed under those relations (and under the entities the forms made before) resolves alone exactly
as it does among all forms. An update therefore starts from the forms of new, re-extracted and
removed reports, closes the set over the kept relations (:mod:`ringscope.store.resolve_parts`:
only a new name key is compared against the keys of its blocks), joins that set and replaces the
entities it made before. An entity is built from the figures of its forms
(:mod:`ringscope.fuse.entity_forms`), so only the occurrences of the new and re-extracted reports
are read whole (:mod:`ringscope.fuse.form_figures`). Persons outside the set whose roles name an
organisation key that changed owner are linked again.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from rapidfuzz import fuzz, process

from ringscope.fuse.entity_forms import bare, dump, signature, summary
from ringscope.fuse.form_figures import (
    FormInfo,
    groups_of,
    new_occurrences,
    report_counts,
    the_figures,
)
from ringscope.fuse.names import acronym, fold, is_acronym
from ringscope.fuse.resolve import (
    FUZZY_MIN,
    FUZZY_MIN_LENGTH,
    _key,
    _keys,
    link_roles,
    org_keys,
    role_runs,
)
from ringscope.fuse.stored import plain
from ringscope.model import Entity
from ringscope.store import Store
from ringscope.store.resolve_parts import ResolveDelta, ResolveParts


def _initials(name: str) -> str | None:
    """The initials a form joins acronyms by: an acronym's letters, else a long name's initials."""
    if is_acronym(name):
        return "=" + fold(name).replace(" ", "")
    short = acronym(name)
    return short if short else None


def _blocks(key: str) -> list[str]:
    words = key.split()
    return sorted({words[0][:3], words[-1][:3]})


class _Forms:
    """What is known of the forms an update looks at: kept rows, and new forms' parts worked out."""

    def __init__(self, parts: ResolveParts) -> None:
        self.parts = parts
        self.info: dict[str, FormInfo] = {}
        self.entity_of: dict[str, str] = {}
        self.fresh: dict[str, tuple[set[str], str | None]] = {}
        """New form -> (its keys, its initials)."""

    def load(self, forms: set[str]) -> None:
        missing = [f for f in forms if f not in self.info]
        for form, (etype, name, aliases, entity_id) in self.parts.forms(missing).items():
            self.info[form] = (etype, name, aliases)
            self.entity_of[form] = entity_id

    def add_fresh(self, form: str, info: FormInfo, delta: ResolveDelta) -> None:
        etype, name, aliases = info
        self.info[form] = info
        keys = _keys(Entity(etype, name, aliases=json.loads(aliases)))
        initials = _initials(name)
        self.fresh[form] = (keys, initials)
        delta.keys += [(etype, key, form) for key in sorted(keys)]
        if initials:
            delta.initials.append((etype, initials, form))


def _fuzzy(parts: ResolveParts, fresh: dict[str, FormInfo], delta: ResolveDelta) -> None:
    """Compare every new name key with the keys of its blocks (kept ones and other new ones)."""
    new_keys: dict[str, set[str]] = defaultdict(set)
    for etype, name, _ in fresh.values():
        key = _key(name, etype)
        if len(key) >= FUZZY_MIN_LENGTH:
            new_keys[etype].add(key)
    for etype, keys in sorted(new_keys.items()):
        members: dict[str, set[str]] = defaultdict(set)
        for block, key in parts.block_keys(etype, {b for k in keys for b in _blocks(k)}):
            members[block].add(key)
        known = {k for m in members.values() for k in m}
        for key in sorted(keys - known):
            for block in _blocks(key):
                members[block].add(key)
                delta.blocks.append((etype, block, key))
        # each block compared as it is (no merged, sorted copy of two large blocks per key)
        pools = {block: list(found) for block, found in members.items()}
        for key in sorted(keys - known):
            pairs: set[tuple[str, str]] = set()
            for block in _blocks(key):
                pool = pools[block]
                near = process.extract(key, pool, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN, limit=None)
                for _, _, at in near:
                    if pool[at] != key:
                        pairs.add((min(key, pool[at]), max(key, pool[at])))
            delta.fuzzy += [(etype, a, b) for a, b in sorted(pairs)]


def _closure(forms: _Forms, start: set[str], delta: ResolveDelta) -> set[str]:
    """The forms joined, or joinable, with ``start``: closed under keys, initials, near-identical
    name keys and the entities the forms made before."""
    parts = forms.parts
    fuzzy: dict[tuple[str, str], set[str]] = defaultdict(set)
    for etype, a, b in delta.fuzzy:
        fuzzy[(etype, a)].add(b)
        fuzzy[(etype, b)].add(a)
    by_key: dict[tuple[str, str], set[str]] = defaultdict(set)
    by_initials: dict[tuple[str, str], set[str]] = defaultdict(set)
    for form, (keys, own) in forms.fresh.items():
        etype = forms.info[form][0]
        for key in keys:
            by_key[(etype, key)].add(form)
        if own:
            by_initials[(etype, own)].add(form)

    def on_initials(etype: str, values: set[str]) -> list[tuple[str, str]]:
        """(initials, form) of the forms with any of ``values``."""
        found = parts.initials_forms(etype, values)
        return found + [(v, f) for v in values for f in by_initials.get((etype, v), ())]

    seen: set[str] = set()
    frontier = set(start)
    while frontier:
        seen |= frontier
        forms.load(frontier)
        kept = [f for f in frontier if f not in forms.fresh]
        on_keys = parts.keys_of(kept)
        initials = parts.initials_of(kept)
        for form in frontier:
            if form in forms.fresh:
                etype, (form_keys, letters) = forms.info[form][0], forms.fresh[form]
                on_keys |= {(etype, k) for k in form_keys}
                if letters:
                    initials.add((etype, letters))
        found: set[str] = set()
        for etype in {t for t, _ in on_keys}:
            names = {k for t, k in on_keys if t == etype}
            names |= parts.fuzzy_of(etype, names) | {o for k in names for o in fuzzy.get((etype, k), ())}
            found |= parts.forms_on_keys(etype, names)
            found |= {f for k in names for f in by_key.get((etype, k), ())}
        # An acronym joins the long name of its initials when only one group has them: an acronym
        # brings every long name of its initials, a long name every acronym of them (and, when
        # there is one, every other long name).
        for etype in {t for t, _ in initials}:
            values = {i for t, i in initials if t == etype}
            short = on_initials(etype, {"=" + v.lstrip("=") for v in values})
            found |= {f for _, f in short}
            wanted = {v[1:] for v in values if v.startswith("=")} | {v[1:] for v, _ in short}
            found |= {f for _, f in on_initials(etype, wanted)}
        found |= parts.forms_of_entities({forms.entity_of[f] for f in kept if f in forms.entity_of})
        frontier = found - seen
    return seen


Made = tuple[dict[str, Any], str]
"""(summary, signature) of a resolved entity to store."""


def update_entities(
    store: Store, changed: set[str], gone: set[str], stamps: dict[str, str]
) -> tuple[list[Made], list[str], ResolveDelta, list[tuple[str, int, str, str]]]:
    """Resolve what new, re-extracted (``changed``) and removed (``gone``) reports touch.

    Returns the entities to write (rebuilt, or linked again), the ids of entities no longer made,
    the kept parts to write with them and the occurrences of the ``changed`` reports (report id,
    seq, form, JSON of the entity)."""
    parts = store.resolve_parts()
    delta = ResolveDelta(occ_gone=sorted(changed | gone))
    forms = _Forms(parts)
    new = new_occurrences(parts, sorted(changed))
    now: dict[str, set[str]] = defaultdict(set)
    fresh: dict[str, FormInfo] = {}
    for report_id, _, _, form, info in new:
        now[report_id].add(form)
        fresh.setdefault(form, info)
    delta.occ = [(r, f) for r in sorted(now) for f in sorted(now[r])]
    lost = parts.forms_of_reports(delta.occ_gone)
    start = lost | set(fresh)
    forms.load(set(fresh))
    fresh = {f: info for f, info in fresh.items() if f not in forms.info}
    for form, info in sorted(fresh.items()):
        forms.add_fresh(form, info, delta)
    _fuzzy(parts, fresh, delta)
    closed = _closure(forms, start, delta)
    known = set(forms.entity_of)
    figures = the_figures(parts, forms.info, closed, lost, new, known, stamps)
    live = sorted(figures)
    delta.forms_gone = sorted(closed - set(live))
    old_ids = {forms.entity_of[f] for f in closed if f in forms.entity_of}
    old_orgs = parts.orgs()
    orgs = {k: e for k, e in old_orgs.items() if e not in old_ids}
    groups = groups_of(parts, forms.info, live, figures)
    counts = report_counts(parts, groups, figures, set(delta.occ_gone), new)
    made = [summary(forms.info[g[0]][0], [(forms.info[f][1], json.loads(forms.info[f][2]), figures[f])
                                          for f in g], n) for g, n in zip(groups, counts, strict=True)]
    # linked as resolve() links: organisations of the set by first occurrence over the kept ones
    entities = [bare(data) for data in made]
    known_orgs = {key: e.id for e in entities if e.type == "Organization" for key in org_keys(e)}
    link_roles(entities, {**orgs, **known_orgs})
    for data, entity in zip(made, entities, strict=True):
        data["links"] = [[role, org] for role, org in entity.links]
    order = sorted(range(len(made)), key=lambda i: (-made[i]["reports"], made[i]["type"], made[i]["name"],
                                                    made[i]["id"]))
    for i in order:
        entity = entities[i]
        for form in groups[i]:
            forms.entity_of[form] = entity.id
        if entity.type == "Organization":
            delta.orgs += [(key, entity.id) for key in sorted(org_keys(entity))]
            orgs.update((key, entity.id) for key in org_keys(entity))
        if entity.type == "Person":
            delta.runs += sorted({(run, entity.id) for role in entity.roles for run in role_runs(role)})
    delta.forms = [(f, *forms.info[f], forms.entity_of[f], dump(figures[f])) for f in live]
    new_ids = {data["id"] for data in made}
    delta.entities_gone = sorted(old_ids | new_ids)
    moved = sorted({k for k in set(old_orgs) | set(orgs) if old_orgs.get(k) != orgs.get(k)})
    relinked = _relink(parts, parts.persons_on_runs(moved) - old_ids - new_ids, orgs)
    out = [(data, signature(data, [figures[f]["sig"] for f in g]))
           for data, g in zip(made, groups, strict=True)]
    occurrences = [(r, q, form, dump(plain(entity))) for r, q, entity, form, _ in new]
    return out + relinked, sorted(old_ids - new_ids), delta, occurrences


def _relink(parts: ResolveParts, persons: set[str], orgs: dict[str, str]) -> list[Made]:
    """Persons outside the resolved set whose roles name an organisation key that changed owner."""
    sigs: dict[str, list[str]] = defaultdict(list)
    for entity_id, _, data in parts.entity_forms(sorted(persons)):
        sigs[entity_id].append(json.loads(data)["sig"])
    out = []
    for entity_id, (data, _) in sorted(parts.entity_data(sorted(persons)).items()):
        loaded = json.loads(data)
        entity = bare(loaded)
        links = list(entity.links)
        link_roles([entity], orgs)
        if entity.links != links:
            loaded["links"] = [[role, org] for role, org in entity.links]
            out.append((loaded, signature(loaded, sigs[entity_id])))
    return out
