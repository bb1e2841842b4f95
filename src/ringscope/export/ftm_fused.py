"""FtM entities of the fused picture: resolved entities, their mentions, roles, events and figures.

Roles: a person's role naming a resolved organisation becomes a ``Membership``, an ``Employment``
or an ``UnknownLink`` (subject: the person, object: the organisation) by the rules of
``roles.yaml``; the role text is kept in ``role`` and the rule id in ``description``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import pycountry
from followthemoney import model
from followthemoney.proxy import EntityProxy

from ringscope.datafile import read_yaml
from ringscope.export.fused import Fused, claim_key, figure_dates, publisher
from ringscope.fuse import Figure, ResolvedEntity
from ringscope.fuse.names import fold
from ringscope.model import make_id
from ringscope.vocab import ftm_schema, load_vocab

COMPOUND_SUMMARY = "Scam compound, casino complex or special economic zone"


@dataclass(frozen=True, slots=True)
class RoleRule:
    id: str
    schema: str
    reason: str
    words: frozenset[str]
    fires: tuple[str, ...]
    not_: tuple[str, ...]


@cache
def role_rules() -> tuple[RoleRule, ...]:
    """The rules of ``roles.yaml``, in order."""
    data = read_yaml("ringscope.export", "roles.yaml")
    return tuple(
        RoleRule(r["id"], r["schema"], r["reason"], frozenset(fold(w) for w in r["words"]),
                 tuple(r.get("fires", [])), tuple(r.get("not", [])))
        for r in data["rules"]
    )


def role_rule(role: str) -> RoleRule | None:
    """The first rule of ``roles.yaml`` whose words occur in ``role``."""
    words = set(fold(role).replace(",", " ").split())
    return next((rule for rule in role_rules() if words & rule.words), None)


def role_schema(role: str) -> str:
    """Membership, Employment or UnknownLink for a role text (see roles.yaml)."""
    rule = role_rule(role)
    return rule.schema if rule is not None else "UnknownLink"


def resolved_proxies(data: Fused, articles: dict[str, str]) -> Iterator[EntityProxy]:
    """Every resolved entity, then its Documentation links to the reports naming it."""
    for resolved in data.picture.entities:
        yield entity_proxy(resolved)
    for resolved in data.picture.entities:
        spans: dict[str, list[dict[str, object]]] = {}
        for occ in resolved.occurrences:
            found = spans.setdefault(occ.report_id, [])
            found.extend({"start": m.start, "end": m.end, "text": m.text} for m in occ.entity.mentions)
        for report_id, mentions in sorted(spans.items()):
            if report_id in articles:
                yield documentation_proxy(data, report_id, articles[report_id], resolved, mentions)


def entity_proxy(resolved: ResolvedEntity) -> EntityProxy:
    proxy = model.make_entity(ftm_schema(resolved.type))
    proxy.id = resolved.id
    proxy.add("name", resolved.name)
    proxy.add("alias", [alias for alias in resolved.aliases if alias != resolved.name])
    proxy.add("country", resolved.country)
    if proxy.schema.name == "Address":
        proxy.add("full", resolved.name)
        if resolved.lat is not None and resolved.lon is not None:
            proxy.add("latitude", str(resolved.lat))
            proxy.add("longitude", str(resolved.lon))
    if resolved.type == "Compound":
        proxy.add("summary", COMPOUND_SUMMARY)
    if proxy.schema.is_a("Person"):
        proxy.add("position", list(resolved.roles))
    return proxy


def documentation_proxy(
    data: Fused, report_id: str, article: str, resolved: ResolvedEntity, spans: list[dict[str, object]]
) -> EntityProxy:
    report = data.picture.reports.get(report_id)
    proxy = model.make_entity("Documentation")
    proxy.id = make_id("ftm-documentation", report_id, resolved.id)
    proxy.add("document", article)
    proxy.add("entity", resolved.id)
    proxy.add("role", "mentioned in report")
    surface = list(dict.fromkeys(str(s["text"]) for s in spans)) or [resolved.name]
    proxy.add("summary", " | ".join(surface))
    proxy.add("description", json.dumps({"report_id": report_id, "spans": spans}, ensure_ascii=False))
    if report is not None:
        proxy.add("date", report.published)
        proxy.add("sourceUrl", report.url)
        proxy.add("publisher", publisher(report))
    return proxy


def role_proxies(data: Fused, articles: dict[str, str]) -> Iterator[EntityProxy]:
    known = {e.id for e in data.picture.entities}
    for person in data.picture.entities:
        for role, org_id in person.links:
            if org_id not in known or org_id == person.id:
                continue
            rule = role_rule(role)
            schema = rule.schema if rule is not None else "UnknownLink"
            proxy = model.make_entity(schema)
            proxy.id = make_id("ftm-role", person.id, role, org_id)
            ends = {"Employment": ("employee", "employer"), "Membership": ("member", "organization"),
                    "UnknownLink": ("subject", "object")}[schema]
            proxy.add(ends[0], person.id)
            proxy.add(ends[1], org_id)
            proxy.add("role", role)
            proxy.add("description", json.dumps({"rule": rule.id if rule is not None else None}))
            proxy.add("proof", [articles[r] for r in person.roles.get(role, []) if r in articles])
            yield proxy


def event_proxies(data: Fused, articles: dict[str, str]) -> Iterator[EntityProxy]:
    for event in data.picture.events:
        proxy = model.make_entity("Event")
        proxy.id = make_id("ftm-event", event.id)
        first = event.published[0] if event.published else "undated"
        proxy.add("name", f"Event told by {len(event.report_ids)} reports, first {first}")
        proxy.add("keywords", "event")
        proxy.add("recordId", event.id)
        proxy.add("proof", [articles[r] for r in event.report_ids if r in articles])
        if event.published:
            proxy.add("startDate", event.published[0])
            proxy.add("endDate", event.published[-1])
        proxy.add("country", sorted({f.location for f in event.figures if f.location}))
        proxy.add("description", json.dumps({"event_id": event.id, "report_ids": event.report_ids,
                                             "figure_ids": [f.id for f in event.figures]}))
        yield proxy


def figure_id(figure: Figure) -> str:
    return make_id("ftm-figure", figure.id)


def figure_proxies(data: Fused, articles: dict[str, str]) -> Iterator[EntityProxy]:
    """Each figure as an Event, the links to its claims and to the total it is a part of."""
    for figure in data.picture.figures:
        yield figure_proxy(data, figure, articles)
    for figure in data.picture.figures:
        for ref in figure.claims:
            key = claim_key(ref.report_id, ref.claim.id)
            link = model.make_entity("UnknownLink")
            link.id = make_id("ftm-figure-claim", figure.id, key)
            link.add("subject", figure_id(figure))
            link.add("object", make_id("ftm-claim", ref.report_id, ref.claim.id))
            link.add("role", "claim of figure")
            link.add("description", json.dumps({"flags": data.flags_of.get(key, [])}))
            yield link
        total = data.part_of(figure)
        if total is not None:
            link = model.make_entity("UnknownLink")
            link.id = make_id("ftm-figure-part", figure.id, total)
            link.add("subject", make_id("ftm-figure", total))
            link.add("object", figure_id(figure))
            link.add("role", "part of figure")
            yield link


def figure_proxy(data: Fused, figure: Figure, articles: dict[str, str]) -> EntityProxy:
    label = str(load_vocab()["measures"].get(figure.measure, {}).get("label", figure.measure))
    value = "unknown" if figure.value is None else f"{figure.value:,g}"
    proxy = model.make_entity("Event")
    proxy.id = figure_id(figure)
    proxy.add("name", f"{label}: {value}{' ' + figure.currency if figure.currency else ''} (figure)")
    proxy.add("summary", figure.reason or None)
    proxy.add("keywords", ["figure", figure.measure, *sorted({f.code for f in figure.flags})])
    if figure.conflicted:
        proxy.add("keywords", "conflict")
    proxy.add("country", figure.location)
    dates = figure_dates(figure)
    if dates:
        proxy.add("date", dates[0].isoformat())
    proxy.add("proof", sorted({articles[r.report_id] for r in figure.claims if r.report_id in articles}))
    proxy.add("recordId", figure.id)
    fields = {
        "figure_id": figure.id, "measure": figure.measure, "location": figure.location,
        "period": figure.period, "event_id": figure.event_id, "value": figure.value,
        "qualifier": figure.qualifier, "currency": figure.currency, "usd": figure.usd,
        "independent_sources": figure.independent,
        "spread": list(figure.spread) if figure.spread else None, "conflicted": figure.conflicted,
        "flags": [{"claim_id": claim_key(f.report_id, f.claim_id), "code": f.code, "reason": f.reason}
                  for f in figure.flags],
        "notes": sorted({n.code for n in figure.notes}),
        "claims": [claim_key(r.report_id, r.claim.id) for r in figure.claims],
        "part_of": data.part_of(figure), "rule": figure.rule,
    }
    proxy.add("description", json.dumps(fields, ensure_ascii=False))
    return proxy


def country_places(entities: list[ResolvedEntity]) -> dict[str, str]:
    """ISO2 -> the id of the resolved place that is that country (its name is the country's)."""
    out: dict[str, str] = {}
    for e in entities:
        if e.type != "Location" or not e.country:
            continue
        country = pycountry.countries.get(alpha_2=e.country.upper())
        if country is None:
            continue
        names = {fold(str(getattr(country, n))) for n in ("name", "common_name", "official_name")
                 if hasattr(country, n)}
        if any(fold(alias) in names for alias in e.aliases):
            out.setdefault(e.country.upper(), e.id)
    return out


def place_proxy(code: str) -> EntityProxy | None:
    """An Address for a country given by ISO code (when no resolved place is that country)."""
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return None
    proxy = model.make_entity("Address")
    proxy.id = make_id("ftm-country", country.alpha_2)
    name = str(getattr(country, "common_name", country.name))
    proxy.add("name", name)
    proxy.add("full", name)
    proxy.add("country", country.alpha_2)
    return proxy
