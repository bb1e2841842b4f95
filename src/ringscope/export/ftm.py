"""FollowTheMoney export: reports and their extractions as FtM entities (JSON lines).

The mapping, chosen so that every entity loads into Aleph and the OpenSanctions tooling:

- a report becomes an ``Article`` (title, sourceUrl, publishedAt, publisher; bodyText on request);
- an extracted entity becomes the schema named for its type in ``vocab.yaml`` (Person, Organization,
  Address for places and scam compounds, Event for named operations). Its id is the model's entity id
  (type + normalised name), so one person or place named in many reports is one FtM entity; other
  spellings become aliases;
- each entity is tied to each report it appears in by a ``Documentation`` link (document -> entity)
  whose summary holds the surface forms and whose description holds the character spans;
- a quantitative claim becomes an ``Event``: its name states the figure ("Victims rescued: more than
  200"), its summary is the exact quote, its description the structured fields (measure, qualifier,
  value, low, high, unit, currency, period, location, span), ``proof`` points to the report and
  ``involved`` to the speaker when the speaker is an exported entity of the same report. FtM has no
  schema for a bare statistic; an Event keeps the figure dated, located and cited;
- a trafficking route becomes a ``Trip`` from the origin country's ``Address`` to the destination
  country's ``Address`` (both created from ISO codes and shared with places of the same name), with
  the quote as summary and the count in the description.

Victim-centred: the exporters are given the redacted items of :mod:`ringscope.privacy.view`
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

from ringscope.model import Claim, Entity, Extraction, Report, Route, make_id, name_key
from ringscope.vocab import ftm_schema, load_vocab

COMPOUND_SUMMARY = "Scam compound, casino complex or special economic zone"

Item = tuple[Report, Extraction]


def to_ftm(items: Iterable[Item], include_text: bool = False) -> Iterator[EntityProxy]:
    """FtM entities for the given reports and extractions.

    Articles, claim events and route trips stream out report by report; entities and their
    documentation links follow at the end, merged across reports.
    """
    entities: dict[str, EntityProxy] = {}
    links: list[tuple[str, EntityProxy]] = []
    for report, extraction in items:
        article = report_proxy(report, include_text)
        yield article
        kept = extraction.entities
        for entity in kept:
            _merge(entities, entity_proxy(entity))
            links.append((entity.id, documentation_proxy(report, article.id or "", entity)))
        speakers = {name_key(e.name): e.id for e in kept if e.type in ("Person", "Organization")}
        for claim in extraction.claims:
            yield claim_proxy(report, article.id or "", claim, speakers)
        for route in extraction.routes:
            origin, destination = country_proxy(route.origin), country_proxy(route.destination)
            if origin is None or destination is None:
                continue
            _merge(entities, origin)
            _merge(entities, destination)
            yield route_proxy(report, article.id or "", route, origin, destination)
    yield from entities.values()
    for _, link in links:
        yield link


def write_ftm(items: Iterable[Item], fh: IO[str], include_text: bool = False) -> int:
    """Write FtM entities as JSON lines to ``fh``; returns the number of entities written."""
    count = 0
    for proxy in to_ftm(items, include_text=include_text):
        fh.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True))
        fh.write("\n")
        count += 1
    return count


def report_proxy(report: Report, include_text: bool = False) -> EntityProxy:
    proxy = model.make_entity("Article")
    proxy.id = make_id("ftm-report", report.id)
    proxy.add("title", report.title or report.source or report.url or report.id)
    proxy.add("sourceUrl", report.url)
    proxy.add("publishedAt", report.published)
    proxy.add("publisher", report.source)
    if include_text:
        proxy.add("bodyText", report.text)
    return proxy


def entity_proxy(entity: Entity) -> EntityProxy:
    proxy = model.make_entity(ftm_schema(entity.type))
    proxy.id = entity.id
    proxy.add("name", entity.name)
    for alias in [*entity.aliases, *(m.text for m in entity.mentions)]:
        if alias != entity.name:
            proxy.add("alias", alias)
    proxy.add("country", entity.country)
    if proxy.schema.name == "Address":
        proxy.add("full", entity.name)
        if entity.lat is not None and entity.lon is not None:
            proxy.add("latitude", str(entity.lat))
            proxy.add("longitude", str(entity.lon))
    if entity.type == "Compound":
        proxy.add("summary", COMPOUND_SUMMARY)
    if entity.type == "Person":
        proxy.add("position", entity.roles)
    return proxy


def country_proxy(code: str) -> EntityProxy | None:
    """The Address entity of a country given by ISO code, with the id of a place of that name."""
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return None
    name = str(getattr(country, "common_name", country.name))
    return entity_proxy(Entity(type="Location", name=name, country=country.alpha_2))


def documentation_proxy(report: Report, article_id: str, entity: Entity) -> EntityProxy:
    proxy = model.make_entity("Documentation")
    proxy.id = make_id("ftm-documentation", report.id, entity.id)
    proxy.add("document", article_id)
    proxy.add("entity", entity.id)
    proxy.add("role", "mentioned in report")
    surface = list(dict.fromkeys(m.text for m in entity.mentions)) or [entity.name]
    proxy.add("summary", " | ".join(surface))
    if entity.mentions:
        proxy.add("description", "spans: " + ", ".join(f"{m.start}-{m.end}" for m in entity.mentions))
    proxy.add("date", report.published)
    proxy.add("sourceUrl", report.url)
    proxy.add("publisher", report.source)
    return proxy


def claim_proxy(report: Report, article_id: str, claim: Claim, speakers: dict[str, str]) -> EntityProxy:
    proxy = model.make_entity("Event")
    proxy.id = make_id("ftm-claim", report.id, claim.id)
    proxy.add("name", claim_title(claim))
    proxy.add("summary", claim.quote)
    proxy.add("description", claim_fields(claim))
    proxy.add("date", claim.date or report.published)
    proxy.add("country", claim.location)
    proxy.add("keywords", claim.measure)
    proxy.add("proof", article_id)
    proxy.add("sourceUrl", report.url)
    proxy.add("publisher", report.source)
    proxy.add("recordId", claim.id)
    if claim.speaker and name_key(claim.speaker) in speakers:
        proxy.add("involved", speakers[name_key(claim.speaker)])
    return proxy


def route_proxy(
    report: Report, article_id: str, route: Route, origin: EntityProxy, destination: EntityProxy
) -> EntityProxy:
    proxy = model.make_entity("Trip")
    proxy.id = make_id("ftm-route", report.id, route.id)
    proxy.add("name", f"Trafficking route {origin.first('name')} -> {destination.first('name')}")
    proxy.add("startLocation", origin.id)
    proxy.add("endLocation", destination.id)
    proxy.add("country", [route.origin, route.destination])
    proxy.add("summary", route.quote)
    count = "unknown" if route.count is None else str(route.count)
    proxy.add(
        "description",
        f"origin={route.origin}; destination={route.destination}; count={count}; "
        f"span={route.start}-{route.end}",
    )
    proxy.add("date", report.published)
    proxy.add("proof", article_id)
    proxy.add("sourceUrl", report.url)
    proxy.add("publisher", report.source)
    proxy.add("recordId", route.id)
    return proxy


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


def claim_fields(claim: Claim) -> str:
    fields = {
        "measure": claim.measure,
        "qualifier": claim.qualifier,
        "value": _fmt(claim.value),
        "low": _fmt(claim.low),
        "high": _fmt(claim.high),
        "unit": claim.unit,
        "currency": claim.currency,
        "period": claim.period,
        "location": claim.location,
        "speaker": claim.speaker,
        "span": f"{claim.start}-{claim.end}",
    }
    return "; ".join(f"{key}={value}" for key, value in fields.items() if value not in (None, ""))


def _fmt(value: float | None) -> str:
    if value is None:
        return ""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def _merge(entities: dict[str, EntityProxy], proxy: EntityProxy) -> None:
    """Merge ``proxy`` into the entity of the same id; a differing name becomes an alias."""
    key = proxy.id or ""
    existing = entities.get(key)
    if existing is None:
        entities[key] = proxy
        return
    if existing.schema != proxy.schema:
        return
    other = proxy.clone()
    names = other.pop("name")
    other.add("alias", [name for name in names if name not in existing.get("name")])
    existing.merge(other)
