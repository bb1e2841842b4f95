"""Files only their owner may read: the store (with SQLite's -wal and -shm files, which SQLite
creates with the store's own permissions) and exports are created mode 0600."""

from __future__ import annotations

import os
import stat
from pathlib import Path

MODE = 0o600


def private_file(path: Path) -> None:
    """Create ``path`` empty with mode 0600 when it does not exist; when it does and belongs to
    this user, take away the rights of group and others."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, MODE)
    except FileExistsError:
        tighten(path)
        return
    os.close(fd)


def tighten(path: Path) -> None:
    """Remove group and other rights from ``path`` (a file of this user; others are left alone)."""
    try:
        info = os.stat(path)
    except OSError:
        return
    if stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid() and info.st_mode & 0o077:
        os.chmod(path, stat.S_IMODE(info.st_mode) & 0o700)
