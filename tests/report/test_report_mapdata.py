"""What the map shows: people per country from figures, places (never a withheld name), routes."""

from __future__ import annotations

from ringscope.fuse import Picture, ResolvedEntity
from ringscope.fuse.reconcile import Figure
from ringscope.fuse.resolve import Occurrence
from ringscope.model import Entity
from ringscope.privacy import Policy, Withheld
from ringscope.report.mapdata import country_hotspots, people_by_country, place_hotspots
from ringscope.report.snapshot import Snapshot


def _place(name: str, kind: str = "Location", country: str = "KH", reports: int = 1) -> ResolvedEntity:
    occurrences = [Occurrence(f"r{i}", Entity(kind, name, country)) for i in range(reports)]
    return ResolvedEntity(f"id-{name}", kind, name, country, 12.0, 104.0, occurrences=occurrences)


def _snapshot() -> Snapshot:
    figures = [
        Figure("victims_rescued", "KH", None, None, [], value=400.0),
        Figure("victims_rescued", "KH", None, None, [], value=150.0),
        Figure("arrests", "KH", None, None, [], value=90.0),
        Figure("fraud_losses", "KH", None, None, [], value=9e9, currency="USD"),  # money, not people
        Figure("people_trafficked", "LA", None, None, [], value=1200.0),
        Figure("people_trafficked", None, None, None, [], value=5.0),  # nowhere in particular
    ]
    entities = [
        _place("Cambodia"),  # a whole country: drawn as the country, not as a place
        _place("Harbourgate compound", "Compound", reports=3),
        _place("Orchid Quay", reports=2),
        _place("[victim 1]", reports=4),  # a place whose name is a withheld person's placeholder
    ]
    picture = Picture({}, {}, [], entities, figures)
    policy = Policy({"p": Withheld("p", "[victim 1]", frozenset({"someone"}), ("test",))})
    return Snapshot(picture, policy, [], (), [picture])  # the picture given as its own redacted view


def test_people_by_country_takes_the_largest_figure_of_each_people_measure() -> None:
    people = people_by_country(_snapshot().redacted)
    assert people == {"KH": {"victims_rescued": 400, "arrests": 90}, "LA": {"people_trafficked": 1200}}


def test_country_hotspots_are_sized_by_their_largest_people_figure() -> None:
    spots = country_hotspots(_snapshot(), href=lambda code: f"/claims?country={code}")
    assert [(h.code, h.people, h.kind) for h in spots] == [("LA", 1200, "country"), ("KH", 400, "country")]
    assert spots[1].measures == (("Victims rescued", 400), ("Arrests", 90))
    assert spots[1].label == "Cambodia" and spots[1].count == 4  # reports naming places in it
    assert spots[1].href == "/claims?country=KH"


def test_places_leave_out_whole_countries_and_withheld_names() -> None:
    labels = [h.label for h in place_hotspots(_snapshot(), href=lambda e: f"/entities/{e.id}")]
    assert labels == ["Harbourgate compound", "Orchid Quay"]
    # an admin who asks for names sees the place under the name the picture gives it
    assert "[victim 1]" in [h.label for h in place_hotspots(_snapshot(), names=True)]
