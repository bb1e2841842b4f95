import pytest

from ringscope import settings
from ringscope.screen import screen_record, screen_text
from ringscope.screen.combine import combine, evidence, level
from ringscope.screen.indicators import load_table, match_patterns

LURE = ("Hiring now: customer service staff for a fast-growing company in Bangkok, Thailand. "
        "Salary USD 1,800 per month plus commission. No experience needed, basic English is enough. "
        "Free flights and accommodation. Contact our HR on Telegram @goldenriver_hr for a quick "
        "online interview.")
ORDINARY = ("We are looking for a payroll officer to join the finance department of our regional hospital. "
            "You will process monthly payroll for 2,000 staff, handle pension queries and prepare year-end "
            "returns. Requirements: three years of payroll experience and a relevant qualification. We offer "
            "a salary in line with the national pay scale, 28 days of annual leave and a pension scheme. "
            "Our hospital serves a population of 400,000 and employs nurses, doctors and support staff.")


def test_fraudulent_ad_scores_above_ordinary_and_high() -> None:
    lure, plain = screen_text(LURE, "lure"), screen_text(ORDINARY, "plain")
    assert lure["score"] > plain["score"]
    assert lure["level"] == "high"
    assert plain["level"] != "high"
    assert 0.0 <= plain["score"] <= 1.0


def test_result_shape_and_provenance() -> None:
    res = screen_text(LURE, "x1")
    assert set(res) >= {"id", "score", "level", "indicators", "contacts", "destinations", "language"}
    assert res["id"] == "x1" and res["language"] == "en" and res["destinations"] == ["TH"]
    codes = {i["code"] for i in res["indicators"]}
    assert {"A1_customer_service_abroad", "C1_sea_workplace", "B1_pay_above_norm",
            "E1_chat_app_contact"} <= codes
    for ind in res["indicators"]:
        assert LURE[ind["start"]:ind["end"]] == ind["quote"] and ind["reason"]
    b1 = next(i for i in res["indicators"] if i["code"] == "B1_pay_above_norm")
    assert b1["quote"] == "USD 1,800 per month"
    assert res["contacts"][0]["value"] == "goldenriver_hr"


def test_pay_above_norm_needs_entry_level_role_and_a_known_destination() -> None:
    senior = "Chief financial officer for a listed bank in Bangkok, Thailand. Salary USD 9,000 per month."
    codes = {i["code"] for i in screen_text(senior)["indicators"]}
    assert "B1_pay_above_norm" not in codes
    modest = "Customer service staff in Bangkok, Thailand. Salary 15,000 baht per month."
    assert "B1_pay_above_norm" not in {i["code"] for i in screen_text(modest)["indicators"]}


def test_signals_combine_rather_than_trigger_alone() -> None:
    table = load_table()
    alone = evidence(match_patterns("Customer service representative"), table)
    combo_text = "Customer service job. Free flights. Interview via Telegram. Then by car across the border."
    together = evidence(match_patterns(combo_text), table)
    groups = {h.group for h in match_patterns(combo_text)}
    assert together > sum(
        max(h.weight for h in match_patterns(combo_text) if h.group == g) for g in groups
    ) > alone


def test_combine_and_levels() -> None:
    assert combine(0.3, 0.0) == pytest.approx(0.3)
    assert combine(0.3, 2.0) > 0.7
    assert [level(s, 0.5, 0.8) for s in (0.9, 0.6, 0.1)] == ["high", "medium", "low"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("   \n ", "empty ad"),
        ("abc\x00def\x01" * 20, "binary"),
        ("Buscamos agentes de atención al cliente para trabajar en nuestra oficina de la ciudad",
         "detected: es"),
        ("诚聘客服人员，待遇优厚，包吃包住，机票报销", "detected: zh"),
    ],
)
def test_bad_ads_get_a_clear_error(text: str, message: str) -> None:
    res = screen_text(text, "bad")
    assert res["id"] == "bad" and message in res["error"] and "score" not in res


def test_huge_ad_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "SCREEN_MAX_AD_CHARS", 1000)
    res = screen_text("word " * 300, "big")
    assert "too long" in res["error"]


def test_structured_record_uses_location_field() -> None:
    res = screen_record({"id": "r1", "title": "Office assistant", "description": "Filing and phones.",
                         "location": "KH, 12, Somewhere"})
    assert res["destinations"][0] == "KH"
    assert "C1_sea_workplace" not in {i["code"] for i in res["indicators"]}  # field gives no quotable span


def test_record_without_text_is_an_error() -> None:
    assert "no ad text" in screen_record({"id": "e", "salary": "x"})["error"]
