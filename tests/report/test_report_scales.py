"""Symbol scales: circle areas follow the values; legend values are round."""

from __future__ import annotations

import math

from ringscope.report.scales import area_radius, legend_values, nice_floor


def test_area_radius_makes_area_proportional_to_value() -> None:
    big = area_radius(4000, 4000, 20)
    quarter = area_radius(1000, 4000, 20)
    assert big == 20 and math.isclose(quarter, 10)  # a quarter of the people, a quarter of the area
    assert area_radius(1, 4000, 20, smallest=3) == 3  # tiny values stay visible
    assert area_radius(0, 0, 20, smallest=2) == 2
    assert area_radius(9000, 4000, 20) == 20  # never larger than the largest


def test_nice_floor_and_legend_values() -> None:
    assert [nice_floor(v) for v in (0.5, 1, 7, 23, 480, 7544)] == [0, 1, 5, 20, 200, 5000]
    assert legend_values(7544) == [200, 1000, 5000]
    values = legend_values(3)
    assert values == sorted(values) and max(values) <= 3 and len(set(values)) == len(values)
    assert legend_values(0) == []
