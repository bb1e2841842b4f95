"""Extraction: a pipeline of small stages over a shared :class:`Document`."""

from __future__ import annotations

from ringscope.extract.pipeline import EXTRACTOR_VERSION, extract

__all__ = ["EXTRACTOR_VERSION", "extract"]
