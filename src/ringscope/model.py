"""The data model at the centre of ringscope.

A :class:`Report` is one source document. Extraction turns its text into an
:class:`Extraction`: entities (each with the :class:`Mention` spans where it
occurs), quantitative :class:`Claim` items and trafficking :class:`Route`
items. Every extracted item points back to its report by ``report_id`` once
stored, and to a character span ``[start, end)`` of the report's text.

Ids are deterministic content hashes (:func:`make_id`), so the same input
gives the same ids on every run and on every engine.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, NotRequired, TypedDict

EntityType = Literal["Person", "Organization", "Location", "Compound", "Operation"]
Qualifier = Literal["exact", "about", "at_least", "more_than", "up_to", "range"]
Unit = Literal["people", "count", "currency"]
Period = Literal["year", "month", "day"]

ENTITY_TYPES: tuple[str, ...] = ("Person", "Organization", "Location", "Compound", "Operation")


def make_id(*parts: object) -> str:
    """A stable sha1 id of the given parts (None is kept distinct from "")."""
    digest = hashlib.sha1()
    for part in parts:
        digest.update(b"\x00" if part is None else str(part).encode("utf-8"))
        digest.update(b"\x1f")
    return digest.hexdigest()


def content_hash(text: str) -> str:
    """The content hash of a report's text (NFC-normalised, sha256)."""
    return hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()


def name_key(name: str) -> str:
    """A normalised key for an entity name: no diacritics, case-folded, no punctuation."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    cleaned = "".join(c if c.isalnum() else " " for c in plain)
    words = cleaned.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@dataclass(slots=True)
class Report:
    """One source document: where it came from, when, and its text."""

    text: str
    source: str | None = None
    url: str | None = None
    published: str | None = None
    title: str | None = None
    external_id: str | None = None
    content_hash: str = ""
    id: str = ""

    def __post_init__(self) -> None:
        if not self.content_hash:
            self.content_hash = content_hash(self.text)
        if not self.id:
            self.id = self.content_hash[:16]


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity in a report's text."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class Entity:
    """An entity as found in one report (or, after fusion, across reports)."""

    type: str
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    rule: str = ""  # id of the extraction rule that produced it (see extract/*.yaml)

    @property
    def key(self) -> str:
        return name_key(self.name)

    @property
    def id(self) -> str:
        return make_id("entity", self.type, self.key)

    @property
    def start(self) -> int:
        return self.mentions[0].start if self.mentions else -1

    @property
    def end(self) -> int:
        return self.mentions[0].end if self.mentions else -1


@dataclass(slots=True)
class Claim:
    """A quantitative claim in the fixed measure vocabulary (see vocab.yaml)."""

    measure: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    unit: str
    quote: str
    start: int
    end: int
    currency: str | None = None
    period: str | None = None
    location: str | None = None
    speaker: str | None = None
    date: str | None = None
    rule: str = ""  # id of the extraction rule that produced it
    trigger: str = ""  # id of the measure trigger that chose its measure

    @property
    def id(self) -> str:
        return make_id("claim", self.measure, self.start, self.end, self.low, self.high, self.currency)


@dataclass(slots=True)
class Route:
    """Victims of ``origin`` trafficked to or held in ``destination`` (ISO2 codes)."""

    origin: str
    destination: str
    quote: str
    start: int
    end: int
    count: int | None = None
    rule: str = ""  # id of the extraction rule that produced it

    @property
    def id(self) -> str:
        return make_id("route", self.origin, self.destination, self.start, self.end)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression resolved against the publication date (YYYY-MM-DD)."""

    text: str
    start: int
    end: int
    value: str


@dataclass(slots=True)
class Extraction:
    """Everything extracted from one report's text."""

    entities: list[Entity] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    routes: list[Route] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    language: str | None = None
    """The report's detected language (ISO 639-1 where it has a code), None when undetermined."""
    unsupported_language: bool = False
    """True when the extractor does not read ``language``: then nothing was extracted."""

    def to_contract(self, report_id: str, event_cluster: str | None = None) -> ContractRecord:
        """The record ``ringscope extract`` writes: corpus/SCHEMA.md's keys, plus ``language``
        and, for a language the extractor does not read, ``unsupported_language`` and a ``note``."""
        record: ContractRecord = {
            "id": report_id,
            "language": self.language,
            "entities": [{"name": e.name, "type": e.type, "country": e.country} for e in self.entities],
            "claims": [
                {
                    "measure": c.measure,
                    "value": _num(c.value),
                    "low": _num(c.low),
                    "high": _num(c.high),
                    "qualifier": c.qualifier,
                    "unit": c.unit,
                    "currency": c.currency,
                    "period": c.period,
                    "location": c.location,
                    "quote": c.quote,
                }
                for c in self.claims
            ],
            "routes": [
                {"origin": r.origin, "destination": r.destination, "count": r.count, "quote": r.quote}
                for r in self.routes
            ],
            "event_cluster": event_cluster,
        }
        if self.unsupported_language:
            record["unsupported_language"] = True
            record["note"] = unsupported_note(self.language)
        return record

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_contract(cls, record: dict[str, Any], text: str) -> Extraction:
        """Rebuild an extraction from a corpus/SCHEMA.md record (spans found from quotes in ``text``)."""

        def span(quote: str) -> tuple[int, int]:
            start = text.find(quote) if quote else -1
            return (start, start + len(quote)) if start >= 0 else (-1, -1)

        entities = []
        for e in record.get("entities") or []:
            start, end = span(e["name"])
            mentions = [Mention(start, end, e["name"])] if start >= 0 else []
            entities.append(
                Entity(type=e["type"], name=e["name"], country=e.get("country"), mentions=mentions)
            )
        claims = []
        for c in record.get("claims") or []:
            start, end = span(c.get("quote") or "")
            claims.append(
                Claim(
                    measure=c["measure"], value=c.get("value"), low=c.get("low"), high=c.get("high"),
                    qualifier=c.get("qualifier") or "exact", unit=c.get("unit") or "count",
                    quote=c.get("quote") or "", start=start, end=end, currency=c.get("currency"),
                    period=c.get("period"), location=c.get("location"),
                )
            )
        routes = []
        for r in record.get("routes") or []:
            start, end = span(r.get("quote") or "")
            routes.append(
                Route(origin=r["origin"], destination=r["destination"], quote=r.get("quote") or "",
                      start=start, end=end, count=r.get("count"))
            )
        return cls(
            entities=entities, claims=claims, routes=routes, language=record.get("language"),
            unsupported_language=bool(record.get("unsupported_language")),
        )


def unsupported_note(language: str | None) -> str:
    """The sentence shown wherever a report's language kept it from being extracted."""
    return f"language {language} not supported by the extractor; nothing was extracted"


def _num(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


class ContractEntity(TypedDict):
    name: str
    type: str
    country: str | None


class ContractClaim(TypedDict):
    measure: str
    value: float | int | None
    low: float | int | None
    high: float | int | None
    qualifier: str
    unit: str
    currency: str | None
    period: str | None
    location: str | None
    quote: str
    figure: NotRequired[str | None]
    """Set by figure assignment over the whole input (fuse/figures.py): the figure id the claim states."""
    part_of: NotRequired[str | None]
    """The figure id of the total this claim's figure is one part of."""


class ContractRoute(TypedDict):
    origin: str
    destination: str
    count: int | None
    quote: str


class ContractRecord(TypedDict):
    id: str
    language: str | None
    entities: list[ContractEntity]
    claims: list[ContractClaim]
    routes: list[ContractRoute]
    event_cluster: str | None
    unsupported_language: NotRequired[bool]
    note: NotRequired[str]
