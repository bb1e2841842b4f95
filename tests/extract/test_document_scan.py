"""Sentence ends found by trying the pattern only after . ! ? and at line ends are finditer's."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ringscope.extract.document import _SENTENCE_END, _sentence_ends, split_sentences


@given(st.text(alphabet=st.sampled_from(list('.!?\n "\'”’)]“‘([Aa0\t')), max_size=40))
def test_sentence_ends_as_finditer(text: str) -> None:
    assert [m.span() for m in _sentence_ends(text)] == [m.span() for m in _SENTENCE_END.finditer(text)]


def test_split_sentences_on_invented_text() -> None:
    text = 'Police freed 12 men. "They were held," Dr. Vale said!\n\nNext day (Monday) 4 more? Yes.'
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "Police freed 12 men.", '"They were held," Dr. Vale said!', "Next day (Monday) 4 more?", "Yes.",
    ]
