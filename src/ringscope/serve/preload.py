"""The store's picture loaded before a page asks for it: when the app starts, and after each change.

A page that needs the picture waits while the store's snapshot is built: tens of seconds on an
archive of 100,000 reports, once per process and again after every ingest or judgement. The
preloader builds it in the background instead: at start, and once the store has changed and then
stayed unchanged for :data:`QUIET_SECONDS` (an ingest in batches changes the store every few
seconds, and building after each batch would take the CPU from the ingest). A page asked for
during a build waits for that build (:func:`ringscope.report.snapshot.load` builds each store's
snapshot once at a time) and never starts a second one. What viewers' lists, search, entity and report
pages read is made with it (:func:`preload`), so the first of those pages does not make it.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

from ringscope.report import snapshot as snapshots
from ringscope.report.analysis import focus_members
from ringscope.report.entity_view import report_claims, report_entities
from ringscope.serve.finder import search_index
from ringscope.store import StoreError

POLL_SECONDS = 2.0
"""How often the store's state is read."""
QUIET_SECONDS = 10.0
"""How long a changed store must stay unchanged before its snapshot is built."""

log = logging.getLogger("ringscope.serve")


def preload(path: Path) -> snapshots.Snapshot:
    """The snapshot of the store at ``path`` with what viewers' lists, search, entity and report
    pages read made in it (once per snapshot; seconds each on a large archive)."""
    snapshot = snapshots.load(path)
    snapshot.listed()
    # what entity and report pages read first: a page asked for during the preload waits for the
    # step it needs, and search's steps take longest on a large archive
    focus_members(snapshot, names=False)  # every entity's reports and links, for entity pages
    report_entities(snapshot)  # the entities of each report, for report pages
    report_claims(snapshot)  # the claims of each report, for entity pages
    snapshot.searchable()
    search_index(snapshot, shown=False)  # the facets of search
    return snapshot


class Preloader:
    """Keeps the snapshot of the whole store at ``path`` loaded (see the module's docstring)."""

    def __init__(
        self,
        path: Path,
        poll: float = POLL_SECONDS,
        quiet: float = QUIET_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.path = Path(path)
        self.poll = poll
        self.quiet = quiet
        self._clock = clock
        self._seen: snapshots.StateKey | None = None
        self._since = 0.0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._problem = ""

    def step(self) -> bool:
        """Read the store's state once, and build its snapshot when that is due: at the first step,
        or when the state changed at least :attr:`quiet` seconds ago and has not changed since.
        True when a snapshot was built."""
        state = self._state()
        if state is None:
            return False
        now = self._clock()
        if state != self._seen:
            first = self._seen is None
            self._seen, self._since = state, now
            if not first:
                return False
        elif now - self._since < self.quiet:
            return False
        if snapshots.holds(self.path, state):
            return False
        snapshots.recheck(self.path)  # the state was just read: no grace period for the cached one
        preload(self.path)
        return True

    def _state(self) -> snapshots.StateKey | None:
        if not self.path.is_file():
            return None
        try:
            return snapshots.store_state(self.path)
        except sqlite3.OperationalError:
            return None  # the store is being written: read again at the next step

    def start(self) -> None:
        """Step every :attr:`poll` seconds in a background thread until :meth:`stop`."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="ringscope-preload", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.step()
                self._problem = ""
            except (StoreError, sqlite3.Error, OSError, ValueError) as exc:
                # said once per problem, in one line; pages asked for meanwhile say it themselves
                if str(exc) != self._problem:
                    self._problem = str(exc)
                    log.warning("preloading the picture of %s: %s", self.path, exc)
            self._stop.wait(self.poll)
