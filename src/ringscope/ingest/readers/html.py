"""HTML pages: the main text via trafilatura, or all visible text when it finds none."""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Iterator

from ringscope.ingest.errors import InputError
from ringscope.ingest.readers.decode import decode_text
from ringscope.model import Report

_DROP = re.compile(r"<(script|style|noscript|template|head)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_BLOCK = re.compile(
    r"<\s*/?\s*(p|div|br|li|h[1-6]|tr|section|article|header|footer|blockquote)\b[^>]*>", re.I
)
_TAG = re.compile(r"<[^>]+>")
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.S | re.I)


def strip_tags(markup: str) -> str:
    """A plain fallback: visible text with block elements as line breaks."""
    text = _DROP.sub(" ", markup)
    text = _BLOCK.sub("\n", text)
    text = htmllib.unescape(_TAG.sub(" ", text))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def read_html(data: bytes, source: str) -> Iterator[tuple[int | None, Report | InputError]]:
    markup = decode_text(data)
    text, title, published, url, site = _trafilatura(markup)
    if not text:
        text = strip_tags(markup)
    if not title:
        match = _TITLE.search(markup)
        title = (" ".join(htmllib.unescape(match.group(1)).split()) or None) if match else None
    if not text.strip():
        raise InputError("HTML page has no text")
    yield None, Report(text=text, source=site or source, url=url, published=published, title=title)


def _trafilatura(markup: str) -> tuple[str | None, str | None, str | None, str | None, str | None]:
    import trafilatura

    try:
        text = trafilatura.extract(markup, include_comments=False, include_tables=True)
        meta = trafilatura.extract_metadata(markup)
    except Exception:  # trafilatura can fail on odd markup; the fallback handles it
        return None, None, None, None, None
    if meta is None:
        return text, None, None, None, None
    date = meta.date if isinstance(meta.date, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta.date) else None
    return text, meta.title or None, date, meta.url or None, meta.sitename or None
