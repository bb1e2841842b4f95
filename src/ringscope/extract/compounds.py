"""Scam compounds, named police operations and named facilities (airports, bridges, border gates)."""

from __future__ import annotations

import re

# Last words of a named scam compound, casino complex or special economic zone.
COMPOUND_HEADS = frozenset(
    """
    Park Compound Compounds Zone SEZ Casino Casinos Hub Building Buildings Hotel Resort Resorts
    Villa Villas Complex Plaza Garden Gardens Estate Campus
    """.split()
)
# Multi-word endings of compound names.
COMPOUND_PHRASES = ("Special Economic Zone", "Economic Zone", "New City", "Digital Centre", "Digital Center",
                    "Industrial Park", "Tech Park", "Hotel and Resort", "Hotel and Casino")
# Last words of named facilities and places that the gazetteer does not hold -> Location.
FACILITY_HEADS = frozenset(
    """
    Airport Bridge Gate Checkpoint Crossing Road Street Avenue Highway River Island Islands Lake
    Mountain Mountains Valley Market Port Harbour Harbor Prison Towers Tower Township Village
    District Province Commune Barangay Subdistrict Sub-district Station State Region
    """.split()
)
# Endings of facility names that would otherwise read as organisations ("X Police Station").
FACILITY_PHRASES = (
    "Police Station", "Detention Centre", "Detention Center", "Border Gate", "Immigration Centre"
)
# Lower-case place nouns after a place name that extend it ("Lakeside province", "Orchard commune").
PLACE_SUFFIXES = frozenset(
    """
    province city district state region commune township village town county municipality prefecture
    airport market checkpoint
    """.split()
)
# "Operation" followed by capitalised words and an optional Roman numeral or number.
OPERATION_RE = re.compile(
    r"\bOperation\s+(?:[A-Z][\w'’\-]*)(?:\s+(?:[A-Z][\w'’\-]*|[IVX]+\b|\d+\b))*"
)
# A name the text calls a compound: "X, a sprawling scam enclave", "compounds such as X".
_COMPOUND_NOUNS = (
    r"(?:compounds?|enclaves?|hubs?|cent(?:re|er)s?|complex(?:es)?|casinos?|parks?|zones?|developments?|"
    r"camps?|buildings?)"
)
COMPOUND_AFTER_RE = re.compile(
    rf",\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,4}}?(?:scam|fraud|cyber[\w-]*|casino|urban|gambling|\w+-backed)"
    rf"\s+(?:[\w-]+\s+)?{_COMPOUND_NOUNS}\b",
    re.IGNORECASE,
)
COMPOUND_BEFORE_RE = re.compile(
    rf"\b(?:scam|fraud)\s+{_COMPOUND_NOUNS}\s+(?:such\s+as|like|including|known\s+as|called|named)\s+$",
    re.IGNORECASE,
)
