"""Which addresses may become links: only http and https (a report's ``javascript:`` or ``data:``
address must never be clickable in a page or in the brief)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

SCHEMES = frozenset({"http", "https"})

_STRIPPED = re.compile("[\x00-\x20\x7f]")
"""What browsers drop from or ignore in an address before reading its scheme (controls, spaces)."""


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) address with a host, else None."""
    if not url:
        return None
    flat = _STRIPPED.sub("", url)
    try:
        parts = urlsplit(flat)
    except ValueError:
        return None
    if parts.scheme.lower() not in SCHEMES or not parts.netloc:
        return None
    return flat


def safe_href(href: str | None) -> str | None:
    """An address for a link the app draws itself: a path on this site (``/...``), a fragment
    (``#...``) or an http(s) address; None for anything else."""
    if not href:
        return None
    if (href.startswith("/") and not href.startswith("//") and "\\" not in href) or href.startswith("#"):
        return None if _STRIPPED.search(href) else href
    return safe_url(href)
