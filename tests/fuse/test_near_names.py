"""Near spellings of new names are found among the kept name keys of their blocks exactly as a
scan of every pair finds them, and a new name near a kept one joins its entity."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from ringscope.fuse.near_names import blocks, lengths, near_pairs
from ringscope.fuse.resolve import FUZZY_MIN, FUZZY_MIN_LENGTH, _key
from ringscope.fuse.resolve_update import _fuzzy
from ringscope.fuse.stored import current
from ringscope.fuse.update import update
from ringscope.model import Entity, Extraction, Mention, Report
from ringscope.store import Store
from ringscope.store.picture_update import PictureDelta
from ringscope.store.resolve_parts import ResolveDelta

from .fused_check import same_as_fused_at_once

# few letters and short words, so that many names are near one another and share blocks
_WORD = st.text(alphabet="abelnor", min_size=1, max_size=7)
_NAME = st.lists(_WORD, min_size=1, max_size=4).map(" ".join)


@st.composite
def _spellings(draw: st.DrawFn, names: list[str]) -> list[str]:
    """Names, each spelt again with a letter dropped, added or changed (so that near spellings of
    every length that can match are met)."""
    out = []
    for name in names:
        at = draw(st.integers(0, len(name)))
        letter = draw(st.sampled_from("abelnor"))
        how = draw(st.sampled_from(["drop", "add", "change", "keep"]))
        out.append({"drop": name[:at] + name[at + 1:], "add": name[:at] + letter + name[at:],
                    "change": name[:at] + letter + name[at + 1:], "keep": name}[how])
    return out


def _scan(new: set[str], kept: set[str]) -> set[tuple[str, str]]:
    """Every pair of a new key and another key (new or kept) sharing a block that rapidfuzz finds
    near-identical, compared one by one."""
    out = set()
    for a in new:
        for b in new | kept:
            if a != b and set(blocks(a)) & set(blocks(b)) and fuzz.ratio(a, b) >= FUZZY_MIN:
                out.add((min(a, b), max(a, b)))
    return out


@settings(max_examples=60, deadline=None)
@given(st.lists(_NAME, max_size=30), st.lists(_NAME, min_size=1, max_size=8), st.data())
def test_near_spellings_of_new_names_are_those_a_scan_of_every_pair_finds(
    others: list[str], names: list[str], data: st.DataObject
) -> None:
    etype = "Location"
    new_names = names + data.draw(_spellings(names))
    kept_names = others + data.draw(_spellings(names)) + data.draw(_spellings(names))
    kept = {k for k in (_key(n, etype) for n in kept_names) if len(k) >= FUZZY_MIN_LENGTH}
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "store.db") as store:
        rows = [(etype, block, key) for key in sorted(kept) for block in blocks(key)]
        store.picture_parts().apply(PictureDelta(state="kept", resolve=ResolveDelta(blocks=rows)))
        fresh = {f"form{i}": (etype, name, "[]") for i, name in enumerate(new_names)}
        delta = ResolveDelta()
        _fuzzy(store.resolve_parts(), fresh, delta)
    new = {k for k in (_key(n, etype) for n in new_names) if len(k) >= FUZZY_MIN_LENGTH} - kept
    assert {(a, b) for _, a, b in delta.fuzzy} == _scan(new, kept)
    assert {(b, k) for _, b, k in delta.blocks} == {(b, k) for k in new for b in blocks(k)}


@settings(max_examples=200, deadline=None)
@given(st.lists(_NAME, min_size=1, max_size=6), st.lists(_NAME, max_size=30))
def test_a_block_compared_at_once_finds_the_pairs_key_by_key_comparison_finds(
    keys: list[str], pool: list[str]
) -> None:
    found = set(near_pairs(keys, pool))
    one_by_one = {(a, b) for a in keys for b in pool if a != b and fuzz.ratio(a, b) >= FUZZY_MIN}
    assert found == one_by_one
    # and no pair lies outside the lengths looked for
    assert all(lengths(len(a))[0] <= len(b) <= lengths(len(a))[1] for a, b in found)


def test_keys_of_every_length_near_one_another_lie_within_the_lengths_looked_for() -> None:
    for size in range(FUZZY_MIN_LENGTH, 120):
        low, high = lengths(size)
        key = "a" * size
        assert fuzz.ratio(key, "a" * (low - 1)) < FUZZY_MIN if low > 1 else True
        assert fuzz.ratio(key, "a" * (high + 1)) < FUZZY_MIN
        nearest = [n for n in range(1, 2 * size) if fuzz.ratio(key, "a" * n) >= FUZZY_MIN]
        assert low <= min(nearest) and max(nearest) <= high


def _report(n: int, *names: str) -> tuple[Report, Extraction]:
    text = f"Invented report {n}: workers were moved through {' and '.join(names)} last spring."
    entities = [Entity("Location", name, mentions=[Mention(0, len(name), name)]) for name in names]
    return Report(text, published=f"2026-03-{1 + n:02d}", url=f"https://near{n}.example.org/a"), \
        Extraction(entities=entities)


def test_a_new_name_near_a_kept_name_joins_its_entity(tmp_path: Path) -> None:
    with Store(tmp_path / "store.db") as store:
        for n, name in enumerate(["Porvenna Harbour Crossing", "Ostrelin Valley Depot", "Porvenna Ridge"]):
            assert store.add(*_report(n, name), "test")
        update(store)
        assert len(current(store).entities) == 3
        assert store.add(*_report(7, "Porvenna Harbor Crossing"), "test")
        update(store)
        entities = current(store).entities
        joined = next(e for e in entities if "Porvenna Harbour Crossing" in e.aliases)
        assert set(joined.aliases) == {"Porvenna Harbour Crossing", "Porvenna Harbor Crossing"}
        assert len(joined.reports) == 2
        assert len(entities) == 3
        same_as_fused_at_once(store)
