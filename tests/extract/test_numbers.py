"""Figures in text: digits, words, scales, ranges, qualifiers and what is not a figure."""

from __future__ import annotations

import pytest

from ringscope.extract.numbers import find_amounts, parse_words


def _one(text: str) -> tuple[str, float, float, str, str | None]:
    found = find_amounts(text)
    assert len(found) == 1, [text[a.start : a.end] for a in found]
    a = found[0]
    return text[a.start : a.end], a.low, a.high, a.qualifier, a.currency


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("seven", 7),
        ("Fifteen", 15),
        ("forty-two", 42),
        ("two dozen", 24),
        ("a dozen", 12),
        ("seven thousand", 7000),
        ("half a million", 500_000),
        ("three hundred", 300),
        ("two million", 2_000_000),
    ],
)
def test_number_words(words: str, value: float) -> None:
    assert parse_words(words) == value


def test_parse_words_rejects_other_words() -> None:
    assert parse_words("seven dwarfs") is None


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Officers counted 1,030 workers.", 1030, 1030),
        ("They moved 3.5 million units.", 3_500_000, 3_500_000),
        ("A ring took $50bn from savers.", 50e9, 50e9),
        ("Tallies show 2.4bn in transfers.", 2.4e9, 2.4e9),
        ("Crews found Fifteen men.", 15, 15),
        ("Some 5 k visitors.", 5, 5),
        ("Officers counted 1.030 workers.", 1030, 1030),
        ("The account held Rp 2.500.000 in cash.", 2_500_000, 2_500_000),
        ("The account held Rp 2.500.000.", 2_500_000, 2_500_000),
        ("They moved 3.500 million units.", 3_500_000, 3_500_000),
        ("The transfer was $2.750 in total.", 2.75, 2.75),
    ],
)
def test_values(text: str, low: float, high: float) -> None:
    _, lo, hi, _, _ = _one(text)
    assert (lo, hi) == (low, high)


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("more than 400 people", "more_than"),
        ("over 400 people", "more_than"),
        ("at least 400 people", "at_least"),
        ("up to 400 people", "up_to"),
        ("as many as 400 people", "up_to"),
        ("nearly 400 people", "about"),
        ("about 400 people", "about"),
        ("around 400 people", "about"),
        ("approximately 400 people", "about"),
        ("some 400 people", "about"),
        ("an estimated 400 people", "about"),
        ("just under 400 people", "about"),
        ("exactly 400 people", "exact"),
        ("400-plus people", "more_than"),
        ("a 300-odd crowd", "about"),
        ("300 odd workers", "about"),
    ],
)
def test_qualifiers(text: str, qualifier: str) -> None:
    assert _one(text)[3] == qualifier


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("from 2 to 3 trillion", 2e12, 3e12),
        ("between 100 and 200 people", 100, 200),
        ("5,000-10,000 people", 5000, 10000),
        ("$4 trillion to $6 trillion a year", 4e12, 6e12),
        ("$2-3 trillion", 2e12, 3e12),
    ],
)
def test_ranges(text: str, low: float, high: float) -> None:
    _, lo, hi, qualifier, _ = _one(text)
    assert (lo, hi, qualifier) == (low, high, "range")


@pytest.mark.parametrize(
    "text",
    [
        "It happened in 2019.",
        "The raid on March 14 ended early.",
        "Raids ran from March 3 to 9.",
        "Workers aged 20 to 45 applied.",
        "A 25-year-old man was held.",
        "Prices rose 30% last year.",
        "Rates rose 12 percent.",
        "Call +44 20 7946 0958 for help.",
        "The meeting began at 10:30.",
        "It ended at 3 p.m. sharp.",
        "Under Section 214 of the act.",
        "The COVID-19 wave and the G20 summit.",
        "He finished 2nd in the race.",
        "Hundreds of thousands fled, dozens more stayed, billions of dollars vanished.",
        "Executive order E.O. 13900 applies.",
    ],
)
def test_not_figures(text: str) -> None:
    assert find_amounts(text) == []


def test_word_number_restated_in_digits_is_one_figure() -> None:
    text = "Police freed nine (9) people."
    found = find_amounts(text)
    assert [text[a.start : a.end] for a in found] == ["nine"]


def test_spans_cover_qualifier_and_unit() -> None:
    text = "It earned up to 7 trillion Singapore dollars a year."
    quote, low, _, qualifier, currency = _one(text)
    assert quote == "up to 7 trillion Singapore dollars"
    assert (low, qualifier, currency) == (7e12, "up_to", "SGD")


@pytest.mark.parametrize(
    "text",
    [
        "workers ranging in age from 19 to 52",
        "between the ages of 20 and 35",
        "ages 19-25",
        "at the age of 17",
    ],
)
def test_age_ranges_are_not_figures(text: str) -> None:
    assert find_amounts(text) == []


def test_absurd_figures_are_dropped() -> None:
    assert find_amounts("a sum of $" + "9" * 400 + " billion") == []
    assert find_amounts("a code 1,000,000,000,000,000,000 here") == []
