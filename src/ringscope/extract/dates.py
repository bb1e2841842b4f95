"""Dates (stub, being written)."""

from __future__ import annotations

from ringscope.extract.document import Document
from ringscope.model import DateMention


def extract_dates(doc: Document) -> list[DateMention]:
    return []
