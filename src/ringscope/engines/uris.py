"""Inputs and outputs named by a path on this machine or by a URI (file://, hdfs://, s3a://, ...)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname


def has_scheme(location: str) -> bool:
    """Whether ``location`` is a URI (``scheme://...``) rather than a plain path."""
    head, sep, _ = location.partition("://")
    return bool(sep) and head.replace("+", "").replace("-", "").replace(".", "").isalnum()


def to_uri(location: str) -> str:
    """A URI for ``location``: URIs pass through untouched, plain paths become absolute ``file://`` URIs."""
    if has_scheme(location):
        return location
    return Path(location).resolve().as_uri()


def local_path(location: str) -> Path | None:
    """The path on this machine that ``location`` names (a plain path or a ``file://`` URI), else None."""
    if not has_scheme(location):
        return Path(location)
    parts = urlsplit(location)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    return Path(url2pathname(unquote(parts.path)))
