"""Ingesting files, folders and stdin: every reader, every kind of bad input."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from ringscope.extract import EXTRACTOR_VERSION, extract
from ringscope.ingest import IngestHooks, InputProblem, ingest_paths
from ringscope.ingest.readers.html import strip_tags
from ringscope.model import Extraction
from ringscope.store import Store

GOOD = "Police in Myawaddy rescued 240 Vietnamese workers from a scam compound on Tuesday."


def make_pdf(text: str) -> bytes:
    """A minimal one-page PDF showing ``text`` in Helvetica."""
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "ingest.db") as db:
        yield db  # type: ignore[misc]


def texts(store: Store) -> list[str]:
    return [r.text for r in store.iter_reports()]


def messages(problems: list[InputProblem]) -> dict[str, str]:
    return {f"{Path(p.path).name}{'' if p.line is None else ':' + str(p.line)}": p.message for p in problems}


def test_text_file_is_ingested_with_its_extraction(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(GOOD, encoding="utf-8")
    summary = ingest_paths(store, [path])
    assert (summary.ingested, summary.unchanged, summary.failed) == (1, 0, 0)
    assert summary.ok and str(summary) == "1 ingested, 0 unchanged, 0 failed"
    [(report, extraction)] = list(store.iter_extractions())
    assert report.text == GOOD and report.source == str(path)
    assert extraction == extract(GOOD, None)
    assert store.extractor_version(report.id) == EXTRACTOR_VERSION


def test_reingesting_the_same_content_is_a_no_op(store: Store, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(GOOD)
    (tmp_path / "in" / "copy.txt").write_text(GOOD)
    (tmp_path / "in" / "b.txt").write_text(GOOD + " Another one.")
    first = ingest_paths(store, [tmp_path / "in"])
    assert (first.ingested, first.unchanged, first.failed) == (2, 1, 0)
    second = ingest_paths(store, [tmp_path / "in"])
    assert (second.ingested, second.unchanged, second.failed) == (0, 3, 0)
    assert store.stats().reports == 2


def test_every_bad_input_is_named_and_the_rest_goes_on(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text("  \n\n ")
    (folder / "noise.txt").write_bytes(bytes((i * 7919) % 31 + 1 for i in range(900)))
    (folder / "big.txt").write_text("x" * 2000)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage")
    lines = [
        json.dumps({"id": "ok1", "text": GOOD + " First line.", "published": "2024-03-02"}),
        "{not json",
        json.dumps({"id": "no-text", "url": "https://example.org"}),
        "",
        json.dumps({"id": "ok2", "text": GOOD + " Fifth line.", "extra": [1, 2]}),
        json.dumps(["a", "list"]),
        json.dumps({"text": 42}),
        json.dumps({"text": "fine", "published": "last Tuesday"}),
    ]
    (folder / "reports.jsonl").write_text("\n".join(lines) + "\n")
    summary = ingest_paths(store, [folder, tmp_path / "missing.txt"], max_bytes=1000)
    assert messages(summary.problems) == {
        "missing.txt": "no such file or folder",
        "big.txt": "too large (2000 bytes; the limit is 1000 bytes, see --max-bytes)",
        "binary.txt": "binary data (NUL bytes), not text",
        "blank.txt": "empty input",
        "broken.pdf": messages(summary.problems)["broken.pdf"],
        "empty.txt": "empty input",
        "noise.txt": messages(summary.problems)["noise.txt"],
        "reports.jsonl:2": "malformed JSON (Expecting property name enclosed in double quotes at column 2)",
        "reports.jsonl:3": "missing 'text'",
        "reports.jsonl:6": "expected a JSON object, got list",
        "reports.jsonl:7": "'text' must be a string, got int",
        "reports.jsonl:8": "'published' must be a date like YYYY-MM-DD, got 'last Tuesday'",
    }
    problems = messages(summary.problems)
    assert problems["broken.pdf"].startswith("broken or unreadable PDF")
    assert problems["noise.txt"].startswith(("binary data", "cannot decode text"))
    assert (summary.ingested, summary.unchanged, summary.failed) == (3, 0, 12)
    assert not summary.ok
    assert sorted(texts(store)) == sorted([GOOD, GOOD + " First line.", GOOD + " Fifth line."])
    ids = {r.external_id: r for r in store.iter_reports()}
    assert ids["ok1"].published == "2024-03-02"
    assert str(summary.problems[0]).endswith("missing.txt: no such file or folder")


def test_problem_lines_read_path_line_message() -> None:
    assert str(InputProblem("a/b.jsonl", "missing 'text'", 3)) == "a/b.jsonl:3: missing 'text'"
    assert str(InputProblem("a.txt", "empty input")) == "a.txt: empty input"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_is_reported(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(GOOD)
    path.chmod(0)
    try:
        summary = ingest_paths(store, [path])
    finally:
        path.chmod(0o600)
    assert messages(summary.problems) == {"secret.txt": "permission denied"}


def test_broken_symlink_is_reported(store: Store, tmp_path: Path) -> None:
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    summary = ingest_paths(store, [link])
    assert messages(summary.problems) == {"dangling.txt": "broken symbolic link"}


def test_default_size_limit_comes_from_settings(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ringscope import settings

    monkeypatch.setattr(settings, "MAX_INPUT_BYTES", 10)
    (tmp_path / "a.txt").write_text(GOOD)
    summary = ingest_paths(store, [tmp_path / "a.txt"])
    assert "too large" in summary.problems[0].message
    assert ingest_paths(store, [tmp_path / "a.txt"], max_bytes=10_000).ingested == 1


def test_overlong_report_text_is_refused(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ringscope import settings

    monkeypatch.setattr(settings, "MAX_REPORT_CHARS", 20)
    (tmp_path / "r.jsonl").write_text(json.dumps({"text": GOOD}) + "\n")
    summary = ingest_paths(store, [tmp_path / "r.jsonl"])
    assert [str(p).split("/")[-1] for p in summary.problems] == [
        f"r.jsonl:1: report text too long ({len(GOOD)} characters; the limit is 20)"
    ]


def test_encodings_are_detected(store: Store, tmp_path: Path) -> None:
    french = (
        "La police thaïlandaise a libéré des travailleurs étrangers détenus dans un centre "
        "d'escroquerie près de la frontière; les enquêteurs ont été très prudents."
    )
    (tmp_path / "latin1.txt").write_bytes(french.encode("latin-1"))
    (tmp_path / "utf16.txt").write_bytes(("UTF-16: " + french).encode("utf-16"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + ("BOM: " + french).encode("utf-8"))
    summary = ingest_paths(store, [tmp_path])
    assert summary.ok, summary.problems
    got = sorted(texts(store))
    assert got == sorted(["BOM: " + french, "UTF-16: " + french, french])


def test_html_main_text_title_and_date(store: Store, tmp_path: Path) -> None:
    paragraph = (
        "Police in Myawaddy rescued 240 Vietnamese workers from a scam compound on Tuesday, "
        "officials said, adding that the workers had been lured with fake job offers. "
    )
    page = f"""<!DOCTYPE html><html><head><title>Raid frees 240 workers</title>
    <meta property="article:published_time" content="2024-03-05">
    <script>var tracking = "do not index me";</script></head>
    <body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
    <article><h1>Raid frees 240 workers</h1><p>{paragraph * 3}</p><p>{paragraph}</p></article>
    <footer>Copyright</footer></body></html>"""
    (tmp_path / "page.html").write_text(page)
    summary = ingest_paths(store, [tmp_path / "page.html"])
    assert summary.ok, summary.problems
    [report] = list(store.iter_reports())
    assert "rescued 240 Vietnamese workers" in report.text
    assert "do not index me" not in report.text
    assert report.title == "Raid frees 240 workers"
    assert report.published == "2024-03-05"


def test_html_falls_back_to_tag_stripping(store: Store, tmp_path: Path) -> None:
    (tmp_path / "tiny.htm").write_text(
        "<html><head><title>T</title><style>p{}</style></head><body><p>Hi &amp; bye</p></body></html>"
    )
    summary = ingest_paths(store, [tmp_path / "tiny.htm"])
    assert summary.ok, summary.problems
    [report] = list(store.iter_reports())
    assert "Hi & bye" in report.text
    assert "p{}" not in report.text
    assert report.title == "T"
    assert strip_tags("<div>a<br>b</div><!-- c --><script>d</script>") == "a\nb"


def test_html_without_text_is_reported(store: Store, tmp_path: Path) -> None:
    (tmp_path / "blank.html").write_text("<html><body><script>x()</script></body></html>")
    summary = ingest_paths(store, [tmp_path / "blank.html"])
    assert messages(summary.problems) == {"blank.html": "HTML page has no text"}


def test_pdf_text_is_read(store: Store, tmp_path: Path) -> None:
    (tmp_path / "report.pdf").write_bytes(make_pdf("Police rescued 40 people in Myawaddy."))
    summary = ingest_paths(store, [tmp_path / "report.pdf"])
    assert summary.ok, summary.problems
    assert texts(store) == ["Police rescued 40 people in Myawaddy."]


def test_pdf_without_text_is_reported(store: Store, tmp_path: Path) -> None:
    (tmp_path / "scan.pdf").write_bytes(make_pdf(""))
    summary = ingest_paths(store, [tmp_path / "scan.pdf"])
    assert messages(summary.problems)["scan.pdf"].startswith("PDF has no extractable text")


def test_stdin_is_sniffed(store: Store) -> None:
    summary = ingest_paths(store, ["-"], stdin=io.BytesIO(GOOD.encode()))
    assert summary.ingested == 1 and texts(store) == [GOOD]
    lines = json.dumps({"text": "From JSON on stdin.", "id": "s1"}) + "\n{oops\n"
    summary = ingest_paths(store, ["-"], stdin=io.BytesIO(lines.encode()))
    assert summary.ingested == 1
    assert [str(p) for p in summary.problems] == [
        "<stdin>:2: malformed JSON (Expecting property name enclosed in double quotes at column 2)"
    ]


def test_include_and_exclude_globs(store: Store, tmp_path: Path) -> None:
    root = tmp_path / "in"
    (root / "keep").mkdir(parents=True)
    (root / "drafts").mkdir()
    (root / ".git").mkdir()
    (root / "keep" / "a.txt").write_text("alpha report")
    (root / "keep" / "b.log").write_text("log report")
    (root / "drafts" / "c.txt").write_text("draft report")
    (root / ".git" / "d.txt").write_text("hidden report")
    (root / "notes.md").write_text("markdown report")
    assert ingest_paths(store, [root]).ingested == 3  # a.txt, c.txt, notes.md: known suffixes, not hidden
    with Store(tmp_path / "2.db") as other:
        ingest_paths(other, [root], include=["*.log", "*.txt"], exclude=["drafts"])
        assert sorted(texts(other)) == ["alpha report", "log report"]
    with Store(tmp_path / "3.db") as other:
        ingest_paths(other, [root], exclude=["keep/*"])
        assert sorted(texts(other)) == ["draft report", "markdown report"]
    with Store(tmp_path / "4.db") as other:  # a file named explicitly is always read
        ingest_paths(other, [root / "keep" / "b.log"], exclude=["*.log"])
        assert texts(other) == ["log report"]


def test_extraction_failure_is_reported_and_the_rest_goes_on(store: Store, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("fine report")
    (tmp_path / "b.txt").write_text("this one breaks the extractor")

    def extractor(text: str, published: str | None) -> Extraction:
        if "breaks" in text:
            raise RuntimeError("boom")
        return Extraction()

    summary = ingest_paths(store, [tmp_path], extractor=extractor, version="t")
    assert messages(summary.problems) == {"b.txt": "extraction failed (RuntimeError: boom)"}
    assert texts(store) == ["fine report"]


def test_hooks_see_progress_and_problems(store: Store, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("one")
    (tmp_path / "b.txt").write_text("")
    seen: dict[str, list[object]] = {"total": [], "done": [], "problems": []}
    hooks = IngestHooks(
        on_sources=seen["total"].append,
        on_source_done=lambda s: seen["done"].append(s.name),
        on_problem=seen["problems"].append,
    )
    ingest_paths(store, [tmp_path, tmp_path / "nope"], hooks=hooks)
    assert seen["total"] == [2]
    assert [Path(str(n)).name for n in seen["done"]] == ["a.txt", "b.txt"]
    assert [str(p).split("/")[-1] for p in seen["problems"]] == [
        "nope: no such file or folder",
        "b.txt: empty input",
    ]


def test_jsonl_is_streamed_with_the_limit_per_line(store: Store, tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": "first report " + "a" * 100}),
        json.dumps({"text": "second report " + "b" * 5000}),
        json.dumps({"text": "third report with a line\u2028separator inside"}, ensure_ascii=False),
        b'{"text": "caf\xe9"}'.decode("latin-1"),
    ]
    path = tmp_path / "big.jsonl"
    path.write_bytes(
        b"\n".join(line.encode("latin-1" if i == 3 else "utf-8") for i, line in enumerate(lines))
    )
    summary = ingest_paths(store, [path], max_bytes=1000)
    assert [str(p).split("/")[-1] for p in summary.problems] == [
        "big.jsonl:2: line too large (the limit is 1000 bytes, see --max-bytes)",
        "big.jsonl:4: not UTF-8 (invalid continuation byte at byte 13)",
    ]
    assert sorted(texts(store)) == [
        "first report " + "a" * 100,
        "third report with a line\u2028separator inside",
    ]


def test_binary_or_empty_jsonl_is_one_problem(store: Store, tmp_path: Path) -> None:
    (tmp_path / "bin.jsonl").write_bytes(b"\x00\x01\x02\n\x00\x00\n")
    (tmp_path / "empty.jsonl").write_bytes(b"\n  \n")
    summary = ingest_paths(store, [tmp_path])
    assert messages(summary.problems) == {
        "bin.jsonl": "binary data (NUL bytes), not JSON lines",
        "empty.jsonl": "empty input",
    }
