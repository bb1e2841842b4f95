"""Fixtures for the serve tests: one store for the whole session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .storefixture import OFFICIAL, PASSWORDS, VICTIM, Fixture, build_store

__all__ = ["OFFICIAL", "PASSWORDS", "VICTIM", "Fixture", "build_store"]


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fixture]:
    yield build_store(tmp_path_factory.mktemp("serve"))


@pytest.fixture(scope="session")
def big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fixture]:
    """A store of hundreds of invented reports: more than 300 entities and figures."""
    from .bigstore import build_big_store

    yield build_big_store(tmp_path_factory.mktemp("big"))
