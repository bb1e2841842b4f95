"""Entity resolution kept up to date: an update resolves only the names its reports touch.

Resolution (:func:`ringscope.fuse.resolve.resolve`) joins *forms* (distinct extracted names) by
shared keys, by acronym and initials, and by near-identical name keys within blocks. A set of forms
closed under those relations (and under the entities the forms made before) resolves alone exactly
as it does among all forms. An update therefore starts from the forms of new, re-extracted and
removed reports, closes the set over the kept relations (:mod:`ringscope.store.resolve_parts`:
only a new name key is compared against the keys of its blocks), resolves that set and replaces
the entities it made before. Persons outside the set whose roles name an organisation key that
changed owner are linked again.
"""

from __future__ import annotations

import json
from collections import defaultdict

from rapidfuzz import fuzz, process

from ringscope.fuse.names import acronym, fold, is_acronym
from ringscope.fuse.resolve import (
    FUZZY_MIN,
    FUZZY_MIN_LENGTH,
    ResolvedEntity,
    _key,
    _keys,
    link_roles,
    org_keys,
    resolve,
    role_runs,
)
from ringscope.fuse.stored import resolved_entity
from ringscope.model import Entity, Mention, Report, make_id, name_key
from ringscope.store import Store
from ringscope.store.resolve_parts import ResolveDelta, ResolveParts

FormInfo = tuple[str, str, str]
"""(type, name, JSON of the aliases)."""


def form_id(info: FormInfo) -> str:
    return make_id("form", *info)


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
        for key in sorted(keys - known):
            others = sorted({k for b in _blocks(key) for k in members[b]} - {key})
            near = process.extract(key, others, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN, limit=None)
            for _, _, at in near:
                a, b = sorted((key, others[at]))
                delta.fuzzy.append((etype, a, b))


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


def _occurrences(parts: ResolveParts, forms: _Forms, wanted: set[str]) -> list[tuple[str, Entity, str]]:
    """(report id, entity, form) of every stored occurrence of the ``wanted`` forms, in report and
    extraction order."""
    rows: list[tuple[tuple[object, ...], str]] = []
    for form in sorted(wanted):
        etype, name, aliases = forms.info[form]
        rows += [(row, form) for row in parts.occurrences([(etype, name_key(name), name, aliases)])]
    rows.sort(key=lambda item: (str(item[0][0]), int(str(item[0][1]))))
    mentions: dict[object, list[Mention]] = defaultdict(list)
    for pk, start, end, text in parts.mentions([int(str(r[2])) for r, _ in rows]):
        mentions[pk].append(Mention(int(str(start)), int(str(end)), str(text)))
    out = []
    for r, form in rows:
        out.append((str(r[0]), Entity(
            type=str(r[3]), name=str(r[4]), country=r[5], lat=r[6], lon=r[7],  # type: ignore[arg-type]
            aliases=json.loads(str(r[8])), roles=json.loads(str(r[9])), mentions=mentions.get(r[2], []),
            rule=str(r[10]),
        ), form))
    return out


def update_entities(
    store: Store, reports: dict[str, Report], changed: set[str], gone: set[str]
) -> tuple[list[ResolvedEntity], list[str], ResolveDelta]:
    """Resolve what new, re-extracted (``changed``) and removed (``gone``) reports touch.

    Returns the entities to write (rebuilt, or linked again), the ids of entities no longer made,
    and the kept parts to write with them."""
    parts = store.resolve_parts()
    delta = ResolveDelta(occ_gone=sorted(changed | gone))
    forms = _Forms(parts)
    now: dict[str, set[str]] = defaultdict(set)
    fresh: dict[str, FormInfo] = {}
    for report_id, etype, name, aliases in parts.report_forms(sorted(changed)):
        info = (etype, name, aliases)
        form = form_id(info)
        now[report_id].add(form)
        fresh.setdefault(form, info)
    delta.occ = [(r, f) for r in sorted(now) for f in sorted(now[r])]
    start = parts.forms_of_reports(delta.occ_gone) | set(fresh)
    forms.load(set(fresh))
    fresh = {f: info for f, info in fresh.items() if f not in forms.info}
    for form, info in sorted(fresh.items()):
        forms.add_fresh(form, info, delta)
    _fuzzy(parts, fresh, delta)
    closed = _closure(forms, start, delta)
    # the forms some stored report still has (the store's entities are the reports' current ones)
    occurrences = _occurrences(parts, forms, closed)
    live = {form for _, _, form in occurrences}
    form_of = {id(entity): form for _, entity, form in occurrences}
    delta.forms_gone = sorted(closed - live)
    old_ids = {forms.entity_of[f] for f in closed if f in forms.entity_of}
    old_orgs = {k: e for k, e in parts.orgs().items()}
    orgs = {k: e for k, e in old_orgs.items() if e not in old_ids}
    by_report: dict[str, list[Entity]] = defaultdict(list)
    for report_id, entity, _ in occurrences:
        by_report[report_id].append(entity)
    resolved = resolve(((reports[r], by_report[r]) for r in sorted(by_report)), orgs)
    new_ids = {e.id for e in resolved}
    for made in resolved:
        for occ in made.occurrences:
            forms.entity_of[form_of[id(occ.entity)]] = made.id
        if made.type == "Organization":
            delta.orgs += [(key, made.id) for key in sorted(org_keys(made))]
            orgs.update((key, made.id) for key in org_keys(made))
        if made.type == "Person":
            delta.runs += sorted({(run, made.id) for role in made.roles for run in role_runs(role)})
    delta.forms = [(f, *forms.info[f], forms.entity_of[f]) for f in sorted(live)]
    delta.entities_gone = sorted(old_ids | new_ids)
    moved = sorted({k for k in set(old_orgs) | set(orgs) if old_orgs.get(k) != orgs.get(k)})
    relinked = _relink(parts, parts.persons_on_runs(moved) - old_ids - new_ids, orgs)
    return resolved + relinked, sorted(old_ids - new_ids), delta


def _relink(parts: ResolveParts, persons: set[str], orgs: dict[str, str]) -> list[ResolvedEntity]:
    """Persons outside the resolved set whose roles name an organisation key that changed owner."""
    out = []
    for data, _ in parts.entity_data(sorted(persons)).values():
        entity = resolved_entity(json.loads(data))
        links = list(entity.links)
        link_roles([entity], orgs)
        if entity.links != links:
            out.append(entity)
    return out
