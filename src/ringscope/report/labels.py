"""Labels without overlap at every zoom of a zoomable map (pure: no drawing).

A label hangs at an anchor (a point in map units at zoom 1) in a box of fixed screen size, at
one of a few positions around it (right, left, above, below, the diagonals). Zooming by ``k``
moves anchors ``k`` times further apart while boxes keep their size, so the zooms at which two
placed labels overlap form an interval that can be worked out exactly. Labels are placed by
priority: each takes the position from which it is shown earliest (the smallest zoom from which
it overlaps no label placed before it, at any larger zoom), or is never shown when none fits
below the largest zoom. A map then shows a label exactly when the zoom is at least its
``min_zoom``, and no two shown labels overlap at any zoom.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

# Advance widths of DejaVu Sans (the sans-serif face the app and the brief render with), in
# thousandths of an em, for the characters place names use most; others fall back to WIDE.
_ADVANCE = {
    " ": 318, "!": 401, "'": 275, "(": 390, ")": 390, ",": 318, "-": 361, ".": 318, "/": 337,
    ":": 337, "&": 780, "[": 390, "]": 390, "·": 318, "–": 500, "→": 838, "…": 1000,
    "A": 684, "B": 686, "C": 698, "D": 770, "E": 632, "F": 575, "G": 775, "H": 752, "I": 295,
    "J": 295, "K": 656, "L": 557, "M": 863, "N": 748, "O": 787, "P": 603, "Q": 787, "R": 695,
    "S": 635, "T": 611, "U": 732, "V": 684, "W": 989, "X": 685, "Y": 611, "Z": 685,
    "a": 613, "b": 635, "c": 550, "d": 635, "e": 615, "f": 352, "g": 635, "h": 634, "i": 278,
    "j": 278, "k": 579, "l": 278, "m": 974, "n": 634, "o": 612, "p": 635, "q": 635, "r": 411,
    "s": 521, "t": 392, "u": 634, "v": 592, "w": 818, "x": 592, "y": 592, "z": 525,
}
_DIGIT = 636
_WIDE = 1000


def text_width(text: str, size: float) -> float:
    """The width of ``text`` set in DejaVu Sans at ``size`` (an upper estimate for unknown letters)."""
    total = 0
    for char in text:
        if char.isdigit():
            total += _DIGIT
            continue
        width = _ADVANCE.get(char)
        if width is None:
            base = unicodedata.normalize("NFKD", char)[:1]
            width = _ADVANCE.get(base, _WIDE)
        total += width
    return total * size / 1000.0


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle in screen units, relative to its label's anchor."""

    left: float
    top: float
    right: float
    bottom: float


@dataclass(frozen=True, slots=True)
class Label:
    """What to place: a ``width`` by ``height`` box near the point (``x``, ``y``)."""

    key: str
    x: float
    y: float
    width: float
    height: float
    gap: float = 0.0
    """Room to leave around the anchor (a marker's radius), in screen units."""
    priority: float = 0.0
    """Higher is placed first."""
    centred: bool = False
    """Only centred on the anchor (a count on a line), never beside it."""


@dataclass(frozen=True, slots=True)
class Placement:
    key: str
    position: str
    """``right``, ``left``, ``above``, ``below``, ``above-right``, ... or ``centre``."""
    box: Box
    min_zoom: float
    """Shown from this zoom on; ``math.inf`` when it never fits."""

    @property
    def shown(self) -> bool:
        return math.isfinite(self.min_zoom)


def candidates(label: Label, padding: float = 1.0) -> list[tuple[str, Box]]:
    """The positions a label may take, the preferred first."""
    w, h, p = label.width, label.height, padding
    if label.centred:
        return [("centre", Box(-w / 2 - p, -h / 2 - p, w / 2 + p, h / 2 + p))]
    g = label.gap + 2.0
    d = g * 0.72  # the diagonals touch the marker's circle rather than its square
    return [
        ("right", Box(g - p, -h / 2 - p, g + w + p, h / 2 + p)),
        ("left", Box(-g - w - p, -h / 2 - p, -g + p, h / 2 + p)),
        ("above", Box(-w / 2 - p, -g - h - p, w / 2 + p, -g + p)),
        ("below", Box(-w / 2 - p, g - p, w / 2 + p, g + h + p)),
        ("above-right", Box(d - p, -d - h - p, d + w + p, -d + p)),
        ("below-right", Box(d - p, d - p, d + w + p, d + h + p)),
        ("above-left", Box(-d - w - p, -d - h - p, -d + p, -d + p)),
        ("below-left", Box(-d - w - p, d - p, -d + p, d + h + p)),
    ]


