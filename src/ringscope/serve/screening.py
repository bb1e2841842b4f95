"""Job-ad screening for the API and the web form: requests, results, the stored recruiter network.

Pure logic over :mod:`ringscope.screen` (scoring) and :mod:`ringscope.screen.store` (the
screening tables); the routes in ``api.py`` and ``web.py`` only add authentication and audit.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ringscope.report.charts import Edge, Node
from ringscope.serve.highlight import Span, highlight

MAX_ADS = 100
"""Ads in one API request."""
MAX_FIELD_CHARS = 100_000
"""Characters in one field of an ad (longer is refused with 422 before any screening)."""
MAX_TOTAL_CHARS = 2_000_000
"""Characters in all the ads of one request."""


class AdIn(BaseModel):
    """One ad: ``text``, or the structured fields (joined in this order with blank lines)."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(None, max_length=128)
    text: str | None = Field(None, max_length=MAX_FIELD_CHARS)
    title: str | None = Field(None, max_length=MAX_FIELD_CHARS)
    company_profile: str | None = Field(None, max_length=MAX_FIELD_CHARS)
    description: str | None = Field(None, max_length=MAX_FIELD_CHARS)
    requirements: str | None = Field(None, max_length=MAX_FIELD_CHARS)
    benefits: str | None = Field(None, max_length=MAX_FIELD_CHARS)
    salary_range: str | None = Field(None, max_length=MAX_FIELD_CHARS)
    location: str | None = Field(None, max_length=MAX_FIELD_CHARS)


class ScreenIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ads: list[AdIn] = Field(min_length=1, max_length=MAX_ADS)
    store: bool = Field(False, description="Keep the screened ads and their contacts in the store.")

    @model_validator(mode="after")
    def _bounded(self) -> ScreenIn:
        size = sum(len(v) for ad in self.ads for k, v in ad.model_dump().items() if k != "id" and v)
        if size > MAX_TOTAL_CHARS:
            raise ValueError(f"the ads hold {size:,} characters; at most {MAX_TOTAL_CHARS:,} per request")
        return self


class ScreenOut(BaseModel):
    results: list[dict[str, Any]] = Field(
        description="One per ad, in order: the `ringscope screen` output, or {id, error}."
    )
    stored: int = Field(0, description="Ads added to or updated in the store.")


@dataclass(frozen=True, slots=True)
class Screened:
    text: str | None
    """The exact text screened (quotes are spans of it); None when the ad could not be read."""
    result: dict[str, Any]


def screen_one(record: Mapping[str, Any], default_id: str) -> Screened:
    """Screen one ad record; the text screened comes back with the result for storing and highlighting."""
    from ringscope.screen.inputs import AdProblem, ad_from_record
    from ringscope.screen.screener import screen_or_error

    item = ad_from_record({k: v for k, v in record.items() if v is not None}, default_id)
    if isinstance(item, AdProblem):
        return Screened(None, item.as_dict())
    return Screened(item.body(), screen_or_error(item))


def screen_many(ads: Iterable[AdIn]) -> list[Screened]:
    """Screen the ads of a request; an ad without an id gets its position (1, 2, ...)."""
    return [screen_one(ad.model_dump(), str(n)) for n, ad in enumerate(ads, 1)]


def store_screened(store_path: Path, screened: Iterable[Screened]) -> int:
    """Keep the screened ads (errors skipped) in the store; the number added or updated."""
    from ringscope.screen.store import save

    pairs = [(s.text, s.result) for s in screened if s.text is not None and "error" not in s.result]
    if not pairs:
        return 0
    saved = save(store_path, pairs)
    return saved.added + saved.updated


def marked_ad(text: str, result: Mapping[str, Any]) -> str:
    """The ad as escaped HTML with each indicator's quote marked (its reason as the title)."""
    spans = [
        Span(int(i["start"]), int(i["end"]), "indicator", f"{i['code']}: {i['reason']}")
        for i in result.get("indicators", [])
        if isinstance(i.get("start"), int) and isinstance(i.get("end"), int)
    ]
    return highlight(text, spans)


# -- the stored screening data ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoredAd:
    pk: int
    id: str
    key: str
    score: float
    level: str
    destinations: list[str]
    screened_at: str


@dataclass(frozen=True, slots=True)
class Account:
    pk: int
    key: str
    kind: str
    value: str
    service: str | None


