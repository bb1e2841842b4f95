"""Configuration from RINGSCOPE_* environment variables, in one place."""

from __future__ import annotations

import os
from pathlib import Path


def _env(name: str, default: str) -> str:
    return os.environ.get(f"RINGSCOPE_{name}", default)


STORE_PATH = Path(_env("STORE", "ringscope.db"))
"""Default SQLite store file."""

MAX_INPUT_BYTES = int(_env("MAX_INPUT_BYTES", str(20 * 1024 * 1024)))
"""Inputs larger than this are refused with a clear error."""

MAX_REPORT_CHARS = int(_env("MAX_REPORT_CHARS", str(2_000_000)))
"""Reports whose text is longer than this are refused."""

SCREEN_MAX_AD_CHARS = int(_env("SCREEN_MAX_AD_CHARS", "100000"))
"""Job ads longer than this (in characters) are refused by ``ringscope screen``."""

SCREEN_LURES = _env("SCREEN_LURES", "")
"""JSON lines of real recruitment lures kept outside the repository, scored by
``python -m ringscope.screen.evaluate`` when no ``--lures`` is given (empty: not scored)."""

SPARK_MASTER = _env("SPARK_MASTER", "local[*]")
"""The Spark master the Spark engine uses when none is given (``--master``)."""

SEARCH_RANK_LIMIT = int(_env("SEARCH_RANK_LIMIT", "1000"))
"""Full-text search ranks (bm25) at most this many matches, the most recently stored, so a broad
query costs no more than a narrow one; the total is still exact, and pages beyond this many
results rank every match. 0 ranks every match always."""

MAX_BODY_BYTES = int(_env("MAX_BODY_BYTES", str(16 * 1024 * 1024)))
"""The server answers 413 to a request body larger than this, before authentication and before
reading it (the largest legitimate body, 2,000,000 characters of ads to screen, fits)."""


def _cache_home() -> str:
    """``$XDG_CACHE_HOME/ringscope``, else ``~/.cache/ringscope``; empty without a home folder."""
    base = os.environ.get("XDG_CACHE_HOME") or ""
    if not base:
        home = os.path.expanduser("~")
        base = os.path.join(home, ".cache") if home != "~" else ""
    return os.path.join(base, "ringscope") if base else ""


CACHE_DIR = _env("CACHE_DIR", _cache_home())
"""Where data derived from installed packages is kept between runs (the language detector's model,
unpacked); empty keeps nothing."""

SECURE_COOKIES = _env("SECURE_COOKIES", "") not in ("", "0", "false", "no")
"""Session cookies only over HTTPS (``ringscope serve --secure-cookies``), for deployments behind TLS."""
