"""People linked to organisations after an update, reading only the organisation keys that matter.

As :func:`ringscope.fuse.resolve.resolve` links them: a person to every organisation whose key is a
run of words of one of their roles, the organisations resolved again taking the keys they answer to
over the kept ones (those of the entities resolved again are dropped). Persons outside the update
whose roles name a key that changed owner are linked again.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from ringscope.fuse.entity_forms import bare, signature
from ringscope.fuse.resolve import ResolvedEntity, link_roles, role_runs
from ringscope.store.resolve_parts import ResolveParts

Made = tuple[dict[str, Any], str]
"""(summary, signature) of a resolved entity to store."""


class OrgView:
    """Organisation key -> entity id after the update, read for the keys asked for only."""

    def __init__(self, parts: ResolveParts, old_ids: set[str], made: list[ResolvedEntity],
                 keys: list[set[str]]) -> None:
        self.parts = parts
        self.old_ids = old_ids
        self.before: dict[str, str] = {}
        self.made = {key: e.id for e, own in zip(made, keys, strict=True) if e.type == "Organization"
                     for key in own}

    def of(self, keys: set[str], kept: dict[str, str] | None = None) -> dict[str, str]:
        """The owners of ``keys`` (``kept``: their stored owners, when already read)."""
        kept = self.parts.entities.org_owners(sorted(keys)) if kept is None else kept
        out = {k: e for k, e in kept.items() if e not in self.old_ids}
        out.update((k, e) for k, e in self.made.items() if k in keys)
        return out

    def moved(self) -> list[str]:
        """The keys whose owner changed (their owners before are kept in ``before``)."""
        keys = set(self.parts.entities.org_keys_of(sorted(self.old_ids))) | set(self.made)
        self.before = self.parts.entities.org_owners(sorted(keys))
        after = self.of(keys, self.before)
        return sorted(k for k in keys if self.before.get(k) != after.get(k))


def runs_of(entities: list[ResolvedEntity]) -> set[str]:
    return {run for e in entities if e.type == "Person" for role in e.roles for run in role_runs(role)}


def link(
    parts: ResolveParts, entities: list[ResolvedEntity], old_ids: set[str], keys: list[set[str]]
) -> OrgView:
    """Link the persons among ``entities`` (resolved again; ``old_ids``: the entities they replace;
    ``keys``: the keys each answers to, see :func:`made_keys`)."""
    view = OrgView(parts, old_ids, entities, keys)
    link_roles(entities, view.of(runs_of(entities)))
    return view


def made_keys(
    parts: ResolveParts, fresh: dict[str, set[str]], made: list[tuple[str, set[str], list[str]]]
) -> list[set[str]]:
    """The keys each organisation made answers to (:func:`ringscope.fuse.resolve.org_keys`: those of
    its aliases), taken from the keys of its forms rather than keyed again alias by alias: ``made``
    lists each entity's type, the kept entities it takes whole and its other forms; ``fresh`` the
    keys of the new forms (a kept form's keys are stored). Empty for any other type."""
    orgs = [(entities, forms) for etype, entities, forms in made if etype == "Organization"]
    whole = parts.entities.entity_keys(sorted({e for entities, _ in orgs for e in entities}))
    kept = parts.form_keys(sorted({f for _, forms in orgs for f in forms if f not in fresh}))
    out: list[set[str]] = []
    for etype, entities, forms in made:
        keys: set[str] = set()
        if etype == "Organization":
            for entity_id in entities:
                keys |= whole.get(entity_id, set())
            for form in forms:
                keys |= fresh[form] if form in fresh else kept.get(form, set())
        out.append(keys)
    return out


def relink(parts: ResolveParts, view: OrgView, new_ids: set[str]) -> list[Made]:
    """Persons outside the resolved set whose roles name an organisation key that changed owner."""
    persons = parts.persons_on_runs(view.moved()) - view.old_ids - new_ids
    sigs: dict[str, list[str]] = defaultdict(list)
    for entity_id, _, data in parts.entity_forms(sorted(persons)):
        sigs[entity_id].append(json.loads(data)["sig"])
    out = []
    for entity_id, (data, _) in sorted(parts.entity_data(sorted(persons)).items()):
        loaded = json.loads(data)
        entity = bare(loaded)
        links = list(entity.links)
        link_roles([entity], view.of(runs_of([entity])))
        if entity.links != links:
            loaded["links"] = [[role, org] for role, org in entity.links]
            out.append((loaded, signature(loaded, sigs[entity_id])))
    return out


def org_rows(
    before: dict[str, str], gone: set[str], rows: list[tuple[str, str]]
) -> tuple[list[tuple[str, str]], list[str]]:
    """What to write of the organisation keys for them to be as when every key of the entities
    ``gone`` is dropped and then ``rows`` ((key, entity id)) written in order, a later row of a key
    over an earlier one: the rows whose owner changes, and the keys left without one. ``before``:
    the stored owner of every key of ``rows`` that has one and of every key an entity of ``gone``
    holds (the rows of a large organisation resolved again are mostly written as they were)."""
    after = {k: e for k, e in before.items() if e not in gone}
    after.update(rows)
    return sorted((k, e) for k, e in after.items() if before.get(k) != e), sorted(set(before) - set(after))
