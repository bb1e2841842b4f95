"""A real ringscope server on a free loopback port, for tests that talk to it over HTTP."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from ringscope.report.pdf import CHROMIUM_FLAGS
from ringscope.serve.server import wait_until_healthy

CHROMIUM = Path("/usr/bin/chromium")
"""Debian's Chromium, which the browser tests drive through Playwright."""


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
        if not wait_until_healthy(base, lambda: process.poll() is None, timeout=90):
            # stopped first: reading the output of a server still running would wait for ever
            process.terminate()
            try:
                output = process.communicate(timeout=20)[0].decode()
            except subprocess.TimeoutExpired:
                process.kill()
                output = process.communicate()[0].decode()
            raise AssertionError(f"the server did not start: {output[-2000:]}")
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@contextmanager
def launched() -> Iterator[Any]:
    """Debian's Chromium launched headless through Playwright (the test is skipped without either)."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_FLAGS))
        try:
            yield browser
        finally:
            browser.close()
