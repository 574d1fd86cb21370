"""Pack the demo pages under ``warc_src/`` into ``corpus/archive/crawl_2026-03-12.warc.gz``.

The output is deterministic: record ids, WARC-Date (the fetch time, some hours after the
page's own publication date) and HTTP dates come from ``warc_src/manifest.json``, and each
record is its own gzip member written with ``mtime=0``, so rebuilding gives identical bytes.

    python -m newsdesk.sample.build_warc [OUT]
"""

from __future__ import annotations

import gzip
import io
import json
import sys
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
WARC_SRC = HERE / "warc_src"
DEFAULT_OUT = HERE / "corpus" / "archive" / "crawl_2026-03-12.warc.gz"


def _http_date(iso: str) -> str:
    return format_datetime(datetime.fromisoformat(iso.replace("Z", "+00:00")), usegmt=True)


def build_bytes(src: Path = WARC_SRC) -> bytes:
    """Return the gzipped WARC file (one gzip member per response record)."""
    manifest = json.loads((src / "manifest.json").read_text(encoding="utf-8"))
    out = io.BytesIO()
    for entry in manifest:
        payload = (src / entry["file"]).read_bytes()
        http_headers = StatusAndHeaders(
            "200 OK",
            [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Length", str(len(payload))),
                ("Date", _http_date(entry["fetched"])),
                ("Server", "nginx"),
            ],
            protocol="HTTP/1.1",
        )
        raw = io.BytesIO()
        writer = WARCWriter(raw, gzip=False)
        record = writer.create_warc_record(
            entry["url"],
            "response",
            payload=io.BytesIO(payload),
            length=len(payload),
            http_headers=http_headers,
            warc_headers_dict={
                "WARC-Record-ID": entry["record_id"],
                "WARC-Date": entry["fetched"],
            },
        )
        writer.write_record(record)
        out.write(gzip.compress(raw.getvalue(), compresslevel=9, mtime=0))
    return out.getvalue()


def build(out: Path = DEFAULT_OUT, src: Path = WARC_SRC) -> Path:
    """Write the WARC file to ``out`` and return its path."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(build_bytes(src))
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = build(Path(args[0])) if args else build()
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
