"""A small store of its own for the hardening tests (throttling and disabling must not touch the
shared one); the real server on loopback is :func:`tests.serve.live.running`."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from ringscope.serve.users import add_user, create_token
from ringscope.store import Store

from .live import running

PASSWORDS = {
    "olga": "orchard-violin-sunset-7",
    "piet": "pebble-harbor-wander-3",
    "ines": "inkwell-tundra-gallop-5",
}
ROLES = {"olga": "admin", "piet": "analyst", "ines": "viewer"}
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def small_store(folder: Path) -> tuple[Path, dict[str, str]]:
    """An empty store with an admin, an analyst and a viewer; their API tokens by username."""
    path = folder / "hardening.db"
    Store(path).close()
    tokens = {}
    for username, role in ROLES.items():
        add_user(path, username, PASSWORDS[username], role)
        tokens[username] = create_token(path, username, "tests")
    return path, tokens


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def login_form(client: TestClient) -> str:
    match = CSRF.search(client.get("/login").text)
    assert match
    return match.group(1)

__all__ = ["PASSWORDS", "ROLES", "bearer", "login_form", "running", "small_store"]
