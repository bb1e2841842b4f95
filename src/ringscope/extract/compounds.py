"""Scam compounds, named police operations and named facilities (airports, bridges, border gates).

The word lists and patterns are data: the ``cue.*`` entries of entity_rules.yaml.
"""

from __future__ import annotations

import re

from ringscope.extract.rules import load_rules

_RULES = load_rules("entity_rules.yaml")
# Last words of a named scam compound, casino complex or special economic zone.
COMPOUND_HEADS = _RULES.words("cue.compound_heads")
# Multi-word endings of compound names.
COMPOUND_PHRASES = tuple(sorted(_RULES.words("cue.compound_phrases")))
# Last words of named facilities and places that the gazetteer does not hold -> Location.
FACILITY_HEADS = _RULES.words("cue.facility_heads")
# Endings of facility names that would otherwise read as organisations ("X Police Station").
FACILITY_PHRASES = tuple(sorted(_RULES.words("cue.facility_phrases")))
# Lower-case place nouns after a place name that extend it ("Lakeside province", "Orchard commune").
PLACE_SUFFIXES = _RULES.words("cue.place_suffixes")
# "Operation" followed by capitalised words and an optional Roman numeral or number.
OPERATION_RE = _RULES.pattern("cue.operation")
OPERATION_CODENAME_RE = _RULES.pattern("cue.operation_codename")
# A name the text calls a compound: "X, a sprawling scam enclave", "compounds such as X".
COMPOUND_AFTER_RE = _RULES.pattern("cue.compound_after")
PLURAL_SITES = _RULES.pattern("cue.plural_sites")
COMPOUND_BEFORE_RE = _RULES.pattern("cue.compound_before")
# A firm or building the text says was raided, or where victims were found or rescued.
RAIDED_BEFORE = _RULES.pattern("cue.raided_before")
RAIDED_AFTER = _RULES.pattern("cue.raided_after")

# Rules that make compounds, locations and operations (ids checked against entity_rules.yaml).
COMPOUND_HEAD = _RULES.rule("entity.compound.head")
COMPOUND_SITE_NOUN = _RULES.rule("entity.compound.site_noun")
COMPOUND_CONTEXT = _RULES.rule("entity.compound.context")
COMPOUND_RAIDED = _RULES.rule("entity.compound.raided")
LOCATION_GAZETTEER = _RULES.rule("entity.location.gazetteer")
LOCATION_FACILITY = _RULES.rule("entity.location.facility")
LOCATION_PLACE_SUFFIX = _RULES.rule("entity.location.place_suffix")
LOCATION_CONTEXT = _RULES.rule("entity.location.context")
LOCATION_LIST = _RULES.rule("entity.location.list")
OPERATION_NAME = _RULES.rule("entity.operation.name")

# A lower-case compound noun after a name: "the Red Kapok casino", "the Blue Crane casino complex".
SITE_NOUNS_RE = re.compile(
    r"[ \t]+(?:casino|compound|resort|hotel|enclave|condominium|condo|building|complex)"
    r"(?:[ \t]+(?:complex|compound|resort))?\b"
)
