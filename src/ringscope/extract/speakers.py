"""Attribution: who a sentence's statement is attributed to ("X said", "according to X")."""

from __future__ import annotations

import re

_NAME = r"(?:[A-Z][\w.'’-]*|of|the|for|and|de|van|von|bin|al)"
_PROPER = rf"[A-Z][\w.'’-]*(?:\s+{_NAME}){{0,6}}"
_SAY = r"(?:said|says|told|stated|announced|reported|added|noted|explained|confirmed|estimated|estimates?|" \
    r"revealed|disclosed|claimed|warned)"
_COMMON = r"(?:police|authorities|officials|prosecutors|investigators|" \
    r"the\s+(?:[a-z]+\s+)?(?:ministry|embassy|police|government|report|agency|department|statement|" \
    r"spokesperson|spokesman|spokeswoman|official|" \
    r"source|court|military|army|junta|authorities|officials))"

_ACCORDING = re.compile(rf"\b[Aa]ccording\s+to\s+(?:the\s+)?(?:a\s+)?({_PROPER}|{_COMMON})")
_SAY_RE = re.compile(rf"\b{_SAY}\b")
_SAID_BY = re.compile(rf"{_SAY}\s+((?!The\b|That\b|On\b|In\b){_PROPER})")
_BY_SAID = re.compile(rf"(?:^|[^\w])({_PROPER}|{_COMMON})\s*,?\s+$")
_TRAILING = re.compile(r"(?:\s+(?:of|the|for|and|de|van|von|bin|al))+$")
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "this", "that", "who"})


def _clean(name: str) -> str | None:
    name = _TRAILING.sub("", name.strip().rstrip(",.;"))
    return name if name and name.lower() not in _PRONOUNS else None


def find_speaker(text: str, start: int, end: int) -> str | None:
    """The name the sentence ``text[start:end]`` attributes its statement to, or None."""
    sentence = text[start:end]
    if "ccording" in sentence:
        m = _ACCORDING.search(sentence)
        if m and (name := _clean(m.group(1))):
            return name
    says = list(_SAY_RE.finditer(sentence))
    for say in says:  # "..., said Jane Roe"
        m = _SAID_BY.match(sentence, say.start())
        if m and (name := _clean(m.group(1))):
            return name
    for say in says:  # "Jane Roe said ..."
        m = _BY_SAID.search(sentence, max(0, say.start() - 80), say.start())
        if m and (name := _clean(m.group(1))):
            return name
    return None
