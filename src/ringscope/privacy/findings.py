"""The cue hits a decision takes in: those of changed reports, and what they change per folded name.

A verdict depends on the hits on a name only through what they found (cue, kind, name as
written; see :mod:`ringscope.store.policy_found`), and a name only cues found is placed by its
first hit. So a batch tells which folded names' findings appear or disappear (``changed``: the
verdicts on them are taken again) and which names lose hits (``shrunk``: their first hit may move).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ringscope.fuse.names import fold
from ringscope.privacy.cues import Cues, Hit
from ringscope.privacy.stored import cue_digest
from ringscope.store import Store
from ringscope.store.policy_found import Finding
from ringscope.store.policy_parts import PolicyDelta, PolicyParts

Found = list[tuple[Hit, str]]
"""What a verdict is taken on: one hit per finding (a verdict reads the findings only)."""


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _report_hits(store: Store, parts: PolicyParts, cues: Cues, report_ids: list[str]) -> dict[str, list[Hit]]:
    """The cue hits of the given reports: stored ones read, the others found and stored."""
    stored = parts.cue_hits_of(cue_digest(), report_ids)
    out = {r: [Hit(*row) for row in json.loads(d)] for r, d in stored.items()}
    missing = [r for r in report_ids if r not in out]
    fresh = []
    for report_id, text in store.picture_parts().texts(missing).items():
        out[report_id] = cues.find(text)
        rows = [[h.cue, h.kind, h.name, h.start, h.end] for h in out[report_id]]
        fresh.append((report_id, cue_digest(), json.dumps(rows, ensure_ascii=False)))
    if fresh:
        store.picture_parts().save_side([], fresh)
    return out


@dataclass(slots=True)
class Findings:
    """The hits of a batch and what they change (see :func:`take`)."""

    parts: PolicyParts
    gone: set[str]
    """Reports whose kept hits are dropped."""
    new: dict[tuple[str, str], list[Hit]]
    """(folded name, report id) -> hits of changed reports."""
    touched: set[str]
    changed: set[str]
    shrunk: set[str]
    now: dict[str, set[Finding]] = field(default_factory=dict)
    """Findings once the batch is taken in, of the names read so far."""

    def on(self, keys: set[str]) -> dict[str, set[Finding]]:
        """The findings of the given folded names once the batch is taken in."""
        missing = {k for k in keys if k not in self.now}
        kept = self.parts.found_on(missing)
        for key in missing:  # not touched: kept counts are the counts now
            self.now[key] = set(kept.get(key, {}))
        return {k: self.now[k] for k in keys if self.now.get(k)}

    def hits(self, keys: set[str]) -> Found:
        """One hit per finding on any of the given folded names (in a stable order)."""
        found = set().union(*self.on(keys).values()) if keys else set()
        return [(Hit(cue, kind, name, 0, 0), "") for cue, kind, name in sorted(found)]  # type: ignore[arg-type]

    def first(self, keys: set[str]) -> dict[str, tuple[int, int]]:
        """(row number of the report, start) of the first hit on each of the given folded names."""
        out: dict[str, tuple[int, int]] = {}
        for key, report_id, pk, data in self.parts.placed_hits(keys):
            if report_id not in self.gone:
                place = min((pk, int(row[3])) for row in json.loads(data))
                out[key] = min(out.get(key, place), place)
        for key, place in self.first_new(keys).items():
            out[key] = min(out.get(key, place), place)
        return out

    def first_new(self, keys: set[str]) -> dict[str, tuple[int, int]]:
        """The place of the first new hit on each of the given folded names (those with new hits)."""
        pks = self.parts.report_pks({r for k, r in self.new if k in keys})
        out: dict[str, tuple[int, int]] = {}
        for (key, report_id), hits in self.new.items():
            if key in keys:
                place = min((pks.get(report_id, 0), h.start) for h in hits)
                out[key] = min(out.get(key, place), place)
        return out


def take(store: Store, parts: PolicyParts, cues: Cues, stamps: dict[str, str], kept: dict[str, str],
         delta: PolicyDelta) -> Findings:
    """Take in the hits of changed reports (``stamps`` now, ``kept`` as the verdicts were taken, of
    every report that may have changed): the hits and counts to write go in ``delta``."""
    changed_reports = sorted(r for r, s in stamps.items() if kept.get(r) != s)
    delta.reports_gone = [r for r in kept if r not in stamps or kept[r] != stamps[r]]
    change: Counter[tuple[str, Finding]] = Counter()
    shrunk: set[str] = set()
    for key, _, data in parts.hits_of_reports(delta.reports_gone):
        shrunk.add(key)
        for row in json.loads(data):
            change[(key, (row[0], row[1], row[2]))] -= 1
    new: dict[tuple[str, str], list[Hit]] = defaultdict(list)
    for report_id, hits in _report_hits(store, parts, cues, changed_reports).items():
        for hit in hits:
            new[(fold(hit.name), report_id)].append(hit)
    for (key, report_id), hits in new.items():
        delta.hits.append((key, report_id, _dump([[h.cue, h.kind, h.name, h.start, h.end] for h in hits])))
        for hit in hits:
            change[(key, (hit.cue, hit.kind, hit.name))] += 1
    delta.reports = [(r, stamps[r]) for r in changed_reports]
    delta.found = [(key, *finding, n) for (key, finding), n in sorted(change.items()) if n]
    touched = shrunk | {key for key, _ in new}
    findings = Findings(parts, set(delta.reports_gone), new, touched, set(), shrunk)
    by_key: dict[str, list[tuple[Finding, int]]] = defaultdict(list)
    for (key, finding), n in change.items():
        by_key[key].append((finding, n))
    kept_counts = parts.found_on(touched)
    for key in touched:
        before = kept_counts.get(key, {})
        counts = Counter(before)
        for finding, n in by_key.get(key, []):
            counts[finding] += n
        findings.now[key] = {f for f, n in counts.items() if n > 0}
        if findings.now[key] != {f for f, n in before.items() if n > 0}:
            findings.changed.add(key)
    return findings
