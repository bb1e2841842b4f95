"""The invented victim store, built once per session."""

from __future__ import annotations

import pytest

from .store import PASSWORDS, VictimStore, build

__all__ = ["PASSWORDS", "VictimStore"]


@pytest.fixture(scope="session")
def victim_store(tmp_path_factory: pytest.TempPathFactory) -> VictimStore:
    return build(tmp_path_factory.mktemp("victims"))
