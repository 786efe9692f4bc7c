"""Atomic results: a file or a whole result folder is either the previous complete one or the new one.

A run writes its results into a fresh hidden folder beside ``--out`` and swaps it in at the end (on Linux
with one ``renameat2(RENAME_EXCHANGE)``, so there is no moment without a complete folder). A run that is
killed leaves ``--out`` as it was; the half-written hidden folder is removed by the next run. Files get the
mode the user's umask gives, like any other file they create.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .errors import OutputError, os_reason

__all__ = ["MANIFEST", "atomic_write", "created_at", "result_folder", "umask"]

MANIFEST = "manifest.json"
_STAGING = re.compile(r"^\.(?P<name>.+)\.unioncorpus-(?P<pid>\d+)-[a-z0-9_]+$")


def umask() -> int:
    """The process's umask, read without changing it where the system allows (Linux)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write(target: str | os.PathLike[str], write: Callable[[str], object]) -> Path:
    """Call ``write(temp_path)`` and move the result to ``target``; an interrupted write leaves no target."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    try:
        write(tmp)
        os.chmod(tmp, 0o666 & ~umask())  # mkstemp makes 0600; the result is an ordinary file
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2``); False where the system cannot."""
    # No maintained Python library wraps renameat2; the call is small enough to make through ctypes.
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):  # a file system without exchange
        return False
    raise OSError(err, os.strerror(err), str(b))


def _remove_stale_staging(parent: Path, name: str) -> None:
    """Remove hidden folders left by runs that were killed (their process is gone)."""
    with contextlib.suppress(OSError):
        for entry in parent.iterdir():
            m = _STAGING.match(entry.name)
            if not m or m.group("name") != name:
                continue
            pid = int(m.group("pid"))
            if pid != os.getpid() and not _alive(pid):
                shutil.rmtree(entry, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _check_ours(out: Path, names: Iterable[str]) -> None:
    """Refuse to replace a folder holding files this command did not write."""
    allowed = set(names) | {MANIFEST}
    listed: set[str] = set()
    manifest = out / MANIFEST
    if manifest.is_file():
        with contextlib.suppress(OSError, ValueError, AttributeError):
            listed = set(json.loads(manifest.read_text(encoding="utf-8")).get("files", {}))
    allowed |= {p.split("/", 1)[0] for p in listed}
    foreign = sorted(p.name for p in out.iterdir() if p.name not in allowed)
    if foreign:
        shown = "、".join(foreign[:3]) + ("…" if len(foreign) > 3 else "")
        raise OutputError(
            out,
            f"holds files unioncorpus did not write ({shown}); choose an empty or new folder for the results",
            zh=f"文件夹里有不是 unioncorpus 写的文件（{shown}），请换一个空文件夹或新文件夹",
        )


def _manifest(folder: Path, info: dict) -> dict:
    files = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            rel = p.relative_to(folder).as_posix()
            files[rel] = {"bytes": p.stat().st_size, "sha256": hashlib.sha256(p.read_bytes()).hexdigest()}
    return {**info, "files": files}


def _fsync_tree(folder: Path) -> None:
    """Flush the new files to disk before they replace the old ones (a power cut keeps one or the other)."""
    for p in [*folder.rglob("*"), folder]:
        with contextlib.suppress(OSError):
            fd = os.open(p, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


def created_at() -> str:
    """Now, as an ISO date-time; ``SOURCE_DATE_EPOCH`` fixes it for reproducible outputs."""
    from datetime import UTC, datetime

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).isoformat(timespec="seconds")
    return datetime.now().astimezone().isoformat(timespec="seconds")


def check_result_path(out: str | os.PathLike[str]) -> Path:
    """``out`` as an absolute path, refused (:class:`OutputError`) when no result folder can be made there: it
    is the current folder or holds it, or it or a folder above it is a file. Commands call it before any work,
    so a mistyped ``--out`` is said at once, not after the whole batch has been read."""
    out = Path(os.path.abspath(out))
    if out.is_symlink():
        out = out.resolve()
    cwd = Path.cwd().resolve()
    if out == cwd or out in cwd.parents:
        raise OutputError(
            out,
            "is the current folder (or holds it); name a folder for the results",
            zh="这是当前文件夹（或包含当前文件夹），请另外指定一个结果文件夹",
        )
    try:
        above = next((p for p in (out, *out.parents) if p.exists() or p.is_symlink()), out)
        is_file = above.exists() and not above.is_dir()
    except OSError as e:
        detail, zh = _why(e)
        raise OutputError(out, detail, zh=zh) from None
    if is_file:
        what, what_zh = (
            ("", "") if above == out else (f" ({above} is a file, not a folder)", f"（{above} 是文件）")
        )
        raise OutputError(
            out,
            f"is a file, not a folder{what}; name a folder for the results",
            zh=f"这是文件，不是文件夹{what_zh}，请指定一个文件夹",
        )
    return out


@contextlib.contextmanager
def result_folder(out: str | os.PathLike[str], *, names: Iterable[str], info: dict) -> Iterator[Path]:
    """A fresh folder to write a complete result into, swapped in for ``out`` when the block succeeds.

    Args:
        out: the result folder the user asked for.
        names: the top-level names this command writes (a folder holding anything else is refused).
        info: what made the result (command, version, inputs), written with a checksum of every file
            to ``out/manifest.json``, last.

    Raises:
        OutputError: ``out`` is a file, holds other files, or cannot be written (no space, read-only,
            permission); the previous result is then left as it was.
    """
    out = check_result_path(out)
    staging = None
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        if out.is_dir():
            _check_ours(out, names)
        _remove_stale_staging(out.parent, out.name)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.unioncorpus-{os.getpid()}-", dir=out.parent))
        os.chmod(staging, 0o777 & ~umask())  # mkdtemp makes 0700; the result is an ordinary folder
        yield staging
        (staging / MANIFEST).write_text(
            json.dumps(_manifest(staging, info), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        _fsync_tree(staging)
        if not out.exists():
            try:
                os.rename(staging, out)
                staging = None
            except OSError as e:  # another run made it meanwhile: swap with that one
                if e.errno not in (errno.EEXIST, errno.ENOTEMPTY):
                    raise
        if staging is not None and not _exchange(staging, out):
            old = staging.with_name(staging.name + "_old")
            os.rename(out, old)
            os.rename(staging, out)
            staging = old
        with contextlib.suppress(OSError):
            fd = os.open(out.parent, os.O_RDONLY)
            os.fsync(fd)
            os.close(fd)
    except OutputError:
        raise
    except OSError as e:
        detail, zh = _why(e)
        raise OutputError(out, detail, zh=zh) from None
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)


def _why(e: OSError) -> tuple[str, str]:
    """The English detail and, as ``zh``, the Chinese one."""
    zh, en = os_reason(e)
    where = f" ({e.filename})" if e.filename else ""
    return (f"cannot be written: {en}{where}; the previous results, if any, are unchanged",
            f"{zh}{where}；原有结果（如有）没有改动")  # fmt: skip
