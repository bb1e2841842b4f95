"""Gazetteer: building the compact place table and loading it."""

from __future__ import annotations

import gzip
from pathlib import Path

from ringscope.extract.gazetteer import PLACES_PATH, TOKEN_RE, gazetteer, load_demonyms
from ringscope.extract.gazetteer_build import best_rows, write


def test_best_row_per_name_prefers_country_then_population() -> None:
    rows = [
        ("Avalon", "US", "city", 1.0, 2.0, 5000, 0),
        ("Avalon", "AU", "city", 3.0, 4.0, 90000, 0),
        ("Avalon", "GB", "region", None, None, 0, 0),
        ("Bretonia", "BR", "country", None, None, 10**9, 0),
        ("Bretonia", "FR", "city", 1.0, 1.0, 2_000_000, 0),
        ("BT", "BR", "country", None, None, 10**9, 1),
    ]
    best = best_rows(rows)
    assert best["avalon"][1] == "AU"
    assert best["bretonia"][1] == "BR"
    assert "=BT" in best and "bt" not in best


def test_write_makes_one_line_per_key(tmp_path: Path) -> None:
    out = tmp_path / "places.tsv.gz"
    write([("Avalon", "AU", "city", 3.0, 4.0, 90000, 0), ("Avalon", "US", "city", 1.0, 2.0, 5000, 0)], out)
    with gzip.open(out, "rt", encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    assert lines == ["avalon\tAvalon\tAU\tcity\t3.0000\t4.0000\t90000"]


def test_write_gives_the_same_bytes_each_time(tmp_path: Path) -> None:
    rows = [("Avalon", "AU", "city", 3.0, 4.0, 90000, 0), ("Bretonia", "BR", "country", None, None, 10**9, 0)]
    first, second = tmp_path / "a.tsv.gz", tmp_path / "b.tsv.gz"
    write(rows, first)
    write(rows, second)
    assert first.read_bytes() == second.read_bytes()


def test_first_of_two_equal_names_is_kept() -> None:
    rows = [("Avalòn", "AU", "city", 3.0, 4.0, 90000, 0), ("Avalon", "AU", "city", 3.0, 4.0, 90000, 0)]
    assert best_rows(rows)["avalon"][0] == "Avalòn"
    assert best_rows(rows[::-1])["avalon"][0] == "Avalon"


def test_shipped_table_and_demonyms_cover_all_iso_countries() -> None:
    import pycountry

    assert PLACES_PATH.exists()
    gaz = gazetteer()
    for country in pycountry.countries:
        name = getattr(country, "common_name", country.name)
        if "," in name:
            continue
        place = gaz.lookup(TOKEN_RE.findall(name))
        assert place is not None and place.country == country.alpha_2, name
    demonym_codes = set(load_demonyms().values())
    assert len(demonym_codes) >= 200


def test_lookup_memo_stays_bounded_and_answers_the_same() -> None:
    from ringscope.extract.gazetteer import Gazetteer, Place

    rows = {"avalon": "Avalon\tAU\tcity\t1.0\t2.0\t90000", "bretonia": "Bretonia\tBR\tcountry\t\t\t0"}
    demonyms = {"bretonian": Place("Bretonian", "BR", "demonym", None, None, 0)}
    gaz = Gazetteer(rows, demonyms, 1, frozenset(["avalon", "bretonia", "bretonian"]), memo_limit=3)
    first = [gaz.lookup([word]) for word in ("Avalon", "Bretonia", "Bretonian", "Nowhere")]
    for n in range(50):  # many different names, most not places
        gaz.lookup([f"Name{n}"])
        assert len(gaz._parsed) <= 3
    again = [gaz.lookup([word]) for word in ("Avalon", "Bretonia", "Bretonian", "Nowhere")]
    assert again == first
    assert [p.country if p else None for p in again] == ["AU", "BR", "BR", None]
