"""Who holds a sender's lease: this process's name, and whether a holder still runs.

The newsletter sender (:mod:`newsdesk.mail.deliver`) and the watchlist alerter
(:mod:`newsdesk.watch.alerts`) each hold a lease in the store while they send; a holder
is named ``host:pid``, so a lease left by a process that died on this host can be
taken over at once instead of waiting for it to expire.
"""

from __future__ import annotations

import os
import socket

__all__ = ["holder_is_dead", "this_holder"]


def this_holder() -> str:
    """This process as a lease holder: ``host:pid``."""
    return f"{socket.gethostname()}:{os.getpid()}"


def holder_is_dead(holder: str) -> bool:
    """Whether a lease holder ('host:pid') is a process on this host that no longer runs."""
    host, _, pid = holder.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, another user's
        return False
    return False
