"""The check that a stored picture, updated batch by batch, is the picture fused from every report at once."""

from __future__ import annotations

from ringscope.fuse import fuse
from ringscope.fuse.stored import current, encode, plain
from ringscope.store import Store


def same_as_fused_at_once(store: Store) -> None:
    kept = current(store)
    fused = fuse(list(store.iter_extractions()))
    assert encode(kept) == encode(fused)
    assert [plain(e) for e in kept.entities] == [plain(e) for e in fused.entities]
