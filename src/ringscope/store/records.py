"""What the store's queries return (plain dataclasses, no SQL)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ringscope.model import Claim


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One report matching a full-text query, with a highlighted snippet."""

    report_id: str
    title: str | None
    source: str | None
    url: str | None
    published: str | None
    snippet: str
    score: float


@dataclass(frozen=True, slots=True)
class StoredClaim:
    """A claim together with the report it was taken from."""

    claim: Claim
    report_id: str
    source: str | None
    url: str | None
    published: str | None
    title: str | None


@dataclass(frozen=True, slots=True)
class EntitySummary:
    """One entity (by type and normalised name) aggregated over all reports."""

    type: str
    name: str
    key: str
    country: str | None
    reports: int
    mentions: int


@dataclass(frozen=True, slots=True)
class StoreStats:
    """Counts over the whole store."""

    schema_version: int
    reports: int
    entities: int
    distinct_entities: int
    mentions: int
    claims: int
    routes: int
    dates: int
    entities_by_type: dict[str, int] = field(default_factory=dict)
    claims_by_measure: dict[str, int] = field(default_factory=dict)
    extractor_versions: dict[str, int] = field(default_factory=dict)
    languages: dict[str, int] = field(default_factory=dict)
    """Reports by detected language ("" when undetermined, or stored before detection)."""
    unsupported_languages: frozenset[str] = frozenset()
    """The languages among :attr:`languages` whose reports the extractor did not read."""
