"""A report naming a frequent entity under a new spelling, or by an acronym met before, is resolved
entity by entity: the update reads and writes the forms the report names, never the entity's other
forms, and the picture is the one fused at once."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
from rapidfuzz import fuzz

from ringscope.fuse.form_figures import form_id
from ringscope.fuse.near_names import lengths
from ringscope.fuse.resolve import FUZZY_MIN
from ringscope.fuse.stored import current
from ringscope.fuse.update import update
from ringscope.model import Entity, Extraction, Mention, Report
from ringscope.store import Store
from ringscope.store.resolve_entities import EntityParts
from ringscope.store.resolve_parts import ResolveParts

from .fused_check import same_as_fused_at_once

FREQUENT = "Meridian Tide Relief Agency"


def _entity(kind: str, name: str, aliases: list[str] | None = None, roles: list[str] | None = None) -> Entity:
    return Entity(kind, name, aliases=aliases or [], roles=roles or [],
                  mentions=[Mention(0, len(name), name)])


def _report(n: int, *entities: Entity) -> tuple[Report, Extraction]:
    text = f"Invented report {n}: the agency freed {n + 3} workers from a compound near Lake Orvane."
    return Report(text, published=f"2026-05-{1 + n % 28:02d}", url=f"https://p{n}.example.org/a"), \
        Extraction(entities=list(entities))


def _spelling(n: int) -> Entity:
    """The frequent agency under its name with one of many invented aliases (each a form of its own)."""
    return _entity("Organization", FREQUENT, aliases=[f"{FREQUENT} Velmar Office {n}"])


class _Reads:
    """The forms and entities an update asks the store for (the store still answers)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.forms: set[str] = set()
        self.entities: set[str] = set()
        for cls, name, into in ((ResolveParts, "forms", self.forms), (ResolveParts, "form_stats", self.forms),
                                (ResolveParts, "form_reports", self.forms),
                                (ResolveParts, "forms_of_entities", self.entities),
                                (ResolveParts, "entity_forms", self.entities),
                                (EntityParts, "forms_with_figures", self.entities)):
            monkeypatch.setattr(cls, name, self._spy(getattr(cls, name), into))

    @staticmethod
    def _spy(inner: Callable[..., Any], into: set[str]) -> Callable[..., Any]:
        def wrapper(self: object, ids: Iterable[str], *args: Any) -> Any:
            ids = list(ids)
            into.update(ids)
            return inner(self, ids, *args)
        return wrapper


