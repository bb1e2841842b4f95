"""The error raised when an export cannot be written."""

from __future__ import annotations


class ExportError(Exception):
    """An export target is unusable (e.g. the output folder is a file); the message names it."""
