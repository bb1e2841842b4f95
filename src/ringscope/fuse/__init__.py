"""Fusion: many reports made into one picture.

- :mod:`events`: reports of the same real-world event share an event id;
- :mod:`resolve`: the same entity under different spellings across reports;
- :mod:`figures`: claims that state one figure share its id, parts link to their total
  (rules in ``figures.yaml``; :mod:`parts` finds breakdowns, :mod:`compare` compares claims);
- :mod:`outlets`: a report's outlet and the independent source it counts as;
- :mod:`reconcile`: each figure's consensus, and its conflicts with reasons.
"""

from __future__ import annotations

from ringscope.fuse.events import EventSettings, group_events
from ringscope.fuse.picture import Event, Picture, fuse
from ringscope.fuse.reconcile import ClaimRef, Figure, Flag, reconcile
from ringscope.fuse.resolve import ResolvedEntity, resolve

__all__ = [
    "ClaimRef", "Event", "EventSettings", "Figure", "Flag", "Picture", "ResolvedEntity",
    "fuse", "group_events", "reconcile", "resolve",
]
