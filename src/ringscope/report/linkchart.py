"""The link chart: typed, directed links between resolved entities, with the evidence for each.

Links come from the sentences of the reports (two entities mentioned in one sentence with the
words of a link type between them, see :mod:`linkvocab`), from people's roles naming an
organisation as a member or an office holder (``member_of``, by the rules of
``export/roles.yaml``), from a place's country (``located_in``) and from the routes the reports
state (``trafficked_to``, between countries). Pure: a picture in, a :class:`Chart` out.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field, replace

import pycountry

from ringscope.export.ftm_fused import country_places, role_rule
from ringscope.extract.document import split_sentences
from ringscope.fuse import Picture, ResolvedEntity
from ringscope.model import make_id
from ringscope.report.linkvocab import Span, link_type, sentence_links

MAX_QUOTE = 320
"""Longest sentence kept as a link's evidence (longer ones are cut at a word)."""

Href = Callable[[ResolvedEntity], str | None]
RouteRow = tuple[str, str, str, int | None]
"""(origin ISO2, destination ISO2, report id, people counted or None)."""


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    label: str
    type: str
    country: str | None
    reports: int
    href: str | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    report_id: str
    published: str | None
    quote: str
    how: str
    """active or passive (a sentence), roles, gazetteer or routes."""


@dataclass(slots=True)
class Link:
    source: str
    target: str
    type: str
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def id(self) -> str:
        return make_id("link", self.type, self.source, self.target)

    @property
    def weight(self) -> int:
        """The number of reports stating the link."""
        return len({e.report_id for e in self.evidence})


@dataclass(slots=True)
class Chart:
    nodes: dict[str, Node]
    links: list[Link]

    def degree(self) -> Counter[str]:
        """Links per node (both directions)."""
        out: Counter[str] = Counter()
        for link in self.links:
            out[link.source] += 1
            out[link.target] += 1
        return out


