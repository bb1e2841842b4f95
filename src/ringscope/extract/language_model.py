"""The language detector's model, with its unpacked arrays kept on disk between runs.

py3langid ships its model as an xz-packed NumPy archive (under 5 MB packed, about 68 MB
unpacked). Unpacking it costs about half a second of CPU, paid by every run that meets a report
whose language the English shortcut of :mod:`ringscope.extract.language` cannot call. The first
such run keeps the unpacked archive in the cache folder (:data:`ringscope.settings.CACHE_DIR`),
named after the package's version and the packed file's size and time, so that an upgrade never
reads an older one (and the files of other versions are removed); later runs read it back with
``numpy.load`` (no pickle) in about a quarter of the time. The archive is read exactly as
py3langid reads the one it unpacks, and the identifier built from it as py3langid builds it, so
it is the same either way. Without a cache folder, or with one that cannot be written or holds a
damaged file, the model is unpacked in memory as before.
"""

from __future__ import annotations

import lzma
import os
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from ringscope import settings

_PROBLEMS = (OSError, ValueError, KeyError, EOFError, AttributeError, zipfile.BadZipFile, lzma.LZMAError)
"""What a missing, unwritable, damaged or foreign cache file (or a py3langid that reads its model
some other way) raises: the model is then unpacked as py3langid does."""


def load_identifier() -> Any:
    """The py3langid identifier, probabilities normalised (as ``LanguageIdentifier.from_model_file``
    builds it from the packed model)."""
    import numpy as np
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    packed = Path(MODEL_DIR) / MODEL_FILE
    model = _cached(packed)
    if model is None:
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ptc, pc, classes, nextmove, row, output = model
    return LanguageIdentifier(np.asarray(ptc), np.asarray(pc), classes, nextmove, output, norm_probs=True,
                              tk_row=row)


def unpacked_path(packed: Path) -> Path | None:
    """Where the unpacked model is kept, or None when there is no cache folder."""
    if not settings.CACHE_DIR:
        return None
    import py3langid

    stat = packed.stat()
    name = f"py3langid-{py3langid.__version__}-{stat.st_size}-{stat.st_mtime_ns}.npz"
    return Path(settings.CACHE_DIR) / name


def _cached(packed: Path) -> tuple[Any, ...] | None:
    """The model's parts read from the cache (unpacked there first when missing), or None."""
    try:
        unpacked = unpacked_path(packed)
        if unpacked is None:
            return None
        if not unpacked.is_file():
            _unpack(packed, unpacked)
        return _read(unpacked)
    except _PROBLEMS:
        return None


def _unpack(packed: Path, unpacked: Path) -> None:
    """Unpack the model into the cache folder: written aside, then renamed into place whole (a
    concurrent run reads either no file or a complete one); older versions' files are removed."""
    unpacked.parent.mkdir(parents=True, exist_ok=True)
    fd, part = tempfile.mkstemp(dir=unpacked.parent, prefix=unpacked.name, suffix=".part")
    try:
        with os.fdopen(fd, "wb") as sink, lzma.open(packed) as source:
            shutil.copyfileobj(source, sink, length=1 << 20)
        os.replace(part, unpacked)
    except BaseException:
        Path(part).unlink(missing_ok=True)
        raise
    for older in unpacked.parent.glob("py3langid-*.npz"):
        if older != unpacked:
            older.unlink(missing_ok=True)


def _read(unpacked: Path) -> tuple[Any, ...]:
    """The model's parts as py3langid's ``modelio.load_model`` returns them from its unpacked archive."""
    import numpy as np
    from py3langid import modelio

    with np.load(unpacked, allow_pickle=False) as data:
        if not {"nextmove_row", "out_feat"} <= set(data.files):
            raise ValueError(f"{unpacked}: not a model archive py3langid reads")
        return (data["ptc"], data["pc"], data["classes"].tolist(), modelio._to_array(data["nextmove"]),
                modelio._to_array(data["nextmove_row"]), data["out_feat"].tolist())
