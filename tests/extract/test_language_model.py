"""The language detector's model kept unpacked in the cache folder (invented texts)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from language_texts import ENGLISH, OTHERS

from ringscope import settings
from ringscope.extract import language_model


@pytest.fixture(scope="module")
def reference() -> Any:
    """The identifier as py3langid builds it from its packed model."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _texts() -> list[str]:
    return [ENGLISH, *OTHERS.values(), "Mae Sot 2026"]


def _same(identifier: Any, reference: Any) -> None:
    for text in _texts():
        assert identifier.classify(text) == reference.classify(text)
    assert np.array_equal(identifier.nb_ptc, reference.nb_ptc)
    assert identifier.nb_classes == reference.nb_classes
    assert identifier.tk_nextmove == reference.tk_nextmove
    assert identifier.tk_row == reference.tk_row
    assert identifier.tk_output == reference.tk_output


def _unpacked(folder: Path) -> list[Path]:
    return sorted(folder.glob("py3langid-*.npz"))


def test_first_load_keeps_the_unpacked_model_and_later_loads_read_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reference: Any
) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setattr(settings, "CACHE_DIR", str(folder))
    folder.mkdir()
    (folder / "py3langid-0.0.1-1-1.npz").write_bytes(b"an older version's file")
    target = language_model.unpacked_path(_packed())
    assert target is not None and target.parent == folder
    first = language_model.load_identifier()
    kept = _unpacked(folder)
    assert kept == [target]
    assert not list(folder.glob("*.part"))
    _same(first, reference)
    stamp = kept[0].stat().st_mtime_ns
    second = language_model.load_identifier()
    assert kept[0].stat().st_mtime_ns == stamp  # read, not written again
    _same(second, reference)


def test_a_damaged_cache_file_falls_back_to_the_packed_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reference: Any
) -> None:
    monkeypatch.setattr(settings, "CACHE_DIR", str(tmp_path))
    target = language_model.unpacked_path(_packed())
    assert target is not None
    target.write_bytes(b"PK\x03\x04 not a whole archive")
    _same(language_model.load_identifier(), reference)


def test_an_unwritable_cache_folder_falls_back_to_the_packed_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reference: Any
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("a file where the cache folder would go", encoding="utf-8")
    monkeypatch.setattr(settings, "CACHE_DIR", str(blocker / "cache"))
    _same(language_model.load_identifier(), reference)
    assert not (blocker / "cache").exists()


def test_no_cache_folder_keeps_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reference: Any
) -> None:
    monkeypatch.setattr(settings, "CACHE_DIR", "")
    monkeypatch.chdir(tmp_path)
    assert language_model.unpacked_path(_packed()) is None
    _same(language_model.load_identifier(), reference)
    assert not list(tmp_path.rglob("*.npz"))


def _packed() -> Path:
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    return Path(MODEL_DIR) / MODEL_FILE
