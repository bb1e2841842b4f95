"""The victim-policy decision kept with the store, so readers do not decide again.

The decision over a store's picture is taken once per store state (after an ingest, by the ingest
itself) and stored as rows (:mod:`ringscope.store.withheld`): who is withheld under which
placeholder and why, and the names that may be shown. A reader finding the decision of the
store's current state rebuilds the policy from its rows; otherwise it decides and stores the
decision. The cue hits of each report's text are stored too
(with the digest of the cue table that found them), so a new decision scans only new reports.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from functools import cache
from importlib import resources

from ringscope.fuse import Picture
from ringscope.privacy.cues import Cues, Hit, load
from ringscope.privacy.policy import Policy, Withheld, decide, finish
from ringscope.store import Store
from ringscope.store.withheld import WithheldRow


@cache
def cue_digest() -> str:
    """The digest of the shipped cue table (stored hits of another table are found again)."""
    text = resources.files("ringscope.privacy").joinpath("cues.yaml").read_bytes()
    return hashlib.sha1(text).hexdigest()[:16]


def _hits(store: Store, picture: Picture, cues: Cues) -> dict[str, list[Hit]]:
    """Every report's cue hits: stored ones read, the others found and stored."""
    parts = store.picture_parts()
    stored = parts.cue_hits(cue_digest())
    out: dict[str, list[Hit]] = {}
    fresh: list[tuple[str, str, str]] = []
    for report_id, report in picture.reports.items():
        data = stored.get(report_id)
        if data is not None:
            out[report_id] = [Hit(*row) for row in json.loads(data)]
            continue
        out[report_id] = cues.find(report.text)
        rows = [[h.cue, h.kind, h.name, h.start, h.end] for h in out[report_id]]
        fresh.append((report_id, cue_digest(), json.dumps(rows, ensure_ascii=False)))
    if fresh:
        try:
            parts.save_side([], fresh)
        except sqlite3.OperationalError:
            pass  # a read-only store: found again at the next decision
    return out


def restore(store: Store, cues: Cues) -> Policy:
    """The policy the stored decision rows hold (the latest decision)."""
    rows, visible = store.decision()
    withheld = {r.key: Withheld(r.key, r.label, frozenset(r.names), r.reasons) for r in rows}
    return finish(withheld, frozenset(visible), cues)


def _encode(policy: Policy) -> str:
    """The decision as one JSON text (for comparing decisions)."""
    return json.dumps({
        "withheld": [[w.key, w.label, sorted(w.names), list(w.reasons)] for w in policy.withheld.values()],
        "visible": sorted(policy.visible_names),
    }, ensure_ascii=False)


def policy_of(store: Store, picture: Picture, state: str) -> Policy:
    """The victim policy over ``picture`` (the store's whole picture at ``state``): the stored
    decision of that state, else decided now (keeping every placeholder given before) and stored."""
    cues = load()
    parts = store.picture_parts()
    if parts.policy(state) is not None:
        return restore(store, cues)
    hits = _hits(store, picture, cues)
    policy = decide(picture, cues, labels=store.withheld_labels(), hits=hits)
    save_decision(store, policy, state)
    return policy


def save_decision(store: Store, policy: Policy, state: str) -> None:
    """Keep ``policy`` (taken over a whole picture) as the decision of store state ``state``
    (placeholders given are kept for good)."""
    rows = [
        WithheldRow(w.key, w.label, label_number(w.label), tuple(sorted(w.names)), w.reasons, (n, 0, w.key))
        for n, w in enumerate(policy.withheld.values())
    ]
    try:
        store.save_decision(rows, [(name, "") for name in sorted(policy.visible_names)], state, "whole")
    except sqlite3.OperationalError:
        pass  # a read-only store: the decision is still made, at every read


def label_number(label: str) -> int:
    """The number of a placeholder (``[victim 3]`` -> 3)."""
    return int(label.strip("[]").split()[-1])
