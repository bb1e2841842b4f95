"""Building a large picture without the cyclic collector walking it again and again.

A snapshot of a large store holds millions of small objects made in one go. While they are made,
every full collection of the cyclic garbage collector walked all of them (and all made before), so
the collections, not the decoding, came to half the time of building a snapshot of 100,000 reports.
What is made for a snapshot lives as long as it does, so the collector is paused while it is made
and the objects are then frozen (:func:`ringscope.collector.paused`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from ringscope.collector import paused


@contextmanager
def long_lived() -> Iterator[None]:
    """Pause cyclic collection while the block makes objects that stay; freeze them after it."""
    with paused(freeze=True):
        yield
