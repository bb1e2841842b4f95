"""Marking extracted items in a report's text."""

from __future__ import annotations

from ringscope.serve.highlight import Span, highlight


def test_nested_spans_and_escaping() -> None:
    text = "Police freed 12 <people> near Port Vell."
    spans = [Span(7, 24, "claim", "rescued"), Span(13, 15, "date"), Span(30, 39, "Location")]
    html = highlight(text, spans)
    assert html.count("<mark") == 3 and html.count("</mark>") == 3
    inner = '<mark class="hl hl-date">12</mark>'
    assert f'<mark class="hl hl-claim" title="rescued">freed {inner} &lt;people&gt;</mark>' in html
    assert '<mark class="hl hl-location">Port Vell</mark>' in html


def test_crossing_and_out_of_range_spans_are_dropped() -> None:
    text = "abcdefghij"
    html = highlight(text, [Span(0, 5, "claim"), Span(3, 8, "date"), Span(8, 40, "route")])
    assert html == '<mark class="hl hl-claim">abcde</mark>fghij'


def test_withheld_spans_are_marked_as_such() -> None:
    text = "[victim 1], 30, was lured. Later [victim 1] spoke."
    html = highlight(text, [Span(0, 10, "withheld"), Span(19, 25, "claim")])
    assert html.startswith('<mark class="hl hl-withheld">[victim 1]</mark>')
    assert html.count("[victim 1]") == 2


def test_an_anchored_span_carries_its_id_once_and_wins_over_a_crossing_span() -> None:
    text = "Guards said 40 people left the Orvane yard."
    spans = [
        Span(31, 42, "organization"),
        Span(12, 37, "claim", anchor="claim-1"),  # crosses the name: the claim stays
        Span(38, 42, "date", anchor="claim-1"),  # the same id again: only the first span keeps it
        Span(0, 6, "person"),
    ]
    html = highlight(text, spans)
    assert html.count('id="claim-1"') == 1
    assert '<mark class="hl hl-claim" id="claim-1">40 people left the Orvane</mark>' in html
    assert '<mark class="hl hl-date">yard</mark>' in html
    assert '<mark class="hl hl-person">Guards</mark>' in html
    assert "hl-organization" not in html
