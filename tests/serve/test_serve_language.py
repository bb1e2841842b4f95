"""The report page and API say when a report's language kept it from being extracted (invented texts)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from fastapi.testclient import TestClient

from ringscope.ingest import ingest_paths
from ringscope.serve.app import create_app
from ringscope.serve.users import add_user, create_token
from ringscope.store import Store

from .test_serve_web import login

ENGLISH = "Police freed 43 workers from a building near the border on Tuesday, officials said."
THAI = (
    "ตำรวจช่วยเหลือคนงานสี่สิบสามคนจากอาคารแห่งหนึ่งใกล้ชายแดนเมื่อวันอังคาร"
    " เจ้าหน้าที่กล่าวว่าพวกเขาถูกบังคับให้ทำงานหลอกลวงทางออนไลน์เป็นเวลาหลายเดือน"
)


def test_report_page_names_an_unsupported_language(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"text": t}) + "\n" for t in (ENGLISH, THAI)), encoding="utf-8")
    with Store(path) as db:
        assert ingest_paths(db, [source]).ok
        ids = {db.get_extraction(r.id).language: r.id for r in db.iter_reports()}
    add_user(path, "vera", "viewer-password", "viewer")
    token = create_token(path, "vera", "tests")
    app = create_app(path)
    client = login(app, "vera")
    thai = client.get(f"/reports/{ids['th']}")
    english = client.get(f"/reports/{ids['en']}")
    assert thai.status_code == english.status_code == 200
    assert re.search(r'class="notice"[^>]*>language th not supported by the extractor', thai.text)
    assert "language th" in thai.text
    assert "not supported" not in english.text
    assert "language en" in english.text
    api = TestClient(app).get(f"/api/v1/reports/{ids['th']}", headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 200
    body = api.json()
    assert (body["language"], body["unsupported_language"]) == ("th", True)
    assert body["note"].startswith("language th not supported")
    assert body["claims"] == body["entities"] == []
