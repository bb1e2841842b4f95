"""Claims from invented sentences: measure, bounds, unit, currency, period, location, speaker, date."""

from __future__ import annotations

import re

import pytest

from ringscope.extract.claims import extract_claims
from ringscope.extract.dates import extract_dates
from ringscope.extract.document import Document
from ringscope.extract.places import PlaceHit
from ringscope.model import Claim


def _claims(text: str, places: list[PlaceHit] | None = None, published: str | None = None) -> list[Claim]:
    doc = Document(text, published)
    found = extract_claims(doc, places or [], [], extract_dates(doc))
    for c in found:
        assert text[c.start : c.end] == c.quote
    return found


def _place(text: str, name: str, country: str, kind: str = "country", nth: int = 0) -> PlaceHit:
    start = [m.start() for m in re.finditer(re.escape(name), text)][nth]
    return PlaceHit(start, start + len(name), name, country, kind)


def _summary(text: str) -> list[tuple[str, float | None, float | None, str, str | None]]:
    return [(c.measure, c.low, c.high, c.qualifier, c.currency) for c in _claims(text)]


@pytest.mark.parametrize(
    ("text", "measure", "value"),
    [
        ("Police rescued 37 victims from a guarded compound.", "victims_rescued", 37),
        ("Nineteen workers were freed after the raid.", "victims_rescued", 19),
        ("The ministry said 52 citizens had been repatriated.", "victims_rescued", 52),
        ("Another 14 escaped and returned home.", "victims_rescued", 14),
        ("At the site 230 people were held against their will.", "people_trafficked", 230),
        ("Some 75 jobseekers were trafficked across the border.", "people_trafficked", 75),
        ("Officers arrested 12 suspects in the capital.", "arrests", 12),
        ("Twenty-one men were detained at the border.", "arrests", 21),
        ("The authorities deported 33 suspects last week.", "deported", 33),
        ("Teams carried out 9,400 inspections in one week.", "inspections", 9400),
        ("Police raided 17 compounds in the province.", "sites", 17),
        ("Officers from 41 countries took part.", "countries", 41),
    ],
)
def test_people_and_counts(text: str, measure: str, value: float) -> None:
    claims = _claims(text)
    assert [(c.measure, c.low) for c in claims] == [(measure, value)]
    assert claims[0].unit in ("people", "count")


@pytest.mark.parametrize(
    ("text", "measure", "value", "currency", "period"),
    [
        ("The syndicate makes $7 billion a year from fraud.", "criminal_proceeds", 7e9, "USD", "year"),
        ("Savers lost 4.5 million Singapore dollars to the scheme.", "fraud_losses", 4.5e6, "SGD", None),
        ("The bank laundered €80 million for the group.", "laundered", 8e7, "EUR", None),
        ("Police seized 250,000 baht in cash.", "seized", 250000, "THB", None),
        ("Ringleaders earned ¥30 million annually.", "criminal_proceeds", 3e7, "CNY", "year"),
    ],
)
def test_money(text: str, measure: str, value: float, currency: str, period: str | None) -> None:
    (claim,) = _claims(text)
    assert (claim.measure, claim.low, claim.currency, claim.period, claim.unit) == (
        measure, value, currency, period, "currency"
    )


def test_an_amount_each_year_is_a_rate_not_a_sum_per_head() -> None:
    assert [(c.measure, c.period) for c in _claims("The ring made $40 million each year from fraud.")] == [
        ("criminal_proceeds", "year")]
    assert _claims("The recruits were paid $500 each.") == []


def test_range_claim_has_no_value() -> None:
    (claim,) = _claims("Between 4,000 and 6,000 people are held in the camps.")
    assert (claim.measure, claim.value, claim.low, claim.high, claim.qualifier) == (
        "people_trafficked", None, 4000, 6000, "range"
    )


def test_money_range_with_rate() -> None:
    (claim,) = _claims("About $1 trillion to $2 trillion is laundered through banks annually.")
    assert (claim.measure, claim.low, claim.high, claim.qualifier, claim.period) == (
        "laundered", 1e12, 2e12, "range", "year"
    )


def test_vague_amounts_and_other_figures_are_not_claims() -> None:
    assert _claims("Thousands were rescued and dozens arrested, and billions of dollars were lost.") == []
    assert _claims("About 40% of victims were rescued in 2021.") == []
    assert _claims("The 31-year-old suspect was arrested on May 3.") == []
    assert _claims("Police seized 40 phones and 12 laptops.") == []


