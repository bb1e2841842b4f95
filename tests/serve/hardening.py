"""A small store of its own for the hardening tests (throttling and disabling must not touch the
shared one), and a real server on loopback."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi.testclient import TestClient

from ringscope.serve.server import wait_until_healthy
from ringscope.serve.users import add_user, create_token
from ringscope.store import Store

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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running(store: Path, workers: int = 1) -> Iterator[str]:
    """A real uvicorn server (``workers`` processes) on a free loopback port; its base address."""
    port = free_port()
    code = (
        "from ringscope.serve import run; "
        f"run({str(store)!r}, host='127.0.0.1', port={port}, workers={workers})"
    )
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        if not wait_until_healthy(base, lambda: process.poll() is None, timeout=30):
            output = process.stdout.read().decode() if process.stdout else ""
            raise AssertionError(f"the server did not start: {output[-2000:]}")
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
