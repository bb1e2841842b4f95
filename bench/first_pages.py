"""The first request of each kind of page after the store changed: CPU seconds per page.

Copies the store (``--store``, e.g. one built by ``bench/fusion_scale.py``) to a scratch folder,
adds a viewer, builds the store's snapshot and what lists and search read (what the server does in
the background), then asks for each page once, in a fresh process per page so that no page finds
what another one made, and prints the CPU seconds each took in the server. Stops by itself.

    .venv/bin/python bench/first_pages.py --store /tmp/archive.db
"""

from __future__ import annotations

import argparse
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PAGES = ("/reports/{report}", "/entities", "/entities/{entity}", "/claims?conflicts=true", "/claims",
         "/events", "/map", "/timeline", "/network", "/search?q=police", "/reports")
PASSWORD = "a-long-enough-password-1"


def one(store: Path, page: str) -> None:
    """In this process: build the snapshot, then time one page (printed as ``page<TAB>status<TAB>cpu``)."""
    from fastapi.testclient import TestClient

    from ringscope.serve.app import create_app
    from ringscope.serve.preload import preload

    client = TestClient(create_app(store, preload=False))
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text)
    assert token is not None
    client.post("/login", data={"username": "first-pages", "password": PASSWORD, "csrf": token.group(1)},
                follow_redirects=False)
    preload(store)  # what the server does in the background after a change
    start = time.process_time()
    status = client.get(page).status_code
    print(f"{page}\t{status}\t{time.process_time() - start:.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--page", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.page:
        one(args.store, args.page)
        return 0
    from ringscope.serve.users import add_user

    with tempfile.TemporaryDirectory(prefix="ringscope-first-") as scratch:
        store = Path(scratch) / "store.db"
        shutil.copy(args.store, store)
        add_user(store, "first-pages", PASSWORD, "viewer")
        conn = sqlite3.connect(store)
        report = conn.execute("SELECT id FROM reports ORDER BY pk LIMIT 1 OFFSET 500").fetchone()
        entity = conn.execute("SELECT id FROM picture_entities ORDER BY sort, ord LIMIT 1").fetchone()
        conn.close()
        if report is None or entity is None:
            raise SystemExit(f"{args.store}: needs a stored picture and more than 500 reports")
        print(f"first request of each page, the snapshot already built ({args.store}):")
        for page in PAGES:
            url = page.format(report=report[0], entity=entity[0])
            out = subprocess.run([sys.executable, __file__, "--store", str(store), "--page", url],
                                 capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
            path, status, cpu = out.split("\t")
            print(f"  {page:28s} {status}  {float(cpu):6.2f} s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
