"""The link chart from an invented picture: links from sentences, roles, places and routes; filters,
focus, neighbours; centrality, GEXF and FtM from networkx and followthemoney."""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest

from ringscope.fuse import Picture, fuse
from ringscope.model import Entity, Extraction, Mention, Report, Route
from ringscope.report import linkchart, linkmetrics
from ringscope.report.linkvocab import parse_example

COUNTRIES = {"Port Verin": "KH", "Lotus Reef": "KH", "Cambodia": "KH", "Dalmora": "TH"}
ROLES = {
    "Tomas Reyl": ["a leader of the Copper Kite syndicate"],
    "Mira Ose": ["survivor of the Copper Kite syndicate"],
}
REPORTS = [
    (
        "r1",
        "2024-03-02",
        "Officers of the [Coral Coast Police|Organization] raided the [Lotus Reef|Compound]"
        " compound in [Port Verin|Location] at dawn. [Tomas Reyl|Person] was seen there.",
    ),
    (
        "r2",
        "2024-09-10",
        "The [Coral Coast Police|Organization] rescued 40 workers from the [Lotus Reef|Compound]"
        " compound. The [Copper Kite|Organization] syndicate kept [Mira Ose|Person] there.",
    ),
    (
        "r3",
        "2025-01-20",
        "The [Copper Kite|Organization] syndicate operates the [Lotus Reef|Compound] site."
        " [Tomas Reyl|Person] left for [Cambodia|Location].",
    ),
]


def _item(report_id: str, published: str, marked: str, routes: list[Route]) -> tuple[Report, Extraction]:
    text, spans = parse_example(marked)
    entities: dict[str, Entity] = {}
    for span in spans:
        entity = entities.setdefault(
            span.key,
            Entity(span.type, span.key, COUNTRIES.get(span.key), roles=list(ROLES.get(span.key, []))),
        )
        entity.mentions.append(Mention(span.start, span.end, span.key))
    return Report(text=text, id=report_id, published=published), Extraction(
        list(entities.values()), routes=routes
    )


def _picture() -> Picture:
    routes = {"r2": [Route("TH", "KH", "taken from Dalmora to the border", 0, 10, count=12)]}
    return fuse(_item(r, p, t, routes.get(r, [])) for r, p, t in REPORTS)


def _chart(hidden: set[str] | None = None) -> linkchart.Chart:
    return linkchart.build(_picture(), [("TH", "KH", "r2", 12)], hidden or set())


def _named(chart: linkchart.Chart) -> set[tuple[str, str, str]]:
    return {(chart.nodes[k.source].label, k.type, chart.nodes[k.target].label) for k in chart.links}


def test_links_from_sentences_roles_places_and_routes() -> None:
    chart = _chart()
    named = _named(chart)
    assert ("Coral Coast Police", "raids", "Lotus Reef") in named
    assert ("Coral Coast Police", "rescued_from", "Lotus Reef") in named
    assert ("Copper Kite", "operates", "Lotus Reef") in named
    assert ("Lotus Reef", "located_in", "Port Verin") in named  # said in a sentence
    assert ("Tomas Reyl", "member_of", "Copper Kite") in named  # from the role
    assert ("Port Verin", "located_in", "Cambodia") in named  # the place is the country's resolved place
    assert ("Thailand", "trafficked_to", "Cambodia") in named  # a country with no place gets its own node
    # her role names the syndicate but makes her no member of it; no sentence links her
    assert not any(a == "Mira Ose" or b == "Mira Ose" for a, _, b in named)
    assert any(role.startswith("survivor") for e in _picture().entities for role, _ in e.links)
    raid = next(k for k in chart.links if k.type == "raids")
    assert raid.weight == 1 and raid.evidence[0].report_id == "r1" and raid.evidence[0].how == "active"
    assert "raided the Lotus Reef compound" in raid.evidence[0].quote
    route = next(k for k in chart.links if k.type == "trafficked_to")
    assert route.evidence[0].quote == "12 people" and route.evidence[0].published == "2024-09-10"


def test_hidden_entities_are_left_out_with_their_links() -> None:
    picture = _picture()
    tomas = next(e.id for e in picture.entities if e.name == "Tomas Reyl")
    chart = linkchart.build(picture, [], {tomas})
    assert tomas not in chart.nodes
    assert all(tomas not in (k.source, k.target) for k in chart.links)
    assert any(k.type == "member_of" for k in _chart().links)
    assert not any(k.type == "member_of" for k in chart.links)


