"""Which language a report is written in, and whether the extractor reads it.

The detector is py3langid (a maintained fork of langid.py, BSD-3-Clause): a naive
Bayes model over byte n-grams that ships inside the package, so nothing is
downloaded. It covers about 140 languages and answers with ISO 639-1 codes where a
language has one (ISO 639-3 otherwise). Only a bounded prefix of the text is read,
so the cost per report is flat however long the report is.

Most reports are plainly English, and the model costs about a tenth of extraction
per report (and most of a second to load); so text whose opening words are, for a large
share, the commonest English function words is taken as English without running it. A
report often opens with a headline, a byline or a site's menu, which carry few function
words: when the opening falls short, the whole sample the model would read is counted the
same way. Anything else goes to the model.

The extraction rules are written for English. A report detected, with confidence,
as another language is not run through them: its extraction is empty and says so
(``unsupported_language``), rather than looking like a report that states nothing.
Text too short or too unclear to call keeps ``language`` None and is extracted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ringscope.model import unsupported_note

__all__ = [
    "SUPPORTED_LANGUAGES", "LanguageGuess", "detect_language", "is_supported", "unsupported_note",
]

SUPPORTED_LANGUAGES: frozenset[str] = frozenset({"en"})
"""Languages the extraction rules are written for (ISO 639-1)."""

SAMPLE_CHARS = 1500
"""How much of the start of a text the detector reads."""

MIN_CONFIDENCE = 0.5
"""Below this probability for the best language the text is left undetermined."""

MIN_LETTER_WEIGHT = 30
"""Below this many letters in the first :data:`LETTER_WINDOW` characters (a letter outside Latin
script counting twice, being more telling) a text is too short to call: a bare list of names is
not evidence of a language."""

LETTER_WINDOW = 200

ENGLISH_WORDS = frozenset(
    (
        "the of and to was were that with from said has have had by for are is this which their they been"
        " who after not but into than its about would could there when these other such his them"
    ).split()
)
"""Function words frequent in English prose and absent from, or rare in, other languages' text."""

ENGLISH_SHARE = 0.15
"""Share of :data:`ENGLISH_WORDS` among the opening words above which text is taken as English
(English news prose runs at 0.2 to 0.3; Dutch, the nearest, under 0.1)."""

ENGLISH_MIN_WORDS = 8
"""Words needed in the first :data:`ENGLISH_WINDOW` characters before the shortcut applies."""

ENGLISH_WINDOW = 600

NO_LANGUAGE = frozenset({"zxx", "und"})
"""Detector answers that name no language."""


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """The detected language of a text: a code, or None when too short or unclear to call."""

    code: str | None
    confidence: float

    @property
    def supported(self) -> bool:
        """Whether the extractor reads this text (undetermined text is given the benefit of the doubt)."""
        return self.code is None or self.code in SUPPORTED_LANGUAGES


def detect_language(text: str) -> LanguageGuess:
    """The language of ``text``, judged on its first :data:`SAMPLE_CHARS` characters."""
    if plainly_english(text):
        return LanguageGuess("en", 1.0)
    sample = text[:SAMPLE_CHARS]
    if letter_weight(sample[:LETTER_WINDOW]) < MIN_LETTER_WEIGHT:
        return LanguageGuess(None, 0.0)
    code, confidence = _identifier().classify(sample)
    if confidence < MIN_CONFIDENCE or code in NO_LANGUAGE:
        return LanguageGuess(None, float(confidence))
    return LanguageGuess(str(code), float(confidence))


def is_supported(code: str | None) -> bool:
    """Whether the extractor reads text in the language ``code`` (None: undetermined, read)."""
    return LanguageGuess(code, 1.0).supported


def plainly_english(text: str) -> bool:
    """Whether the opening words of ``text`` (or, past a headline or menu poor in them, those of the
    whole sample the model would read) are, for a large share, common English function words."""
    return _english_share(text[:ENGLISH_WINDOW]) or (
        len(text) > ENGLISH_WINDOW and _english_share(text[:SAMPLE_CHARS])
    )


def _english_share(text: str) -> bool:
    words = _ASCII_WORD.findall(text.lower())
    if len(words) < ENGLISH_MIN_WORDS:
        return False
    return sum(map(ENGLISH_WORDS.__contains__, words)) >= ENGLISH_SHARE * len(words)


def letter_weight(text: str) -> int:
    """Letters in ``text``, those beyond Latin script counted twice."""
    return sum(1 if ord(c) < 0x2B0 else 2 for c in text if c.isalpha())


_ASCII_WORD = re.compile(r"[a-z]+")


@cache
def _identifier() -> Any:
    """The py3langid identifier with probabilities normalised, loaded once per process (see
    :mod:`ringscope.extract.language_model`)."""
    from ringscope.extract.language_model import load_identifier

    return load_identifier()
