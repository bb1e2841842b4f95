"""An entity's summary taken from the figures of its forms, added to batch by batch, is the one
resolution builds from all its occurrences (spelling, country and coordinates chosen, aliases and
roles in the order first met, report count)."""

from __future__ import annotations

import json
import random
from collections import defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st

from ringscope.fuse.entity_forms import (
    _best_name,
    combine,
    dump,
    figures_of,
    gather,
    merge,
    summary,
    summary_of,
)
from ringscope.fuse.names import fold
from ringscope.fuse.resolve import Occurrence, _build
from ringscope.fuse.resolve_fast import _taken
from ringscope.model import Entity

SPELLINGS = [("Orvane Relief Corps", []), ("ORC", ["Orvane Relief Corps"]), ("Orvane Relief Corps", ["ORC"]),
             ("Orvané Relief Corps", [])]
COUNTRIES = [None, "XA", "XB", "XC", ""]
ROLES = ["donor", "partner of the Velmar Harbour Watch", "auditor"]


def _occurrences(rng: random.Random, reports: int) -> list[Occurrence]:
    out = []
    for n in sorted(f"r{rng.randrange(10**6):06d}" for _ in range(reports)):
        for _ in range(rng.randint(1, 3)):
            name, aliases = rng.choice(SPELLINGS)
            coords = (rng.uniform(-9, 9), rng.uniform(-9, 9)) if rng.random() < 0.2 else (None, None)
            roles = rng.sample(ROLES, rng.randint(0, 2))
            entity = Entity("Organization", name, country=rng.choice(COUNTRIES), lat=coords[0], lon=coords[1],
                            aliases=list(aliases), roles=roles)
            out.append(Occurrence(n, entity))
    return out


def _form(entity: Entity) -> tuple[str, tuple[str, ...]]:
    return entity.name, tuple(entity.aliases)


def test_the_summary_from_figures_added_in_batches_is_the_one_built_from_every_occurrence() -> None:
    rng = random.Random(7)
    for _ in range(30):
        occurrences = _occurrences(rng, rng.randint(1, 40))
        places = {id(o): (o.report_id, seq) for seq, o in enumerate(occurrences)}
        reports = sorted({o.report_id for o in occurrences})
        stamps = {r: "1.0" for r in reports}
        cut = set(rng.sample(reports, len(reports) // 2))
        figures: dict[tuple[str, tuple[str, ...]], dict[str, object]] = {}
        for batch in (cut, set(reports) - cut):  # two batches, in either order of report ids
            rows = defaultdict(list)
            for o in occurrences:
                if o.report_id in batch:
                    e = o.entity
                    rows[_form(e)].append((o.report_id, places[id(o)][1], e.country, e.lat, e.lon, e.roles))
            for form, found in rows.items():
                made = figures_of(found, stamps)
                figures[form] = merge(figures[form], made) if form in figures else made
        forms = [(name, list(aliases), figures[(name, aliases)]) for name, aliases in sorted(figures)]
        built = _build(occurrences)
        assert summary("Organization", forms, len(built.reports)) == summary_of(built)
        assert sum(int(str(f["reports"])) for _, _, f in forms) >= len(built.reports)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(alphabet="aeéoAÉ -", min_size=1, max_size=5), st.integers(1, 3), min_size=1))
def test_the_name_of_an_entity_is_its_most_frequent_longest_spelling_with_diacritics(
    names: dict[str, int],
) -> None:
    assert _best_name(names) == max(names, key=lambda n: (names[n], len(n), n != fold(n), n))


def test_one_entitys_gathered_figures_taken_over_are_those_combined_for_it_alone() -> None:
    rng = random.Random(3)
    for _ in range(20):
        occurrences = _occurrences(rng, rng.randint(1, 30))
        rows = defaultdict(list)
        for seq, o in enumerate(occurrences):
            e = o.entity
            rows[_form(e)].append((o.report_id, seq, e.country, e.lat, e.lon, e.roles))
        stamps = {o.report_id: "1.0" for o in occurrences}
        forms = [(name, list(aliases), figures_of(found, stamps)) for (name, aliases), found in rows.items()]
        kept = gather("Organization", forms[1:])
        stored = dump({**kept, "sig": "s", "reports": 4})
        more = forms[:1]
        combined = gather("Organization", more, combine("Organization", [json.loads(stored)]))
        taken = gather("Organization", more, _taken(json.loads(stored)))
        assert dump(taken) == dump(combined)
