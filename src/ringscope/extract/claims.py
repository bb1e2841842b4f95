"""Quantitative claims (stub, being written)."""

from __future__ import annotations

from ringscope.extract.document import Document
from ringscope.extract.places import PlaceHit
from ringscope.model import Claim, DateMention, Entity


def extract_claims(
    doc: Document, places: list[PlaceHit], entities: list[Entity], dates: list[DateMention]
) -> list[Claim]:
    return []
