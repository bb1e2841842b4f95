"""Who counts as a victim, and hiding their names (victim-centred by default).

The rule, applied to each person as extracted from one report:

1. a role that names them a victim ("victim", "survivor", "trafficked", "rescued",
   "escapee", "hostage") makes them a victim;
2. a person with no title or role, whose name is tied to victimisation by the
   words around it: a victim noun just before the name ("survivor Jane Roe",
   "one victim, Jane Roe"), an age or apposition after it that speaks of
   victimisation ("Jane Roe, 24, who was trafficked", "Jane Roe, a survivor"),
   a passive verb of victimisation after it ("Jane Roe was lured ...",
   "Jane Roe escaped"), or a pseudonym note ("Jane (not her real name)").
   Officials, police and researchers quoted in reports are almost always given a
   title or role, and "X said ... victims" is not enough by itself.

A resolved entity is a victim when any of its occurrences is, unless another
occurrence gives it a role that is not a victim's (an official named elsewhere).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ringscope.fuse import Picture, ResolvedEntity
from ringscope.model import Entity, Report

VICTIM_ROLE = re.compile(r"victim|survivor|trafficked|rescued|escapee|hostage", re.IGNORECASE)
_HARM = (
    r"(?:victims?|survivors?|trafficked|rescued|escaped|lured|tricked|freed|held|forced|enslaved|abused"
    r"|beaten|tortured|sold|detained|confined|kidnapped|abducted|coerced)"
)
VICTIM_BEFORE = re.compile(
    r"\b(?:victims?|survivors?|escapees?|hostages?)\s*,?\s*(?:(?:named|called|identified as)\s+)?$",
    re.IGNORECASE,
)
VICTIM_AFTER = re.compile(
    r"^(?:\s*\((?:not (?:his|her|their) real name|a pseudonym|name changed)[^)]*\)"
    r"|\s*,(?!\s*(?:said|says|told|added|explained|warned|noted|according)\b)\s*(?:\d{1,2}\s*,\s*)?[^.;:\"]{0,80}?\b"
    + _HARM
    + r"\b"
    r"|\s+(?:was|were|had been|has been|is|got)\s+(?:\w+\s+){0,2}" + _HARM + r"\b"
    r"|\s+escaped\b)",
    re.IGNORECASE,
)
WITHHELD = "[name withheld]"
_SENTENCE_END = re.compile(r"[.!?]\s|\n")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` holding the span [start, end)."""
    begin = 0
    for match in _SENTENCE_END.finditer(text, 0, max(0, start)):
        begin = match.end()
    stop = _SENTENCE_END.search(text, end)
    return text[begin : stop.start() + 1 if stop else len(text)]


def is_victim_in(entity: Entity, text: str) -> bool:
    """Whether a person as extracted from one report is a victim (the module's rule)."""
    if entity.type != "Person":
        return False
    if any(VICTIM_ROLE.search(role) for role in entity.roles):
        return True
    if entity.roles:
        return False
    for mention in entity.mentions:
        if mention.start < 0 or mention.end > len(text):
            continue
        sentence_end = _SENTENCE_END.search(text, mention.end)
        after = text[
            mention.end : min(mention.end + 120, sentence_end.start() + 1 if sentence_end else len(text))
        ]
        before = text[max(0, mention.start - 40) : mention.start]
        if VICTIM_BEFORE.search(before) or VICTIM_AFTER.search(after):
            return True
    return False


def victim_entities(picture: Picture) -> set[str]:
    """Ids of the resolved entities that are victims."""
    out = set()
    for entity in picture.entities:
        if entity.type != "Person":
            continue
        if any(role and not VICTIM_ROLE.search(role) for role in entity.roles):
            continue
        for occurrence in entity.occurrences:
            report = picture.reports.get(occurrence.report_id)
            if report is not None and is_victim_in(occurrence.entity, report.text):
                out.add(entity.id)
                break
    return out


def victim_names(picture: Picture, victims: set[str]) -> set[str]:
    """Every surface form of the victims, for redaction."""
    names: set[str] = set()
    for entity in picture.entities:
        if entity.id in victims:
            names.update(a for a in entity.aliases if len(a) > 1)
            names.add(entity.name)
    return names


def redact(text: str, names: Iterable[str]) -> str:
    """``text`` with every whole-word occurrence of ``names`` replaced by a placeholder."""
    wanted = sorted({n for n in names if n.strip()}, key=len, reverse=True)
    if not wanted or not text:
        return text
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in wanted) + r")(?!\w)", re.IGNORECASE)
    return pattern.sub(WITHHELD, text)


def visible_entities(
    entities: Iterable[ResolvedEntity], victims: set[str], show: bool
) -> list[ResolvedEntity]:
    return [e for e in entities if show or e.id not in victims]


def mark_victims(report: Report, entities: list[Entity]) -> list[Entity]:
    """Copies of ``entities`` where victims (by this module's rule) carry the role "victim".

    The exports hide persons with a victim role, so marking them here makes every
    export follow this module's rule.
    """
    out = []
    for entity in entities:
        if is_victim_in(entity, report.text) and not any("victim" in r.casefold() for r in entity.roles):
            entity = Entity(
                entity.type,
                entity.name,
                entity.country,
                entity.lat,
                entity.lon,
                list(entity.aliases),
                [*entity.roles, "victim"],
                list(entity.mentions),
            )
        out.append(entity)
    return out
