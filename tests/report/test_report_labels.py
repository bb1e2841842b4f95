"""Label placement: no two shown labels overlap at any zoom, and each is shown as early as it can be."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from ringscope.report.labels import (
    Box,
    Label,
    Placement,
    candidates,
    inside_from,
    overlap_zooms,
    place_labels,
    text_width,
)


def _screen(label: Label, place: Placement, k: float) -> tuple[float, float, float, float]:
    box = place.box
    return (k * label.x + box.left, k * label.y + box.top, k * label.x + box.right, k * label.y + box.bottom)


def _overlaps(labels: list[Label], places: list[Placement], k: float) -> list[tuple[str, str]]:
    shown = [(a, p) for a, p in zip(labels, places, strict=True) if p.min_zoom <= k]
    bad = []
    for i, (a, pa) in enumerate(shown):
        ax0, ay0, ax1, ay1 = _screen(a, pa, k)
        for b, pb in shown[i + 1 :]:
            bx0, by0, bx1, by1 = _screen(b, pb, k)
            if ax0 < bx1 - 1e-6 and bx0 < ax1 - 1e-6 and ay0 < by1 - 1e-6 and by0 < ay1 - 1e-6:
                bad.append((a.key, b.key))
    return bad


def test_text_width_grows_with_text_and_size() -> None:
    assert text_width("", 11) == 0
    assert text_width("Ilium", 11) < text_width("Mowbray", 11)  # narrow letters take less room
    assert text_width("Mowbray", 22) == 2 * text_width("Mowbray", 11)
    assert text_width("Ōtara", 10) == text_width("Otara", 10)  # accents take their letter's width
    assert text_width("東", 10) == 10.0  # unknown letters are counted a full em wide


def test_candidates_keep_clear_of_the_marker() -> None:
    label = Label("a", 0, 0, 40, 12, gap=5)
    for _, box in candidates(label):
        # no candidate box covers the marker's centre, and each holds the text
        assert not (box.left < 0 < box.right and box.top < 0 < box.bottom)
        assert box.right - box.left >= 40 and box.bottom - box.top >= 12
    (name, box), = candidates(Label("n", 0, 0, 10, 8, centred=True))
    assert name == "centre" and box.left < 0 < box.right and box.top < 0 < box.bottom


def test_overlap_zooms_are_exact_for_two_boxes_side_by_side() -> None:
    # two 10-wide boxes right of their anchors, anchors 2 map units apart on x: they overlap while
    # 2k < 10, i.e. below zoom 5
    box = Box(0, -5, 10, 5)
    others = np.array([[0.0, -5.0, 10.0, 5.0]])
    start, end = overlap_zooms(np.array([2.0]), np.array([0.0]), box, others)
    assert start[0] == 0 and math.isclose(end[0], 5.0)
    # the same boxes, anchors 2 units apart on y only: 10-high boxes part at zoom 5 too
    start, end = overlap_zooms(np.array([0.0]), np.array([-2.0]), box, others)
    assert math.isclose(end[0], 5.0)
    # boxes on either side of their anchors facing away never overlap
    facing_left = np.array([[-10.0, -5, 0, 5]])
    start, end = overlap_zooms(np.array([3.0]), np.array([0.0]), Box(0, -5, 10, 5), facing_left)
    assert not start[0] < end[0]


def test_a_label_far_from_others_is_shown_at_once_and_crowded_ones_later() -> None:
    labels = [
        Label("big", 100, 100, 60, 12, 4, priority=3),
        Label("near", 101, 100.5, 60, 12, 4, priority=2),
        Label("nearer", 100.5, 100.2, 60, 12, 4, priority=1),
        Label("alone", 400, 300, 60, 12, 4, priority=0),
    ]
    places = {p.key: p for p in place_labels(labels, max_zoom=64)}
    assert places["big"].min_zoom == 1 and places["alone"].min_zoom == 1
    # the two crowded ones still fit at zoom 1 around the first (left of it, above it...)...
    assert all(p.shown for p in places.values())
    # ...and whatever they chose, nothing overlaps at any zoom
    ordered = [places[label.key] for label in labels]
    for k in np.geomspace(1, 64, 200):
        assert not _overlaps(labels, ordered, float(k))


def test_a_dense_cluster_is_revealed_by_zooming() -> None:
    # twelve places within two map units: at zoom 1 two fit (left and right of the knot), and
    # zooming in shows the others one after the other
    rng = np.random.default_rng(3)
    labels = [
        Label(f"p{i}", 300 + float(x), 200 + float(y), 70, 13, 3, priority=-i)
        for i, (x, y) in enumerate(rng.random((12, 2)) * 2)
    ]
    places = place_labels(labels, max_zoom=64)
    assert 1 <= sum(p.min_zoom <= 1 for p in places) <= 3
    assert sum(p.min_zoom <= 8 for p in places) < sum(p.min_zoom <= 64 for p in places)
    assert sum(p.shown for p in places) >= 10
    for k in [*np.geomspace(1, 64, 300), *(p.min_zoom for p in places)]:
        assert not _overlaps(labels, places, float(k)), k


def test_labels_that_never_fit_are_never_shown() -> None:
    # the same spot, the same size, ten times: eight positions around it hold at most eight
    labels = [Label(f"s{i}", 50, 50, 30, 10, 2, priority=-i) for i in range(10)]
    places = place_labels(labels, max_zoom=8)
    assert sum(p.shown for p in places) <= 8
    assert any(not p.shown and p.min_zoom == math.inf for p in places)


def test_labels_stay_inside_the_map() -> None:
    box = Box(2, -6, 62, 6)  # a label to the right of its point
    assert math.isclose(inside_from(50, 50, box, (100, 100)), 62 / 50)  # 50 + 62 > 100 at zoom 1
    assert inside_from(50, 50, box, (1000, 100)) <= 1
    (place,) = place_labels([Label("edge", 95, 50, 60, 12)], bounds=(100, 100))
    assert place.min_zoom == 1 and place.box.right <= 5  # it goes left of its point instead


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(0, 50), st.floats(0, 50), st.integers(5, 80), st.booleans()),
        min_size=1,
        max_size=25,
    )
)
def test_no_two_shown_labels_overlap_at_any_zoom(spec: list[tuple[float, float, int, bool]]) -> None:
    labels = [
        Label(f"l{i}", x, y, float(w), 12.0, 3.0, priority=float(-i), centred=centred)
        for i, (x, y, w, centred) in enumerate(spec)
    ]
    places = place_labels(labels, max_zoom=32)
    zooms = [*np.geomspace(1, 32, 60), *(p.min_zoom for p in places if p.shown)]
    for k in zooms:
        assert not _overlaps(labels, places, float(k))
