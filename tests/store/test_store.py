"""The SQLite store: schema, idempotent adds, atomic re-extraction, search and queries."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ringscope.model import Claim, DateMention, Entity, Extraction, Mention, Report, Route
from ringscope.store import MIGRATIONS, QueryError, Store, StoreError, fts_query, item_count, migrate

TEXT = (
    "Police in Myawaddy rescued 240 Vietnamese workers from a scam compound. "
    "Officials said USD 3 million was seized in the raid on Shwe Kokko."
)


def make_extraction(text: str = TEXT) -> Extraction:
    def span(word: str) -> tuple[int, int]:
        start = text.index(word)
        return start, start + len(word)

    m_start, m_end = span("Myawaddy")
    s_start, s_end = span("Shwe Kokko")
    r_start, r_end = span("rescued 240 Vietnamese workers")
    u_start, u_end = span("USD 3 million was seized")
    return Extraction(
        entities=[
            Entity(
                "Location",
                "Myawaddy",
                country="MM",
                lat=16.68,
                lon=98.51,
                aliases=["Myawadi"],
                roles=["site"],
                mentions=[Mention(m_start, m_end, "Myawaddy")],
            ),
            Entity("Compound", "Shwe Kokko", country="MM", mentions=[Mention(s_start, s_end, "Shwe Kokko")]),
        ],
        claims=[
            Claim(
                "victims_rescued",
                240,
                240,
                240,
                "exact",
                "people",
                text[r_start:r_end],
                r_start,
                r_end,
                location="MM",
                speaker="Police",
            ),
            Claim(
                "seized",
                3e6,
                3e6,
                3e6,
                "exact",
                "currency",
                text[u_start:u_end],
                u_start,
                u_end,
                currency="USD",
                date="2024-03-01",
            ),
        ],
        routes=[Route("VN", "MM", text[r_start:r_end], r_start, r_end, 240)],
        dates=[DateMention("in the raid", 0, 5, "2024-03-01")],
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "test.db") as db:
        yield db  # type: ignore[misc]


def test_schema_is_versioned_and_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with Store(path) as db:
        assert db.version == len(MIGRATIONS)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"reports", "entities", "mentions", "claims", "routes", "dates", "reports_fts"} <= tables
    conn.close()
    with Store(path) as db:  # reopening does not re-run migrations
        assert db.stats().schema_version == len(MIGRATIONS)
        assert db._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1



def test_an_ingesting_connection_keeps_a_large_page_cache_and_a_longer_log(tmp_path: Path) -> None:
    """An update of a large archive touches pages all over the store: a connection that ingests keeps
    many of them (SQLite's default keeps 2 MiB; a reader keeps that) and copies the log into the file
    less often."""
    from ringscope.store.sqlite import CACHE_KIB, CHECKPOINT_PAGES

    with Store(tmp_path / "s.db") as db:
        assert db._conn.execute("PRAGMA cache_size").fetchone()[0] == -2000
        assert db.for_ingest() is db
        assert db._conn.execute("PRAGMA cache_size").fetchone()[0] == -CACHE_KIB
        assert CACHE_KIB >= 64 * 1024
        assert db._conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == CHECKPOINT_PAGES > 1000
        assert db._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"

def test_appended_migrations_are_applied_in_order_once(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "m.db", isolation_level=None)
    steps = [*MIGRATIONS, "CREATE TABLE extra (x INTEGER);\nINSERT INTO extra VALUES (1);"]
    assert migrate(conn, steps) == len(steps)
    assert migrate(conn, steps) == len(steps)
    assert conn.execute("SELECT COUNT(*) FROM extra").fetchone()[0] == 1
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(steps)


def test_input_files_stored_as_sources_are_cleared_and_titles_filled(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "m.db", isolation_level=None)
    migrate(conn, MIGRATIONS[:3])  # the schema before outlets were fixed
    rows = [("a", "/data/feed.jsonl", None, "\n  First line here\nSecond line"),
            ("b", "Harbour Wire", "Kept title", "Text of b"),
            ("c", "<stdin>", "", "Only line")]
    for rid, source, title, text in rows:
        conn.execute(
            "INSERT INTO reports (id, content_hash, source, url, published, title, external_id, text,"
            " ingested_at, extractor_version) VALUES (?, ?, ?, NULL, NULL, ?, NULL, ?, '2026-01-01', 'v')",
            (rid, "h" + rid, source, title, text),
        )
    migrate(conn)
    got = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT id, source, title FROM reports")}
    assert got == {
        "a": (None, "First line here"), "b": ("Harbour Wire", "Kept title"), "c": (None, "Only line")
    }
    # The title index follows the new titles.
    match = "SELECT COUNT(*) FROM reports_fts WHERE reports_fts MATCH 'title:First'"
    assert conn.execute(match).fetchone()[0] == 1


def test_failing_migration_leaves_version_unchanged(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "m.db", isolation_level=None)
    migrate(conn)
    with pytest.raises(sqlite3.OperationalError):
        migrate(conn, [*MIGRATIONS, "CREATE TABLE ok (x);\nCREATE TABLE reports (x);"])
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'ok'").fetchone()[0] == 0


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_open_errors_are_clear(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        Store(tmp_path / "missing.db", create=False)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError, match="not a ringscope store"):
        Store(junk)
    with pytest.raises(StoreError, match="directory"):
        Store(tmp_path)


def test_add_is_idempotent_by_content_hash(store: Store) -> None:
    report = Report(
        text=TEXT, source="test", url="https://example.org/a", published="2024-03-02", title="Raid"
    )
    assert store.add(report, make_extraction(), "1") is True
    assert store.has(report.content_hash)
    same = Report(text=TEXT, source="other", title="Other title")
    assert store.add(same, make_extraction(), "1") is False
    stats = store.stats()
    assert (stats.reports, stats.entities, stats.mentions, stats.claims, stats.routes, stats.dates) == (
        1,
        2,
        2,
        2,
        1,
        1,
    )
    assert store.get_report(report.id) == report


def test_extraction_round_trips_exactly(store: Store) -> None:
    report = Report(text=TEXT, published="2024-03-02")
    extraction = make_extraction()
    store.add(report, extraction, "1")
    assert store.get_extraction(report.id) == extraction
    [(got_report, got_extraction)] = list(store.iter_extractions())
    assert got_report == report
    assert got_extraction == extraction
    count = store._conn.execute("SELECT item_count FROM reports").fetchone()[0]
    assert count == item_count(extraction) == 8


def test_every_item_row_has_report_id_and_span(store: Store) -> None:
    store.add(Report(text=TEXT), make_extraction(), "1")
    for table in ("entities", "mentions", "claims", "routes", "dates"):
        rows = store._conn.execute(f'SELECT report_id, start, "end" FROM {table}').fetchall()
        assert rows and all(r[0] and r[1] is not None and r[2] is not None for r in rows), table


def test_remove_cascades_and_updates_search(store: Store) -> None:
    report = Report(text=TEXT)
    store.add(report, make_extraction(), "1")
    assert store.search("Myawaddy")
    assert store.remove(report.id)
    stats = store.stats()
    assert (stats.reports, stats.entities, stats.mentions, stats.claims, stats.routes, stats.dates) == (
        0,
    ) * 6
    assert store.search("Myawaddy") == []


def test_replace_extraction_is_atomic(store: Store) -> None:
    report = Report(text=TEXT)
    original = make_extraction()
    store.add(report, original, "1")
    broken = make_extraction()
    broken.dates.append(DateMention(None, 0, 1, "2024-01-01"))  # type: ignore[arg-type]  # NOT NULL fails last
    with pytest.raises(sqlite3.IntegrityError):
        store.replace_extraction(report.id, broken, "2")
    assert store.get_extraction(report.id) == original
    assert store.extractor_version(report.id) == "1"


def test_reextract_replaces_outdated_reports_only(store: Store) -> None:
    old = Report(text=TEXT)
    current = Report(text=TEXT + " More.")
    store.add(old, make_extraction(), "1")
    store.add(current, make_extraction(), "2")
    calls: list[str] = []

    def extractor(text: str, published: str | None) -> Extraction:
        calls.append(text)
        return Extraction(claims=make_extraction().claims[:1])

    assert store.reextract(extractor=extractor, version="2") == 1
    assert calls == [TEXT]
    assert len(store.get_extraction(old.id).claims) == 1
    assert store.get_extraction(old.id).entities == []
    assert store.extractor_version(old.id) == "2"
    assert store.get_extraction(current.id) == make_extraction()
    assert store.reextract(extractor=extractor, version="2") == 0
    assert store.reextract(extractor=extractor, version="2", force=True) == 2
    assert store.stats().extractor_versions == {"2": 2}
    assert store.integrity_check() == "ok"


def test_reextract_defaults_to_the_current_extractor(store: Store) -> None:
    from ringscope.extract import EXTRACTOR_VERSION, extract

    report = Report(text=TEXT, published="2024-03-02")
    store.add(report, Extraction(), "0.0.0-old")
    assert store.reextract() == 1
    assert store.extractor_version(report.id) == EXTRACTOR_VERSION
    assert store.get_extraction(report.id) == extract(TEXT, "2024-03-02")


def test_search_finds_words_with_snippets(store: Store) -> None:
    from ringscope.store import SNIPPET_CLOSE, SNIPPET_OPEN

    store.add(Report(text=TEXT, title="Raid in Myawaddy", published="2024-03-02"), Extraction(), "1")
    store.add(Report(text="A report about something else entirely."), Extraction(), "1")
    [hit] = store.search("vietnamese")
    assert hit.title == "Raid in Myawaddy"
    assert f"{SNIPPET_OPEN}Vietnamese{SNIPPET_CLOSE}" in hit.snippet
    assert len(store.search("scam compound")) == 1
    assert len(store.search('"scam compound"')) == 1
    assert store.search('"compound scam"') == []
    assert len(store.search("Vietnam*")) == 1
    assert len(store.search("rescued OR entirely")) == 2
    assert len(store.search("report NOT rescued")) == 1
    assert store.search("nonexistentword") == []


@pytest.mark.parametrize(
    "query",
    ['"unbalanced', "AND", "foo (bar", "NOT", "col:value", "a*b", "^start", "x OR", "'quote'", "-minus"],
)
def test_search_never_fails_on_user_syntax(store: Store, query: str) -> None:
    store.add(Report(text=TEXT), Extraction(), "1")
    try:
        store.search(query)
    except QueryError as exc:  # only the "nothing to search for" kind is allowed
        assert "nothing to search" in str(exc)


def test_empty_query_is_a_clear_error(store: Store) -> None:
    with pytest.raises(QueryError, match="nothing to search"):
        store.search("  ")
    with pytest.raises(QueryError, match="nothing to search"):
        store.search('"" ()')


def test_fts_query_quotes_terms() -> None:
    assert fts_query("scam compound") == '"scam" "compound"'
    assert fts_query('"scam compound" raid*') == '"scam compound" "raid"*'
    assert fts_query("a OR b") == '"a" OR "b"'
    assert fts_query("OR a AND") == '"a"'
    assert fts_query('say "hi') == '"say" "hi"'
    assert fts_query('x"y') == '"x""y"'


def test_claims_filter_by_measure_and_country(store: Store) -> None:
    report = Report(text=TEXT, title="Raid", published="2024-03-02")
    store.add(report, make_extraction(), "1")
    assert len(store.claims()) == 2
    [rescued] = store.claims(measure="victims_rescued")
    assert rescued.claim.value == 240 and rescued.report_id == report.id and rescued.title == "Raid"
    assert [c.claim.measure for c in store.claims(country="mm")] == ["victims_rescued"]
    assert store.claims(measure="seized", country="MM") == []
    assert store.claims(measure="arrests") == []


def test_entities_are_aggregated_across_reports(store: Store) -> None:
    store.add(Report(text=TEXT), make_extraction(), "1")
    other = TEXT.replace("Police", "Troops")
    store.add(Report(text=other), make_extraction(other), "1")
    entities = store.entities()
    assert {(e.name, e.type, e.reports, e.mentions) for e in entities} == {
        ("Myawaddy", "Location", 2, 2),
        ("Shwe Kokko", "Compound", 2, 2),
    }
    [compound] = store.entities(type="Compound")
    assert compound.country == "MM"
    assert store.entities(type="Person") == []
    assert store.stats().entities_by_type == {"Compound": 1, "Location": 1}
    assert store.route_counts() == [("VN", "MM", 2)]
