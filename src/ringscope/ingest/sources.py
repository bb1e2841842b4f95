"""Finding the inputs: files as named, folders searched recursively, ``-`` for stdin."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

from ringscope.ingest.errors import InputProblem
from ringscope.ingest.readers import READERS

STDIN = "-"


@dataclass(frozen=True, slots=True)
class Source:
    """One input to read: a file, or standard input when ``path`` is None."""

    name: str
    path: Path | None

    @property
    def suffix(self) -> str:
        return self.path.suffix if self.path is not None else ""


def find_sources(
    paths: Sequence[str | Path],
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> Iterator[Source | InputProblem]:
    """The inputs named by ``paths``, in order; folders are walked in sorted order.

    Inside folders, files are taken when their name matches an ``include`` glob (by
    default: a suffix that has a reader) and no ``exclude`` glob; hidden files and
    folders are skipped. Files named explicitly are always taken.
    """
    for raw in paths:
        name = str(raw)
        if name == STDIN:
            yield Source("<stdin>", None)
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, include, exclude)
        elif path.exists():
            yield Source(name, path)
        elif path.is_symlink():
            yield InputProblem(name, "broken symbolic link")
        else:
            yield InputProblem(name, "no such file or folder")


def _walk(root: Path, include: Sequence[str], exclude: Sequence[str]) -> Iterator[Source | InputProblem]:
    def on_error(error: OSError) -> None:
        problems.append(InputProblem(str(error.filename or root), f"cannot read folder: {error.strerror}"))

    problems: list[InputProblem] = []
    for folder, dirs, files in os.walk(root, onerror=on_error):
        base = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _excluded(base / d, root, exclude))
        yield from problems
        problems.clear()
        for filename in sorted(files):
            path = base / filename
            if filename.startswith(".") or _excluded(path, root, exclude):
                continue
            if include:
                if not _matches(path, root, include):
                    continue
            elif path.suffix.lower() not in READERS:
                continue
            yield Source(str(path), path)
    yield from problems


def _matches(path: Path, root: Path, globs: Sequence[str]) -> bool:
    relative = path.relative_to(root).as_posix()
    return any(fnmatch(path.name, glob) or fnmatch(relative, glob) for glob in globs)


def _excluded(path: Path, root: Path, exclude: Sequence[str]) -> bool:
    return bool(exclude) and _matches(path, root, exclude)
