"""What same-event grouping works on: its settings and the evidence one report brings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt


@dataclass(frozen=True, slots=True)
class EventSettings:
    threshold: float = 0.16
    """Minimum combined score to confirm a candidate pair."""
    text_weight: float = 0.8
    """Share of the wording (TF-IDF cosine) in the combined score; the rest is item overlap."""
    max_days: int = 21
    """Reports published further apart than this are not one event."""
    max_block: int = 25
    """Blocking keys carried by more reports than this are not used."""
    top_terms: int = 80
    """Words kept per report for the cosine."""
    block_terms: int = 8
    """Most distinctive words per report used as blocking keys."""


@dataclass(slots=True)
class EventFeatures:
    report_id: str
    published: dt.date | None
    figures: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    term_ids: npt.NDArray[np.uint32] = field(default_factory=lambda: np.zeros(0, np.uint32))
    term_counts: npt.NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))
    term_rarity: npt.NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))

    def items(self) -> set[str]:
        return self.figures | self.names
