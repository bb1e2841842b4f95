"""The measure vocabulary and entity types, loaded from ``vocab.yaml``."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ringscope.datafile import read_yaml


@lru_cache(maxsize=1)
def load_vocab() -> dict[str, Any]:
    data: dict[str, Any] = read_yaml("ringscope", "vocab.yaml")
    return data


def measures() -> list[str]:
    return list(load_vocab()["measures"])


def measure_unit(measure: str) -> str:
    unit: str = load_vocab()["measures"][measure]["unit"]
    return unit


def entity_types() -> list[str]:
    return list(load_vocab()["entity_types"])


def ftm_schema(entity_type: str) -> str:
    schema: str = load_vocab()["entity_types"][entity_type]["ftm"]
    return schema
