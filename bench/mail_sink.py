"""A local SMTP sink for the mail benchmarks, in its own process (as a real server would be).

``python bench/mail_sink.py PORT OUT_DIR`` runs aiosmtpd on 127.0.0.1:PORT; for every
message accepted it appends ``<recipient> <Message-ID>`` to OUT_DIR/received.txt (flushed
at once, so a count survives anything the sender does) and keeps the first few messages
whole (OUT_DIR/sample-N.eml) for DKIM checks. ``start_sink`` starts it from a benchmark.
"""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

MESSAGE_ID = re.compile(rb"^Message-ID:\s*(<[^>]+>)", re.IGNORECASE | re.MULTILINE)
SAMPLES = 5


class _Handler:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.log = (out / "received.txt").open("ab", buffering=0)
        self.count = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        data = envelope.original_content or b""
        head = data.split(b"\r\n\r\n", 1)[0]
        found = MESSAGE_ID.search(head)
        message_id = found.group(1) if found else b"<none>"
        self.log.write(envelope.rcpt_tos[0].encode() + b" " + message_id + b"\n")
        if self.count < SAMPLES:
            (self.out / f"sample-{self.count}.eml").write_bytes(data)
        self.count += 1
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_sink(out: Path) -> tuple[subprocess.Popen[bytes], int]:
    """The sink in a subprocess; (process, port) once it accepts connections."""
    out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    proc = subprocess.Popen([sys.executable, __file__, str(port), str(out)])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc, port
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError("the SMTP sink did not start")


def received(out: Path) -> list[tuple[str, str]]:
    path = out / "received.txt"
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [tuple(line.split(" ", 1)) for line in lines if " " in line]  # type: ignore[misc]


def main() -> None:
    from aiosmtpd.controller import Controller

    port, out = int(sys.argv[1]), Path(sys.argv[2])
    controller = Controller(_Handler(out), hostname="127.0.0.1", port=port)
    controller.start()
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    controller.stop()


if __name__ == "__main__":
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    main()
