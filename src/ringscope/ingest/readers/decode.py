"""Bytes to text: refuse binary data, detect the encoding of everything else."""

from __future__ import annotations

from ringscope.ingest.errors import InputError

_BOMS = {b"\xef\xbb\xbf": "utf-8-sig", b"\xff\xfe": "utf-16", b"\xfe\xff": "utf-16"}


def decode_text(data: bytes) -> str:
    """Decode ``data`` as text, or raise :class:`InputError` (empty, binary, undecodable)."""
    if not data.strip():
        raise InputError("empty input")
    for bom, encoding in _BOMS.items():
        if data.startswith(bom):
            try:
                return _check(data.decode(encoding))
            except UnicodeDecodeError as exc:
                raise InputError(f"cannot decode text as {encoding}: {exc.reason}") from exc
    if b"\x00" in data:
        raise InputError("binary data (NUL bytes), not text")
    try:
        return _check(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None:
        raise InputError("cannot decode text: unknown encoding or not text")
    # Several code pages often fit equally well; prefer the most common one (Windows-1252).
    for match in results:
        if match.encoding == "cp1252" and (match.chaos, match.coherence) == (best.chaos, best.coherence):
            best = match
    return _check(str(best))


def _check(text: str) -> str:
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise InputError("empty input")
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f\v")
    if controls > max(8, len(text) // 100):
        raise InputError("binary data (control characters), not text")
    return text


def first_line(text: str, limit: int = 200) -> str | None:
    """A report's first non-empty line, as a title where the input gives none (cut at ``limit``)."""
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
    return None
