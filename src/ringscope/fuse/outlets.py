"""Who published a report, and which reports are one independent source.

A report's outlet is its publisher: the source name the input gives, else the registered domain of
its URL (``news.example.co.uk`` -> ``example.co.uk``, from the public-suffix list bundled with
tldextract, read offline), else nothing. Reports whose texts are near-identical (syndicated copies,
light rewrites) count as one independent source even when their outlets differ.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache, lru_cache

import tldextract
from rapidfuzz import fuzz

from ringscope.fuse.unionfind import UnionFind
from ringscope.model import Report

NEAR_IDENTICAL = 90.0
"""Token-set similarity (0-100) at and above which two texts are one source's copies."""


@cache
def _extractor() -> tldextract.TLDExtract:
    # The bundled snapshot only: no fetch of the list, no cache written.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


_PATH = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:)?(?://)?[^/?#]*")
"""A URL up to its path: the part its registered domain comes from."""
_SPACE = re.compile(r"\s")
"""Any whitespace (what :meth:`str.isspace` calls whitespace)."""


def registered_domain(url: str | None) -> str | None:
    """The registered domain of ``url`` (``https://www.news.example.co.uk/a`` -> ``example.co.uk``)."""
    if not url or _SPACE.search(url.strip()):
        return None
    found = _PATH.match(url)
    return _domain(found.group(0) if found else url)


@lru_cache(maxsize=1 << 14)
def _domain(url: str) -> str | None:
    """The registered domain of a URL's host part (an outlet's many URLs share one)."""
    parts = _extractor()(url)
    if parts.domain and parts.suffix:
        return f"{parts.domain}.{parts.suffix}".lower()
    return parts.domain.lower() or None


def outlet_of(url: str | None, source: str | None) -> str | None:
    """A report's outlet: the source name given in the input, else its URL's registered domain."""
    if source and source.strip():
        return source.strip()
    return registered_domain(url)


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


def source_key(report: Report) -> str:
    """The key a report's outlet gives it (the report itself without one)."""
    return (outlet_of(report.url, report.source) or report.id).casefold()


def near_identical(reports: Sequence[Report]) -> list[tuple[str, str]]:
    """Pairs of report ids (of ``reports``, one event's) whose texts are near-identical copies under
    different source keys; enough pairs to join every such copy, not every pair."""
    key = {r.id: source_key(r) for r in reports}
    uf: UnionFind[str] = UnionFind(key.values())
    out = []
    for x in range(len(reports)):
        for y in range(x + 1, len(reports)):
            a, b = reports[x], reports[y]
            if uf.find(key[a.id]) == uf.find(key[b.id]):
                continue
            shorter, longer = sorted((len(a.text), len(b.text)))
            if shorter < 0.5 * longer:
                continue
            if fuzz.token_set_ratio(_folded(a.text), _folded(b.text)) >= NEAR_IDENTICAL:
                uf.union(key[a.id], key[b.id])
                out.append((a.id, b.id))
    return out


def join_sources(reports: Sequence[Report], pairs: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Report id -> the key of its independent source, the copies ``pairs`` names joined."""
    return joined_sources({r.id: source_key(r) for r in reports}, pairs)


def joined_sources(keys: Mapping[str, str], pairs: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Report id -> the key of its independent source, from each report's key (``keys``) and the copies
    ``pairs`` names joined: the first key in string order of the keys the copies join, else its own."""
    root = joined_keys(keys, pairs)
    return {report_id: root.get(key, key) for report_id, key in keys.items()}


def joined_keys(keys: Mapping[str, str], pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Each key the copies ``pairs`` join (both reports in ``keys``) -> the first key in string order
    of the keys joined with it (a set's root); every other key is its own source."""
    uf: UnionFind[str] = UnionFind()
    joined: set[str] = set()
    for a, b in pairs:
        if a in keys and b in keys:
            uf.union(keys[a], keys[b])
            joined.update((keys[a], keys[b]))
    return {key: uf.find(key) for key in joined}


def independent_sources(
    reports: Sequence[Report], groups: Sequence[Sequence[str]] | None = None
) -> dict[str, str]:
    """Report id -> the key of its independent source: its outlet (folded), shared by reports of one
    outlet, and by near-identical texts of different outlets. ``groups`` limits the text comparison
    to reports of one group (an event); by default all reports are compared."""
    by_id = {r.id: r for r in reports}
    pairs: list[tuple[str, str]] = []
    for members in groups if groups is not None else [list(by_id)]:
        pairs += near_identical([by_id[i] for i in members if i in by_id])
    return join_sources(reports, pairs)
