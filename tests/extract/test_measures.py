"""The noun a figure counts and the trigger that picks its measure."""

from __future__ import annotations

import pytest

from ringscope.extract import counted_nouns, measures


@pytest.mark.parametrize(
    ("text", "cls"),
    [
        ("40 victims were found", measures.VICTIM),
        ("40 foreign nationals", measures.PEOPLE),
        ("40 Norwegian workers", measures.WORKER),
        ("40 Chileans", measures.PEOPLE),
        ("40 suspects", measures.SUSPECT),
        ("40 confirmed scam centres", measures.SITE),
        ("40 inspections", measures.INSPECTION),
        ("40 countries", measures.COUNTRY),
        ("40 were rescued", measures.BARE),
        ("40 of them", measures.BARE),
        ("40 mobile phones", measures.SKIP),
        ("40 police officers", measures.SKIP),
        ("40 key figures in the", measures.SKIP),
    ],
)
def test_counted_noun(text: str, cls: str) -> None:
    assert counted_nouns.counted_noun(text, 2, len(text)).cls == cls


def test_known_demonym_offsets_count_as_people() -> None:
    text = "40 Zorvanians"
    assert counted_nouns.counted_noun(text, 2, len(text), frozenset({3})).cls == measures.PEOPLE


def _choose(text: str, start: int, end: int, cls: str, money: bool = False) -> str | None:
    triggers = measures.find_triggers(text, 0, len(text))
    breaks = measures.clause_breaks(text, 0, len(text))
    chosen = measures.choose_measure(cls, money, triggers, start, end, breaks, text)
    return chosen[0] if chosen else None


def test_nearest_trigger_wins() -> None:
    text = "Police rescued 40 victims and arrested 12 suspects."
    assert _choose(text, 15, 25, measures.VICTIM) == "victims_rescued"
    assert _choose(text, 39, 50, measures.SUSPECT) == "arrests"


def test_suspects_sent_home_are_deported() -> None:
    text = "Police repatriated 40 suspects."
    assert _choose(text, 19, 30, measures.SUSPECT) == "deported"


def test_money_takes_money_triggers_only() -> None:
    text = "Rescued victims said the ring laundered $5 million."
    assert _choose(text, 40, 50, measures.PEOPLE, money=True) == "laundered"


def test_weak_trigger_loses_to_a_strong_one() -> None:
    text = "The industry moved $5 million through shell firms."
    assert _choose(text, 19, 29, measures.PEOPLE, money=True) == "laundered"


def test_defaults_without_trigger() -> None:
    assert _choose("There are 40 victims.", 10, 20, measures.VICTIM) == "people_trafficked"
    assert _choose("There are 40 Chileans.", 10, 21, measures.PEOPLE) is None
