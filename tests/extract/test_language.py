"""Language detection, and what extraction does with a language it does not read (invented texts)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from language_texts import CHINESE, ENGLISH, OTHERS, SPANISH, THAI

from ringscope.extract import extract
from ringscope.extract.language import (
    SAMPLE_CHARS,
    SUPPORTED_LANGUAGES,
    detect_language,
    is_supported,
    plainly_english,
    unsupported_note,
)


def test_english_is_detected_and_supported() -> None:
    guess = detect_language(ENGLISH)
    assert guess.code == "en"
    assert guess.supported
    assert "en" in SUPPORTED_LANGUAGES


@pytest.mark.parametrize("code", sorted(OTHERS))
def test_other_languages_are_detected_and_not_supported(code: str) -> None:
    guess = detect_language(OTHERS[code])
    assert guess.code == code
    assert not guess.supported
    assert 0.5 <= guess.confidence <= 1.0


@pytest.mark.parametrize("text", ["", "43", "Mae Sot.", "Orchid Row, 2026-03-12", "12 345 678 / 90"])
def test_text_too_short_to_call_is_undetermined_and_read(text: str) -> None:
    guess = detect_language(text)
    assert guess.code is None
    assert guess.supported
    assert is_supported(None)


def test_plain_english_is_recognised_by_its_function_words_alone() -> None:
    assert plainly_english(ENGLISH * 2)
    for text in OTHERS.values():
        assert not plainly_english(text * 3)
    dutch = (
        "De politie was dinsdag in het gebouw bij de grens en heeft de arbeiders bevrijd. De arbeiders"
        " zeiden dat zij maandenlang mensen via internet moesten oplichten."
    )
    assert not plainly_english(dutch)


def test_english_without_many_function_words_goes_to_the_model() -> None:
    headline = (
        "Police raid border building, free 43 workers; officials promise flights home, more raids,"
        " tougher penalties for recruiters, new hotline for families"
    )
    assert not plainly_english(headline)
    assert detect_language(headline).code == "en"


def test_a_headline_poor_in_function_words_does_not_hide_english_prose_below_it() -> None:
    menu = "Home | World | Asia | Business | Sport | Opinion | Video | Podcasts | Newsletters\n" * 7
    headline = "Police raid border building, free 43 workers; officials promise flights home\n"
    text = menu + headline + ENGLISH * 3
    assert not plainly_english(text[:600])
    assert plainly_english(text)
    assert detect_language(text).code == "en"


@pytest.mark.parametrize("code", sorted(OTHERS))
def test_an_english_headline_does_not_make_other_prose_english(code: str) -> None:
    text = "Police free 43 workers from border building, officials say\n\n" + OTHERS[code] * 8
    assert not plainly_english(text)
    assert detect_language(text).code == code


def test_only_the_start_of_a_text_is_read() -> None:
    english_first = (ENGLISH + " ") * (SAMPLE_CHARS // len(ENGLISH) + 2) + THAI * 20
    thai_first = THAI * (SAMPLE_CHARS // len(THAI) + 2) + " " + ENGLISH * 100
    assert detect_language(english_first).code == "en"
    assert detect_language(thai_first).code == "th"


def test_unsupported_report_gives_an_empty_extraction_that_says_so() -> None:
    result = extract(SPANISH, "2026-03-12")
    assert (result.entities, result.claims, result.routes, result.dates) == ([], [], [], [])
    assert result.language == "es"
    assert result.unsupported_language
    record = result.to_contract("r1")
    assert record["language"] == "es"
    assert record.get("unsupported_language") is True
    assert record.get("note") == unsupported_note("es")
    assert "es" in record["note"] and "not supported" in record["note"]


def test_english_report_is_extracted_and_carries_its_language() -> None:
    result = extract(ENGLISH, "2026-03-12")
    assert result.language == "en"
    assert not result.unsupported_language
    assert any(c.measure == "victims_rescued" for c in result.claims)
    record = result.to_contract("r2")
    assert record["language"] == "en"
    assert "unsupported_language" not in record and "note" not in record


def test_contract_language_survives_a_round_trip() -> None:
    for text in (ENGLISH, CHINESE):
        original = extract(text)
        rebuilt = type(original).from_contract(dict(original.to_contract("x")), text)
        assert (rebuilt.language, rebuilt.unsupported_language) == (
            original.language, original.unsupported_language
        )


def test_library_extract_keeps_working_after_submodules_are_imported() -> None:
    """``ringscope.extract`` in a fresh interpreter: twice, then after importing a submodule."""
    program = (
        "import ringscope\n"
        "text = 'Police freed 43 workers from a building near the border on Tuesday.'\n"
        "first = ringscope.extract(text, '2026-03-12')\n"
        "second = ringscope.extract(text, '2026-03-12')\n"
        "import ringscope.extract.claims\n"
        "third = ringscope.extract(text, '2026-03-12')\n"
        "from ringscope import extract\n"
        "fourth = extract(text)\n"
        "print([r.claims[0].measure for r in (first, second, third, fourth)])\n"
        "print(ringscope.extract.claims.__name__)\n"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines == ["['victims_rescued', 'victims_rescued', 'victims_rescued', 'victims_rescued']",
                     "ringscope.extract.claims"]


def test_a_short_english_sentence_is_read_as_english() -> None:
    """One short sentence of English (where the model alone may guess a related language) is read."""
    text = "The nurses freed in Cambodia came from Kenya (12), Ghana (4) and Peru (3)."
    assert detect_language(text).code == "en"
    assert extract(text, None).routes
