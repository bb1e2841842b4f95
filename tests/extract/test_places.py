"""Places: gazetteer lookups, ambiguity rules and spans, on invented sentences."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from ringscope.extract.document import Document
from ringscope.extract.gazetteer import gazetteer, place_key, plurals
from ringscope.extract.places import find_places


def _hits(text: str) -> dict[str, tuple[str | None, str]]:
    return {h.text: (h.country, h.kind) for h in find_places(Document(text))}


def test_countries_incl_short_names_and_acronyms() -> None:
    hits = _hits("Officials in Laos, Vietnam, Burma, South Korea, the U.S. and the UK met in Côte d'Ivoire.")
    assert hits["Laos"] == ("LA", "country")
    assert hits["Vietnam"] == ("VN", "country")
    assert hits["Burma"] == ("MM", "country")
    assert hits["South Korea"] == ("KR", "country")
    assert hits["U.S."] == ("US", "country")
    assert hits["UK"] == ("GB", "country")
    assert hits["Côte d'Ivoire"] == ("CI", "country")


def test_demonyms_and_plurals() -> None:
    hits = _hits("Twelve Filipinos, nine Sri Lankans, three Swiss and an Ethiopian national were found.")
    assert hits["Filipinos"] == ("PH", "demonym")
    assert hits["Sri Lankans"] == ("LK", "demonym")
    assert hits["Swiss"] == ("CH", "demonym")
    assert hits["Ethiopian"] == ("ET", "demonym")


def test_regions_subdivisions_and_cities() -> None:
    text = "Crews went from Latin America to Southeast Asia through Nairobi; some stayed in Kayin State."
    hits = _hits(text)
    assert hits["Southeast Asia"] == (None, "continent")
    assert hits["Latin America"] == (None, "continent")
    assert hits["Nairobi"] == ("KE", "city")
    assert hits["Kayin State"] == ("MM", "region")


def test_city_coordinates_come_from_the_gazetteer() -> None:
    hit = next(h for h in find_places(Document("The flight landed in Nairobi.")) if h.text == "Nairobi")
    assert hit.lat is not None and hit.lon is not None
    assert -2 < hit.lat < 0 and 36 < hit.lon < 38


def test_common_words_and_acronym_case_are_not_places() -> None:
    hits = _hits("May said the Police would help us. Us too.")
    assert "May" not in hits and "Police" not in hits and "Us" not in hits and "us" not in hits


def test_small_town_needs_place_framing() -> None:
    # "Mobile" and "Reading" are towns, but here they are ordinary capitalised words.
    hits = _hits("Mobile phones were seized. Reading the file, the judge frowned.")
    assert "Mobile" not in hits and "Reading" not in hits


def test_surname_that_is_also_a_town_is_dropped() -> None:
    text = "Inspector Maria Lima spoke. According to Lima, the raid went well."
    assert "Lima" not in _hits(text)


def test_possessive_and_hyphenated_words() -> None:
    hits = _hits("Myanmar's army and a Cambodia-based firm hired Thai-Lao crews.")
    assert hits["Myanmar"] == ("MM", "country")
    assert hits["Cambodia"] == ("KH", "country")
    assert hits["Thai"] == ("TH", "demonym") and hits["Lao"] == ("LA", "demonym")


def test_currency_prefix_is_not_a_country() -> None:
    assert "US" not in _hits("They paid US$5,000 to the broker.")


def test_spans_are_exact_and_ordered() -> None:
    text = "From Phnom Penh to Bangkok, then Yangon."
    hits = find_places(Document(text))
    assert [h.text for h in hits] == ["Phnom Penh", "Bangkok", "Yangon"]
    assert all(text[h.start : h.end] == h.text for h in hits)


def test_gazetteer_keys_and_plurals() -> None:
    assert place_key("Côte d’Ivoire") == place_key("cote d'ivoire")
    assert plurals("Kenyan") == ["Kenyan", "Kenyans"]
    assert plurals("Chinese") == ["Chinese"]


def test_gazetteer_is_built_once() -> None:
    first = gazetteer()
    started = time.perf_counter()
    second = gazetteer()
    assert first is second
    assert time.perf_counter() - started < 0.01


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_arbitrary_text_never_raises_and_spans_hold(text: str) -> None:
    for hit in find_places(Document(text)):
        assert text[hit.start : hit.end] == hit.text


def test_a_city_named_as_a_modifier_is_a_place() -> None:
    assert _hits("He was taken to work at a Lisbon call centre.").get("Lisbon") == ("PT", "city")
    # a capitalised word after an article is no place when the text also writes it in lower case
    hits = _hits("The Mobile team checked each mobile phone.")
    assert "Mobile" not in hits


def test_a_town_before_based_or_born_is_a_place() -> None:
    assert _hits("A Lisbon-based charity helped the workers.").get("Lisbon") == ("PT", "city")
    assert "Lisbon" not in _hits("Lisbon charity workers helped.")


def test_a_name_with_a_subdivision_word_is_that_subdivision_when_the_city_is_elsewhere() -> None:
    # "Tay Ninh" is a Vietnamese province and, in Vietnamese, the name of a larger Chinese city
    hits = find_places(Document("Border guards in Tây Ninh province received the group on Monday."))
    assert [(h.text, h.country) for h in hits] == [("Tây Ninh", "VN")]