@dataclass(frozen=True, slots=True)
class Recruiters:
    """The stored screened ads, the accounts they name, and which ad names which account."""

    ads: list[StoredAd]
    accounts: list[Account]
    links: list[tuple[int, int, str]]
    """(ad pk, account pk, quote)."""

    def networks(self) -> list[tuple[list[StoredAd], list[Account]]]:
        """Groups of two or more ads joined through shared accounts, largest first."""
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            parent.setdefault(x, x)
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for ad_pk, account_pk, _ in self.links:
            parent[find(f"a{ad_pk}")] = find(f"c{account_pk}")
        ads = {a.pk: a for a in self.ads}
        accounts = {a.pk: a for a in self.accounts}
        groups: dict[str, tuple[set[int], set[int]]] = {}
        for ad_pk, account_pk, _ in self.links:
            ad_set, account_set = groups.setdefault(find(f"a{ad_pk}"), (set(), set()))
            ad_set.add(ad_pk)
            account_set.add(account_pk)
        out = [
            ([ads[p] for p in sorted(a) if p in ads], [accounts[p] for p in sorted(c) if p in accounts])
            for a, c in groups.values()
            if len(a) >= 2
        ]
        out.sort(key=lambda g: (-len(g[0]), g[1][0].key if g[1] else ""))
        return out

    def graph(self, limit: int = 80) -> tuple[list[Node], list[Edge]]:
        """Ads (``Document``) and the accounts linking them (``UserAccount``), for the network drawing.

        Only accounts named by two or more ads are drawn, with the ads they link: the recruiter
        networks, at most ``limit`` nodes.
        """
        named: dict[int, list[int]] = {}
        for ad_pk, account_pk, _ in self.links:
            named.setdefault(account_pk, []).append(ad_pk)
        shared = sorted(
            (pk for pk, ad_pks in named.items() if len(ad_pks) >= 2), key=lambda pk: (-len(named[pk]), pk)
        )
        ads = {a.pk: a for a in self.ads}
        accounts = {a.pk: a for a in self.accounts}
        nodes: dict[str, Node] = {}
        edges: list[Edge] = []
        for account_pk in shared:
            account = accounts[account_pk]
            members = [p for p in named[account_pk] if p in ads]
            if len(nodes) + 1 + len(members) > limit:
                break
            nodes[account.key] = Node(account.key, _account_label(account), "UserAccount", len(members))
            for ad_pk in members:
                ad = ads[ad_pk]
                node_id = f"ad:{ad.key}"
                if node_id not in nodes:
                    nodes[node_id] = Node(node_id, f"ad {ad.id} ({ad.level})", "Document", 1)
                edges.append(Edge(node_id, account.key, 1, "names"))
        return list(nodes.values()), edges


def _account_label(account: Account) -> str:
    prefix = "@" if account.kind == "handle" else ""
    service = f" ({account.service})" if account.service else ""
    return f"{prefix}{account.value}{service}"


def load_recruiters(conn: sqlite3.Connection, limit: int = 500) -> Recruiters:
    """The most recently screened ads (at most ``limit``), their accounts and links."""
    ads = [
        StoredAd(int(pk), str(i), str(key), float(score), str(level), json.loads(dests), str(at))
        for pk, i, key, score, level, dests, at in conn.execute(
            "SELECT pk, id, content_hash, score, level, destinations, screened_at FROM screened_ads"
            " ORDER BY pk DESC LIMIT ?",
            (limit,),
        )
    ]
    if not ads:
        return Recruiters([], [], [])
    marks = ",".join("?" * len(ads))
    links = [
        (int(a), int(c), str(q))
        for a, c, q in conn.execute(
            f"SELECT ad_pk, account_pk, quote FROM ad_accounts WHERE ad_pk IN ({marks})"
            " ORDER BY account_pk, ad_pk",
            [a.pk for a in ads],
        )
    ]
    account_pks = sorted({c for _, c, _ in links})
    accounts = [
        Account(int(pk), str(key), str(kind), str(value), service)
        for pk, key, kind, value, service in conn.execute(
            "SELECT pk, key, kind, value, service FROM recruiter_accounts"
            f" WHERE pk IN ({','.join('?' * len(account_pks))}) ORDER BY pk",
            account_pks,
        )
    ] if account_pks else []
    return Recruiters(ads, accounts, links)
