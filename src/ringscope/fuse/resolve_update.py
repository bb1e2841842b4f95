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

from ringscope.collector import paused
from ringscope.fuse.entity_forms import (
    Gathered,
    OccurrenceRow,
    bare,
    dump,
    gather,
    signature,
    summary_from,
)
from ringscope.fuse.form_figures import (
    FormInfo,
    groups_of,
    new_occurrences,
    report_counts,
    the_figures,
)
from ringscope.fuse.heads import Stamps
from ringscope.fuse.names import acronym, fold, is_acronym
from ringscope.fuse.near_names import blocks, lengths, near_pairs
from ringscope.fuse.resolve import FUZZY_MIN_LENGTH, _key, _keys, role_runs
from ringscope.fuse.resolve_fast import Group, gathered_of, groups, resolve_group
from ringscope.fuse.resolve_links import Made, link, made_keys, org_rows, relink
from ringscope.fuse.stored import plain
from ringscope.model import Entity, make_id
from ringscope.store import Store
from ringscope.store.resolve_parts import ResolveDelta, ResolveParts


def _initials(name: str) -> str | None:
    """The initials a form joins acronyms by: an acronym's letters, else a long name's initials."""
    if is_acronym(name):
        return "=" + fold(name).replace(" ", "")
    short = acronym(name)
    return short if short else None


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
    """Compare every new name key with the keys of its blocks (kept ones and other new ones) whose
    length can match: each block read once, for the lengths its new keys can match, and compared
    with all its new keys at once."""
    new_keys: dict[str, set[str]] = defaultdict(set)
    for etype, name, _ in fresh.values():
        key = _key(name, etype)
        if len(key) >= FUZZY_MIN_LENGTH:
            new_keys[etype].add(key)
    for etype, keys in sorted(new_keys.items()):
        # a key already blocked was compared when it was new: only the others are looked for
        fresh_keys = sorted(k for k in keys if not parts.blocked(etype, blocks(k)[0], k))
        wanted: dict[str, list[str]] = defaultdict(list)
        for key in fresh_keys:
            for block in blocks(key):
                wanted[block].append(key)
                delta.blocks.append((etype, block, key))
        pairs: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for block, mine in sorted(wanted.items()):
            sizes = [lengths(len(k)) for k in mine]
            pool = parts.block_pool(etype, block, (min(s[0] for s in sizes), max(s[1] for s in sizes)))
            # a key out of another's lengths is never near it: the block is compared whole
            for key, other in near_pairs(mine, pool + mine):
                pairs[key].add((min(key, other), max(key, other)))
        for key in fresh_keys:
            delta.fuzzy += [(etype, a, b) for a, b in sorted(pairs[key])]


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


def _slow_set(
    forms: _Forms, plan: list[Group], lost: set[str], delta: ResolveDelta
) -> tuple[set[str], list[Group]]:
    """The forms resolved form by form (closed over the kept relations) and the groups resolved
    entity by entity: a group the closed set reaches is resolved form by form too."""
    start = lost | {f for g in plan if g.slow for f in g.new | g.touched}
    fast = [g for g in plan if not g.slow]
    while True:
        closed = _closure(forms, start, delta)
        reached = {forms.entity_of[f] for f in closed if f in forms.entity_of}
        caught = [g for g in fast if g.new & closed or g.entities & reached]
        if not caught:
            return closed, fast
        fast = [g for g in fast if not (g.new & closed or g.entities & reached)]
        start |= {f for g in caught for f in g.new | g.touched}


Update = tuple[list[Made], list[str], ResolveDelta, list[tuple[str, int, str, str]]]


def update_entities(store: Store, changed: set[str], gone: set[str], stamps: Stamps) -> Update:
    """Resolve what new, re-extracted (``changed``) and removed (``gone``) reports touch.

    Returns the entities to write (rebuilt, or linked again), the ids of entities no longer made,
    the kept parts to write with them and the occurrences of the ``changed`` reports (report id,
    seq, form, JSON of the entity).

    The cyclic garbage collector is paused meanwhile (:func:`ringscope.collector.paused`): the update
    makes many objects and few cycles, and each full collection set off by them would walk all that
    was alive before (the reports' stamps and heads read, what the rest of the update holds), which
    grows with the archive."""
    with paused():
        return _update(store, changed, gone, stamps)


