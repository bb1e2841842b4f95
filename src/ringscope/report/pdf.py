"""HTML to PDF through headless Chromium (a subprocess; nothing is fetched)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ringscope.report.errors import BriefError

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-pdf-header-footer",
)
TIMEOUT_SECONDS = 120


class PdfError(BriefError):
    """The PDF cannot be made (message is for the user)."""


def find_chromium() -> str | None:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def html_to_pdf(html: str, out: Path, chromium: str | None = None) -> Path:
    """Print ``html`` to the PDF file ``out`` with headless Chromium."""
    binary = chromium or find_chromium()
    if binary is None:
        raise PdfError(
            "cannot write a PDF brief: Chromium is not installed (install Debian's chromium package),"
            " or write the brief as .html"
        )
    out = Path(out).resolve()
    with tempfile.TemporaryDirectory(prefix="ringscope-pdf-") as tmp:
        page = Path(tmp) / "brief.html"
        page.write_text(html, encoding="utf-8")
        target = Path(tmp) / "brief.pdf"
        command = [
            binary,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={Path(tmp) / 'profile'}",
            f"--print-to-pdf={target}",
            page.as_uri(),
        ]
        try:
            result = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=TIMEOUT_SECONDS,
                env={**os.environ, "HOME": tmp},
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise PdfError(f"Chromium did not finish the PDF within {TIMEOUT_SECONDS} s") from exc
        if result.returncode != 0 or not target.exists() or target.stat().st_size == 0:
            detail = (result.stderr or "").strip().splitlines()[-1:] or ["no output"]
            raise PdfError(f"Chromium could not print the brief to PDF: {detail[0]}")
        shutil.move(str(target), out)
    return out
