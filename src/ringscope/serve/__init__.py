"""The analyst web app and REST API over a ringscope store.

Importing this package is cheap; the web framework loads only in :func:`run` and
:mod:`ringscope.serve.app`.
"""

from __future__ import annotations

from pathlib import Path


def run(
    store_path: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    secure_cookies: bool | None = None,
) -> None:
    """Serve the store on ``host:port`` until interrupted (loopback unless told otherwise);
    ``secure_cookies`` for a server behind TLS (default: the RINGSCOPE_SECURE_COOKIES setting)."""
    from ringscope.serve.server import serve

    serve(Path(store_path), host=host, port=port, workers=workers, secure_cookies=secure_cookies)


__all__ = ["run"]
