"""Name keys for resolving the same entity across reports.

Diacritics and scripts are folded to ASCII (normality), case and punctuation
removed, leading articles, possessives, personal titles (rigour's person
prefixes), legal-form words of organisations (rigour's org types) and a
trailing short form in brackets ("Coastal Rescue Federation (CRF)") dropped.
"""

from __future__ import annotations

import re
from functools import lru_cache

from normality import ascii_text
from rigour.names import remove_org_types, remove_person_prefixes

_POSSESSIVE = re.compile(r"['’]s\b|(?<=s)['’](?=\s|$)")
_SHORT_FORM = re.compile(r"\s*\(\s*[A-Za-z][A-Za-z.&-]{0,11}\s*\)\s*$")
"""A bracketed one-word short form after a name, such as an acronym."""
_NON_WORD = re.compile(r"[^a-z0-9]+")
_STOP = frozenset({"of", "for", "and", "the", "on", "in", "de", "du", "la", "le", "to", "at"})


def fold(text: str) -> str:
    """ASCII, lower case, words separated by single spaces."""
    plain = ascii_text(_POSSESSIVE.sub("", text)) or ""
    return " ".join(_NON_WORD.sub(" ", plain.lower()).split())


@lru_cache(maxsize=65_536)
def resolution_key(name: str, entity_type: str) -> str:
    """The key two names of one entity type must share to be the same entity outright.

    Remembered for the most recent names (bounded): the same places and bodies recur in report
    after report, and every entity of every report is keyed for event grouping."""
    cleaned = _POSSESSIVE.sub("", name.strip())
    short_form = _SHORT_FORM.search(cleaned)
    if short_form and short_form.start() > 0 and any(c.isupper() for c in short_form.group(0)):
        cleaned = cleaned[: short_form.start()]
    if entity_type == "Person":
        cleaned = remove_person_prefixes(cleaned)
    elif entity_type == "Organization":
        cleaned = remove_org_types(cleaned) or cleaned
    words = fold(cleaned).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def acronym(name: str) -> str | None:
    """The initials of a multi-word name ("Coastal Rescue Federation" -> "crf")."""
    words = [w for w in fold(name).split() if w not in _STOP]
    if len(words) < 2:
        return None
    return "".join(w[0] for w in words)


def is_acronym(name: str) -> bool:
    stripped = _POSSESSIVE.sub("", name).replace(".", "").strip()
    return 2 <= len(stripped) <= 8 and stripped.isalpha() and stripped.isupper()
