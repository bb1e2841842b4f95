"""Screening of job ads for scam-centre recruitment indicators.

Library API::

    from ringscope.screen import screen_text, screen_record
    screen_text("Customer service in Bangkok, free flights, Telegram @hr_x", ad_id="ad-1")
    screen_record({"id": "7", "title": "...", "description": "..."})

Each returns a dict: ``id, score, level, indicators, contacts, destinations, language`` (plus
``classifier_probability`` and ``pay``), or ``{"id", "error"}`` for an ad that cannot be screened.

Importing this package is cheap (the store's schema lives in :mod:`ringscope.screen.store`); the
screener and its reference data load on first use.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ringscope.screen.screener import Ad, AdError

__all__ = ["Ad", "AdError", "screen_text", "screen_record", "screen_records"]


def __getattr__(name: str) -> Any:
    if name in ("Ad", "AdError"):
        from ringscope.screen import screener

        return getattr(screener, name)
    raise AttributeError(f"module 'ringscope.screen' has no attribute {name!r}")


def screen_text(text: str, ad_id: str = "ad") -> dict[str, Any]:
    """Screen one ad given as plain text."""
    from ringscope.screen.screener import Ad, screen_or_error

    return screen_or_error(Ad(id=ad_id, text=text))


def screen_record(record: Mapping[str, Any], default_id: str = "ad") -> dict[str, Any]:
    """Screen one ad given as a record with ``text`` or the structured fields."""
    from ringscope.screen.inputs import AdProblem, ad_from_record
    from ringscope.screen.screener import screen_or_error

    item = ad_from_record(dict(record), default_id)
    return item.as_dict() if isinstance(item, AdProblem) else screen_or_error(item)


def screen_records(records: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Screen many records; ids default to their position."""
    return [screen_record(r, str(n)) for n, r in enumerate(records, 1)]
