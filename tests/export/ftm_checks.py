"""Strict checks of FtM entity dicts against the followthemoney schema model."""

from __future__ import annotations

from typing import Any

from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.schema import ValidationData
from followthemoney.types import registry


def check_entity(data: dict[str, Any]) -> list[str]:
    """Problems of one serialised entity: unknown schema or property, invalid value, missing required."""
    schema = model.get(data.get("schema", ""))
    if schema is None:
        return [f"unknown schema {data.get('schema')!r}"]
    problems = []
    if schema.abstract:
        problems.append(f"abstract schema {schema.name}")
    if not data.get("id"):
        problems.append("no id")
    properties: dict[str, list[str]] = data.get("properties", {})
    for name, values in properties.items():
        prop = schema.get(name)
        if prop is None:
            problems.append(f"{schema.name} has no property {name!r}")
            continue
        if not values:
            problems.append(f"{name}: empty value list")
        for value in values:
            if prop.type != registry.entity and not prop.type.validate(value):
                problems.append(f"{name}: invalid {prop.type.name} {value!r}")
    for name in schema.required:
        if not properties.get(name):
            problems.append(f"{schema.name}: required {name!r} missing")
    try:
        schema.validate(ValidationData(properties=properties))
    except InvalidData as exc:
        problems.append(f"followthemoney: {exc}")
    proxy = model.get_proxy(data, cleaned=False)
    if proxy.to_dict()["properties"] != properties:
        problems.append("values change when re-cleaned by followthemoney")
    return problems


def check_references(entities: list[dict[str, Any]]) -> list[str]:
    """Problems of entity-typed properties: missing targets or targets outside the property's range."""
    by_id = {data["id"]: data for data in entities}
    problems = []
    for data in entities:
        schema = model.get(data["schema"])
        assert schema is not None
        for name, values in data["properties"].items():
            prop = schema.get(name)
            if prop is None or prop.type != registry.entity:
                continue
            for value in values:
                target = by_id.get(value)
                if target is None:
                    problems.append(f"{data['id']}.{name} -> missing {value}")
                    continue
                target_schema = model.get(target["schema"])
                assert target_schema is not None and prop.range is not None
                if not target_schema.is_a(prop.range):
                    problems.append(f"{data['id']}.{name} -> {target['schema']} outside {prop.range.name}")
    return problems
