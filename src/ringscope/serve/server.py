"""Running the app on uvicorn."""

from __future__ import annotations

import multiprocessing
import os
import signal
import socket
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import uvicorn
from fastapi import FastAPI

from ringscope.serve.app import create_app

FAST: dict[str, Any] = {"http": "httptools", "loop": "uvloop", "log_level": "warning", "access_log": False}
"""The C HTTP parser and event loop (uvicorn[standard]); no access log on the hot path."""


def app_from_settings() -> FastAPI:
    """The app factory uvicorn's worker processes call: the store is the configured one."""
    from ringscope import settings

    return create_app(settings.STORE_PATH)


def _listener(host: str, port: int, listen: bool) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    if listen:
        sock.listen(2048)
    return sock


def _worker(store_path: Path, host: str, port: int, secure_cookies: bool | None = None) -> None:
    """One worker process with its own listening socket on the shared port."""
    sock = _listener(host, port, listen=True)
    app = create_app(store_path, secure_cookies=secure_cookies)
    uvicorn.Server(uvicorn.Config(app, **FAST)).run(sockets=[sock])


def _serve_reuseport(
    store_path: Path, host: str, port: int, workers: int, secure_cookies: bool | None = None
) -> None:
    """``workers`` processes, each listening on the port (SO_REUSEPORT): the kernel hands each new
    connection to one of them by a hash of its addresses. With one shared socket, whichever worker
    wakes first takes a whole burst of connections (measured: 34 of 50 keep-alive connections on one
    of two workers) and keeps them for as long as they stay open."""
    try:
        holder = _listener(host, port, listen=False)  # a port in use fails here, in this process
    except OSError as exc:
        raise SystemExit(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    context = multiprocessing.get_context("spawn")
    processes = [
        context.Process(target=_worker, args=(store_path, host, port, secure_cookies)) for _ in range(workers)
    ]
    for process in processes:
        process.start()

    def stop(signum: int, frame: FrameType | None) -> None:
        for process in processes:
            if process.is_alive():
                os.kill(process.pid or 0, signal.SIGTERM)  # each worker shuts down cleanly

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        for process in processes:
            process.join()
    except KeyboardInterrupt:
        stop(signal.SIGINT, None)
        for process in processes:
            process.join()
    finally:
        signal.signal(signal.SIGTERM, previous)
        holder.close()


def serve(
    store_path: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    secure_cookies: bool | None = None,
) -> None:
    """Serve until interrupted; with ``workers`` > 1, that many processes share the port."""
    app = create_app(store_path, secure_cookies=secure_cookies)  # fails early, here, on a bad store
    if workers <= 1:
        uvicorn.run(app, host=host, port=port, **FAST)
        return
    del app
    if hasattr(socket, "SO_REUSEPORT"):
        _serve_reuseport(Path(store_path), host, port, workers, secure_cookies)
        return
    # worker processes import the app afresh; they find the store and options through the settings
    os.environ["RINGSCOPE_STORE"] = str(Path(store_path).resolve())
    if secure_cookies is not None:
        os.environ["RINGSCOPE_SECURE_COOKIES"] = "1" if secure_cookies else "0"
    uvicorn.run(
        "ringscope.serve.server:app_from_settings",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        **FAST,
    )


def wait_until_healthy(base: str, alive: Callable[[], bool], timeout: float = 30.0) -> bool:
    """Poll ``base``/health until it answers 200; False if ``alive()`` turns false or time runs out."""
    import time
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/health", timeout=1) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return True
        except (urllib.error.URLError, OSError):
            pass
        if not alive():
            return False
        time.sleep(0.2)
    return False
