"""Attribution of a sentence's statement."""

from __future__ import annotations

import pytest

from ringscope.extract.speakers import find_speaker


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Forty men were freed, said Oskar Lindqvist.", "Oskar Lindqvist"),
        ("Oskar Lindqvist said forty men were freed.", "Oskar Lindqvist"),
        ("Forty men were freed, police said.", "police"),
        ("According to the Baltic Rescue Fund, forty men were freed.", "Baltic Rescue Fund"),
        ("Forty men were freed, according to police.", "police"),
        ("Forty men were freed.", None),
        ("Forty men were freed, he said.", None),
    ],
)
def test_find_speaker(sentence: str, speaker: str | None) -> None:
    assert find_speaker(sentence, 0, len(sentence)) == speaker


def test_institution_with_adjective() -> None:
    sentence = "Forty men were freed, the foreign ministry said."
    assert find_speaker(sentence, 0, len(sentence)) == "the foreign ministry"