def test_each_figure_of_a_list_keeps_the_measure() -> None:
    text = "The rescued foreigners were 12 Norwegians, 7 Chileans, two Mongolians and one Portuguese."
    assert [(c.measure, c.low) for c in _claims(text)] == [
        ("victims_rescued", 12), ("victims_rescued", 7), ("victims_rescued", 2), ("victims_rescued", 1)
    ]


def test_a_list_introduced_by_its_group() -> None:
    text = "The suspects included 6 Chileans and 3 Mongolians."
    assert [(c.measure, c.low) for c in _claims(text)] == [("arrests", 6), ("arrests", 3)]


def test_a_breakdown_is_of_the_group_not_of_a_larger_whole_named_after_it() -> None:
    text = ("More than 90 people freed from the camps were handed over on Monday, the first of about 3,000 "
            "waiting to cross. The group included 50 Norwegians and 30 Chileans.")
    measures = {c.low: c.measure for c in _claims(text)}
    assert measures[50] == measures[30] == "victims_rescued"


def test_a_breakdown_opened_by_its_whole_takes_that_group() -> None:
    text = ("At least 63 Norwegians remain trapped in the compound. The ministry brought home 206 others in "
            "March. Of the 63, 17 have asked the embassy for help.")
    measures = {c.low: c.measure for c in _claims(text)}
    assert measures[17] == measures[63] == "people_trafficked"


def test_restated_figure_is_kept_once() -> None:
    text = "Police rescued 37 Norwegians. The 37 victims were rescued on Friday."
    assert _summary(text) == [("victims_rescued", 37, 37, "exact", None)]


def test_different_qualifier_is_kept() -> None:
    text = "At least 37 Norwegians were rescued. Officials said 37 Norwegians were rescued."
    assert [c.qualifier for c in _claims(text)] == ["at_least", "exact"]


def test_relative_clause_does_not_decide_the_measure() -> None:
    text = "The 80 workers who had been held in the compound were repatriated on Friday."
    assert [c.measure for c in _claims(text)] == ["victims_rescued"]


def test_a_whole_keeps_its_own_participle() -> None:
    text = "Half of the 300 workers rescued on Monday were women."
    assert [(c.measure, c.low) for c in _claims(text)] == [("victims_rescued", 300)]
    part = "Three of the 40 workers held there were rescued."  # a part takes the main verb, the whole its own
    assert [(c.measure, c.low) for c in _claims(part)] == [("victims_rescued", 3), ("people_trafficked", 40)]


def test_attempted_escape_is_not_a_rescue() -> None:
    text = "More than 90 workers attempted a mass escape from the compound."
    assert [c.measure for c in _claims(text)] == ["people_trafficked"]


def test_location_from_nearest_place_in_the_sentence() -> None:
    text = "Police in Portugal said 45 Chileans were rescued from a compound in Mongolia."
    places = [_place(text, "Portugal", "PT"), _place(text, "Mongolia", "MN")]
    (claim,) = _claims(text, places)
    assert claim.location == "MN"


def test_nationality_is_not_the_location() -> None:
    text = "Officers in Mongolia rescued 45 Chileans."
    places = [_place(text, "Mongolia", "MN"), PlaceHit(30, 38, "Chileans", "CL", "demonym")]
    (claim,) = _claims(text, places)
    assert claim.location == "MN"


def test_location_with_respectively() -> None:
    text = "Some 400 and over 500 people are held in Mongolia and Chile, respectively."
    places = [_place(text, "Mongolia", "MN"), _place(text, "Chile", "CL")]
    assert [(c.low, c.location) for c in _claims(text, places)] == [(400, "MN"), (500, "CL")]


def test_no_place_no_location() -> None:
    (claim,) = _claims("Police rescued 37 victims.")
    assert claim.location is None


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Police rescued 37 victims, said Maren Halvorsen.", "Maren Halvorsen"),
        ("Maren Halvorsen said police rescued 37 victims.", "Maren Halvorsen"),
        ("According to the Nordic Labour Office, 37 victims were rescued.", "Nordic Labour Office"),
        ("Police rescued 37 victims.", None),
    ],
)
def test_speaker(text: str, speaker: str | None) -> None:
    (claim,) = _claims(text)
    assert claim.speaker == speaker


def test_claim_date_is_the_date_of_its_sentence() -> None:
    text = "On 4 June 2021 police rescued 37 victims. Later, 12 suspects were arrested."
    first, second = _claims(text)
    assert first.date == "2021-06-04"
    assert second.date is None


def test_quote_is_short_and_inside_one_sentence() -> None:
    text = "Nothing happened here. Officers arrested 12 suspects at dawn in a long and winding operation."
    (claim,) = _claims(text)
    assert "12 suspects" in claim.quote and "arrested" in claim.quote
    assert "Nothing" not in claim.quote


