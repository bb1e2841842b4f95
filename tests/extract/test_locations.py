"""Where a figure applies, from hand-made place hits."""

from __future__ import annotations

import re

from ringscope.extract.document import Document
from ringscope.extract.locations import locate, main_country
from ringscope.extract.places import PlaceHit


def _hits(text: str, names: dict[str, tuple[str, str]]) -> list[PlaceHit]:
    hits = []
    for name, (country, kind) in names.items():
        for m in re.finditer(re.escape(name), text):
            hits.append(PlaceHit(m.start(), m.end(), name, country, kind))
    return sorted(hits, key=lambda h: h.start)


def test_place_after_in_beats_a_bare_mention() -> None:
    text = "Mongolia officials said 300 people were held in Chile."
    places = _hits(text, {"Mongolia": ("MN", "country"), "Chile": ("CL", "country")})
    start = text.index("300")
    assert locate(Document(text), places, start, start + 3, []) == "CL"


def test_previous_sentence_when_the_sentence_names_no_place() -> None:
    text = "Raids went on in Chile. Officers freed 300 people."
    places = _hits(text, {"Chile": ("CL", "country")})
    start = text.index("300")
    assert locate(Document(text), places, start, start + 3, []) == "CL"


def test_nationality_word_alone_is_not_a_place() -> None:
    text = "Officers freed 300 Chileans."
    places = _hits(text, {"Chileans": ("CL", "demonym")})
    start = text.index("300")
    assert locate(Document(text), places, start, start + 3, []) is None


def test_main_country_needs_two_mentions_and_a_lead() -> None:
    names = {"Chile": ("CL", "country"), "Mongolia": ("MN", "country")}
    text = "Chile and Chile and Mongolia."
    assert main_country(text, _hits(text, names)) == "CL"
    text = "Chile and Mongolia."
    assert main_country(text, _hits(text, names)) is None


def test_global_figures_have_no_location() -> None:
    text = "In Chile, scams took $60 billion from victims worldwide."
    places = _hits(text, {"Chile": ("CL", "country")})
    start = text.index("$60")
    assert locate(Document(text), places, start, start + 11, []) is None


def test_figure_spread_over_listed_countries_has_no_location() -> None:
    text = "Some 9,000 people are held in Chile, Peru and Mongolia."
    names = {"Chile": ("CL", "country"), "Peru": ("PE", "country"), "Mongolia": ("MN", "country")}
    places = _hits(text, names)
    start = text.index("9,000")
    assert locate(Document(text), places, start, start + 5, []) is None


def test_people_trafficked_from_one_country_to_another_are_located_where_they_were_taken() -> None:
    text = "Traffickers moved 30 workers from Peru to Chile last year."
    places = _hits(text, {"Peru": ("PE", "country"), "Chile": ("CL", "country")})
    start = text.index("30")
    assert locate(Document(text), places, start, start + 2, [], "people_trafficked") == "CL"
    # a place left with no onward one is still where the figure applies ("30 freed from Peru")
    alone = "Police freed 30 workers from Peru last year."
    start = alone.index("30")
    found = locate(Document(alone), _hits(alone, {"Peru": ("PE", "country")}), start, start + 2, [],
                   "people_trafficked")
    assert found == "PE"
