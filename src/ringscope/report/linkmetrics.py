"""The link chart as a networkx graph: centrality, and the chart as GEXF or FollowTheMoney entities."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import dataclass

import networkx as nx
from followthemoney import model
from followthemoney.proxy import EntityProxy

from ringscope.export.ftm_fused import entity_proxy, place_proxy
from ringscope.fuse import ResolvedEntity
from ringscope.report.linkchart import Chart
from ringscope.report.linkvocab import link_type


@dataclass(frozen=True, slots=True)
class Centrality:
    id: str
    label: str
    type: str
    links: int
    """Links touching the node, in either direction."""
    degree: float
    """networkx degree centrality: the share of the other nodes it is linked to."""
    betweenness: float
    """networkx betweenness centrality (normalised): the share of shortest paths through it."""


def graph(chart: Chart) -> nx.MultiDiGraph:
    """A directed multigraph: one edge per link, keyed by its id, with link_type, label and weight
    (``type`` is a reserved edge attribute in GEXF)."""
    g: nx.MultiDiGraph = nx.MultiDiGraph()
    for node in chart.nodes.values():
        g.add_node(node.id, label=node.label, entity_type=node.type, country=node.country or "",
                   reports=node.reports)
    for link in chart.links:
        g.add_edge(link.source, link.target, key=link.id, link_type=link.type,
                   label=link_type(link.type).label, weight=link.weight)
    return g


def centrality(chart: Chart) -> list[Centrality]:
    """Degree and betweenness of every node (over the links taken as undirected), most central first."""
    simple = nx.Graph(graph(chart))
    degree = nx.degree_centrality(simple) if len(simple) > 1 else {n: 0.0 for n in simple}
    between = nx.betweenness_centrality(simple, normalized=True)
    links = chart.degree()
    out = [
        Centrality(i, n.label, n.type, links[i], round(degree.get(i, 0.0), 4), round(between.get(i, 0.0), 4))
        for i, n in chart.nodes.items()
    ]
    out.sort(key=lambda c: (-c.betweenness, -c.degree, c.label, c.id))
    return out


def gexf(chart: Chart) -> bytes:
    """The chart as GEXF 1.2 (for Gephi), written by networkx."""
    buffer = io.BytesIO()
    nx.write_gexf(graph(chart), buffer)
    return buffer.getvalue()


def ftm(chart: Chart, entities: dict[str, ResolvedEntity]) -> Iterator[EntityProxy]:
    """The chart as FollowTheMoney entities: its nodes (as the fused export makes them), then each
    link as a Membership (``member_of``) or an UnknownLink whose role is the link type's label."""
    for node_id in sorted(chart.nodes):
        node = chart.nodes[node_id]
        resolved = entities.get(node_id)
        proxy = entity_proxy(resolved) if resolved is not None else place_proxy(node.country or "")
        if proxy is not None:
            yield proxy
    for link in chart.links:
        schema, ends = ("Membership", ("member", "organization")) if link.type == "member_of" \
            else ("UnknownLink", ("subject", "object"))
        proxy = model.make_entity(schema)
        proxy.id = link.id
        proxy.add(ends[0], link.source)
        proxy.add(ends[1], link.target)
        proxy.add("role", link_type(link.type).label)
        dates = sorted({e.published for e in link.evidence if e.published})
        if dates:
            proxy.add("startDate", dates[0])
            proxy.add("endDate", dates[-1])
        proxy.add("summary", [e.quote for e in link.evidence if e.quote][:5])
        proxy.add("description", json.dumps({
            "type": link.type, "reports": sorted({e.report_id for e in link.evidence}),
            "how": sorted({e.how for e in link.evidence}),
        }))
        yield proxy
