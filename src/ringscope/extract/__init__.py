"""Extraction: a pipeline of small stages over a shared :class:`Document`.

This package is callable: ``ringscope.extract(text, published)`` runs the pipeline
whether ``ringscope.extract`` is still the top-level function or, once any
``ringscope.extract.*`` module has been imported, this package itself.
"""

from __future__ import annotations

import sys
import types

from ringscope.extract.pipeline import EXTRACTOR_VERSION, extract
from ringscope.model import Extraction

__all__ = ["EXTRACTOR_VERSION", "extract"]


class _CallablePackage(types.ModuleType):
    """The ``ringscope.extract`` package, callable as its :func:`extract` function."""

    def __call__(self, text: str, published: str | None = None) -> Extraction:
        return extract(text, published)


sys.modules[__name__].__class__ = _CallablePackage
