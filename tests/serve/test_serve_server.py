"""Several worker processes on one port: they answer, stop on SIGTERM, and keep the audit log."""

from __future__ import annotations

import signal
import socket
import sqlite3
import subprocess
import sys

import httpx

from ringscope.serve.server import wait_until_healthy

from .conftest import Fixture


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(served: Fixture, port: int, workers: int) -> subprocess.Popen[bytes]:
    code = (
        "from ringscope.serve import run; "
        f"run({str(served.path)!r}, host='127.0.0.1', port={port}, workers={workers})"
    )
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def test_two_workers_answer_and_stop_cleanly(served: Fixture) -> None:
    port = _free_port()
    process = _start(served, port, 2)
    base = f"http://127.0.0.1:{port}"
    try:
        started = wait_until_healthy(base, lambda: process.poll() is None, timeout=30)
        assert started, process.stdout.read().decode() if process.stdout else "the server did not start"
        marker = f"workers-{port}"
        for _ in range(20):  # a new connection each time, so both workers are likely to answer
            response = httpx.get(
                f"{base}/api/v1/search", params={"q": marker}, headers=served.headers("viewer")
            )
            assert response.status_code == 200 and response.json()["total"] == 0
        assert httpx.get(f"{base}/api/v1/claims").status_code == 401
    finally:
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=20)
    assert code == 0
    conn = sqlite3.connect(served.path)
    logged = conn.execute("SELECT COUNT(*) FROM audit_log WHERE target = ?", (marker,)).fetchone()[0]
    assert logged == 20, "every search was logged before the workers stopped"


def test_a_port_in_use_is_a_clear_error(served: Fixture) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        process = _start(served, taken.getsockname()[1], 2)
        output = process.communicate(timeout=30)[0].decode()
    assert process.returncode != 0
    assert "cannot listen on 127.0.0.1:" in output and "Traceback" not in output
