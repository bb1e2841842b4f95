"""Arbitrary Unicode never breaks extraction, and every claim or date span is its quote."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ringscope.extract import extract

_PIECES = st.sampled_from(
    [
        " more than ", " 1,030 ", " 3.5 million ", " $50bn ", " Forty-three ", " rescued ", " victims ",
        " between 100 and 200 ", " 5,000-10,000 ", " US$7,500 (NT$240,000) ", " on Wednesday ",
        " last month ", " December 8, 2023 ", " arrested ", " suspects ", " said ", " in ", ". ", "\n",
        " İstanbul ", " ǅ ", " ß ", "—", "“", " ₱ ", " ฿ ", " Rs ", " crore ", " a year ",
    ]
)
_TEXT = st.lists(st.one_of(st.text(max_size=12), _PIECES), max_size=40).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT, published=st.sampled_from([None, "2024-02-29", "2023-12-31", "not a date"]))
def test_extract_never_raises_and_spans_are_quotes(text: str, published: str | None) -> None:
    result = extract(text, published)
    for claim in result.claims:
        assert text[claim.start : claim.end] == claim.quote
        assert claim.qualifier in ("exact", "about", "at_least", "more_than", "up_to", "range")
        if claim.qualifier == "range":
            assert claim.value is None and claim.low is not None and claim.high is not None
            assert claim.low <= claim.high
        else:
            assert claim.low == claim.high == claim.value
    for mention in result.dates:
        assert text[mention.start : mention.end] == mention.text
        assert len(mention.value) == 10
