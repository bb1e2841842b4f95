"""Running the app on uvicorn."""

from __future__ import annotations

import os
from pathlib import Path

import uvicorn

from ringscope.serve.app import create_app

_STORE_ENV = "RINGSCOPE_SERVE_STORE"


def app_from_env():  # type: ignore[no-untyped-def]
    """The app factory uvicorn's worker processes call (store path passed in the environment)."""
    return create_app(Path(os.environ[_STORE_ENV]))


def serve(store_path: Path, host: str = "127.0.0.1", port: int = 8000, workers: int = 1) -> None:
    """Serve until interrupted; with ``workers`` > 1, that many processes share the port."""
    app = create_app(store_path)  # fails early, in this process, on a bad store
    if workers <= 1:
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
        return
    os.environ[_STORE_ENV] = str(Path(store_path).resolve())
    del app
    uvicorn.run(
        "ringscope.serve.server:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        access_log=False,
    )
