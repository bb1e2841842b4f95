"""Timeline and network SVG (the map has its own tests)."""

from __future__ import annotations

import re

from ringscope.report.charts import Edge, Node, force_layout, network_svg, timeline_svg
from ringscope.report.format import figure_text, number_text


def test_timeline_has_a_bar_per_month_and_series() -> None:
    svg = timeline_svg({"reports": {"2025-01": 2, "2025-03": 4}, "claims": {"2025-02": 1}})
    assert svg.count('class="bar"') == 6  # 3 months x 2 series
    heights = [float(h) for h in re.findall(r'class="bar"[^>]*height="([\d.]+)"', svg)]
    assert max(heights) > 0 and heights.count(0.0) == 3
    assert "No dated reports" in timeline_svg({"reports": {}})


def test_force_layout_is_deterministic_and_bounded() -> None:
    nodes = [Node(str(i), f"n{i}", "Person", 1) for i in range(8)]
    edges = [Edge("0", "1", 3), Edge("1", "2", 1), Edge("5", "6", 2)]
    one, two = force_layout(nodes, edges), force_layout(nodes, edges)
    assert one == two
    assert all(0.0 <= x <= 1.0 and 0.0 <= y <= 1.0 for x, y in one.values())

    def dist(a: str, b: str) -> float:
        return float(((one[a][0] - one[b][0]) ** 2 + (one[a][1] - one[b][1]) ** 2) ** 0.5)

    assert dist("0", "1") < dist("0", "7")  # linked nodes end up closer than unlinked ones


def test_network_svg_draws_nodes_and_edges() -> None:
    svg = network_svg(
        [Node("a", "Alpha <Org>", "Organization", 3, "/entities/a"), Node("b", "Beta", "Person", 1)],
        [Edge("a", "b", 2, "works for")],
    )
    assert svg.count("<circle") == 2 and svg.count("<line") == 1
    assert "Alpha &lt;Org&gt;" in svg and 'href="/entities/a"' in svg


def test_number_and_figure_text() -> None:
    assert number_text(3e12) == "3 trillion" and number_text(1_250_000) == "1.2 million"
    assert number_text(1200) == "1,200" and number_text(None) == "?"

    class Fig:
        qualifier, currency, value, low, high, period = "up_to", "USD", 3e12, None, None, "year"

    assert figure_text(Fig()) == "up to 3 trillion USD a year"
