"""Turning what the user typed (files, directories, globs, URLs) into sources to read.

Directories are walked recursively in sorted order; every directory's real
path is remembered, so a symlink loop is visited once and reported, never
followed forever.
"""

from __future__ import annotations

import errno
import glob
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsdesk.errors import InputError, TooLarge, UnsafeInput
from newsdesk.ingest.compression import gzip_head

__all__ = ["SourceSpec", "expand_specs", "is_url", "read_file"]

_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True, slots=True)
class SourceSpec:
    """One source to read: a file path or a URL, or why a spec could not be expanded."""

    source: str
    kind: str  # "file" | "url" | "error"
    error: str | None = None


def is_url(spec: str) -> bool:
    return spec.lower().startswith(("http://", "https://"))


def _error(source: str, message: str) -> SourceSpec:
    return SourceSpec(source=source, kind="error", error=message)


def _loop_error(path: str) -> SourceSpec:
    return _error(path, str(UnsafeInput("a symlink loop; skipped (fix or remove the link)")))


def _walk(root: str, seen: set[str]) -> Iterator[SourceSpec]:
    """Files under a directory, sorted, each real directory entered once."""
    try:
        real = os.path.realpath(root, strict=True)
    except OSError:
        yield _loop_error(root)
        return
    if real in seen:
        if os.path.islink(root):
            yield _loop_error(root)
        return  # the same directory named twice is read once
    seen.add(real)
    try:
        entries = sorted(os.scandir(root), key=lambda entry: entry.name)
    except OSError as exc:
        yield _error(root, str(InputError(f"cannot list the directory: {exc.strerror}")))
        return
    for entry in entries:
        yield from _expand_path(entry.path, seen)


def _expand_path(path: str, seen: set[str]) -> Iterator[SourceSpec]:
    try:
        info = os.stat(path)
    except OSError as exc:
        if os.path.islink(path):
            yield (
                _loop_error(path)
                if exc.errno == 40
                else _error(path, str(InputError("a broken symlink; its target does not exist")))
            )
        else:
            yield _error(path, str(InputError(f"cannot read: {exc.strerror}")))
        return
    if stat.S_ISDIR(info.st_mode):
        yield from _walk(path, seen)
    elif stat.S_ISREG(info.st_mode):
        real = os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            yield SourceSpec(source=path, kind="file")
    else:
        yield _error(path, str(InputError("not a regular file (a pipe, socket or device)")))


def expand_specs(specs: Sequence[str]) -> Iterator[SourceSpec]:
    """Every file and URL the specs name, in order; a spec that names nothing gives an error."""
    seen: set[str] = set()
    for spec in specs:
        if is_url(spec):
            yield SourceSpec(source=spec, kind="url")
            continue
        if os.path.lexists(spec):
            yield from _expand_path(spec, seen)
            continue
        if _GLOB_CHARS & set(spec):
            matches = sorted(glob.glob(spec, recursive=True))
            if matches:
                for match in matches:
                    yield from _expand_path(match, seen)
                continue
            yield _error(spec, str(InputError("the pattern matches no file")))
            continue
        yield _error(spec, str(InputError("no such file or directory")))


_GZIP_MAGIC = b"\x1f\x8b"
_HEAD = 4096
_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0)


def _too_large(size: str, limit: int, setting: str) -> TooLarge:
    return TooLarge(
        f"the file is {size}, over the {limit:,}-byte cap; raise {setting} if it is genuine"
    )


def read_file(path: str, *, limit: int, gzip_limit: int | None = None) -> bytes:
    """A regular file's bytes, never more than ``limit`` (``gzip_limit`` for gzip data).

    The file is opened without blocking and checked with ``fstat`` on the open
    descriptor, so a FIFO, a device (``/dev/zero``), a socket or a directory is
    refused before a byte is read, whatever the path pointed at when it was
    listed; at most cap + 1 bytes are ever read, so a file that grows cannot
    fill memory.
    """
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except PermissionError as exc:
        raise InputError(
            f"permission denied: {exc.strerror}; check the file's permissions"
        ) from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnsafeInput("a symlink loop; skipped (fix or remove the link)") from exc
        raise InputError(f"cannot read the file: {exc.strerror or exc}") from exc
    try:
        return _read_regular(fd, limit, gzip_limit)
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}") from exc
    finally:
        os.close(fd)


def _read_regular(fd: int, limit: int, gzip_limit: int | None) -> bytes:
    info = os.fstat(fd)
    if stat.S_ISDIR(info.st_mode):
        raise InputError("a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError("not a regular file (a pipe, socket or device); refusing to read it")
    os.set_blocking(fd, True)
    with os.fdopen(os.dup(fd), "rb") as handle:
        head = handle.read(_HEAD)
        cap, setting = limit, "NEWSDESK_MAX_FILE_BYTES"
        # only a gzipped WARC archive may be bigger than one source: anything else is
        # held to the file cap before and after it is expanded
        archive = head.startswith(_GZIP_MAGIC) and gzip_head(head).startswith(b"WARC/")
        if archive and gzip_limit is not None:
            cap, setting = max(limit, gzip_limit), "NEWSDESK_MAX_EXPANDED_BYTES"
        if info.st_size > cap:
            raise _too_large(f"{info.st_size:,} bytes", cap, setting)
        data = head + handle.read(cap + 1 - len(head))
    if len(data) > cap:
        raise _too_large("still growing and now over the cap", cap, setting)
    return data


def display_name(path: str) -> str:
    """A path as the user will recognise it (as given, not resolved)."""
    return str(Path(path))
