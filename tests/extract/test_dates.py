"""Date mentions resolved against the publication date."""

from __future__ import annotations

import pytest

from ringscope.extract.dates import extract_dates
from ringscope.extract.document import Document


def _values(text: str, published: str | None = "2024-04-10") -> list[tuple[str, str]]:
    found = extract_dates(Document(text, published))
    for d in found:
        assert text[d.start : d.end] == d.text
    return [(d.text, d.value) for d in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks ended on December 8, 2023 in the capital.", ("December 8, 2023", "2023-12-08")),
        ("Talks ended on 8 December 2023 in the capital.", ("8 December 2023", "2023-12-08")),
        ("The file is dated 2023-12-08.", ("2023-12-08", "2023-12-08")),
        ("It was first seen in March 2022.", ("March 2022", "2022-03-01")),
        ("Checks ran 22-23 Feb 2021.", ("22-23 Feb 2021", "2021-02-22")),
        ("Checks ran Sept. 5, 2020.", ("Sept. 5, 2020", "2020-09-05")),
        ("The scheme has grown since 2019.", ("2019", "2019-01-01")),
    ],
)
def test_absolute(text: str, expected: tuple[str, str]) -> None:
    assert _values(text) == [expected]
    assert _values(text, None) == [expected]  # no publication date needed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Officials spoke on Wednesday.", ("Wednesday", "2024-04-10")),  # published on a Wednesday
        ("Officials spoke on Monday.", ("Monday", "2024-04-08")),
        ("Officials spoke last Wednesday.", ("last Wednesday", "2024-04-03")),
        ("Officials spoke yesterday.", ("yesterday", "2024-04-09")),
        ("Officials spoke today.", ("today", "2024-04-10")),
        ("Officials spoke last month.", ("last month", "2024-03-01")),
        ("Officials spoke last year.", ("last year", "2023-01-01")),
        ("Raids ran from November 3 to 9.", ("November 3 to 9", "2023-11-03")),  # no year: the last November
        ("Raids ran on March 2.", ("March 2", "2024-03-02")),
        ("Raids began in January.", ("January", "2024-01-01")),
    ],
)
def test_relative(text: str, expected: tuple[str, str]) -> None:
    assert _values(text) == [expected]


def test_relative_dates_need_a_publication_date() -> None:
    assert _values("Officials spoke yesterday and on Monday, and last month in March.", None) == []


@pytest.mark.parametrize(
    "text",
    [
        "They may march on the capital.",
        "Room 2023-99 was locked.",
        "Nothing happened on February 30, 2023.",
    ],
)
def test_not_dates(text: str) -> None:
    assert _values(text) == []


def test_mentions_do_not_overlap_and_are_ordered() -> None:
    text = "On 3 June 2022, and again in June 2022 and on June 9, talks failed."
    found = extract_dates(Document(text, "2022-07-01"))
    assert [d.value for d in found] == ["2022-06-03", "2022-06-01", "2022-06-09"]
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))
