"""Exports: articles, stories, entities and events as CSV, JSON Lines or Parquet, streamed.

``newsdesk export`` and ``/api/v1/export/KIND.jsonl``; rows come from the store a
batch at a time (:mod:`newsdesk.store.exports`), so memory stays flat.
"""

from newsdesk.export.exporter import ExportRequest, export_rows, jsonl_lines, parse_since
from newsdesk.export.writers import COLUMNS, FORMATS, open_writer

__all__ = [
    "COLUMNS",
    "FORMATS",
    "ExportRequest",
    "export_rows",
    "jsonl_lines",
    "open_writer",
    "parse_since",
]
