"""A resolved entity's summary taken from the figures of its forms, not from every occurrence.

An update resolves *forms* (distinct extracted names, see :mod:`ringscope.fuse.resolve_update`).
An entity named in thousands of reports and touched by one new report must cost that report, so
each form keeps the figures of its occurrences that :func:`ringscope.fuse.resolve._build` takes an
entity from: how many there are and where the first is, every country with its count and first
place, the first coordinates, every role with its first place. New occurrences are added to a
form's figures; a form that loses occurrences has them counted again. An entity's summary (id,
name, country, coordinates, aliases and roles in order, links, report count) is then taken from
its forms' figures exactly as ``_build`` takes it from the occurrences in report order, and its
occurrences are kept one row each, assembled into the entity only when the picture is read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ringscope.fuse.names import fold
from ringscope.fuse.resolve import Occurrence, ResolvedEntity, _key
from ringscope.model import make_id

Figures = dict[str, Any]
"""The figures of a form's occurrences (JSON-ready): ``n`` occurrences, the place (report id,
seq) of the ``first``, ``countries`` (country -> [count, report id, seq of the first]), ``coord``
([report id, seq, lat, lon] of the first with coordinates, or None), ``roles`` (role -> [report
id, seq, place in the roles] of the first), in how many ``reports`` and ``sig`` (changes whenever
the occurrences do)."""
OccurrenceRow = tuple[str, int, str | None, float | None, float | None, list[str]]
"""(report id, seq, country, lat, lon, roles) of one occurrence."""


def figures_of(rows: Iterable[OccurrenceRow], stamps: dict[str, str]) -> Figures:
    """The figures of a form's occurrences (``stamps``: report id -> its state)."""
    out: Figures = {"n": 0, "first": None, "countries": {}, "coord": None, "roles": {}}
    reports: set[str] = set()
    for report_id, seq, country, lat, lon, roles in rows:
        reports.add(report_id)
        place = [report_id, seq]
        out["n"] += 1
        if out["first"] is None or place < out["first"]:
            out["first"] = place
        if country:
            was = out["countries"].get(country)
            out["countries"][country] = [1 + (was[0] if was else 0), *min(place, was[1:] if was else place)]
        if lat is not None and (out["coord"] is None or place < out["coord"][:2]):
            out["coord"] = [*place, lat, lon]
        for at, role in enumerate(roles):
            mark = [*place, at]
            if role not in out["roles"] or mark < out["roles"][role]:
                out["roles"][role] = mark
    out["reports"] = len(reports)
    out["sig"] = make_id("form", *sorted((r, stamps.get(r)) for r in reports))
    return out


def merge(old: Figures, new: Figures) -> Figures:
    """The figures of two sets of occurrences of one form (no report in both)."""
    out: Figures = {"n": old["n"] + new["n"], "first": min(old["first"], new["first"]),
                    "countries": dict(old["countries"]), "coord": old["coord"], "roles": dict(old["roles"])}
    for country, (count, *place) in new["countries"].items():
        was = out["countries"].get(country)
        out["countries"][country] = [count + (was[0] if was else 0), *min(place, was[1:] if was else place)]
    if new["coord"] is not None and (out["coord"] is None or new["coord"][:2] < out["coord"][:2]):
        out["coord"] = new["coord"]
    for role, mark in new["roles"].items():
        if role not in out["roles"] or mark < out["roles"][role]:
            out["roles"][role] = mark
    out["reports"] = old["reports"] + new["reports"]
    out["sig"] = make_id("form", old["sig"], new["sig"])
    return out


Gathered = dict[str, Any]
"""The figures of an entity's forms taken together (JSON-ready), which adding forms or occurrences
to only ever sums or lowers: ``names`` (spelling -> occurrences), ``countries`` (country -> [count,
[report id, seq] of the first]), ``coord``, ``aliases`` and ``roles`` (each -> [report id, seq,
place] of the first), the least name ``key`` (the entity's id) and ``sig`` (what it was gathered
from)."""


def gather(etype: str, forms: list[tuple[str, list[str], Figures]], into: Gathered | None = None) -> Gathered:
    """The figures of ``forms`` ((name, aliases, figures) each) gathered, added to ``into`` when given
    (a form met again adds only its new occurrences' figures: every part is a sum or a least one)."""
    out: Gathered = into if into is not None else {"names": {}, "countries": {}, "coord": None,
                                                    "aliases": {}, "roles": {}, "key": None}
    names, countries, aliases, roles = out["names"], out["countries"], out["aliases"], out["roles"]
    for name, also, figures in forms:
        names[name] = names.get(name, 0) + figures["n"]
        key = _key(name, etype)
        if out["key"] is None or key < out["key"]:
            out["key"] = key
        for country, (count, *place) in figures["countries"].items():
            was = countries.get(country)
            countries[country] = [count + (was[0] if was else 0), min(place, was[1] if was else place)]
        coord = out["coord"]
        if figures["coord"] is not None and (coord is None or figures["coord"][:2] < coord[:2]):
            out["coord"] = figures["coord"]
        for at, alias in enumerate([name, *also]):
            mark = [*figures["first"], at]
            if alias not in aliases or mark < aliases[alias]:
                aliases[alias] = mark
        for role, mark in figures["roles"].items():
            if role not in roles or mark < roles[role]:
                roles[role] = mark
    return out


