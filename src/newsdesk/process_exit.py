"""Leaving the process without Python's teardown, where a command has said it may.

At exit Python frees every module and object one by one: after an ``ingest`` of 120 pages
that took the parent 0.8 CPU s (docs/capacity.md), for nothing the process keeps. A
command whose work is complete (its store closed, its executor closed, its output written)
calls :func:`allow`; the process's entry point (:func:`newsdesk.cli.entry`) then leaves by
:func:`leave`: the exit handlers run (``atexit``: logging's flush, multiprocessing's
children and finalizers, temporary files), stdout and stderr are flushed, and
``os._exit`` ends the process with the command's exit status.

Anything it cannot vouch for takes Python's ordinary exit instead: a command that did not
call :func:`allow`, an exit status that is not a number, a thread Python would wait for, a
stream that cannot be flushed. :func:`leave` is only for the process's entry point: called
in a test or a library it would end the caller's process.
"""

from __future__ import annotations

import atexit
import os
import sys
import threading
from typing import NoReturn

__all__ = ["allow", "allowed", "leave"]

_allowed = False


def allow() -> None:
    """Say this process's work is complete: its store and executor closed, output written."""
    global _allowed
    _allowed = True


def allowed() -> bool:
    return _allowed


def _flushed() -> bool:
    for stream in (sys.stdout, sys.stderr):
        if stream is None:
            continue
        try:
            stream.flush()
        except (OSError, ValueError):
            return False
    return True


def _waited_for() -> bool:
    """Whether a thread is alive that Python's exit would wait for."""
    main = threading.main_thread()
    return any(t is not main and not t.daemon and t.is_alive() for t in threading.enumerate())


def leave(code: str | int | None) -> NoReturn:
    """End the process with ``code`` (``SystemExit``'s): quickly where :func:`allow` was
    called and nothing stands against it, else by ``sys.exit``."""
    status = 0 if code is None else code
    if not _allowed or type(status) is not int or not 0 <= status <= 255 or _waited_for():
        sys.exit(code)
    if not _flushed():
        sys.exit(code)
    atexit._run_exitfuncs()  # what Python runs at exit before its teardown; then cleared
    if not _flushed():  # a handler's output that cannot be written: Python reports that
        sys.exit(code)
    os._exit(status)
