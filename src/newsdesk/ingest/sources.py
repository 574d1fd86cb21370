"""Turning what the user typed (files, directories, globs, URLs) into sources to read.

Directories are walked recursively in sorted order; every directory's real
path is remembered, so a symlink loop is visited once and reported, never
followed forever.
"""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsdesk.errors import InputError, TooLarge, UnsafeInput

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


def read_file(path: str, *, limit: int) -> bytes:
    """A file's bytes, refusing files over ``limit`` before reading them."""
    try:
        size = os.stat(path).st_size
        if size > limit:
            raise TooLarge(
                f"the file is {size:,} bytes, over the {limit:,}-byte cap; "
                "raise max_file_bytes if it is genuine"
            )
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except PermissionError as exc:
        raise InputError(
            f"permission denied: {exc.strerror}; check the file's permissions"
        ) from exc
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}") from exc
    if len(data) > limit:
        raise TooLarge(f"the file grew past the {limit:,}-byte cap while being read")
    return data


def display_name(path: str) -> str:
    """A path as the user will recognise it (as given, not resolved)."""
    return str(Path(path))
