"""Screened ads and the recruiter network in a real SQLite store file."""

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from ringscope.screen import screen_text
from ringscope.screen.store import content_hash, iter_ftm, load_networks, save
from ringscope.store import MIGRATIONS, Store, StoreError

# Invented ads: two share a Telegram handle, one of them also a phone number shared with a third.
ADS = {
    "a1": "Customer service staff wanted in Vientiane, Laos. Free flights. Telegram @lantern_desk",
    "a2": "Typists needed, easy work, high pay. Contact Telegram @lantern_desk or WhatsApp +856 20 5555 0101",
    "a3": "Online sales agents. Call +856 20 5555 0101 today.",
    "a4": "The village bakery needs a weekend assistant. Apply in person.",
}
RUN = "import typer; from ringscope.screen.command import screen_command; typer.run(screen_command)"


def _pairs(ids: list[str]) -> list[tuple[str, dict[str, object]]]:
    return [(ADS[i], screen_text(ADS[i], i)) for i in ids]


def test_save_is_idempotent_by_content_and_links_accounts(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    first = save(db, _pairs(["a1", "a2", "a3", "a4"]))
    assert (first.added, first.updated) == (4, 0)
    again = save(db, _pairs(["a1", "a2"]))
    assert (again.added, again.updated) == (0, 2)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM screened_ads").fetchone()[0] == 4
    hashes = {row[0] for row in conn.execute("SELECT content_hash FROM screened_ads")}
    assert hashes == {content_hash(t) for t in ADS.values()}
    accounts = dict(conn.execute("SELECT key, service FROM recruiter_accounts").fetchall())
    assert accounts["handle:lantern_desk"] == "telegram"
    assert "phone:+8562055550101" in accounts
    links = conn.execute(
        "SELECT a.id FROM ad_accounts l JOIN screened_ads a ON a.pk = l.ad_pk "
        "JOIN recruiter_accounts r ON r.pk = l.account_pk WHERE r.key = 'handle:lantern_desk' ORDER BY a.id"
    ).fetchall()
    assert [r[0] for r in links] == ["a1", "a2"]
    row = conn.execute("SELECT level, indicators, destinations FROM screened_ads WHERE id = 'a1'").fetchone()
    assert row[0] in ("medium", "high") and json.loads(row[1]) and json.loads(row[2]) == ["LA"]
    conn.close()


def test_network_spans_ads_through_shared_handle_and_phone(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    save(db, _pairs(["a1", "a2", "a3", "a4"]))
    (net,) = load_networks(db)
    expected = {content_hash(ADS[i]) for i in ("a1", "a2", "a3")}
    assert set(net["ads"]) == expected
    assert {"handle:lantern_desk", "phone:+8562055550101"} <= set(net["contacts"])


def test_ftm_export_holds_user_accounts_documents_and_links(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    save(db, _pairs(["a1", "a2", "a3", "a4"]))
    entities = list(iter_ftm(db))
    by_schema: dict[str, list[dict[str, object]]] = {}
    for e in entities:
        by_schema.setdefault(str(e["schema"]), []).append(e)
    accounts = by_schema["UserAccount"]
    names = {v for a in accounts for v in a["properties"]["name"]}  # type: ignore[index]
    assert names == {"lantern_desk", "+8562055550101"}
    assert len(by_schema["Document"]) == 3  # the bakery ad names no contact
    account_ids = {a["id"] for a in accounts}
    doc_ids = {d["id"] for d in by_schema["Document"]}
    for link in by_schema["Documentation"]:
        props = link["properties"]
        assert props["entity"][0] in account_ids and props["document"][0] in doc_ids  # type: ignore[index]
    assert len(by_schema["Documentation"]) == 4  # a1-handle, a2-handle, a2-phone, a3-phone


def test_same_id_different_text_stays_apart(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    save(db, [(ADS["a1"], screen_text(ADS["a1"], "1")), (ADS["a3"], screen_text(ADS["a3"], "1"))])
    docs = [e for e in iter_ftm(db) if e["schema"] == "Document"]
    assert len(docs) == 2 and len({d["id"] for d in docs}) == 2


def test_store_migration_is_registered_and_store_opens(tmp_path: Path) -> None:
    from ringscope.screen.store import SCREEN_SCHEMA

    assert MIGRATIONS.count(SCREEN_SCHEMA) == 1
    with Store(tmp_path / "fresh.db") as store:
        assert store.version == len(MIGRATIONS)


def test_bad_store_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("these are not SQLite pages " * 200, encoding="utf-8")
    with pytest.raises(StoreError, match="not a ringscope store"):
        save(bad, _pairs(["a1"]))
    with pytest.raises(StoreError, match="no store"):
        list(iter_ftm(tmp_path / "absent.db"))


def test_command_stores_ads_and_rerun_adds_nothing(tmp_path: Path) -> None:
    ads = tmp_path / "ads.jsonl"
    ads.write_text("\n".join(json.dumps({"id": k, "text": v}) for k, v in ADS.items()) + "\n{broken\n",
                   encoding="utf-8")
    db = tmp_path / "screen.db"
    cmd = [sys.executable, "-c", RUN, str(ads), "-o", str(tmp_path / "out.jsonl"), "--store", str(db)]
    first = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    assert first.returncode == 0, first.stderr
    assert "4 ads added, 0 updated" in first.stderr and "Traceback" not in first.stderr
    second = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    assert "0 ads added, 4 updated" in second.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM screened_ads").fetchone()[0] == 4
    conn.close()
    bad = tmp_path / "bad.db"
    bad.write_text("plain text, not a database " * 200, encoding="utf-8")
    cmd[-1] = str(bad)
    refused = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    assert refused.returncode == 1 and "not a ringscope store" in refused.stderr
    assert "Traceback" not in refused.stderr