def combine(etype: str, parts: list[Gathered]) -> Gathered:
    """The gathered figures of several entities' forms taken together."""
    out: Gathered = {"names": {}, "countries": {}, "coord": None, "aliases": {}, "roles": {}, "key": None}
    for part in parts:
        for name, count in part["names"].items():
            out["names"][name] = out["names"].get(name, 0) + count
        for country, (count, place) in part["countries"].items():
            was = out["countries"].get(country)
            out["countries"][country] = [count + (was[0] if was else 0), min(place, was[1] if was else place)]
        if part["coord"] is not None and (out["coord"] is None or part["coord"][:2] < out["coord"][:2]):
            out["coord"] = part["coord"]
        for field in ("aliases", "roles"):
            for item, mark in part[field].items():
                if item not in out[field] or mark < out[field][item]:
                    out[field][item] = mark
        if out["key"] is None or part["key"] < out["key"]:
            out["key"] = part["key"]
    return out


def summary(etype: str, forms: list[tuple[str, list[str], Figures]], reports: int) -> dict[str, Any]:
    """The summary of the entity made of ``forms`` ((name, aliases, figures) each), named in
    ``reports`` reports: what :func:`ringscope.fuse.resolve._build` makes of their occurrences."""
    return summary_from(etype, gather(etype, forms), reports)


def _best_name(names: dict[str, int]) -> str:
    """The most frequent spelling; ties go to the longer, then the one with diacritics kept (then
    the greatest). Only the spellings tied on count and length are folded."""
    if len(names) == 1:
        return next(iter(names))
    top = max((count, len(name)) for name, count in names.items())
    tied = [name for name, count in names.items() if (count, len(name)) == top]
    return max(tied, key=lambda n: (n != fold(n), n))


def summary_from(etype: str, gathered: Gathered, reports: int) -> dict[str, Any]:
    """The summary of the entity whose forms' figures are ``gathered``, named in ``reports`` reports."""
    names, countries = gathered["names"], gathered["countries"]
    aliases, roles, coord = gathered["aliases"], gathered["roles"], gathered["coord"]
    best = _best_name(names)
    # Counter.most_common: the highest count, ties to the country met first
    country = min(countries, key=lambda c: (-countries[c][0], countries[c][1])) if countries else None
    return {
        "id": make_id("entity", etype, gathered["key"]),
        "type": etype,
        "name": best,
        "country": country,
        "lat": coord[2] if coord else None,
        "lon": coord[3] if coord else None,
        "aliases": sorted(aliases, key=lambda a: aliases[a]),
        "roles": sorted(roles, key=lambda r: roles[r]),
        "links": [],
        "reports": reports,
    }


def summary_of(entity: ResolvedEntity) -> dict[str, Any]:
    """The summary of a whole resolved entity (as :func:`summary` makes it from its forms)."""
    return {
        "id": entity.id, "type": entity.type, "name": entity.name, "country": entity.country,
        "lat": entity.lat, "lon": entity.lon, "aliases": list(entity.aliases), "roles": list(entity.roles),
        "links": [[role, org] for role, org in entity.links], "reports": len(entity.reports),
    }


def bare(data: dict[str, Any]) -> ResolvedEntity:
    """A resolved entity with a summary's names, aliases, roles and links, without occurrences (what
    linking people to organisations and the victim policy look at)."""
    return ResolvedEntity(data["id"], data["type"], data["name"], data["country"], data["lat"], data["lon"],
                          aliases={a: [] for a in data["aliases"]}, roles={r: [] for r in data["roles"]},
                          links=[(role, org) for role, org in data["links"]])


def assemble(data: dict[str, Any], occurrences: list[Occurrence]) -> ResolvedEntity:
    """The resolved entity of a summary and its occurrences (in report order): every alias and role
    with the reports it appears in, as :func:`ringscope.fuse.resolve._build` lists them."""
    entity = ResolvedEntity(data["id"], data["type"], data["name"], data["country"], data["lat"], data["lon"],
                            occurrences=occurrences, links=[(role, org) for role, org in data["links"]])
    for occ in occurrences:
        for alias in [occ.entity.name, *occ.entity.aliases]:
            reports = entity.aliases.setdefault(alias, [])
            if not reports or reports[-1] != occ.report_id:  # in report order: a report is listed once
                reports.append(occ.report_id)
        for role in occ.entity.roles:
            reports = entity.roles.setdefault(role, [])
            if not reports or reports[-1] != occ.report_id:
                reports.append(occ.report_id)
    return entity


def dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def signature(data: dict[str, Any], form_sigs: Iterable[str]) -> str:
    """What a stored entity is built from: its summary and the figures of its forms."""
    return make_id(dump(data), *sorted(form_sigs))


def sort_key(data: dict[str, Any]) -> str:
    """An entity's place in the picture: most reports first, then by type, name and id."""
    return f"{10**8 - data['reports']:09d}\x1f{data['type']}\x1f{data['name']}\x1f{data['id']}"