def test_select_by_type_country_and_time() -> None:
    chart = _chart()
    raids = linkchart.select(chart, types={"raids"})
    assert {k.type for k in raids.links} == {"raids"}
    assert {n.label for n in raids.nodes.values()} == {"Coral Coast Police", "Lotus Reef"}
    thai = linkchart.select(chart, country="th")
    assert _named(thai) == {("Thailand", "trafficked_to", "Cambodia")}
    early = linkchart.select(chart, since="2024-01", until="2024-06")
    assert all(
        e.published and "2024-01" <= e.published <= "2024-06-31" for k in early.links for e in k.evidence
    )
    assert ("Coral Coast Police", "raids", "Lotus Reef") in _named(early)
    assert ("Copper Kite", "operates", "Lotus Reef") not in _named(early)
    assert linkchart.select(chart, until="2023").links == []


def test_top_and_around() -> None:
    chart = linkchart.select(_chart())
    degree = chart.degree()
    hub = max(degree, key=lambda i: degree[i])
    assert chart.nodes[hub].label == "Lotus Reef"
    small = linkchart.top(chart, 2)
    assert hub in small.nodes and len(small.nodes) == 2 and len(small.links) >= 1
    near = linkchart.around(chart, hub)
    neighbours = {
        k.target if k.source == hub else k.source for k in chart.links if hub in (k.source, k.target)
    }
    assert set(near.nodes) == {hub} | neighbours
    assert len(linkchart.around(chart, hub, limit=1).nodes) == 2
    assert linkchart.around(chart, "no-such-node").nodes == {}


def test_centrality_of_a_path() -> None:
    nodes = {i: linkchart.Node(i, i.upper(), "Location", None, 1) for i in "abcd"}
    links = [
        linkchart.Link("a", "b", "located_in"),
        linkchart.Link("b", "c", "located_in"),
        linkchart.Link("c", "d", "trafficked_to"),
    ]
    rows = {r.id: r for r in linkmetrics.centrality(linkchart.Chart(nodes, links))}
    # a - b - c - d: b and c each lie on 2 of the 3 shortest paths between the other pairs
    assert rows["b"].betweenness == rows["c"].betweenness == pytest.approx(2 / 3, abs=1e-4)
    assert rows["a"].betweenness == 0.0
    assert rows["b"].degree == pytest.approx(2 / 3, abs=1e-4) and rows["a"].degree == pytest.approx(
        1 / 3, abs=1e-4
    )
    assert rows["b"].links == 2 and rows["d"].links == 1
    assert [r.id for r in linkmetrics.centrality(linkchart.Chart(nodes, links))][:2] == ["b", "c"]
    assert linkmetrics.centrality(linkchart.Chart({}, [])) == []


def test_centrality_covers_the_chart() -> None:
    chart = linkchart.select(_chart())
    rows = linkmetrics.centrality(chart)
    assert {r.id for r in rows} == set(chart.nodes)
    assert rows[0].label == "Lotus Reef"  # the hub of the invented reports


def test_gexf_reads_back() -> None:
    chart = linkchart.select(_chart())
    graph = nx.read_gexf(io.BytesIO(linkmetrics.gexf(chart)))
    assert set(graph.nodes) == set(chart.nodes)
    assert graph.number_of_edges() == len(chart.links)
    types = {d["link_type"] for _, _, d in graph.edges(data=True)}
    assert types == {k.type for k in chart.links}
    assert {d["entity_type"] for _, d in graph.nodes(data=True)} == {n.type for n in chart.nodes.values()}


def test_ftm_entities() -> None:
    picture = _picture()
    chart = linkchart.select(linkchart.build(picture, [("TH", "KH", "r2", 12)]))
    proxies = list(linkmetrics.ftm(chart, {e.id: e for e in picture.entities}))
    by_id = {p.id: p for p in proxies}
    assert set(chart.nodes) <= set(by_id)
    member = next(p for p in proxies if p.schema.name == "Membership")
    assert member.get("member") and member.get("organization") and member.get("role") == ["member of"]
    raid = next(p for p in proxies if p.schema.name == "UnknownLink" and p.get("role") == ["raids"])
    assert by_id[raid.get("subject")[0]].get("name") == ["Coral Coast Police"]
    assert json.loads(raid.get("description")[0])["reports"] == ["r1"]
    assert raid.get("startDate") == ["2024-03-02"]


@pytest.mark.parametrize("bad", ["", "no sentence here"])
def test_a_report_without_two_entities_gives_no_sentence_link(bad: str) -> None:
    report = Report(text=bad, id="x", published=None)
    chart = linkchart.build(fuse([(report, Extraction([]))]))
    assert chart.links == [] and chart.nodes == {}
