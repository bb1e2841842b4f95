"""The measure vocabulary and entity types, loaded from ``vocab.yaml``."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@lru_cache(maxsize=1)
def load_vocab() -> dict[str, Any]:
    text = resources.files("ringscope").joinpath("vocab.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
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
