"""Text of a job ad: field assembly, normalisation, tokens, and the fixed split rule."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping

AD_FIELDS: tuple[str, ...] = (
    "title",
    "company_profile",
    "description",
    "requirements",
    "benefits",
    "salary_range",
    "location",
)
"""Structured fields an ad may carry, in the order their text is joined."""

_WS = re.compile(r"\s+")
_ANON = re.compile(r"#(URL|EMAIL|PHONE)_[0-9a-f]{8,}#", re.IGNORECASE)
TOKEN_PATTERN = r"[a-z][a-z0-9']*[a-z0-9]|[a-z]|\d+"
"""A token: a letter, then letters, digits and apostrophes ending in a letter or digit; or digits."""
# The same tokens as TOKEN_PATTERN, written so that the engine never backtracks.
_TOKEN = re.compile(r"[a-z][a-z0-9]*+(?:'++[a-z0-9]++)*+|\d++")


def collapse(text: str) -> str:
    """Lower-cased text with runs of whitespace collapsed to one space."""
    return _WS.sub(" ", text.lower()).strip()


def split_key(title: str, description: str) -> str:
    """The sha1 hex digest that decides a posting's split (title + newline + first 300 chars)."""
    return hashlib.sha1(collapse(title + "\n" + description[:300]).encode("utf-8")).hexdigest()


def in_test_split(title: str, description: str) -> bool:
    """True when the posting belongs to the fixed test split (last hex digit 0, 1 or 2)."""
    return split_key(title, description)[-1] in "012"


def join_fields(fields: Mapping[str, str | None]) -> str:
    """One text from the structured fields, in the fixed order, blank ones skipped."""
    parts = [str(fields.get(name) or "").strip() for name in AD_FIELDS]
    return "\n\n".join(p for p in parts if p)


def lower(text: str) -> str:
    """Lower-cased text of the same length, so that match spans index the original text too."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def fold(text: str) -> str:
    """Text for matching: NFKC, anonymisation tokens named by kind, lower-cased, ASCII quotes."""
    text = unicodedata.normalize("NFKC", text)
    if "#" in text:
        text = _ANON.sub(lambda m: f" anon{m.group(1).lower()} ", text)
    return text.lower().replace("\u2019", "'").replace("\u2018", "'")


def tokens(text: str) -> list[str]:
    """Word tokens of already folded text: letters/digits only, so punctuation and encoding debris drop."""
    return _TOKEN.findall(text)


def features(text: str) -> list[str]:
    """Unigram and bigram features of raw ad text (the classifier's analyser)."""
    toks = tokens(fold(text))
    toks = ["<num>" if t.isdigit() else t for t in toks]
    return toks + [f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False)]
