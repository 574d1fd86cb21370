"""The alert sinks of bench/watch_alerts.py, in their own process (as real receivers are).

``python bench/watch_sink.py SMTP_PORT HTTP_PORT OUT_DIR`` runs aiosmtpd on 127.0.0.1:SMTP_PORT
and a webhook receiver (http.server) on 127.0.0.1:HTTP_PORT. For every mail or POST accepted
it appends one JSON line to OUT_DIR/received.jsonl, flushed at once: the wall-clock time, the
channel, the Message-ID or delivery id, the watchlist and the article ids it carries (from
the mail's text part, or the POST's JSON). The first mails are kept whole (sample-N.eml).
"""

from __future__ import annotations

import json
import re
import signal
import sys
import threading
import time
from email import message_from_bytes
from email.policy import default as DEFAULT_POLICY
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ARTICLE = re.compile(r"/article/([0-9a-f]{12})")
LIST_ID = re.compile(r"newsdesk watch (\d+)")
SAMPLES = 3


class _Log:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.file = (out / "received.jsonl").open("a", encoding="utf-8", buffering=1)
        self.lock = threading.Lock()
        self.mails = 0

    def write(self, row: dict[str, Any]) -> None:
        with self.lock:
            self.file.write(json.dumps(row) + "\n")
            self.file.flush()


class _Mail:
    def __init__(self, log: _Log) -> None:
        self.log = log

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        at = time.time()
        data = envelope.original_content or b""
        message = message_from_bytes(data, policy=DEFAULT_POLICY)
        text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        found = LIST_ID.search(str(message.get("List-Id", "")))
        self.log.write({
            "t": at, "channel": "email", "id": str(message.get("Message-ID")),
            "watch": int(found.group(1)) if found else None,
            "articles": sorted(set(ARTICLE.findall(text))),
        })  # fmt: skip
        if self.log.mails < SAMPLES:
            (self.log.out / f"sample-{self.log.mails}.eml").write_bytes(data)
        self.log.mails += 1
        return "250 OK"


def _hook_handler(log: _Log) -> type[BaseHTTPRequestHandler]:
    class Hook(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            at = time.time()
            body = self.rfile.read(int(self.headers.get("content-length", "0")))
            doc = json.loads(body)
            log.write({
                "t": at, "channel": "webhook", "id": self.headers.get("x-newsdesk-delivery"),
                "watch_name": doc["watchlist"]["name"],
                "articles": [m["article_id"] for m in doc["matches"]],
                "signature": self.headers.get("x-newsdesk-signature"),
            })  # fmt: skip
            self.send_response(200)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            return

    return Hook


def main() -> None:
    from aiosmtpd.controller import Controller

    smtp_port, http_port, out = int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
    out.mkdir(parents=True, exist_ok=True)
    log = _Log(out)
    controller = Controller(_Mail(log), hostname="127.0.0.1", port=smtp_port)
    controller.start()
    server = ThreadingHTTPServer(("127.0.0.1", http_port), _hook_handler(log))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    server.shutdown()
    controller.stop()


if __name__ == "__main__":
    main()
