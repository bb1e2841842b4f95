"""Where the time of one update goes: fold reports into a copy of a store and print CPU per stage.

Usage: python bench/update_stages.py STORE [--more 1000] [--folds 1] [--copy C] [--profile P]

STORE is a store built by bench/fusion_scale.py (``--dir``), used through a copy (``--copy``, by
default next to it) so it stays as it was. The reports folded in are made as fusion_scale.py makes
them (needs ../shared). CPU seconds, not wall time: the machine may be shared. With ``--folds N``,
N folds follow one another in one process (as an ingest of many files does); the CPU of each is
printed, the stages of the last (the first after a copy reads pages the others find cached).
"""

from __future__ import annotations

import argparse
import cProfile
import shutil
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fusion_scale  # noqa: E402

SPENT: dict[str, float] = defaultdict(float)


def timed(module: Any, name: str, label: str) -> None:
    """Count the CPU time of ``module.name`` under ``label`` (when the module has it)."""
    inner: Callable[..., Any] | None = getattr(module, name, None)
    if inner is None:
        return

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return inner(*args, **kwargs)
        finally:
            SPENT[label] += time.process_time() - start

    setattr(module, name, wrapper)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--more", type=int, default=1000)
    parser.add_argument("--folds", type=int, default=1, help="folds of --more reports, one after the other")
    parser.add_argument("--copy", type=Path, default=None)
    parser.add_argument("--profile", type=Path, default=None, help="write cProfile stats of the fold here")
    args = parser.parse_args()
    import ringscope.fuse.event_links as linking
    import ringscope.fuse.resolve_update as resolving
    import ringscope.fuse.update as updating
    import ringscope.fuse.update_sources as sourcing
    import ringscope.ingest.runner as runner
    import ringscope.privacy.findings as finding
    import ringscope.privacy.incremental as deciding
    import ringscope.privacy.verdicts as judging
    from ringscope.api import ingest, open_store

    copy = args.copy or args.store.with_name(args.store.stem + "_stages.db")
    shutil.copy(args.store, copy)
    with open_store(copy) as db:
        size = sum(1 for _ in db.iter_reports())
    timed(linking, "evidence", "event evidence (read or worked out)")
    timed(updating, "regroup", "event grouping (keys, pairs, groups)")
    timed(linking, "_regrouped", "event grouping: linked reports grouped again")
    timed(sourcing, "independent_of", "independent sources")
    timed(updating, "_scope_figures", "figures of changed scopes")
    timed(resolving, "_closure", "entities: set to resolve again")
    timed(resolving, "_fuzzy", "entities: near-identical new names found")
    timed(resolving, "groups", "entities: new names grouped with kept entities")
    timed(resolving, "gathered_of", "entities: gathered figures read")
    timed(resolving, "resolve_group", "entities: resolved entity by entity")
    timed(resolving, "link", "entities: persons linked")
    timed(resolving, "relink", "entities: persons outside linked again")

    timed(resolving, "_occurrences", "entities: occurrences read")
    timed(resolving, "resolve", "entities: resolution of the set")
    timed(resolving, "new_occurrences", "entities: occurrences of changed reports read")
    timed(resolving, "the_figures", "entities: figures of the forms")
    timed(resolving, "groups_of", "entities: forms joined")
    timed(resolving, "report_counts", "entities: reports of the set counted")
    timed(updating, "_entities", "entities (all)")
    timed(updating, "update", "picture update (all)")
    timed(deciding, "_assemble", "victim policy: decision assembled")
    timed(finding, "_report_hits", "victim policy: hits of changed reports (cue scan)")
    timed(deciding, "take", "victim policy: findings of changed reports (all)")
    timed(finding.Findings, "on", "victim policy: findings on names read")
    timed(finding.Findings, "first", "victim policy: first hits of names")
    timed(deciding, "take_entities", "victim policy: entity verdicts (all)")
    timed(deciding, "take_texts", "victim policy: name verdicts (all)")
    timed(judging, "judge_entity", "victim policy: entities judged")
    timed(judging, "entity_keys", "victim policy: names of the entities")
    timed(deciding, "save_decision", "victim policy: decision saved")
    timed(deciding.PolicyParts, "apply", "victim policy: verdicts written")
    timed(deciding.PolicyParts, "first_mention", "victim policy: first mentions")
    timed(deciding.PolicyParts, "entity_names", "victim policy: entities read")
    timed(deciding.PolicyParts, "key_entities", "victim policy: entities of the names")
    timed(deciding, "_changed", "victim policy: what changed")
    timed(runner, "store_picture", "picture and victim policy (all)")
    pool = fusion_scale.sentences()
    profile = cProfile.Profile() if args.profile else None
    with open_store(copy) as db:
        for fold in range(args.folds):
            # named after the copy: benches run at once with copies in one folder must not share the reports
            more = copy.with_name(f"{copy.stem}.more_{size}.jsonl")
            fusion_scale.archive(more, 10_000_000 + size, args.more, pool, seed=size + 7)
            last = fold == args.folds - 1
            SPENT.clear()
            start = time.process_time()
            if profile and last:
                profile.enable()
            ingest([more], db)
            if profile and last:
                profile.disable()
                profile.dump_stats(args.profile)
            print(f"fold {args.more} reports into a store of {size}: CPU {time.process_time() - start:.1f} s")
            size += args.more
    for label, seconds in sorted(SPENT.items(), key=lambda item: -item[1]):
        print(f"  {label:40} {seconds:7.1f} s")
    step = SPENT["picture and victim policy (all)"] - SPENT["picture update (all)"]
    print(f"  {'victim policy step (all minus update)':40} {step:7.1f} s")


if __name__ == "__main__":
    main()
