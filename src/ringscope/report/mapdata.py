"""What the map shows, derived from a snapshot (pure, no drawing).

Countries are sized by the people counted in the figures located there; places and compounds
named in reports are marked where they are; routes join the country victims came from to the
country where they were held. Everything is read from the redacted picture: a place whose name
is a withheld person's placeholder is left out unless names are asked for.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from ringscope.fuse import Picture, ResolvedEntity
from ringscope.report.geo import centroids, countries
from ringscope.report.snapshot import Snapshot
from ringscope.vocab import load_vocab, measure_unit

PLACE_TYPES = ("Compound", "Location")

Href = Callable[[ResolvedEntity], str | None]


@dataclass(frozen=True, slots=True)
class Hotspot:
    label: str
    lon: float
    lat: float
    count: int
    """How many reports mention the place."""
    href: str | None = None
    people: int = 0
    """The largest number of people a figure located there counts (countries only)."""
    kind: str = "place"
    """``place`` (a city, region or compound) or ``country``."""
    code: str | None = None
    """The country (ISO2)."""
    measures: tuple[tuple[str, int], ...] = field(default=())
    """(measure label, largest figure) for each people measure reported there, largest first."""


@dataclass(frozen=True, slots=True)
class Flow:
    origin: str
    destination: str
    count: int
    """How many reports state the route."""
    people: int = 0
    """People counted on the route: the largest count of each event (or lone report), summed."""


def flows(snapshot: Snapshot) -> list[Flow]:
    """Route flows by (origin, destination): reports stating them and people counted.

    Reports of one event usually repeat one count, so a route's people are the largest count
    given for each event, summed over events (a report outside any event is its own event)."""
    reports: dict[str, set[str]] = defaultdict(set)
    largest: dict[str, dict[str, int]] = defaultdict(dict)
    event_of = snapshot.picture.event_of
    for key, report, count in snapshot.routes:
        reports[key].add(report.id)
        if count:
            event = event_of.get(report.id) or report.id
            largest[key][event] = max(count, largest[key].get(event, 0))
    out = []
    for key, ids in reports.items():
        origin, destination = key.split("->")
        out.append(Flow(origin, destination, len(ids), sum(largest[key].values())))
    out.sort(key=lambda f: (-f.count, f.origin, f.destination))
    return out


def country_names() -> dict[str, str]:
    """ISO2 -> the short name the map's boundaries give a country."""
    return {c.code: c.name for c in countries() if c.code}


def _kind(name: str) -> str | None:
    """The gazetteer's kind of place for a name (``country``, ``city``, ...), if it knows it."""
    from ringscope.extract.gazetteer import TOKEN_RE, gazetteer

    place = gazetteer().lookup(TOKEN_RE.findall(name))
    return place.kind if place is not None else None


def people_by_country(picture: Picture) -> dict[str, dict[str, int]]:
    """Country -> measure -> the largest figure of that people measure located in the country."""
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for figure in picture.figures:
        if figure.location is None or figure.value is None or measure_unit(figure.measure) != "people":
            continue
        value = int(figure.value)
        if value > out[figure.location].get(figure.measure, 0):
            out[figure.location][figure.measure] = value
    return dict(out)


def _country_reports(picture: Picture, snapshot: Snapshot) -> dict[str, set[str]]:
    reports: dict[str, set[str]] = defaultdict(set)
    for figure in picture.figures:
        if figure.location:
            reports[figure.location].update(ref.report_id for ref in figure.claims)
    for entity in picture.entities:
        if entity.type in PLACE_TYPES and entity.country:
            reports[entity.country].update(entity.reports)
    for key, report, _ in snapshot.routes:
        for code in key.split("->"):
            reports[code].add(report.id)
    return reports


def country_hotspots(snapshot: Snapshot, href: Callable[[str], str | None] | None = None) -> list[Hotspot]:
    """A hotspot at the centre of every country a people figure is located in, largest first;
    ``href`` gives the address of a country's figures from its code. Only figures' values, places
    and reports and entities' types, countries and reports are read, which redaction leaves as they
    are: the picture itself serves, whether names are shown or not."""
    picture = snapshot.picture
    centre = centroids()
    named = country_names()
    labels = {m: str(v.get("label", m)) for m, v in load_vocab()["measures"].items()}
    reports = _country_reports(picture, snapshot)
    out = []
    for code, measures in people_by_country(picture).items():
        if code not in centre or not measures:
            continue
        pairs = ((labels.get(m, m), v) for m, v in measures.items())
        ranked = tuple(sorted(pairs, key=lambda p: (-p[1], p[0])))
        lon, lat = centre[code]
        count = len(reports.get(code, ()))
        out.append(
            Hotspot(named.get(code, code), lon, lat, count, href(code) if href else None, ranked[0][1],
                    "country", code, ranked)
        )
    out.sort(key=lambda h: (-h.people, h.label))
    return out


def place_hotspots(
    snapshot: Snapshot, limit: int = 40, href: Href | None = None, names: bool = False
) -> list[Hotspot]:
    """Places and compounds (not whole countries) by number of reports, at their coordinates (the
    entities as listed: their names redacted unless ``names``, no report text redacted for them)."""
    picture = snapshot.listed(names)
    withheld = set() if names else set(snapshot.policy.labels)
    centre = centroids()
    out = []
    for entity in picture.entities:
        if entity.type not in PLACE_TYPES or entity.name in withheld:
            continue
        if entity.type == "Location" and _kind(entity.name) in ("country", "continent"):
            continue  # a whole country is drawn as a country
        if entity.lat is not None and entity.lon is not None:
            lon, lat = entity.lon, entity.lat
        elif entity.country and entity.country in centre:
            lon, lat = centre[entity.country]
        else:
            continue
        out.append(
            Hotspot(entity.name, lon, lat, len(entity.reports), href(entity) if href else None,
                    code=entity.country)
        )
    out.sort(key=lambda h: (-h.count, h.label))
    return out[:limit]


def hotspots(
    snapshot: Snapshot,
    limit: int = 40,
    href: Href | None = None,
    names: bool = False,
    country_href: Callable[[str], str | None] | None = None,
) -> list[Hotspot]:
    """Countries with people figures (largest first), then up to ``limit`` places and compounds."""
    return country_hotspots(snapshot, country_href) + place_hotspots(snapshot, limit, href, names)

