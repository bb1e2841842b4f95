"""PDF files: the text of every page, via pypdf."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

from ringscope.ingest.errors import InputError
from ringscope.ingest.readers.decode import first_line
from ringscope.model import Report


def read_pdf(data: bytes, source: str) -> Iterator[tuple[int | None, Report | InputError]]:
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    if not data.strip():
        raise InputError("empty input")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise InputError("PDF is encrypted")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = reader.metadata.title if reader.metadata else None
    except InputError:
        raise
    except Exception as exc:  # pypdf raises many kinds of errors on broken files
        raise InputError(f"broken or unreadable PDF ({type(exc).__name__}: {exc})") from exc
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text:
        raise InputError("PDF has no extractable text (scanned image?)")
    yield None, Report(text=text, source=source, title=str(title) if title else first_line(text))
