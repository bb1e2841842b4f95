"""The scale, currency-name and currency-prefix tests around a number find what the single
patterns they replace found."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from ringscope.extract import money
from ringscope.extract.number_atoms import (
    _SCALE_ATTACHED,
    _SCALE_RE,
    _SCALE_WORD,
    _prefix_before,
    _prefix_re,
)

_TAIL = re.compile(
    rf"(?:(?P<sa>{_SCALE_ATTACHED}|(?:BN|M|B|K)\b)|[\s-](?i:(?P<sw>{_SCALE_WORD})))?"
    rf"(?:\s(?i:(?P<suf>{money.suffix_pattern()})))?"
)
_PIECES = ["5", " ", "-", "m", "M", "bn", " million", " US dollars", " Dollars", " euros", " people",
           " Thai baht", " pesos", "\u00a0", "\n", "$", "US$", "RM", "THB ", "Rs.", "ſ", "ı", " yen", ","]


def _tail(text: str, pos: int) -> tuple[object, ...]:
    scale = _SCALE_RE.match(text, pos)
    assert scale is not None
    named = money.suffix_at(text, scale.end())
    return (scale.group("sa"), scale.group("sw"), named.group("suf") if named else None,
            named.end("suf") if named else None, scale.end())


@given(st.lists(st.sampled_from(_PIECES), max_size=8))
def test_scale_then_currency_name_as_one_pattern(pieces: list[str]) -> None:
    text = "".join(pieces)
    for pos in range(len(text) + 1):
        whole = _TAIL.match(text, pos)
        assert whole is not None
        expected = (whole.group("sa"), whole.group("sw"), whole.group("suf"),
                    whole.end("suf") if whole.group("suf") is not None else None,
                    whole.end("sw") if whole.group("sw") is not None else whole.end("sa")
                    if whole.group("sa") is not None else pos)
        assert _tail(text, pos) == expected


@given(st.lists(st.sampled_from(_PIECES), max_size=8))
def test_prefix_before_as_the_pattern(pieces: list[str]) -> None:
    text = "".join(pieces) + "12"
    for num_start in range(len(text)):
        plain = _prefix_re().search(text, max(0, num_start - 8), num_start)
        quick = _prefix_before(text, num_start)
        assert (plain.span("pre") if plain else None) == (quick.span("pre") if quick else None)


def test_examples() -> None:
    text = "seized 5 million US dollars and 40 people"
    assert _tail(text, 8)[1] == "million" and _tail(text, 8)[2] == "US dollars"
    assert _tail(text, 34)[:3] == (None, None, None)
    assert _prefix_before("paid US$ 40", 9) is not None
    assert _prefix_before("paid about 40", 11) is None
