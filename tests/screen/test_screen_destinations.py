from ringscope.screen.destinations import find_places, location_field_country


def test_countries_cities_and_hubs_to_iso2() -> None:
    text = "Office in Bangkok, Thailand; later Phnom Penh and Sihanoukville, via Dubai. Based in London."
    got = [(h.quote, h.country) for h in find_places(text)]
    assert ("Bangkok", "TH") in got and ("Thailand", "TH") in got
    assert ("Phnom Penh", "KH") in got and ("Sihanoukville", "KH") in got
    assert ("Dubai", "AE") in got and ("London", "GB") in got


def test_lowercase_and_common_words_are_not_places() -> None:
    assert find_places("reading is nice and mobile work is split") == []
    assert find_places("Reading the manual is nice.") == []


def test_quotes_match_text() -> None:
    text = "Move to Viet Nam. Or to Laos."
    hits = find_places(text)
    assert [h.country for h in hits] == ["VN", "LA"]
    for h in hits:
        assert text[h.start:h.end] == h.quote


def test_location_field() -> None:
    assert location_field_country("US, NY, New York") == "US"
    assert location_field_country("Somewhere") is None
