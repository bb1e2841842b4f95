"""Errors of the brief that are the user's to fix (messages are for the user)."""

from __future__ import annotations


class BriefError(ValueError):
    """The brief cannot be written as asked."""
