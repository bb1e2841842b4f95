"""Victim-centred filtering shared by every export."""

from __future__ import annotations

from ringscope.model import Entity


def is_victim(entity: Entity) -> bool:
    """True for a person whose roles mark them as a victim (their name is not exported by default)."""
    return entity.type == "Person" and any("victim" in role.casefold() for role in entity.roles)


def exported_entities(entities: list[Entity], include_victims: bool) -> list[Entity]:
    """The entities of one extraction that may be exported."""
    if include_victims:
        return list(entities)
    return [entity for entity in entities if not is_victim(entity)]
