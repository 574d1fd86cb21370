"""A sender's lease holder: this process by name, and a dead holder told from a live one."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

from newsdesk.lease import holder_is_dead, this_holder


def test_lease_this_holder_is_alive() -> None:
    assert this_holder() == f"{socket.gethostname()}:{os.getpid()}"
    assert not holder_is_dead(this_holder())


def test_lease_holder_of_an_ended_process_is_dead() -> None:
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    assert holder_is_dead(f"{socket.gethostname()}:{ended.pid}")


def test_lease_holder_elsewhere_or_unnamed_is_never_taken_over() -> None:
    assert not holder_is_dead(f"not-{socket.gethostname()}:1")  # another host: cannot tell
    assert not holder_is_dead(f"{socket.gethostname()}:someone")
    assert not holder_is_dead("")
