"""Fusion: many reports made into one picture.

- :mod:`events`: reports of the same real-world event share an event id;
- :mod:`resolve`: the same entity under different spellings across reports;
- :mod:`figures`: claims that state one figure share its id, parts link to their total
  (rules in ``figures.yaml``; :mod:`parts` finds breakdowns, :mod:`compare` compares claims);
- :mod:`outlets`: a report's outlet and the independent source it counts as;
- :mod:`reconcile`: each figure's consensus, and its conflicts with reasons.

The names below are imported on first use, so that a command needing one submodule (``ringscope
extract`` groups events through :mod:`batch`) does not load the others (outlets alone load the
public-suffix list).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ringscope.fuse.events import EventSettings, group_events
    from ringscope.fuse.picture import Event, Picture, fuse
    from ringscope.fuse.reconcile import ClaimRef, Figure, Flag, reconcile
    from ringscope.fuse.resolve import ResolvedEntity, resolve

__all__ = [
    "ClaimRef", "Event", "EventSettings", "Figure", "Flag", "Picture", "ResolvedEntity",
    "fuse", "group_events", "reconcile", "resolve",
]

_HOMES = {
    "EventSettings": "events", "group_events": "events",
    "Event": "picture", "Picture": "picture", "fuse": "picture",
    "ClaimRef": "reconcile", "Figure": "reconcile", "Flag": "reconcile", "reconcile": "reconcile",
    "ResolvedEntity": "resolve", "resolve": "resolve",
}


def __getattr__(name: str) -> Any:
    """The public name ``name``, imported from its submodule on first use."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
