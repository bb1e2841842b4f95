"""The cached picture of a store follows the store's changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from ringscope.model import Claim, Entity, Extraction, Mention, Report, Route
from ringscope.report import snapshot
from ringscope.report.analysis import flows, hotspots, timeline
from ringscope.store import Store


def _report(n: int, published: str) -> tuple[Report, Extraction]:
    text = f"Officers freed {n} people from the Larkspur compound in Cambodia, the Vellan ministry said."
    claim = Claim(
        "victims_rescued", float(n), float(n), float(n), "exact", "people", text[:30], 0, 30, location="KH"
    )
    place = Entity("Compound", "Larkspur compound", "KH", mentions=[Mention(35, 52, "Larkspur compound")])
    route = Route("VN", "KH", text, 0, len(text), n)
    return Report(text=text, source=f"Outlet {n}", published=published), Extraction([place], [claim], [route])


def test_snapshot_is_cached_until_the_store_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "snap.db"
    with Store(path) as store:
        store.add(*_report(11, "2025-01-04"), "test")
    first = snapshot.load(path)
    assert snapshot.load(path) is first
    with Store(path) as store:
        store.add(*_report(12, "2025-02-09"), "test")
    monkeypatch.setattr(snapshot, "RECHECK_SECONDS", 0.0)
    second = snapshot.load(path)
    assert second is not first and len(second.picture.reports) == 2
    assert snapshot.load(path) is second


def test_analysis_of_a_snapshot(tmp_path: Path) -> None:
    path = tmp_path / "analysis.db"
    with Store(path) as store:
        for n, date in ((11, "2025-01-04"), (12, "2025-02-09"), (13, "2025-02-20")):
            store.add(*_report(n, date), "test")
    snap = snapshot.load(path)
    (flow,) = flows(snap)
    assert (flow.origin, flow.destination, flow.count) == ("VN", "KH", 3)
    # people on a route: the largest count of each event, summed (reports of one event repeat it)
    largest: dict[str, int] = {}
    for report in snap.picture.reports.values():
        event = snap.picture.event_of.get(report.id) or report.id
        count = int(report.text.split()[2])
        largest[event] = max(count, largest.get(event, 0))
    assert flow.people == sum(largest.values()) and flow.people <= 11 + 12 + 13
    spots = hotspots(snap)
    assert [(h.kind, h.label) for h in spots] == [("country", "Cambodia"), ("place", "Larkspur compound")]
    assert spots[0].people == 13 and spots[0].code == "KH"  # the largest figure of people rescued there
    assert spots[1].count == 3
    assert timeline(snap)["reports"] == {"2025-01": 1, "2025-02": 2}
    later = snapshot.load(path, since="2025-02")
    assert len(later.picture.reports) == 2
    assert len(snapshot.load(path, country="TH").picture.reports) == 0


def test_listed_entities_hold_one_shared_empty_list_and_show_the_same(tmp_path: Path) -> None:
    path = tmp_path / "listed.db"
    with Store(path) as store:
        for n, date, name in ((11, "2025-01-04", "Quarrow Holdings"), (12, "2025-02-09", "Bellfen Trading")):
            report, extraction = _report(n, date)
            extraction.entities.append(Entity("Organization", name, "KH",
                                              mentions=[Mention(0, 8, "Officers")]))
            store.add(report, extraction, "test")
    snap = snapshot.load(path)
    listed = snap.listed().entities
    assert len(listed) == 3 and all(not e.links and not e.notes for e in listed)
    empties = [x for e in listed for x in (e.links, e.notes, *(
        part for o in e.occurrences for part in (o.entity.aliases, o.entity.roles, o.entity.mentions)))]
    assert len({id(x) for x in empties}) == 1  # one list, however many entities and occurrences
    for shown, raw in zip(listed, snap.picture.entities, strict=True):
        assert (shown.id, shown.name, shown.reports) == (raw.id, raw.name, raw.reports)
        assert shown.aliases == raw.aliases and shown.roles == raw.roles
        assert [o.entity.name for o in shown.occurrences] == [raw.name] * len(raw.occurrences)
