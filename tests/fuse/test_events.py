from __future__ import annotations

from ringscope.fuse.events import (
    EventFeatures,
    average_linkage,
    candidate_pairs,
    features,
    group_events,
)
from ringscope.model import Claim, Entity, Extraction, Report

RAID_A = (
    "Police in the port city of Velmora raided the Starfruit Bay compound on Tuesday and freed 312 workers "
    "who had been forced to run investment scams. Commander Ilse Varga said 27 managers were detained and "
    "the rescued workers came from nine countries."
)
RAID_B = (
    "Officers freed 312 people from the Starfruit Bay compound in Velmora, where recruits lured by fake "
    "job offers were made to run scams; 27 suspected managers were arrested, Commander Ilse Varga told "
    "reporters on Wednesday."
)
OTHER = (
    "A court in the capital sentenced a money launderer to nine years for moving proceeds of online gambling "
    "through shell companies and cryptocurrency exchanges, prosecutors said."
)
FARMING = (
    "Farmers in the northern valley harvested a record crop of rice this season after heavy rains, the "
    "agriculture office reported, and prices at the market fell."
)


def item(rid: str, text: str, published: str | None, figures: list[float], names: list[str]) -> tuple[Report,
                                                                                                        Extraction]:
    claims = [Claim("victims_rescued", v, v, v, "exact", "people", str(int(v)), 0, 1) for v in figures]
    entities = [Entity("Compound", n) for n in names]
    return Report(text=text, published=published, id=rid), Extraction(entities=entities, claims=claims)


def test_two_tellings_of_one_raid_share_an_event_and_others_stay_alone() -> None:
    items = [
        item("a", RAID_A, "2026-01-06", [312, 27], ["Starfruit Bay"]),
        item("b", RAID_B, "2026-01-07", [312, 27], ["Starfruit Bay"]),
        item("c", OTHER, "2026-01-07", [], []),
        item("d", FARMING, "2026-01-08", [], []),
    ]
    groups = group_events(items)
    assert groups["a"] is not None and groups["a"] == groups["b"]
    assert groups["c"] is None and groups["d"] is None


def test_reports_far_apart_in_time_are_not_one_event() -> None:
    items = [item("a", RAID_A, "2026-01-06", [312], []), item("b", RAID_B, "2026-06-07", [312], [])]
    assert set(group_events(items).values()) == {None}


def test_event_ids_are_stable_across_runs_and_input_order() -> None:
    items = [item("a", RAID_A, None, [312], []), item("b", RAID_B, None, [312], []),
             item("c", OTHER, None, [], [])]
    first = group_events(items)
    second = group_events(list(reversed(items)))
    assert first == second


def test_blocking_skips_keys_shared_by_too_many_reports() -> None:
    docs = [EventFeatures(str(i), None, names={"C:harbour park"}) for i in range(30)]
    assert len(candidate_pairs(docs, max_block=50)) == 30 * 29 // 2
    assert candidate_pairs(docs, max_block=10) == set()
    # A figure alone never makes a candidate pair: common values would join unrelated reports.
    figures_only = [EventFeatures(str(i), None, figures={"n:100"}) for i in range(3)]
    assert candidate_pairs(figures_only, max_block=50) == set()


def test_features_keep_figures_and_names_but_not_tiny_numbers() -> None:
    report, extraction = item("a", RAID_A, "2026-01-06", [312, 3], ["Starfruit Bay"])
    feats = features(report, extraction)
    assert feats.figures == {"n:312"}
    assert "C:starfruit bay" in feats.names
    assert feats.published is not None and feats.published.isoformat() == "2026-01-06"


def test_one_weak_bridge_does_not_chain_two_events() -> None:
    groups = average_linkage(4, {(0, 1): 0.9, (2, 3): 0.9, (1, 2): 0.3}, threshold=0.2)
    assert sorted(sorted(g) for g in groups) == [[0, 1], [2, 3]]
    # A bridge as strong as the events themselves does join them.
    everything = {(i, j): 0.9 for i in range(4) for j in range(i + 1, 4)}
    joined = average_linkage(4, everything, 0.2)
    assert len(joined) == 1
