"""A verdict taken again keys only the aliases it has not met: the folded names of each alias are
kept with the cue table they were worked out with."""

from __future__ import annotations

from pathlib import Path

import pytest

import ringscope.privacy.verdicts as verdicts
from ringscope.fuse.resolve import ResolvedEntity
from ringscope.privacy.cues import Cues, load
from ringscope.privacy.policy import alias_keys, entity_keys
from ringscope.store import Store
from ringscope.store.policy_parts import PolicyDelta

FIRST = ["Director Lindo dela Cruz", "Harbour Bureau of Vessa"]
LATER = ["Harbour Bureau of Vessa", "the Harbour Bureau office", "Inspector Jonas Vermaak"]


def _expected(aliases: list[str], cues: Cues) -> set[str]:
    entity = ResolvedEntity("e1", "Organization", aliases[0], None, None, None,
                            aliases={a: [] for a in aliases}, roles={})
    return entity_keys(entity, cues)


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []

    def counting(alias: str, cues: Cues) -> list[str]:
        calls.append(alias)
        return alias_keys(alias, cues)

    monkeypatch.setattr(verdicts, "alias_keys", counting)
    return calls


def test_only_new_aliases_are_keyed_and_gone_ones_dropped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cues = load()
    calls = _counted(monkeypatch)
    with Store(tmp_path / "s.db") as store:
        parts = store.policy_parts()
        delta = PolicyDelta()
        first = verdicts._keyed(parts, cues, {"e1": FIRST}, delta)
        assert first == {"e1": _expected(FIRST, cues)} and sorted(calls) == sorted(FIRST)
        parts.apply(delta)
        calls.clear()
        delta = PolicyDelta()
        later = verdicts._keyed(parts, cues, {"e1": LATER}, delta)
        assert later == {"e1": _expected(LATER, cues)}
        assert sorted(calls) == sorted(set(LATER) - set(FIRST))
        assert delta.aliases_gone == [("e1", "Director Lindo dela Cruz")]
        parts.apply(delta)
        assert sorted(parts.alias_keys(["e1"], verdicts.cue_digest())["e1"]) == sorted(LATER)


def test_keys_kept_for_another_cue_table_are_worked_out_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cues = load()
    with Store(tmp_path / "s.db") as store:
        parts = store.policy_parts()
        delta = PolicyDelta()
        verdicts._keyed(parts, cues, {"e1": FIRST}, delta)
        parts.apply(delta)
        monkeypatch.setattr(verdicts, "cue_digest", lambda: "another table")
        calls = _counted(monkeypatch)
        delta = PolicyDelta()
        assert verdicts._keyed(parts, cues, {"e1": FIRST}, delta) == {"e1": _expected(FIRST, cues)}
        assert sorted(calls) == sorted(FIRST)


def test_an_entity_whose_verdict_is_dropped_loses_its_alias_keys(tmp_path: Path) -> None:
    cues = load()
    with Store(tmp_path / "s.db") as store:
        parts = store.policy_parts()
        delta = PolicyDelta()
        verdicts._keyed(parts, cues, {"e1": FIRST, "e2": LATER}, delta)
        parts.apply(delta)
        parts.apply(PolicyDelta(entities_gone=["e1"]))
        kept = parts.alias_keys(["e1", "e2"], verdicts.cue_digest())
        assert set(kept) == {"e2"}
