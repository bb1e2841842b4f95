"""Shape of the bundled sample corpus and its gold annotations."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from importlib import resources
from typing import Any

import pycountry
import pytest

from ringscope.vocab import load_vocab, measure_unit, measures

REPORT_KEYS = {"id", "source", "url", "published", "title", "text"}
GOLD_KEYS = {"id", "url", "published", "text", "event_cluster", "entities", "claims", "routes"}


def _read(name: str) -> list[dict[str, Any]]:
    path = resources.files("ringscope").joinpath("data", "sample", name)
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def reports() -> list[dict[str, Any]]:
    return _read("reports.jsonl")


@pytest.fixture(scope="module")
def gold() -> list[dict[str, Any]]:
    return _read("gold.jsonl")


def _iso2(code: str | None) -> bool:
    return code is None or pycountry.countries.get(alpha_2=code) is not None


def test_reports_have_the_keys_and_unique_ids(reports: list[dict[str, Any]]) -> None:
    assert len(reports) >= 30
    for rec in reports:
        assert set(rec) == REPORT_KEYS, rec.get("id")
        assert all(isinstance(rec[key], str) and rec[key] for key in REPORT_KEYS), rec["id"]
    ids = [rec["id"] for rec in reports]
    assert len(set(ids)) == len(ids)


def test_reports_are_short_dated_and_on_example_domains(reports: list[dict[str, Any]]) -> None:
    for rec in reports:
        words = len(rec["text"].split())
        assert 120 <= words <= 350, (rec["id"], words)
        dt.date.fromisoformat(rec["published"])
        assert rec["url"].startswith(("https://example.org/", "https://example.net/")), rec["id"]


def test_gold_matches_reports(reports: list[dict[str, Any]], gold: list[dict[str, Any]]) -> None:
    by_id = {rec["id"]: rec for rec in reports}
    assert [g["id"] for g in gold] == [r["id"] for r in reports]
    for rec in gold:
        assert set(rec) == GOLD_KEYS, rec["id"]
        assert rec["text"] == by_id[rec["id"]]["text"]
        assert rec["published"] == by_id[rec["id"]]["published"]


def test_every_gold_quote_and_name_is_in_its_text(gold: list[dict[str, Any]]) -> None:
    for rec in gold:
        for item in rec["claims"] + rec["routes"]:
            assert item["quote"] in rec["text"], (rec["id"], item["quote"])
        for ent in rec["entities"]:
            assert ent["name"] in rec["text"], (rec["id"], ent["name"])


def test_gold_entities_follow_the_contract(gold: list[dict[str, Any]]) -> None:
    types = set(load_vocab()["entity_types"])
    for rec in gold:
        names = [(e["type"], e["name"]) for e in rec["entities"]]
        assert len(set(names)) == len(names), rec["id"]
        for ent in rec["entities"]:
            assert ent["type"] in types, (rec["id"], ent)
            assert _iso2(ent["country"]), (rec["id"], ent)


def test_gold_claims_follow_the_vocabulary(gold: list[dict[str, Any]]) -> None:
    vocab = load_vocab()
    known = set(measures())
    for rec in gold:
        for claim in rec["claims"]:
            where = (rec["id"], claim["quote"])
            assert claim["measure"] in known, where
            assert claim["qualifier"] in vocab["qualifiers"], where
            assert claim["unit"] in vocab["units"], where
            assert claim["period"] in [*vocab["periods"], None], where
            assert _iso2(claim["location"]), where
            if claim["unit"] == "currency":
                assert pycountry.currencies.get(alpha_3=claim["currency"]) is not None, where
            else:
                assert claim["currency"] is None, where
                assert claim["unit"] in (measure_unit(claim["measure"]), "count"), where
            if claim["qualifier"] == "range":
                assert claim["value"] is None and claim["low"] < claim["high"], where
            else:
                assert claim["low"] == claim["high"] == claim["value"], where


def test_gold_routes_use_country_codes(gold: list[dict[str, Any]]) -> None:
    for rec in gold:
        for route in rec["routes"]:
            assert route["origin"] != route["destination"], rec["id"]
            assert _iso2(route["origin"]) and _iso2(route["destination"]), (rec["id"], route)
            assert route["count"] is None or route["count"] > 0


def test_at_least_six_multi_outlet_events(reports: list[dict[str, Any]], gold: list[dict[str, Any]]) -> None:
    source = {rec["id"]: rec["source"] for rec in reports}
    sizes = Counter(rec["event_cluster"] for rec in gold if rec["event_cluster"])
    assert all(2 <= size <= 4 for size in sizes.values()), sizes
    multi_outlet = [
        cluster
        for cluster in sizes
        if len({source[g["id"]] for g in gold if g["event_cluster"] == cluster}) >= 2
    ]
    assert len(multi_outlet) >= 6


def _cluster_claims(gold: list[dict[str, Any]], measure: str) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rec in gold:
        if rec["event_cluster"]:
            found[rec["event_cluster"]] += [
                {**c, "published": rec["published"]} for c in rec["claims"] if c["measure"] == measure
            ]
    return found


def test_deliberate_errors_are_present(gold: list[dict[str, Any]]) -> None:
    """The README promises a currency mislabel, an order-of-magnitude error and an updated count."""
    money = [m for m in measures() if measure_unit(m) == "currency"]
    mislabel = magnitude = False
    for measure in money:
        for claims in _cluster_claims(gold, measure).values():
            for a in claims:
                for b in claims:
                    if a["value"] and b["value"]:
                        mislabel |= a["value"] == b["value"] and a["currency"] != b["currency"]
                        magnitude |= b["value"] >= 1000 * a["value"]
    assert mislabel and magnitude
    updated = False
    for claims in _cluster_claims(gold, "victims_rescued").values():
        if not claims:
            continue
        first_day = dt.date.fromisoformat(min(c["published"] for c in claims))
        first = [c["value"] for c in claims if dt.date.fromisoformat(c["published"]) == first_day]
        later = [
            c["value"]
            for c in claims
            if (dt.date.fromisoformat(c["published"]) - first_day).days >= 7 and c["value"] is not None
        ]
        updated |= any(all(f is not None and v > f for f in first) for v in later)
    assert updated, "no running count superseded a week or more later"