def _form_rows(path: Path) -> dict[str, tuple[object, ...]]:
    """Each kept form's row (a form written again with other values differs)."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT form, type, name, aliases, entity_id, stats FROM resolve_forms")
        return {str(row[0]): tuple(row[1:]) for row in rows}
    finally:
        conn.close()


def _frequent_id(store: Store) -> str:
    return next(e.id for e in current(store).entities if e.name == FREQUENT)


def _store(store: Store, count: int, *more: Entity) -> str:
    for n in range(count):
        person = _entity("Person", f"Dalia Ferrow{n % 3}", roles=[f"head of the {FREQUENT}"])
        assert store.add(*_report(n, _spelling(n), person, *more), "test")
    update(store)
    return _frequent_id(store)


def test_a_new_spelling_of_a_frequent_entity_reads_and_writes_only_its_own_form(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "store.db"
    with Store(path) as store:
        frequent = _store(store, 24)
        assert len(next(e for e in current(store).entities if e.id == frequent).aliases) > 20
        before = _form_rows(path)
        added = _spelling(99)
        assert store.add(*_report(99, added), "test")
        reads = _Reads(monkeypatch)
        update(store)
        new_form = form_id((added.type, added.name, '["' + added.aliases[0] + '"]'))
        assert new_form in _form_rows(path)
        assert reads.forms <= {new_form}, "forms other than the new report's were read"
        assert frequent not in reads.entities, "the frequent entity's forms were read"
        after = _form_rows(path)
        assert all(after[f] == row for f, row in before.items()), "a kept form was written again"
        entity = next(e for e in current(store).entities if e.id == frequent)
        assert len(entity.reports) == 25
        same_as_fused_at_once(store)


def test_an_acronym_met_again_in_its_entity_reads_only_its_own_form(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    acronym = _entity("Organization", "MTRA", aliases=[FREQUENT])
    path = tmp_path / "store.db"
    with Store(path) as store:
        frequent = _store(store, 16, acronym)
        assert "MTRA" in next(e for e in current(store).entities if e.id == frequent).aliases
        before = _form_rows(path)
        assert store.add(*_report(77, _entity("Organization", "MTRA", aliases=[FREQUENT])), "test")
        reads = _Reads(monkeypatch)
        update(store)
        mtra = form_id(("Organization", "MTRA", f'["{FREQUENT}"]'))
        assert reads.forms <= {mtra} and frequent not in reads.entities
        after = _form_rows(path)
        assert [f for f, row in before.items() if after[f] != row] == [mtra]
        same_as_fused_at_once(store)


def test_a_second_long_name_of_an_acronyms_initials_is_resolved_form_by_form(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The acronym stands alone once two long names have its initials: the update must read the
    entity it leaves (and still give the picture fused at once)."""
    path = tmp_path / "store.db"
    with Store(path) as store:
        frequent = _store(store, 6, _entity("Organization", "MTRA"))
        assert "MTRA" in next(e for e in current(store).entities if e.id == frequent).aliases
        other = _entity("Organization", "Marsh Town Rescue Association")
        assert store.add(*_report(50, other, _entity("Organization", "MTRA")), "test")
        reads = _Reads(monkeypatch)
        update(store)
        assert frequent in reads.entities
        assert "MTRA" not in next(e for e in current(store).entities if e.name == FREQUENT).aliases
        same_as_fused_at_once(store)


def test_near_identical_keys_are_looked_for_among_the_lengths_that_can_match() -> None:
    rng = random.Random(5)
    letters = "abcdeé "
    near = 0
    for _ in range(4000):
        a = "".join(rng.choice(letters) for _ in range(rng.randint(8, 30)))
        b = list(a)
        for _ in range(rng.randint(0, 3)):
            at = rng.randrange(len(b) + 1)
            if rng.random() < 0.5:
                b.insert(at, rng.choice(letters))
            elif b:
                del b[min(at, len(b) - 1)]
        other = "".join(b)
        low, high = lengths(len(a))
        if fuzz.ratio(a, other) >= FUZZY_MIN:
            near += 1
            assert low <= len(other) <= high, (a, other)
    assert near > 500, "too few near-identical pairs to test the bound"
    assert lengths(25) == (20, 30)


def test_kept_entities_joined_by_a_new_name_count_each_report_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two kept entities named together in some reports, joined entity by entity by a new name
    with both spellings: the reports are counted once, reading the smaller entity's reports only."""
    large, small = "Telvar Shipping Registry", "Umbrine Crew Office"
    with Store(tmp_path / "store.db") as store:
        for n in range(9):
            names = [large] + ([small] if n % 3 == 0 else [])
            assert store.add(*_report(n, *(_entity("Organization", name) for name in names)), "test")
        update(store)
        ids = {e.name: e.id for e in current(store).entities}
        asked: list[tuple[tuple[str, int], list[str]]] = []
        inner = EntityParts.report_count

        def spy(
            self: EntityParts, largest: tuple[str, int], others: Iterable[str], leaving: Iterable[str]
        ) -> int:
            asked.append((largest, list(others)))
            return inner(self, largest, others, leaving)

        monkeypatch.setattr(EntityParts, "report_count", spy)
        assert store.add(*_report(20, _entity("Organization", large, aliases=[small])), "test")
        update(store)
        assert asked == [((ids[large], 9), [ids[small]])]
        joined = next(e for e in current(store).entities if large in e.aliases)
        assert small in joined.aliases and len(joined.reports) == 10
        same_as_fused_at_once(store)
