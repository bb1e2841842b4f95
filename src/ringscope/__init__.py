"""ringscope: a cited, reconciled picture of human-trafficking-based cyber fraud.

The public library API. Heavy parts (the store, exports, Spark) are imported lazily.
"""

from __future__ import annotations

from ringscope.model import Claim, Entity, Extraction, Mention, Report, Route

__version__ = "0.1.0"

__all__ = ["Claim", "Entity", "Extraction", "Mention", "Report", "Route", "__version__", "extract"]


def extract(text: str, published: str | None = None) -> Extraction:
    """Extract entities, claims and routes from one report's text.

    Importing the pipeline binds ``ringscope.extract`` to the ``ringscope.extract``
    package, which is callable with the same arguments, so this name keeps working
    on every call.
    """
    from ringscope.extract import extract as _extract

    return _extract(text, published)
