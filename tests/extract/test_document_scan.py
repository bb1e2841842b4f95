"""Sentence ends found by trying the pattern only after . ! ? and at line ends are finditer's."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ringscope.extract.document import _SENTENCE_END, _sentence_ends, split_sentences
from ringscope.extract.people import TITLE_ABBREVIATIONS


@given(st.text(alphabet=st.sampled_from(list('.!?\n "\'”’)]“‘([Aa0\t')), max_size=40))
def test_sentence_ends_as_finditer(text: str) -> None:
    assert [m.span() for m in _sentence_ends(text)] == [m.span() for m in _SENTENCE_END.finditer(text)]


def test_split_sentences_on_invented_text() -> None:
    text = 'Police freed 12 men. "They were held," Dr. Vale said!\n\nNext day (Monday) 4 more? Yes.'
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "Police freed 12 men.", '"They were held," Dr. Vale said!', "Next day (Monday) 4 more?", "Yes.",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Pol. Maj. Gen. Dara Vell said 40 were freed.",
        "Police Supt. Dara Vell said 40 were freed.",
        "PCol. Dara Vell led the raid on 40 workers.",
        "Det. Insp. Dara Vell said the ring took Rs. 2 crore.",
        "The raid freed approx. 40 workers.",
    ],
)
def test_a_title_or_currency_abbreviation_does_not_end_a_sentence(sentence: str) -> None:
    text = sentence + " Officers left at noon."
    assert [text[s:e] for s, e in split_sentences(text)] == [sentence, "Officers left at noon."]


def test_the_titles_are_those_the_person_rules_read() -> None:
    for title in TITLE_ABBREVIATIONS:
        text = f"The team met {title}. Dara Vell on Monday."
        assert len(split_sentences(text)) == 1, title
