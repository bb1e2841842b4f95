"""Places: an offline gazetteer of countries, regions and cities (stub, being written)."""

from __future__ import annotations

from dataclasses import dataclass

from ringscope.extract.document import Document


@dataclass(frozen=True, slots=True)
class PlaceHit:
    start: int
    end: int
    text: str
    country: str | None
    kind: str  # "country", "region", "city", "continent", "demonym"
    lat: float | None = None
    lon: float | None = None


def find_places(doc: Document) -> list[PlaceHit]:
    return []
