"""Arbitrary Unicode never breaks the whole pipeline: every entity mention and route span is its quote."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ringscope.extract import extract

_PIECES = st.sampled_from(
    [
        " Police Colonel Ana Varga ", " said ", " the Harbour Relief Agency (HRA) ", " Kenyans ",
        " Thailand ",
        " trafficked to ", " rescued from ", " 42 ", " Operation Blue Tide ", " Silverleaf Park compound ",
        " Mae Sot ", " Filipino nationals ", " in ", " Myanmar's ", "-based ", ". ", "\n", " İ ", " ǅ ", "—",
        "“", "”", " Ünal Öztürk ", " U.S. ", " CEO ", " of the ",
        " (45), ", " followed by ", " was from ", " Peru ",
    ]
)
_TEXT = st.lists(st.one_of(st.text(max_size=10), _PIECES), max_size=40).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT, published=st.sampled_from([None, "2025-06-30", "garbage"]))
def test_pipeline_never_raises_and_every_span_is_its_quote(text: str, published: str | None) -> None:
    result = extract(text, published)
    for entity in result.entities:
        assert entity.type in ("Person", "Organization", "Location", "Compound", "Operation")
        assert entity.mentions, entity
        for mention in entity.mentions:
            assert 0 <= mention.start < mention.end <= len(text)
            assert text[mention.start : mention.end] == mention.text
    for route in result.routes:
        assert text[route.start : route.end] == route.quote
        assert len(route.origin) == 2 and len(route.destination) == 2
        assert route.count is None or route.count >= 0
    for claim in result.claims:
        assert text[claim.start : claim.end] == claim.quote
