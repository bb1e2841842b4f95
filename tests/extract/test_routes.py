"""Routes: victims' origin -> where they were held, with counts, on invented sentences."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ringscope.extract.document import Document
from ringscope.extract.entities import extract_entities
from ringscope.extract.places import find_places
from ringscope.extract.routes import extract_routes
from ringscope.model import Route


def _routes(text: str) -> list[Route]:
    doc = Document(text)
    places = find_places(doc)
    return extract_routes(doc, places, extract_entities(doc, places))


def _pairs(text: str) -> set[tuple[str, str, int | None]]:
    return {(r.origin, r.destination, r.count) for r in _routes(text)}


def test_count_nationality_and_destination() -> None:
    assert _pairs("Police said 42 Kenyans were trafficked to Myanmar last year.") == {("KE", "MM", 42)}


def test_rescued_from_compounds_in_country_without_count() -> None:
    pairs = _pairs("Indonesians were rescued from scam compounds in Cambodia on Monday.")
    assert pairs == {("ID", "KH", None)}


def test_repatriated_with_number_words() -> None:
    pairs = _pairs("The ministry repatriated thirty Ugandans who had been held in Myanmar.")
    assert pairs == {("UG", "MM", 30)}


def test_list_of_origin_countries_share_the_destination() -> None:
    text = "The centres are located in Cambodia and hold victims from China, Malaysia and Thailand."
    assert _pairs(text) == {("CN", "KH", None), ("MY", "KH", None), ("TH", "KH", None)}


def test_suspects_give_no_route() -> None:
    assert _pairs("Police in Cambodia arrested 19 Japanese suspects over phone fraud.") == set()


def test_nationality_adjective_of_officials_gives_no_route() -> None:
    assert _pairs("Thai police and Cambodian officials met to discuss the trafficking of workers.") == set()


def test_scam_targets_are_not_trafficking_victims() -> None:
    pairs = _pairs("The gang held workers in Laos to defraud American victims of online scams.")
    assert not any(origin == "US" for origin, _, _ in pairs)


def test_figure_stated_after_the_nationality() -> None:
    text = "Of the 50 people trapped in a compound in Laos, 31 were from Nepal and nine came from Bhutan."
    assert {("NP", "LA", 31), ("BT", "LA", 9)} <= _pairs(text)


def test_quote_is_exact_and_covers_origin_and_destination() -> None:
    text = "Earlier, 18 Sri Lankans were trafficked to Myanmar by a broker."
    (route,) = _routes(text)
    assert text[route.start : route.end] == route.quote
    assert "Sri Lankans" in route.quote and "Myanmar" in route.quote and "18" in route.quote


def test_destination_falls_back_to_the_country_the_report_is_about() -> None:
    text = (
        "Scam compounds in Myanmar hold thousands of workers. Troops raided a compound in Myanmar on Monday. "
        "Among those freed were 12 Nepalis."
    )
    assert ("NP", "MM", 12) in _pairs(text)


def test_same_route_and_count_once() -> None:
    text = "Ten Kenyans were trafficked to Laos. The ten Kenyans were trafficked to Laos by a broker."
    assert len([r for r in _routes(text) if r.count == 10]) == 1


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_arbitrary_text_never_raises_and_quotes_hold(text: str) -> None:
    for route in _routes(text):
        assert text[route.start : route.end] == route.quote


def test_people_harmed_or_targeted_by_scams_are_not_origins() -> None:
    text = "Scam operations in Laos that harmed Irish citizens and targeted Chilean nationals were raided."
    assert not any(origin in {"IE", "CL"} for origin, _, _ in _pairs(text))


def test_far_arrest_word_does_not_turn_victims_into_suspects() -> None:
    text = (
        "The rescue followed a report that around 300 Nepalis had risen up against their guards "
        "in Laos on Monday, leading to numerous arrests."
    )
    assert ("NP", "LA", 300) in _pairs(text)


def test_follow_up_figures_inherit_the_route() -> None:
    text = (
        "The ministry brought home 50 Kenyans held in Laos. "
        "Of them, 30 arrived on Monday and the remaining 20 on Friday."
    )
    pairs = _pairs(text)
    assert {("KE", "LA", 50), ("KE", "LA", 30), ("KE", "LA", 20)} <= pairs


def test_victims_taken_out_of_a_country_are_not_from_it() -> None:
    pairs = _pairs("Officials in Nepal are trying to evacuate the trafficking victims from Laos this week.")
    assert not any(origin == "LA" for origin, _, _ in pairs)


def test_headline_present_tense_return_takes_people_out_of_a_country() -> None:
    # "brings home ... from X", "flies home": X is where they were held, the subject is their country
    assert _pairs("Peru brings home 40 citizens from Chile.") == {("PE", "CL", 40)}
    assert not any(origin == "CL" for origin, _, _ in _pairs("Peru flies home 40 victims from Chile."))
    assert not any(origin == "CL" for origin, _, _ in _pairs("Peru brings home 40 victims from Chile."))


def test_sanctions_figures_do_not_follow_a_route() -> None:
    text = "Last week 40 Kenyans were trafficked to Laos. The agency sanctioned nine people and five firms."
    assert {count for _, _, count in _pairs(text)} == {40}


def test_officials_who_came_from_a_country_are_not_victims() -> None:
    text = "Two policemen came from Norway to escort the 12 Kenyans rescued from a compound in Laos."
    pairs = _pairs(text)
    assert not any(origin == "NO" for origin, _, _ in pairs)
    assert ("KE", "LA", 12) in pairs


def test_people_on_trial_are_suspects() -> None:
    text = "After a trial in Laos, the 22 Chinese nationals admitted to fraud charges."
    assert _pairs(text) == set()


def test_places_listed_with_counts_and_no_main_country_do_not_break_routes() -> None:
    # A breakdown by country of origin, with no country named as where the people were held.
    routes = _routes("Police freed 90 people on Monday. The largest group was from Chile (45), followed by "
                     "Peru (30) and Bolivia (15).")
    assert all(r.origin != r.destination for r in routes)


def test_the_total_of_a_breakdown_by_nationality_is_no_route_of_one_of_them() -> None:
    text = "Of the 250 people rescued in Chile, 100 were Peruvian, 80 Bolivian and 70 Ecuadorian."
    assert _pairs(text) == {("PE", "CL", 100), ("BO", "CL", 80), ("EC", "CL", 70)}
    follow = "Police freed 60 Peruvians from a compound in Chile. The remaining 16 stayed in a shelter."
    assert ("PE", "CL", 16) in _pairs(follow)  # one nationality before: the figure still counts them


def test_two_countries_people_are_held_in_give_a_route_to_each() -> None:
    pairs = _pairs("At least 150 Peruvians are believed to be trapped in scam hubs in Cambodia and Myanmar.")
    assert {("PE", "KH", None), ("PE", "MM", None)} <= pairs
    assert ("PE", "KH", None) not in _pairs("Police said 40 Peruvians were taken to Cambodia and Myanmar.")
    either = _pairs("Some 120 Peruvians who had been held in Myanmar or Cambodia were interviewed.")
    assert not {("PE", "KH", None), ("PE", "MM", None)} <= either  # "A or B": not both


def test_national_worker_words_name_a_nationality() -> None:
    assert _pairs("Some 32 OFWs were repatriated from Cambodia.") == {("PH", "KH", 32)}
    assert _pairs("The embassy said 12 WNIs were rescued in Myanmar.") == {("ID", "MM", 12)}


def test_a_headline_with_a_colon_after_a_country_is_no_table_row() -> None:
    text = "Peru: 771 people rescued in border crackdown\n\nThe victims had been held in compounds in Chile."
    assert not any(origin == "PE" and count == 771 for origin, _, count in _pairs(text))
    rows = "Victims freed from compounds in Chile, by nationality:\nPeru: 45\nBolivia: 12"
    assert ("PE", "CL", 45) in _pairs(rows)


def test_a_spread_with_no_nationality_of_its_own_is_not_given_the_reports() -> None:
    text = ("Hundreds of thousands of people are trafficked into scam centres in the region, including "
            "at least 120,000 in Myanmar and about 100,000 in Cambodia. "
            "Peruvian victims lost $45 million last year.")
    assert not any(origin == "PE" for origin, _, _ in _pairs(text))
    kept = "At least 40 Peruvians are still held: 30 in Myanmar and 10 in Cambodia."
    assert {("PE", "MM", 30), ("PE", "KH", 10)} <= _pairs(kept)


def test_the_place_of_a_job_offer_gives_way_to_the_place_people_are_held_in() -> None:
    text = ("Officials warned against offers of IT jobs in Thailand after 14 Peruvians were found trapped "
            "in a scam compound in Myanmar.")
    assert ("PE", "MM", 14) in _pairs(text)
    assert ("PE", "CL", 40) in _pairs("The 40 Peruvians rescued on Monday had been promised jobs in Chile.")


def test_the_journey_ends_where_people_were_trafficked_on_to_not_at_a_stop_on_the_way() -> None:
    assert _pairs("Forty Kenyans lured to Thailand with job offers were trafficked across the border into "
                  "Myanmar.") == {("KE", "MM", 40)}
    assert _pairs("Nepal has evacuated 50 Nepalis from Myanmar through Thailand.") == {("NP", "MM", 50)}


def test_people_rescued_from_two_countries_get_a_route_to_each() -> None:
    assert _pairs("Police said 120 Kenyans rescued from Myanmar and Cambodia had returned home.") == {
        ("KE", "MM", None), ("KE", "KH", None)
    }


def test_a_breakdown_of_people_detained_as_suspects_follows_no_route() -> None:
    text = ("Police raided 40 sites in Cambodia, detaining 900 foreigners. Among them were 500 Chileans and "
            "400 Peruvians.")
    assert _pairs(text) == set()
    rescued = "Police raided 40 sites in Cambodia, freeing 900 foreigners. Among them were 500 Chileans."
    assert ("CL", "KH", 500) in _pairs(rescued)