def test_rescued_location_is_the_country_left_not_the_destination() -> None:
    text = "Officers in Mongolia rescued 45 workers and flew them to Chile."
    places = [_place(text, "Mongolia", "MN"), _place(text, "Chile", "CL")]
    (claim,) = _claims(text, places)
    assert claim.location == "MN"


def test_losses_located_by_the_targets_nationality() -> None:
    text = "Losses among Chilean investors reached $2 billion."
    places = [PlaceHit(13, 20, "Chilean", "CL", "demonym")]
    (claim,) = _claims(text, places)
    assert (claim.measure, claim.location) == ("fraud_losses", "CL")


def test_home_government_is_not_the_location() -> None:
    text = "The Chilean government repatriated 45 nationals."
    places = [PlaceHit(4, 11, "Chilean", "CL", "demonym")]
    (claim,) = _claims(text, places)
    assert claim.location is None


@pytest.mark.parametrize(
    "text",
    [
        "Recruits were promised salaries of $1,500 a month.",
        "Families paid a ransom of $8,000 to free each worker.",
        "He was fined 50,000 baht and jailed.",
        "The tickets cost RM 3,000 each.",
        "Each worker had to make $5,000 a month for the bosses.",
    ],
)
def test_wages_fares_fines_and_quotas_are_not_claims(text: str) -> None:
    assert _claims(text) == []


def test_deaths_and_injuries_are_not_claims() -> None:
    assert _claims("At least 10 people died while trying to escape.") == []
    claims = _claims("Officials helped 230 citizens to return home.")
    assert [c.measure for c in claims] == ["victims_rescued"]


def test_sex_breakdown_dropped_when_total_is_stated() -> None:
    text = "Police freed 43 workers. The 31 women and 12 men were freed on Saturday."
    assert [c.low for c in _claims(text)] == [43]


def test_sex_breakdown_kept_without_total() -> None:
    text = "The 31 women and 12 men were freed on Saturday."
    assert sorted(c.low or 0 for c in _claims(text)) == [12, 31]


def test_part_out_of_a_whole() -> None:
    text = "Police said five out of the 47 workers trapped in the compound were rescued."
    assert [(c.measure, c.low) for c in _claims(text)] == [("victims_rescued", 5), ("people_trafficked", 47)]


def test_the_whole_keeps_its_own_predicate() -> None:
    text = "Five (5) Norwegians out of the 47 trapped in the camps have been rescued."
    assert [(c.measure, c.low) for c in _claims(text)] == [("victims_rescued", 5), ("people_trafficked", 47)]


def test_flights_monitored_are_inspections_flights_scheduled_are_not() -> None:
    claims = _claims("Officers monitored 1,200 flights.")
    assert [(c.measure, c.unit) for c in claims] == [("inspections", "count")]
    assert _claims("The airline scheduled 40 flights.") == []


def test_a_verb_after_and_with_its_own_figure_does_not_take_the_figure_before() -> None:
    text = "Police have so far found 86 victims and arrested 12 suspects."
    claims = {(c.value, c.measure) for c in _claims(text)}
    assert (12, "arrests") in claims
    assert (86, "arrests") not in claims


def test_running_total_that_rose_to_a_figure() -> None:
    text = "The number of people repatriated rose to 4,512 by March."
    assert ("victims_rescued", 4512) in {(c.measure, c.value) for c in _claims(text)}


def test_a_part_with_its_own_predicate_does_not_take_the_wholes() -> None:
    text = "Police detained 215 people in the raid. Of those detained, 182 were later confirmed as victims."
    assert ("people_trafficked", 182) in {(c.measure, c.value) for c in _claims(text)}
    assert ("arrests", 182) not in {(c.measure, c.value) for c in _claims(text)}


def test_suspects_involved_in_fraud_take_the_main_verb() -> None:
    text = "A total of 1,207 suspects involved in online fraud have been handed over to police at the border."
    assert {(c.measure, c.value) for c in _claims(text)} == {("deported", 1207)}


def test_a_site_word_before_people_modifies_them() -> None:
    assert {(c.measure, c.value) for c in _claims("Police rescued 40 compound workers on Monday.")} == {
        ("victims_rescued", 40)
    }


def test_a_list_counted_in_the_next_sentence_takes_the_measure_for_every_item() -> None:
    text = "Police freed 40 workers on Monday. 25 Chileans and 15 Peruvians were among them."
    assert {("victims_rescued", 25), ("victims_rescued", 15)} <= {(c.measure, c.value) for c in _claims(text)}
