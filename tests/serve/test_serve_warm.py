"""The server loads the place gazetteer and exchange rates at start, off the request path."""

from __future__ import annotations

import threading

from fastapi.testclient import TestClient

from ringscope.extract.gazetteer import gazetteer
from ringscope.fuse import fx
from ringscope.serve.app import create_app

from .conftest import Fixture


def test_start_up_loads_what_judged_pages_need_in_the_background(served: Fixture) -> None:
    gazetteer.cache_clear()
    fx._converter.cache_clear()
    with TestClient(create_app(served.path)) as client:
        warm = next((t for t in threading.enumerate() if t.name == "ringscope-warm"), None)
        if warm is not None:
            warm.join(timeout=120)
        assert gazetteer.cache_info().currsize == 1
        assert fx._converter.cache_info().currsize == 1
        assert client.get("/health").status_code == 200
