"""Trafficking routes (stub, being written)."""

from __future__ import annotations

from ringscope.extract.document import Document
from ringscope.extract.places import PlaceHit
from ringscope.model import Entity, Route


def extract_routes(doc: Document, places: list[PlaceHit], entities: list[Entity]) -> list[Route]:
    return []
