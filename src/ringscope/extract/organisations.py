"""Organisations: head words and context nouns that make a capitalised name an organisation.

The word lists are data: the ``cue.*`` entries of entity_rules.yaml (reasons and tested examples).
"""

from __future__ import annotations

import re
from functools import cache

from rigour.names import extract_org_types

from ringscope.extract.rules import load_rules

_RULES = load_rules("entity_rules.yaml")
# A name holding one of these words is an organisation ("Ministry of Fisheries", "Northern Hills Army").
ORG_HEADS = _RULES.words("cue.org_heads")
MODIFIER_HEADS = _RULES.words("cue.modifier_heads")
BACK_REFERENCE_HEADS = _RULES.words("cue.back_reference_heads")
# Heads that after a nationality word make a generic reference ("Thai Authorities"), not a name.
GENERIC_BODIES = _RULES.words("cue.generic_bodies")
# Lower-case nouns before a name that make it an organisation ("analytics firm X", "the group X").
ORG_NOUNS = _RULES.words("cue.org_nouns")
# Words before a name, and an apposition after it, that make it an organisation.
ORG_BEFORE = _RULES.pattern("cue.org_before")
ORG_APPOSITIVE = _RULES.pattern("cue.org_appositive")
# Words after a one-word name that make it a source organisation ("X reported").
ORG_REPORTING = _RULES.words("cue.org_reporting")
# Lower-case words that may join two capitalised parts of one organisation name.
ORG_CONNECTORS = _RULES.words("cue.org_connectors")
# Organisation heads after which "in <Place>" belongs to the name ("Embassy of X in Y").
IN_PLACE_HEADS = _RULES.words("cue.in_place_heads")
IN_OBJECTS = _RULES.words("cue.in_objects")
# Heads of national public bodies: without a country in the name they belong to the report's country.
NATIONAL_HEADS = _RULES.words("cue.national_heads")
# Words that mark an international body, which has no country.
INTERNATIONAL_WORDS = _RULES.words("cue.international_words")

# Rules that make organisations (ids checked against entity_rules.yaml).
ORG_HEAD = _RULES.rule("entity.organisation.head")
ORG_ACRONYM = _RULES.rule("entity.organisation.acronym")
ORG_CONTEXT = _RULES.rule("entity.organisation.context")
ORG_LIST = _RULES.rule("entity.organisation.list")
ORG_PLACE_POLICE = _RULES.rule("entity.organisation.place_police")
ORG_LEGAL_FORM = _RULES.rule("entity.organisation.legal_form")
ORG_POLICE_BODY = _RULES.rule("entity.organisation.police_body")
POLICE_BODY_WORD = _RULES.pattern("cue.police_body_word")


@cache
def legal_form(name: str) -> bool:
    """Does the name end with a company's legal form ("... Sdn Bhd", "... JSC") or open with one ("PT
    ...")? The forms are rigour's company-type list; the rest of the name must hold a word."""
    for form, _ in extract_org_types(name):
        if sum(c.isupper() for c in form) < 2 or _INITIALS.fullmatch(form):
            continue  # written as a word ("Sa Kaeo") or as initials ("A.S. Perera"), not a form
        if name.endswith(form) and name[: -len(form)].strip(" ,"):
            return True
        if form in _OPENING_FORMS and name.startswith(form + " "):
            return True
    return False


_INITIALS = re.compile(r"(?:[A-Z]\.\s?)+")
_OPENING_FORMS = frozenset({"PT", "CV", "PT."})
"""Legal forms written before the name (Indonesian "PT X"); the others follow it."""
