"""The keys an organisation answers to in roles are read from the keys of its forms, not keyed again
alias by alias: after every update they are the keys of the entity's aliases, and people are linked
as when every report is fused at once."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ringscope.fuse.resolve import org_keys
from ringscope.fuse.resolve_links import org_rows
from ringscope.fuse.stored import current
from ringscope.fuse.update import update
from ringscope.model import Entity, Extraction, Mention, Report
from ringscope.store import Store

from .fused_check import same_as_fused_at_once

ORGS = [("Halvor Marine Trust Ltd", []), ("Halvor Marine Trust", ["HMT"]), ("HMT", []),
        ("The Halvor Marine Trust", []), ("Quenby Labour Bureau", ["Quenby Labor Bureau"]),
        ("Quenby Labor Bureau Inc.", []), ("Ostrava Dock Watch", []), ("QLB", ["Quenby Labour Bureau"])]
ROLES = ["director of the halvor marine trust", "clerk at quenby labour bureau",
         "guard of ostrava dock watch"]


def _entity(kind: str, name: str, aliases: list[str], roles: list[str]) -> Entity:
    return Entity(kind, name, aliases=aliases, roles=roles, mentions=[Mention(0, len(name), name)])


def _report(rng: random.Random, n: int) -> tuple[Report, Extraction]:
    entities = [_entity("Organization", *rng.choice(ORGS), []) for _ in range(rng.randint(1, 3))]
    entities.append(_entity("Person", f"Irun Demsa{n % 4}", [], rng.sample(ROLES, rng.randint(0, 2))))
    text = f"Invented report {n}: a broker sent {n + 2} recruits to a dock office through an agency."
    return Report(text, published=f"2026-07-{1 + n % 28:02d}", url=f"https://k{n}.example.org/a"), \
        Extraction(entities=entities)


def test_the_keys_of_each_organisation_are_those_of_its_aliases_batch_after_batch(tmp_path: Path) -> None:
    rng = random.Random(11)
    with Store(tmp_path / "store.db") as store:
        for batch in range(6):
            for n in range(batch * 5, batch * 5 + rng.randint(1, 5)):
                assert store.add(*_report(rng, n), "test")
            update(store)
            orgs = [e for e in current(store).entities if e.type == "Organization"]
            stored = store.resolve_parts().entities.entity_keys([e.id for e in orgs])
            assert orgs and all(stored.get(e.id, set()) == org_keys(e) for e in orgs)
            # every key has an owner among the organisations that answer to it
            holders = {k: {e.id for e in orgs if k in org_keys(e)} for e in orgs for k in org_keys(e)}
            owners = store.resolve_parts().entities.org_owners(sorted(holders))
            assert {k: owners.get(k) in ids for k, ids in holders.items()} == dict.fromkeys(holders, True)
            assert any(e.links for e in current(store).entities if e.type == "Person")
        same_as_fused_at_once(store)


_IDS = st.sampled_from(["e1", "e2", "e3", "e4", "e5"])
_KEYS = st.sampled_from([f"k{n}" for n in range(12)])


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_KEYS, _IDS), st.sets(_IDS), st.lists(st.tuples(_KEYS, _IDS)))
def test_the_organisation_keys_written_are_those_that_change(
    stored: dict[str, str], gone: set[str], rows: list[tuple[str, str]]
) -> None:
    """Writing only the keys whose owner changes leaves the keys as dropping every key of the
    entities gone and then writing every row in order does."""
    whole = {k: e for k, e in stored.items() if e not in gone}
    for key, entity in rows:
        whole[key] = entity
    before = {k: e for k, e in stored.items() if e in gone or k in {key for key, _ in rows}}
    write, drop = org_rows(before, gone, rows)
    assert not set(drop) & {k for k, _ in write}
    changed = {k: e for k, e in stored.items() if k not in drop}
    changed.update(write)
    assert changed == whole
    assert all(stored.get(k) != e for k, e in write)
