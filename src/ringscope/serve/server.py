"""Running the app on uvicorn."""

from __future__ import annotations

import os
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from ringscope.serve.app import create_app


def app_from_settings() -> FastAPI:
    """The app factory uvicorn's worker processes call: the store is the configured one."""
    from ringscope import settings

    return create_app(settings.STORE_PATH)


FAST = {"http": "httptools", "loop": "uvloop", "log_level": "warning", "access_log": False}
"""The C HTTP parser and event loop (uvicorn[standard]); no access log on the hot path."""


def serve(store_path: Path, host: str = "127.0.0.1", port: int = 8000, workers: int = 1) -> None:
    """Serve until interrupted; with ``workers`` > 1, that many processes share the port."""
    app = create_app(store_path)  # fails early, in this process, on a bad store
    if workers <= 1:
        uvicorn.run(app, host=host, port=port, **FAST)  # type: ignore[arg-type]
        return
    del app
    # worker processes import the app afresh; they find the store through the settings
    os.environ["RINGSCOPE_STORE"] = str(Path(store_path).resolve())
    uvicorn.run(
        "ringscope.serve.server:app_from_settings",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        **FAST,  # type: ignore[arg-type]
    )
