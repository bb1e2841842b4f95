import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ringscope.screen.indicators import _build, load_table, match_patterns

LURE = ("URGENT hiring: customer support agents for an online gaming platform. Easy work, high salary, "
        "no experience needed. Free air tickets and free accommodation. Interview via Telegram. "
        "Travel on a tourist visa; you will then be driven across the border. Typing test 35 wpm. "
        "English speakers of any nationality welcome.")
ORDINARY = ("The county library seeks a part-time archivist to catalogue local history collections. "
            "Degree in information science preferred. Hours are flexible and the post is pensionable.")


def test_table_is_consistent() -> None:
    table = load_table()
    assert len(table.indicators) >= 20
    groups = {ind.group for ind in table.indicators.values()}
    assert groups == {"role", "pay", "location", "hiring", "channel", "target"}
    for ind in table.indicators.values():
        assert re.fullmatch(r"[A-F]\d_[a-z0-9_]+", ind.code), ind.code
        assert ind.code[0] == "ABCDEF"["role pay location hiring channel target".split().index(ind.group)]
        assert ind.sources and all(1 <= s <= 28 for s in ind.sources)
        assert ind.reason and 0 < ind.weight <= 2
    assert table.anchors <= set(table.indicators)


def test_patterns_fire_with_exact_quotes() -> None:
    hits = {h.code: h for h in match_patterns(LURE)}
    for code in ("A1_customer_service_abroad", "A5_crypto_gaming_roles", "B2_easy_work_high_pay",
                 "B3_travel_and_lodging_paid", "C5_overland_crossing", "D1_typing_test",
                 "D2_chat_app_interview", "D3_tourist_visa_no_contract", "D6_urgency_and_id_requests",
                 "F1_language_or_profile_target"):
        assert code in hits, code
    for h in hits.values():
        assert LURE[h.start:h.end] == h.quote
    assert hits["D3_tourist_visa_no_contract"].quote == "tourist visa"


def test_ordinary_ad_fires_nothing() -> None:
    assert match_patterns(ORDINARY) == []


def test_bad_table_is_refused() -> None:
    with pytest.raises(ValueError, match="neither patterns"):
        _build({"combination": {"co_occurrence_bonus": 1, "co_occurrence_groups": [], "anchors": []},
                "indicators": [{"code": "Z1_x", "group": "role", "reason": "r", "sources": [1],
                                "weight": 1}]})
    with pytest.raises(ValueError, match="unknown anchor"):
        _build({"combination": {"co_occurrence_bonus": 1, "co_occurrence_groups": [], "anchors": ["Q9"]},
                "indicators": []})


def test_readme_table_is_generated_from_the_yaml() -> None:
    from importlib import resources

    from ringscope.screen.docs import indicator_table

    readme = resources.files("ringscope.screen").joinpath("README.md").read_text(encoding="utf-8")
    assert indicator_table() in readme


def test_chat_app_contact_quote_includes_the_handle() -> None:
    text = "Apply now. WeChat ID: lotus_hr88 or Telegram: @sunny_desk"
    (hit,) = [h for h in match_patterns(text) if h.code == "E1_chat_app_contact"]
    assert hit.quote == "WeChat ID: lotus_hr88"


WORDS = (
    "free flight flights no experience customer service telegram tourist visa typing test wpm online casino "
    "easy work high salary border x _ - recruit contact us on whatsapp @hr_desk data entry the any "
    "nationality needed required paid accommodation and"
).split()

@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40), st.lists(st.sampled_from([" ", "", "", ". ", "\n"]),
                                                               max_size=40))
@example(["x", "no", "experience", "needed"], ["", " ", " "])
def test_one_pass_search_equals_each_pattern_searched_alone(words: list[str], seps: list[str]) -> None:
    text = "".join(w + (seps[i] if i < len(seps) else " ") for i, w in enumerate(words))
    table = load_table()
    expected = []
    for ind in table.indicators.values():
        for pattern in ind.patterns:
            m = pattern.pattern.search(text)
            if m is not None:
                expected.append((ind.code, m.start(), m.end()))
    assert [(h.code, h.start, h.end) for h in match_patterns(text, table)] == expected
