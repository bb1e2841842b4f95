"""Datelines: the place, written in capitals, that opens a news report ("KELVO, Ruritania (AP) -")."""

from __future__ import annotations

import re

from ringscope.extract.capitalised import MENU_WORDS, NOT_ACRONYMS
from ringscope.extract.entity_merge import Found
from ringscope.extract.gazetteer import gazetteer
from ringscope.extract.rules import load_rules

_RULES = load_rules("entity_rules.yaml")
DATELINE_RE = _RULES.pattern("cue.dateline")
LOCATION_DATELINE = _RULES.rule("entity.location.dateline")
ORG_DATELINE = _RULES.rule("entity.organisation.dateline")
# The agencies in brackets after a dateline's place, and each of them.
AGENCY_RE = re.compile(r"[ \t]*\(([^()\n]{2,40})\)[ \t]*[-–—]")
AGENCY_PART_RE = re.compile(r"[^/,;()]*[A-Za-z][^/,;()]*")
_NOT_PLACES = NOT_ACRONYMS | {w.upper() for w in MENU_WORDS} | {"BY", "PHOTO", "VIDEO", "WATCH", "LIVE"}


def datelines(text: str) -> list[Found]:
    """The places of the text's datelines: capital letters opening a line, then a comma and a country
    or date, an agency in brackets and a dash, or a dash."""
    out: list[Found] = []
    for match in DATELINE_RE.finditer(text):
        name = match.group(1)
        words = name.split()
        if any(w in _NOT_PLACES for w in words):
            continue
        place = gazetteer().lookup(words)
        country = place.country if place is not None else None
        out.append(Found("Location", match.start(1), match.end(1), name, country, rule=LOCATION_DATELINE))
        agency = AGENCY_RE.match(text, match.end(1))
        if agency is not None:  # "KELVO (Harbour Wire/Daily Kelvo) -": the wire services credited
            for part in AGENCY_PART_RE.finditer(text, agency.start(1), agency.end(1)):
                out.append(Found("Organization", part.start(), part.end(), part.group(0), rule=ORG_DATELINE))
    return out
