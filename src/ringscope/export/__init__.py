"""Exports of reports and their extractions: FollowTheMoney JSON lines, CSV and Parquet."""

from __future__ import annotations

from ringscope.export.errors import ExportError
from ringscope.export.ftm import to_ftm, write_ftm
from ringscope.export.tables import write_csv, write_parquet

__all__ = ["ExportError", "to_ftm", "write_csv", "write_ftm", "write_parquet"]
