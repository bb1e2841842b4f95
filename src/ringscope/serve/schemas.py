"""Wire shapes of the REST API (documented in its OpenAPI spec); field order is fixed."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int = Field(description="How many items match, over all pages.")
    limit: int
    offset: int


class Health(BaseModel):
    status: str
    schema_version: int


class Me(BaseModel):
    username: str
    role: str


class TokenIn(BaseModel):
    label: str | None = Field(default=None, max_length=100)
    expires_days: int = Field(default=90, ge=1, le=365, description="Days until the token expires.")


class TokenOut(BaseModel):
    token: str = Field(description="Shown once; send as `Authorization: Bearer <token>`.")
    label: str | None
    id: str = Field(description="The token's public id, to list and revoke it by.")


class TokenInfoOut(BaseModel):
    id: str
    username: str
    label: str | None
    created_at: str
    expires_at: str | None
    revoked: bool
    expired: bool


class UserIn(BaseModel):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(
        min_length=12, max_length=1024, description="At least 12 characters, judged hard to guess."
    )
    role: str = Field(pattern="^(viewer|analyst|admin)$")


class UserOut(BaseModel):
    username: str
    role: str
    disabled: bool
    created_at: str


class UserPatch(BaseModel):
    role: str | None = Field(default=None, pattern="^(viewer|analyst|admin)$")
    disabled: bool | None = Field(default=None, description="true disables the user and all its tokens.")


class ReportSummary(BaseModel):
    id: str
    title: str | None
    source: str | None
    url: str | None
    published: str | None


class MentionOut(BaseModel):
    start: int
    end: int
    text: str


class ReportEntity(BaseModel):
    type: str
    name: str
    country: str | None
    roles: list[str]
    mentions: list[MentionOut]


class ClaimOut(BaseModel):
    id: str
    report_id: str
    measure: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    unit: str
    currency: str | None
    period: str | None
    location: str | None
    speaker: str | None
    date: str | None
    quote: str
    start: int
    end: int


class RouteItem(BaseModel):
    origin: str
    destination: str
    count: int | None
    quote: str
    start: int
    end: int


class DateOut(BaseModel):
    text: str
    value: str
    start: int
    end: int


class ReportDetail(ReportSummary):
    event_id: str | None
    text: str
    language: str | None = None
    """Detected language (ISO 639-1), null when undetermined."""
    unsupported_language: bool = False
    """True when the extractor does not read ``language``: then nothing was extracted (see ``note``)."""
    note: str | None = None
    entities: list[ReportEntity]
    claims: list[ClaimOut]
    routes: list[RouteItem]
    dates: list[DateOut]


class EntityOut(BaseModel):
    id: str
    type: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    aliases: dict[str, list[str]] = Field(description="Each spelling with the reports it appears in.")
    roles: dict[str, list[str]]
    links: list[list[str]] = Field(description="[role, entity id] pairs.")
    reports: list[str]


class NodeOut(BaseModel):
    id: str
    name: str
    type: str
    reports: int


class EdgeOut(BaseModel):
    a: str
    b: str
    weight: int = Field(description="Reports naming both, plus one for a stated role link.")
    label: str


class NetworkOut(BaseModel):
    nodes: list[NodeOut]
    edges: list[EdgeOut]


class FlagOut(BaseModel):
    code: str
    reason: str
    claim_id: str
    report_id: str


class FigureClaim(BaseModel):
    claim_id: str
    report_id: str
    source: str | None
    published: str | None
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    currency: str | None
    quote: str


class FigureOut(BaseModel):
    id: str
    measure: str
    location: str | None
    period: str | None
    event_id: str | None
    value: float | None
    currency: str | None
    qualifier: str
    usd: float | None
    support: list[str]
    independent: int
    spread: list[float] | None
    conflicted: bool
    reason: str
    flags: list[FlagOut]
    claims: list[FigureClaim]


class EventOut(BaseModel):
    id: str
    report_ids: list[str]
    published: list[str]
    figures: int


class EventDetail(EventOut):
    reports: list[ReportSummary]
    figure_items: list[FigureOut]


class RouteOut(BaseModel):
    origin: str
    destination: str
    reports: int
    people: int


class SearchHitOut(BaseModel):
    report_id: str
    title: str | None
    source: str | None
    url: str | None
    published: str | None
    snippet: str = Field(description="Matched terms between « and ».")
    score: float


class AuditOut(BaseModel):
    at: str
    username: str | None
    role: str | None
    action: str
    target: str
    detail: str | None
    client: str | None = Field(description="The address the request came from.")


class ErrorOut(BaseModel):
    detail: str


class ScreenedAdOut(BaseModel):
    id: str
    content_hash: str
    score: float
    level: str


class AccountOut(BaseModel):
    kind: str
    value: str
    service: str | None


class RecruiterNetworkOut(BaseModel):
    ads: list[ScreenedAdOut]
    accounts: list[AccountOut]
