"""Charts as SVG strings: a monthly timeline and a network graph (deterministic layout)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

import numpy as np

from ringscope.report.links import safe_href

_TYPE_COLOURS = {
    "Person": "#1f5f8b",
    "Organization": "#2e8b57",
    "Location": "#8b6d1f",
    "Compound": "#b03a2e",
    "Operation": "#6a3d9a",
    "UserAccount": "#d98c00",
    "Document": "#777777",
}


def timeline_svg(series: dict[str, dict[str, int]], width: int = 760, height: int = 220) -> str:
    """Grouped bars per month: ``series`` maps a label to {YYYY-MM: count}."""
    months = sorted({m for counts in series.values() for m in counts})
    labels = list(series)
    colours = ["#1f5f8b", "#b03a2e", "#2e8b57", "#6a3d9a"]
    left, bottom, top_pad = 36, 40, 16
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="rs-timeline" viewBox="0 0 {width} {height}"'
        f' width="100%" role="img" aria-label="Timeline">',
        "<title>Timeline</title>",
    ]
    if not months:
        out.append(
            f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle">No dated reports</text></svg>'
        )
        return "".join(out)
    peak = max(max(counts.values(), default=0) for counts in series.values()) or 1
    plot_w, plot_h = width - left - 8, height - bottom - top_pad
    slot = plot_w / len(months)
    bar = max(1.0, slot * 0.8 / max(1, len(labels)))
    out.append(
        f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{width - 8}" y2="{top_pad + plot_h}" stroke="#555"/>'
    )
    for tick in (0, peak):
        y = top_pad + plot_h - plot_h * tick / peak
        out.append(f'<text x="{left - 4}" y="{y + 4:.1f}" font-size="10" text-anchor="end">{tick}</text>')
    step = max(1, math.ceil(len(months) / 12))
    for i, month in enumerate(months):
        x0 = left + i * slot + slot * 0.1
        for j, label in enumerate(labels):
            value = series[label].get(month, 0)
            h = plot_h * value / peak
            out.append(
                f'<rect class="bar" x="{x0 + j * bar:.1f}" y="{top_pad + plot_h - h:.1f}" width="{bar:.1f}"'
                f' height="{h:.1f}" fill="{colours[j % len(colours)]}">'
                f"<title>{escape(label)} {month}: {value}</title></rect>"
            )
        if i % step == 0:
            out.append(
                f'<text x="{left + i * slot + slot / 2:.1f}" y="{top_pad + plot_h + 14}" font-size="10"'
                f' text-anchor="middle">{month}</text>'
            )
    for j, label in enumerate(labels):
        x = left + j * 140
        out.append(
            f'<rect x="{x}" y="{height - 14}" width="10" height="10" fill="{colours[j % len(colours)]}"/>'
        )
        out.append(f'<text x="{x + 14}" y="{height - 5}" font-size="11">{escape(label)}</text>')
    out.append("</svg>")
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    label: str
    type: str
    weight: int
    href: str | None = None


@dataclass(frozen=True, slots=True)
class Edge:
    a: str
    b: str
    weight: int
    label: str = ""


def force_layout(
    nodes: list[Node], edges: list[Edge], iterations: int = 300, seed: int = 7
) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold positions in [0, 1]², the same for the same input."""
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0].id: (0.5, 0.5)}
    index = {node.id: i for i, node in enumerate(nodes)}
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2))
    k = math.sqrt(1.0 / n)
    pairs = [(index[e.a], index[e.b], float(e.weight)) for e in edges if e.a in index and e.b in index]
    temperature = 0.1
    heads = np.array([i for i, _, _ in pairs], dtype=np.intp)
    tails = np.array([j for _, j, _ in pairs], dtype=np.intp)
    strength = np.array([min(3.0, 1.0 + math.log(w)) for _, _, w in pairs])[:, None] / k
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.linalg.norm(delta, axis=2) + 1e-9
        force = (k * k / dist**2)[:, :, None] * delta
        move = force.sum(axis=1)
        if len(pairs):
            # every edge pulls its two ends together (all edges at once; a node's pulls add up)
            d = pos[heads] - pos[tails]
            pull = d * (np.linalg.norm(d, axis=1)[:, None] + 1e-9) * strength
            np.subtract.at(move, heads, pull)
            np.add.at(move, tails, pull)
        move -= (pos - 0.5) * 0.5  # gentle gravity keeps loose components in view
        length = np.linalg.norm(move, axis=1)[:, None] + 1e-9
        pos += move / length * np.minimum(length, temperature)
        temperature = max(0.002, temperature * 0.985)
    low, high = pos.min(axis=0), pos.max(axis=0)
    span = np.where(high - low > 1e-9, high - low, 1.0)
    pos = (pos - low) / span
    return {node.id: (float(pos[i, 0]), float(pos[i, 1])) for node, i in ((nd, index[nd.id]) for nd in nodes)}


def network_svg(nodes: list[Node], edges: list[Edge], width: int = 760, height: int = 520) -> str:
    """The network as SVG: node size by weight, colour by type, edge width by weight."""
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="rs-network" viewBox="0 0 {width} {height}"'
        f' width="100%" role="img" aria-label="Network">',
        "<title>Network</title>",
    ]
    if not nodes:
        out.append(f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle">No entities</text></svg>')
        return "".join(out)
    positions = force_layout(nodes, edges)
    margin = 60

    def xy(node_id: str) -> tuple[float, float]:
        x, y = positions[node_id]
        return margin + x * (width - 2 * margin), margin / 2 + y * (height - margin)

    top = max(e.weight for e in edges) if edges else 1
    out.append('<g class="edges" stroke="#999" stroke-opacity="0.6">')
    for edge in edges:
        if edge.a not in positions or edge.b not in positions:
            continue
        (x0, y0), (x1, y1) = xy(edge.a), xy(edge.b)
        stroke = 0.8 + 3.0 * edge.weight / top
        title = f"<title>{escape(edge.label)}</title>" if edge.label else ""
        out.append(
            f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x1:.1f}" y2="{y1:.1f}"'
            f' stroke-width="{stroke:.1f}">{title}</line>'
        )
    out.append("</g>")
    peak = max(n.weight for n in nodes) or 1
    out.append('<g class="nodes" font-size="10">')
    for node in nodes:
        x, y = xy(node.id)
        radius = 4 + 10 * math.sqrt(node.weight / peak)
        colour = _TYPE_COLOURS.get(node.type, "#555")
        body = (
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{colour}">'
            f"<title>{escape(node.label)} ({node.type}, {node.weight} report(s))</title></circle>"
            f'<text x="{x + radius + 2:.1f}" y="{y + 3:.1f}">{escape(node.label[:32])}</text>'
        )
        href = safe_href(node.href)
        if href:
            body = f'<a href="{escape(href)}">{body}</a>'
        out.append(body)
    out.append("</g></svg>")
    return "".join(out)