def _quote(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= MAX_QUOTE else flat[:MAX_QUOTE].rsplit(" ", 1)[0] + " …"


def country_node(code: str) -> Node | None:
    """The node of a country no resolved place stands for (id as the FtM export's country address)."""
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return None
    label = str(getattr(country, "common_name", country.name))
    return Node(make_id("ftm-country", country.alpha_2), label, "Location", country.alpha_2, 0)


def build(
    picture: Picture,
    routes: Iterable[RouteRow] = (),
    hidden: Collection[str] = (),
    href: Href | None = None,
) -> Chart:
    """Every link of ``picture`` (and of its ``routes``); entities whose id is in ``hidden``
    (withheld persons) are left out with their links."""
    entities = {e.id: e for e in picture.entities if e.id not in hidden}
    nodes = {
        i: Node(i, e.name, e.type, e.country, len(e.reports), href(e) if href else None)
        for i, e in entities.items()
    }
    links: dict[tuple[str, str, str], Link] = {}

    def add(kind: str, source: str, target: str, evidence: Evidence) -> None:
        if source == target or source not in nodes or target not in nodes:
            return
        link = links.setdefault((kind, source, target), Link(source, target, kind))
        if evidence not in link.evidence:
            link.evidence.append(evidence)

    _from_sentences(picture, add)
    for person in entities.values():
        for role, org in person.links:
            if role_rule(role) is None:  # "survivor of X" makes no one a member of X (roles.yaml)
                continue
            for report_id in person.roles.get(role, person.reports)[:5]:
                published = _published(picture, report_id)
                add("member_of", person.id, org, Evidence(report_id, published, _quote(role), "roles"))
    places = country_places(list(entities.values()))

    def country(code: str) -> str | None:
        code = code.upper()
        if code not in places:
            found = country_node(code)
            if found is None:
                return None
            nodes.setdefault(found.id, found)
            places[code] = found.id
        return places[code]

    for place in entities.values():
        if place.type in link_type("located_in").subject and place.country:
            target = country(place.country)
            if target is not None and target != place.id:
                for report_id in place.reports[:3]:
                    published = _published(picture, report_id)
                    add("located_in", place.id, target, Evidence(report_id, published, "", "gazetteer"))
    for origin, destination, report_id, count in routes:
        source, target = country(origin), country(destination)
        if source and target:
            note = f"{count:,} people" if count else ""
            add("trafficked_to", source, target,
                Evidence(report_id, _published(picture, report_id), note, "routes"))
    ordered = sorted(links.values(), key=lambda link: (link.type, link.source, link.target))
    return Chart(nodes, ordered)


def _published(picture: Picture, report_id: str) -> str | None:
    report = picture.reports.get(report_id)
    return report.published if report is not None else None


def _from_sentences(picture: Picture, add: Callable[[str, str, str, Evidence], None]) -> None:
    spans: dict[str, list[Span]] = defaultdict(list)
    for entity in picture.entities:
        for occurrence in entity.occurrences:
            for m in occurrence.entity.mentions:
                if m.start >= 0 and m.end > m.start:
                    spans[occurrence.report_id].append(Span(entity.id, entity.type, m.start, m.end))
    for report_id, found in spans.items():
        report = picture.reports.get(report_id)
        if report is None or len({s.key for s in found}) < 2:
            continue
        found.sort(key=lambda s: s.start)
        for start, end in split_sentences(report.text):
            inside = [Span(s.key, s.type, s.start - start, s.end - start)
                      for s in found if s.start >= start and s.end <= end]
            if len({s.key for s in inside}) < 2:
                continue
            text = report.text[start:end]
            for link in sentence_links(text, inside):
                add(link.type, link.subject, link.object,
                    Evidence(report_id, report.published, _quote(text), link.voice))


def select(
    chart: Chart,
    types: Collection[str] | None = None,
    country: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Chart:
    """The links of ``types`` touching ``country`` (ISO2), with only the evidence published from
    ``since`` to ``until`` (date prefixes; undated evidence goes when either is given)."""
    code = country.upper() if country else None
    kept = []
    for link in chart.links:
        if types is not None and link.type not in types:
            continue
        if code and code not in (chart.nodes[link.source].country, chart.nodes[link.target].country):
            continue
        evidence = link.evidence
        if since or until:
            evidence = [e for e in evidence if e.published and _within(e.published, since, until)]
            if not evidence:
                continue
        kept.append(replace(link, evidence=evidence) if evidence is not link.evidence else link)
    ends = {i for link in kept for i in (link.source, link.target)}
    return Chart({i: n for i, n in chart.nodes.items() if i in ends}, kept)


def _within(date: str, since: str | None, until: str | None) -> bool:
    return (not since or date >= since) and (not until or date[: len(until)] <= until)


def top(chart: Chart, limit: int) -> Chart:
    """The ``limit`` nodes with the most links (ties: most reports, then label) and the links among
    them; a chosen node none of whose links stays is left out."""
    degree = chart.degree()
    ranked = sorted(degree, key=lambda i: (-degree[i], -chart.nodes[i].reports, chart.nodes[i].label, i))
    part = _among(chart, set(ranked[:limit]))
    linked = {i for link in part.links for i in (link.source, link.target)}
    return Chart({i: n for i, n in part.nodes.items() if i in linked}, part.links)


def around(chart: Chart, node_id: str, limit: int = 60) -> Chart:
    """``node_id`` and up to ``limit`` of its neighbours (most linked first), with the links among them."""
    if node_id not in chart.nodes:
        return Chart({}, [])
    weight: Counter[str] = Counter()
    for link in chart.links:
        if node_id in (link.source, link.target):
            weight[link.target if link.source == node_id else link.source] += link.weight
    ranked = sorted(weight, key=lambda i: (-weight[i], chart.nodes[i].label, i))
    return _among(chart, {node_id, *ranked[:limit]})


def _among(chart: Chart, chosen: set[str]) -> Chart:
    links = [link for link in chart.links if link.source in chosen and link.target in chosen]
    return Chart({i: n for i, n in chart.nodes.items() if i in chosen}, links)
