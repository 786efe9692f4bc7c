"""Finding the inputs of a batch: files in folders and members of .zip files, and every one of them
reported once — including what cannot be read (a link in a loop, a link to a folder or out of the folder
given, a named pipe, a folder without permission), which becomes a :class:`ReadFailure` in its place.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from ._archives import ZIP_SUFFIXES, Archive
from ._limits import DEFAULT_LIMITS, Limits
from .errors import ReadError
from .model import ReadFailure

__all__ = ["file_bytes", "iter_files", "split_member"]

# Files a folder scan passes over: notes about the folder, not submissions.
_SKIP_NAMES = re.compile(r"^(readme|license|licence|changelog)(\.[a-z]+)?$", re.I)

Input = Path | ReadFailure


def file_bytes(path: str, source: str, max_bytes: int) -> bytes:
    """The bytes of a regular file, at most ``max_bytes``: a FIFO, a device (/dev/zero) or a folder is
    refused before it is read, and opening never blocks (O_NONBLOCK; checked again on the open file)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise ReadError(source, "not_found", "no such file (or a link to nothing)") from None
    except IsADirectoryError:
        raise ReadError(source, "unreadable", "is a folder, not a file") from None
    except PermissionError:
        raise ReadError(source, "unreadable", "permission denied") from None
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise ReadError(source, "symlink_loop", "is a symbolic link that leads back to itself") from None
        raise ReadError(source, "unreadable", f"cannot be opened ({e.strerror or e})") from None
    with os.fdopen(fd, "rb") as f:
        try:
            info = os.fstat(f.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise ReadError(source, "unreadable", "is a folder, not a file")
            if not stat.S_ISREG(info.st_mode):
                what = "a named pipe (FIFO)" if stat.S_ISFIFO(info.st_mode) else "a device or a socket"
                raise ReadError(source, "not_a_file", f"is {what}, not a regular file; not read")
            if info.st_size > max_bytes:
                raise ReadError(
                    source,
                    "too_large",
                    f"the file is {info.st_size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit",
                )
            # read what the file holds, not max_bytes: a 20 MB buffer per small file costs more than the
            # read; a file that has grown since (or whose size is not told, /proc) is read on to the limit
            data = f.read(min(info.st_size, max_bytes) + 1)
            if len(data) > info.st_size:
                data += f.read(max_bytes + 1 - len(data))
        except ReadError:
            raise
        except OSError as e:
            raise ReadError(source, "unreadable", f"cannot be read ({e.strerror or e})") from None
    if len(data) > max_bytes:  # it grew, or its size was not told (/proc)
        raise ReadError(source, "too_large", f"the file is over the {max_bytes / 1e6:.0f} MB limit")
    return data


def split_member(path: str) -> tuple[str, str] | None:
    """``(zip file, member path)`` for a path that goes through a zip (``a/b.zip/c/d.docx``), else None."""
    parts = Path(path).parts
    for k in range(len(parts) - 1, 0, -1):
        head = os.path.join(*parts[:k])
        if os.path.isdir(head):
            return None
        if os.path.isfile(head):
            if head.lower().endswith(ZIP_SUFFIXES):
                return head, "/".join(parts[k:])
            return None
    return None


def _link(p: Path, root: str) -> Input:
    """A symbolic link met in a folder: read when it points at a file inside the folder, else reported."""
    try:
        target = os.path.realpath(p, strict=True)
    except FileNotFoundError:
        return ReadFailure(str(p), "not_found", "is a link to nothing (its target does not exist)")
    except OSError as e:
        if e.errno == errno.ELOOP:
            return ReadFailure(
                str(p), "symlink_loop", "is a symbolic link that leads back to itself; not read"
            )
        return ReadFailure(str(p), "unreadable", f"is a link that cannot be followed ({e.strerror or e})")
    if os.path.isdir(target):
        return ReadFailure(
            str(p),
            "folder_link",
            "is a link to a folder, which is not followed (it could read a folder twice or loop); "
            "give that folder itself",
        )
    if os.path.commonpath([root, target]) != root:
        return ReadFailure(
            str(p), "outside_folder", f"is a link to {target}, outside the folder given; not read"
        )
    return p


def _folder(root: Path) -> list[Input]:
    """Every file under ``root`` (hidden files and READMEs passed over), and a failure for each thing in it
    that is not a readable file or folder."""
    real_root = os.path.realpath(root)
    out: list[Input] = []
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError as e:
            why = "permission denied" if isinstance(e, PermissionError) else (e.strerror or str(e))
            out.append(ReadFailure(str(folder), "unreadable", f"the folder cannot be opened ({why}); its files are not read"))  # fmt: skip
            continue
        for entry in entries:
            if entry.name.startswith(".") or _SKIP_NAMES.match(entry.name):
                continue
            p = Path(entry.path)
            try:
                if entry.is_symlink():
                    out.append(_link(p, real_root))
                elif entry.is_dir(follow_symlinks=False):
                    stack.append(p)
                elif entry.is_file(follow_symlinks=False):
                    out.append(p)
                else:
                    mode = entry.stat(follow_symlinks=False).st_mode
                    what = "a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a device or a socket"
                    out.append(ReadFailure(str(p), "not_a_file", f"is {what}, not a regular file; not read"))
            except OSError as e:
                out.append(ReadFailure(str(p), "unreadable", f"cannot be examined ({e.strerror or e})"))
    return sorted(out, key=lambda x: Path(x.source) if isinstance(x, ReadFailure) else x)


def _members(data: bytes, where: Path, limits: Limits, depth: int) -> Iterator[Input]:
    """The members of a zip as paths through it (``a.zip/计划/b.docx``), zips inside it opened in turn."""
    try:
        archive = Archive(data, str(where), limits=limits)
    except ReadError as e:
        yield ReadFailure(e.source, e.reason, e.detail)
        return
    with archive:
        names = archive.names()
        if not names:
            yield ReadFailure(str(where), "empty", "the zip holds no files")
        for name in names:
            source = f"{where}/{name}"
            if archive.unsafe(name):
                yield ReadFailure(
                    source, "unsafe_name", "its name leads out of the archive's folder; not read"
                )
            elif not name.lower().endswith(ZIP_SUFFIXES):
                yield Path(where, name)
            elif depth >= limits.max_archive_depth:
                yield ReadFailure(
                    source,
                    "too_deeply_nested",
                    f"is a zip inside zips more than {limits.max_archive_depth} deep",
                )
            else:
                try:
                    inner = archive.read(name, max_bytes=limits.max_bytes)
                except ReadError as e:
                    yield ReadFailure(source, e.reason, e.detail)
                    continue
                yield from _members(inner, Path(where, name), limits, depth + 1)


def _expand(p: Path, limits: Limits) -> Iterator[Input]:
    if p.suffix.lower() in ZIP_SUFFIXES and p.is_file():
        try:
            data = file_bytes(str(p), str(p), limits.max_bytes)
        except ReadError as e:
            yield ReadFailure(e.source, e.reason, e.detail)
            return
        yield from _members(data, p, limits, 1)
    else:
        yield p


def iter_files(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]], *, limits: Limits = DEFAULT_LIMITS
) -> Iterator[Input]:
    """Expand files, folders (recursively, sorted; hidden files and READMEs passed over) and .zip files
    (member by member), in input order, each input once. What cannot be read — a link in a loop, to a
    folder or out of the folder given, a named pipe or device, a folder without permission, a broken zip
    — comes as a :class:`ReadFailure` in its place, so a batch reports it rather than skipping it."""
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    seen: set[str] = set()
    for path in paths:
        p = Path(path)
        found = _folder(p) if p.is_dir() else [p]
        for item in found:
            for one in _expand(item, limits) if isinstance(item, Path) else [item]:
                key = one.source if isinstance(one, ReadFailure) else str(one)
                if key not in seen:
                    seen.add(key)
                    yield one
