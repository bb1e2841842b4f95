"""Country names next to ISO 3166-1 codes (from pycountry), for readers who do not know the codes."""

from __future__ import annotations

from functools import lru_cache

import pycountry


@lru_cache(maxsize=512)
def country_name(code: str | None) -> str | None:
    """The short English name of an alpha-2 code ("LA" -> "Laos"); None when unknown."""
    if not code:
        return None
    found = pycountry.countries.get(alpha_2=code.upper())
    if found is None:
        return None
    return str(getattr(found, "common_name", None) or found.name)


def country_label(code: str | None) -> str:
    """"Laos (LA)"; the code alone when it has no name; empty for no code."""
    if not code:
        return ""
    name = country_name(code)
    return f"{name} ({code.upper()})" if name else code.upper()


def route_label(origin: str, destination: str) -> str:
    """"Indonesia (ID) → Cambodia (KH)"."""
    return f"{country_label(origin)} → {country_label(destination)}"
