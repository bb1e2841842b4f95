"""FollowTheMoney export: reports, ringscope's fused picture and the extractions as FtM entities.

The mapping, chosen so that every entity loads into Aleph and the OpenSanctions tooling (all ids are
hashes of ringscope's own stable keys, so they stay the same across runs):

- a report becomes an ``Article``: ``title`` (or "Report by <outlet>, <date>" when it has none),
  ``publisher`` (the outlet: the declared source, else the URL's registered domain; never an input
  file's name), ``publishedAt``, ``sourceUrl``, ``contentHash`` and, with ``include_text``,
  ``bodyText``. Its id is ``make_id("ftm-report", report_id)``, the ``ftm_id`` of the reports table;
- a resolved entity (ringscope's entity resolution across reports) becomes one entity of the schema
  named for its type in ``vocab.yaml``, with the resolved entity's id and every alias; a
  ``Documentation`` (document -> entity, role "mentioned in report") ties it to each report naming
  it, its ``summary`` the surface forms and its ``description`` the spans as JSON
  (``{"spans": [{"start": 57, "end": 82, "text": "..."}]}``, offsets into the exported text);
- a role joining a person to an organisation becomes an ``Employment``, a ``Membership`` or an
  ``UnknownLink`` (see :mod:`ringscope.export.ftm_fused`) with the role text;
- an event (reports of one real-world event) becomes an ``Event`` whose ``proof`` lists its reports;
- a figure becomes an ``Event`` with the keyword ``figure``: the consensus in its name, the reason in
  its summary, a JSON description (measure, location, period, value, currency, usd, independent
  sources, spread, conflicted, flags, claims, part_of) and each flag code as a keyword;
- a claim becomes an ``Event`` (keyword ``claim``; the quote as summary, the fields as JSON
  description) tied to its figure by an ``UnknownLink`` (subject: figure, object: claim, role
  "claim of figure", description: the claim's flags); a part of a total is tied to the total by an
  ``UnknownLink`` with role "part of figure";
- a trafficking route becomes a ``Trip`` from the origin country to the destination country (the
  resolved place of that country when there is one, else an ``Address`` made from the ISO code).

Victim-centred: the exporters are given the redacted items and picture of :mod:`ringscope.privacy.view`
(withheld persons as ``[victim N]`` placeholders) unless an admin asks for names, so nothing here
decides who is a victim.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import IO

import pycountry
from followthemoney import model
from followthemoney.proxy import EntityProxy

from ringscope.export.ftm_fused import (
    country_places,
    event_proxies,
    figure_proxies,
    place_proxy,
    resolved_proxies,
    role_proxies,
)
from ringscope.export.fused import Fused, article_id, claim_key, fused, publisher, route_key, title
from ringscope.fuse import Picture
from ringscope.model import Claim, Extraction, Report, Route, make_id
from ringscope.vocab import load_vocab

Item = tuple[Report, Extraction]


def to_ftm(
    items: Iterable[Item], include_text: bool = False, picture: Picture | None = None
) -> Iterator[EntityProxy]:
    """FtM entities for the given reports, their extractions and the fused ``picture`` over them
    (fused from ``items`` when not given: give the redacted picture with redacted items)."""
    data = fused(items, picture)
    yield from _entities(data, include_text)


def _entities(data: Fused, include_text: bool) -> Iterator[EntityProxy]:
    articles = {report.id: article_id(report.id) for report, _ in data.items}
    for report, _ in data.items:
        yield report_proxy(report, include_text)
    yield from resolved_proxies(data, articles)
    yield from role_proxies(data, articles)
    yield from event_proxies(data, articles)
    places = country_places(data.picture.entities)
    extra: dict[str, EntityProxy] = {}
    for report, extraction in data.items:
        for claim in extraction.claims:
            yield claim_proxy(report, articles[report.id], claim, data)
        for route in extraction.routes:
            ends = [places.get(route.origin.upper()), places.get(route.destination.upper())]
            for i, code in enumerate((route.origin, route.destination)):
                if ends[i] is None:
                    made = place_proxy(code)
                    if made is not None:
                        extra.setdefault(made.id or "", made)
                        ends[i] = made.id
            if ends[0] and ends[1]:
                yield route_proxy(report, articles[report.id], route, ends[0], ends[1])
    yield from extra.values()
    yield from figure_proxies(data, articles)


def write_ftm(
    items: Iterable[Item], fh: IO[str], include_text: bool = False, picture: Picture | None = None
) -> int:
    """Write FtM entities as JSON lines to ``fh``; returns the number of entities written."""
    count = 0
    for proxy in to_ftm(items, include_text=include_text, picture=picture):
        fh.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True))
        fh.write("\n")
        count += 1
    return count


def claim_id(report_id: str, claim: Claim) -> str:
    return make_id("ftm-claim", report_id, claim.id)


def report_proxy(report: Report, include_text: bool = False) -> EntityProxy:
    proxy = model.make_entity("Article")
    proxy.id = article_id(report.id)
    proxy.add("title", title(report))
    proxy.add("sourceUrl", report.url)
    proxy.add("publishedAt", report.published)
    proxy.add("publisher", publisher(report))
    if include_text:
        proxy.add("bodyText", report.text)
    return proxy


def _cite(proxy: EntityProxy, report: Report, article: str) -> None:
    proxy.add("proof", article)
    proxy.add("sourceUrl", report.url)
    proxy.add("publisher", publisher(report))


def claim_proxy(report: Report, article: str, claim: Claim, data: Fused) -> EntityProxy:
    proxy = model.make_entity("Event")
    proxy.id = claim_id(report.id, claim)
    proxy.add("name", claim_title(claim))
    proxy.add("summary", claim.quote)
    key = claim_key(report.id, claim.id)
    proxy.add("description", json.dumps(claim_fields(claim) | {"claim_id": key}, ensure_ascii=False))
    proxy.add("date", claim.date or report.published)
    proxy.add("country", claim.location)
    proxy.add("keywords", ["claim", claim.measure, *data.flags_of.get(key, [])])
    _cite(proxy, report, article)
    proxy.add("recordId", key)
    if claim.speaker:
        speaker = data.resolved(report.id, claim.speaker)
        if speaker is not None and speaker.type in ("Person", "Organization"):
            proxy.add("involved", speaker.id)
    return proxy


def route_proxy(report: Report, article: str, route: Route, origin: str, destination: str) -> EntityProxy:
    proxy = model.make_entity("Trip")
    key = route_key(report.id, route.id)
    proxy.id = make_id("ftm-route", report.id, route.id)
    proxy.add("name", f"Trafficking route {country_name(route.origin)} -> {country_name(route.destination)}")
    proxy.add("startLocation", origin)
    proxy.add("endLocation", destination)
    proxy.add("country", [route.origin, route.destination])
    proxy.add("summary", route.quote)
    fields = {"route_id": key, "origin": route.origin, "destination": route.destination,
              "count": route.count, "start": route.start, "end": route.end}
    proxy.add("description", json.dumps(fields))
    proxy.add("date", report.published)
    proxy.add("keywords", "route")
    _cite(proxy, report, article)
    proxy.add("recordId", key)
    return proxy


def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code.upper())
    return str(getattr(country, "common_name", country.name)) if country is not None else code


def claim_title(claim: Claim) -> str:
    """A short human title of a claim, e.g. "Victims rescued: more than 200"."""
    label = str(load_vocab()["measures"].get(claim.measure, {}).get("label", claim.measure))
    if claim.qualifier == "range":
        figure = f"{_fmt(claim.low)}-{_fmt(claim.high)}"
    else:
        words = {"about": "about ", "at_least": "at least ", "more_than": "more than ", "up_to": "up to "}
        figure = words.get(claim.qualifier, "") + _fmt(claim.value)
    if claim.currency:
        figure += f" {claim.currency}"
    if claim.period:
        figure += f" a {claim.period}"
    return f"{label}: {figure}"


def claim_fields(claim: Claim) -> dict[str, object]:
    """The structured fields of a claim (None left out), for the JSON description."""
    fields: dict[str, object] = {
        "measure": claim.measure,
        "qualifier": claim.qualifier,
        "value": claim.value,
        "low": claim.low,
        "high": claim.high,
        "unit": claim.unit,
        "currency": claim.currency,
        "period": claim.period,
        "location": claim.location,
        "speaker": claim.speaker,
        "start": claim.start,
        "end": claim.end,
    }
    return {key: value for key, value in fields.items() if value not in (None, "")}


def _fmt(value: float | None) -> str:
    if value is None:
        return ""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"