Floats = npt.NDArray[np.float64]


def _axis(d: Floats, low: Floats, high: Floats) -> tuple[Floats, Floats]:
    """The zooms ``k > 0`` with ``low < k * d < high``, as (start, end) arrays (empty when start >= end)."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        a, b = low / d, high / d
    start = np.where(d > 0, a, np.where(d < 0, b, np.where((low < 0) & (high > 0), -np.inf, np.inf)))
    end = np.where(d > 0, b, np.where(d < 0, a, np.where((low < 0) & (high > 0), np.inf, -np.inf)))
    return start, end


def overlap_zooms(
    dx: Floats, dy: Floats, box: Box, others: Floats
) -> tuple[Floats, Floats]:
    """Zoom intervals over which ``box`` (anchored ``dx``, ``dy`` map units from each other anchor)
    overlaps the other boxes (rows of left, top, right, bottom): arrays of (start, end)."""
    sx, ex = _axis(dx, others[:, 0] - box.right, others[:, 2] - box.left)
    sy, ey = _axis(dy, others[:, 1] - box.bottom, others[:, 3] - box.top)
    return np.maximum(np.maximum(sx, sy), 0.0), np.minimum(ex, ey)


def inside_from(x: float, y: float, box: Box, bounds: tuple[float, float]) -> float:
    """The smallest zoom from which ``box`` at (``x``, ``y``) lies within a map of size ``bounds``
    (at zoom ``k`` the map is ``k`` times larger, the box is not)."""
    width, height = bounds
    needs = [0.0]
    for room, reach in ((x, -box.left), (width - x, box.right), (y, -box.top), (height - y, box.bottom)):
        if reach > 0:
            needs.append(reach / room if room > 0 else math.inf)
    return max(needs)


def place_labels(
    labels: list[Label],
    max_zoom: float = 64.0,
    min_zoom: float = 1.0,
    bounds: tuple[float, float] | None = None,
) -> list[Placement]:
    """Where each label goes and from which zoom it is shown (in the order given); with
    ``bounds`` (the map's width and height at zoom 1), labels never reach past the map's edge."""
    order = sorted(range(len(labels)), key=lambda i: (-labels[i].priority, labels[i].key))
    anchors = np.zeros((len(labels), 2))
    boxes = np.zeros((len(labels), 4))
    shown_from = np.zeros(len(labels))
    placed = 0
    out: dict[int, Placement] = {}
    for i in order:
        label = labels[i]
        best: tuple[float, str, Box] | None = None
        for position, box in candidates(label):
            earliest = min_zoom
            if bounds is not None:
                earliest = max(earliest, inside_from(label.x, label.y, box, bounds) * 1.0001)
            if placed and earliest <= max_zoom:
                dx = label.x - anchors[:placed, 0]
                dy = label.y - anchors[:placed, 1]
                start, end = overlap_zooms(dx, dy, box, boxes[:placed])
                # an overlap matters when both labels are shown during it
                clash = (start < end) & (end > shown_from[:placed]) & (start < max_zoom)
                if clash.any():
                    earliest = max(earliest, float(end[clash].max()) * 1.0001)
            if earliest <= max_zoom and (best is None or earliest < best[0]):
                best = (earliest, position, box)
            if best is not None and best[0] == min_zoom:
                break
        if best is None:
            position, box = candidates(label)[0]
            out[i] = Placement(label.key, position, box, math.inf)
            continue
        earliest, position, box = best
        anchors[placed] = (label.x, label.y)
        boxes[placed] = (box.left, box.top, box.right, box.bottom)
        shown_from[placed] = earliest
        placed += 1
        out[i] = Placement(label.key, position, box, earliest)
    return [out[i] for i in range(len(labels))]
