"""Entities (stub, being written)."""

from __future__ import annotations

from ringscope.extract.document import Document
from ringscope.extract.places import PlaceHit
from ringscope.model import Entity


def extract_entities(doc: Document, places: list[PlaceHit]) -> list[Entity]:
    return []
