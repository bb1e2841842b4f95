"""Shipping ringscope to Spark executors: the package, data files included, as one zip.

Spark adds a zip given to ``SparkContext.addPyFile`` (or ``spark.submit.pyFiles``) to
the front of every Python worker's ``sys.path``, so executors import the very code
and reference data the driver runs, whatever (if anything) is installed on them.
The package reads its data through :mod:`importlib.resources`, which works from a zip.
The executors' Python must still have ringscope's third-party dependencies.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import ringscope

SKIPPED_DIRS = frozenset({"__pycache__"})
SKIPPED_SUFFIXES = (".pyc", ".pyo")


def package_dir() -> Path | None:
    """The folder ringscope is imported from, or None when it is not a plain folder (a zip)."""
    folder = Path(ringscope.__file__).parent
    return folder if folder.is_dir() else None


def build_package_zip(target: Path) -> Path:
    """Write ``ringscope.zip`` (every module and data file of the package) into the folder ``target``."""
    source = package_dir()
    if source is None:
        raise FileNotFoundError(f"ringscope is not imported from a folder ({ringscope.__file__})")
    archive = target / "ringscope.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(source.rglob("*")):
            relative = path.relative_to(source.parent)
            if path.is_dir() or SKIPPED_DIRS.intersection(relative.parts) or path.suffix in SKIPPED_SUFFIXES:
                continue
            zf.write(path, relative.as_posix())
    return archive
