"""Victim-centred filtering shared by every export."""

from __future__ import annotations

from ringscope.model import Entity, name_key


def is_victim(entity: Entity) -> bool:
    """True for a person whose roles mark them as a victim (their name is not exported by default)."""
    return entity.type == "Person" and any("victim" in role.casefold() for role in entity.roles)


def exported_entities(entities: list[Entity], include_victims: bool) -> list[Entity]:
    """The entities of one extraction that may be exported."""
    if include_victims:
        return list(entities)
    return [entity for entity in entities if not is_victim(entity)]


def hidden_names(entities: list[Entity], include_victims: bool) -> set[str]:
    """Name keys of the victims among ``entities`` (empty when victims are included)."""
    if include_victims:
        return set()
    return {
        name_key(name) for entity in entities if is_victim(entity) for name in [entity.name, *entity.aliases]
    }


def visible_speaker(speaker: str | None, hidden: set[str]) -> str | None:
    """The speaker of a claim, or None when the speaker is a victim whose name is not exported."""
    if speaker is None or name_key(speaker) in hidden:
        return None
    return speaker