def _update(store: Store, changed: set[str], gone: set[str], stamps: Stamps) -> Update:
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
    forms.load(set(fresh) | lost)
    fresh = {f: info for f, info in fresh.items() if f not in forms.info}
    for form, info in sorted(fresh.items()):
        forms.add_fresh(form, info, delta)
    _fuzzy(parts, fresh, delta)
    plan = groups(parts, forms.info, forms.entity_of, forms.fresh, new, lost, delta)
    gathered = gathered_of(parts, sorted({e for g in plan if not g.slow for e in g.entities}))
    for group in plan:
        group.slow |= gathered is None
    closed, fast = _slow_set(forms, plan, lost, delta)
    # form by form
    known = set(forms.entity_of)
    figures = the_figures(parts, forms.info, closed, lost, new, known, stamps)
    live = sorted(figures)
    delta.forms_gone = sorted(closed - set(live))
    old_ids = {forms.entity_of[f] for f in closed if f in forms.entity_of}
    groups_made = groups_of(parts, forms.info, live, figures, delta.fuzzy)
    counts = report_counts(parts, groups_made, figures, set(delta.occ_gone), new)
    made: list[tuple[dict[str, Any], Gathered, list[str]]] = []
    sources: list[tuple[str, set[str], list[str]]] = []
    for joined, count in zip(groups_made, counts, strict=True):
        etype = forms.info[joined[0]][0]
        together = gather(etype, [(forms.info[f][1], json.loads(forms.info[f][2]), figures[f])
                                  for f in joined])
        together["sig"] = make_id("gathered", *sorted(figures[f]["sig"] for f in joined))
        together["reports"] = count
        made.append((summary_from(etype, together, count), together, joined))
        sources.append((etype, set(), joined))
    # entity by entity
    rows: dict[str, list[OccurrenceRow]] = defaultdict(list)
    for report_id, seq, occ, form, _ in new:
        rows[form].append((report_id, seq, occ.country, occ.lat, occ.lon, occ.roles))
    stats = parts.form_stats(sorted(f for g in fast for f in g.touched))
    touched = {f: json.loads(s) for f, s in stats.items()}
    for group in fast:
        data, together, added = resolve_group(parts, group, forms.info, rows, touched, stamps, gathered or {},
                                              set(delta.occ_gone), delta)
        figures.update(added)
        old_ids |= group.entities
        made.append((data, together, sorted(added)))
        sources.append((data["type"], group.entities, sorted(group.new)))
    entities = [bare(data) for data, _, _ in made]
    keys = made_keys(parts, {f: own for f, (own, _) in forms.fresh.items()}, sources)
    view = link(parts, entities, old_ids, keys)
    for (data, _, _), entity in zip(made, entities, strict=True):
        data["links"] = [[role, org] for role, org in entity.links]
    for (_, together, written), entity, own in zip(made, entities, keys, strict=True):
        for form in written:
            forms.entity_of[form] = entity.id
        if entity.type == "Organization":
            delta.orgs += [(key, entity.id) for key in sorted(own)]
        if entity.type == "Person":
            delta.runs += sorted({(run, entity.id) for role in entity.roles for run in role_runs(role)})
        delta.gathered.append((entity.id, dump(together)))
    delta.forms = [(f, *forms.info[f], forms.entity_of[f], dump(figures[f]))
                   for f in live + sorted({f for _, _, g in made[len(groups_made):] for f in g})]
    new_ids = {data["id"] for data, _, _ in made}
    delta.entities_gone = sorted(old_ids | new_ids)
    out = [(data, signature(data, [together["sig"]])) for data, together, _ in made]
    out += relink(parts, view, new_ids)
    # the owners before of the keys of the entities made (read by relink) and of every key an
    # entity resolved again held (those of ids made only now are read here)
    before = {**parts.entities.org_keys_of(sorted(new_ids - old_ids)), **view.before}
    delta.orgs, delta.orgs_gone = org_rows(before, set(delta.entities_gone), delta.orgs)
    occurrences = [(r, q, form, dump(plain(entity))) for r, q, entity, form, _ in new]
    return out, sorted(old_ids - new_ids), delta, occurrences
