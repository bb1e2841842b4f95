"""The extraction pipeline: stages run in order over one document."""

from __future__ import annotations

from ringscope.extract.claim_trace import Decision
from ringscope.extract.claims import explain_claims, extract_claims
from ringscope.extract.dates import extract_dates
from ringscope.extract.document import Document
from ringscope.extract.entities import extract_entities
from ringscope.extract.item_trace import ItemTrace, trace_entities, trace_routes
from ringscope.extract.language import detect_language
from ringscope.extract.numbers import find_amounts
from ringscope.extract.places import find_places
from ringscope.extract.routes import extract_routes
from ringscope.model import Extraction

EXTRACTOR_VERSION = "0.4.39"
"""Bump when extraction output changes; stored items of older versions are re-extracted."""


def extract(text: str, published: str | None = None) -> Extraction:
    """Extract entities, claims, routes and dates from one report's text.

    A report in a language the rules are not written for gives an empty extraction
    marked ``unsupported_language`` (see :mod:`ringscope.extract.language`).
    """
    language = detect_language(text)
    if not language.supported:
        return Extraction(language=language.code, unsupported_language=True)
    doc = Document(text, published)
    places = find_places(doc)
    entities = extract_entities(doc, places)
    dates = extract_dates(doc)
    amounts = find_amounts(doc.text, doc.lowered)  # one reading of the figures for both
    claims = extract_claims(doc, places, entities, dates, amounts)
    routes = extract_routes(doc, places, entities, amounts)
    return Extraction(entities=entities, claims=claims, routes=routes, dates=dates, language=language.code)


def explain(text: str, published: str | None = None) -> list[Decision]:
    """For every number of ``text``: the claim it became and under which rule, or the rule that dropped it."""
    doc = Document(text, published)
    return explain_claims(doc, find_places(doc), extract_dates(doc))


def explain_items(text: str, published: str | None = None) -> tuple[list[ItemTrace], list[ItemTrace]]:
    """The entities and routes of ``text``, each with the rule that produced it."""
    extraction = extract(text, published)
    return trace_entities(extraction.entities), trace_routes(extraction.routes)
