import hashlib
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ringscope.screen.text import TOKEN_PATTERN, features, in_test_split, join_fields, split_key, tokens


def test_split_key_lowercases_and_collapses_whitespace() -> None:
    # The newline joining title and description is whitespace too, so it collapses to one space.
    expected = hashlib.sha1(b"night auditor we run a small inn by the lake.").hexdigest()
    assert split_key("Night  Auditor", "We run a small\n\tinn by the LAKE.") == expected


def test_split_key_uses_only_first_300_description_chars() -> None:
    head = "x" * 300
    assert split_key("Clerk", head + " first tail") == split_key("Clerk", head + " other tail")
    assert split_key("Clerk", "a" + head) != split_key("Clerk", "b" + head)


def test_test_split_is_last_hex_digit_0_1_2() -> None:
    found = {True: 0, False: 0}
    for n in range(200):
        title, desc = f"Invented role {n}", "Some duties."
        digit = split_key(title, desc)[-1]
        assert in_test_split(title, desc) == (digit in "012")
        found[in_test_split(title, desc)] += 1
    assert found[True] > 0 and found[False] > 0


def test_join_fields_fixed_order_skips_blanks() -> None:
    text = join_fields({"description": "Duties.", "title": "Baker", "benefits": "", "location": "GB"})
    assert text == "Baker\n\nDuties.\n\nGB"


def test_features_drop_punctuation_and_mark_numbers() -> None:
    feats = features("Earn 500 now!!! #URL_0123456789abcdef#")
    assert "earn" in feats and "<num>" in feats and "anonurl" in feats
    assert "earn <num>" in feats
    assert not any("!" in f for f in feats)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab1'’ -x9\n", max_size=40))
def test_tokens_equal_the_reference_pattern(text: str) -> None:
    assert tokens(text) == re.findall(TOKEN_PATTERN, text)
