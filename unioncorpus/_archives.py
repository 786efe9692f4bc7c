"""Zip files, read without extracting: the folders of Word files a district receives, and the zip
packages inside .docx and .xlsx.

Member names are decoded as the zip says (the UTF-8 flag, bit 11) or, without the flag, as the bytes
most likely are: UTF-8 if they decode as such, else GB18030 (a zip made on Chinese Windows), else
the zip standard's CP437. Sizes are checked in the zip's directory before anything is unpacked, and
unpacking is capped at the size the directory states, so a zip bomb is refused without being expanded.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import PurePosixPath

from ._limits import DEFAULT_LIMITS, Limits
from .errors import ReadError

__all__ = ["ZIP_SUFFIXES", "Archive", "is_zip", "member_name"]

ZIP_SUFFIXES = (".zip",)
_UTF8_FLAG = 0x800


def is_zip(data: bytes) -> bool:
    return data[:4] in (b"PK\x03\x04", b"PK\x05\x06")


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its maker wrote it, with ``/`` between folders.

    >>> info = zipfile.ZipInfo("计划/东湖小学.docx".encode("gbk").decode("cp437"))
    >>> member_name(info)
    '计划/东湖小学.docx'
    """
    name = info.filename
    if not info.flag_bits & _UTF8_FLAG:
        try:
            raw = name.encode("cp437")
        except UnicodeEncodeError:  # zipfile was told another metadata encoding: keep its reading
            raw = b""
        if raw and not raw.isascii():
            for encoding in ("utf-8", "gb18030"):
                try:
                    name = raw.decode(encoding)
                    break
                except UnicodeDecodeError:
                    continue
    return name.replace("\\", "/")


def _unsafe(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return name.startswith("/") or ".." in parts or (len(name) > 1 and name[1] == ":")


def _hidden(name: str) -> bool:
    """Folder furniture of zips made on a Mac (``__MACOSX/``, ``._x``) or in Windows (``Thumbs.db``), and
    hidden files, which a folder scan passes over too."""
    parts = PurePosixPath(name).parts
    named = [p for p in parts if p not in (".", "..")]  # "../x" is reported as unsafe, not passed over
    return any(p.startswith(".") or p == "__MACOSX" for p in named) or parts[-1].lower() == "thumbs.db"


class Archive:
    """An open zip whose directory has been checked against the limits.

    Raises (on opening):
        ReadError: ``corrupt_zip`` (not a zip, or damaged), ``too_many_files``, ``zip_bomb`` (a member
            that expands more than ``max_ratio`` times, or all members over ``max_unpacked`` bytes).
    """

    def __init__(
        self, data: bytes, source: str, *, limits: Limits = DEFAULT_LIMITS, kind: str = "zip"
    ) -> None:
        self.source = source
        self.limits = limits
        self.kind = kind
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except Exception as e:  # BadZipFile, and struct.error, OverflowError … from a damaged directory
            raise ReadError(source, f"corrupt_{kind}", f"the {kind} file is damaged ({e})") from None
        files = [i for i in infos if not i.is_dir()]
        if len(files) > limits.max_members:
            raise ReadError(
                source, "too_many_files", f"holds {len(files)} files, over the limit of {limits.max_members}"
            )
        total = 0
        for info in files:
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > limits.min_ratio_size and ratio > limits.max_ratio:
                raise ReadError(
                    source,
                    "zip_bomb",
                    f"{member_name(info)} would expand {ratio:.0f} times ({info.file_size / 1e6:.0f} MB), "
                    f"over the limit of {limits.max_ratio}: a zip bomb, not read",
                )
        if total > limits.max_unpacked:
            raise ReadError(
                source,
                "zip_bomb",
                f"would unpack to {total / 1e6:.0f} MB, over the {limits.max_unpacked / 1e6:.0f} MB limit; not read",
            )
        self.infos = {member_name(i): i for i in files}

    def names(self) -> list[str]:
        """Members to read as submissions, sorted (hidden files and a Mac's ``__MACOSX/`` left out)."""
        return sorted(n for n in self.infos if not _hidden(n))

    def unsafe(self, name: str) -> bool:
        """A name that would climb out of a folder if extracted (``../x``, ``/etc/x``): never read."""
        return _unsafe(name)

    def read(self, name: str, *, max_bytes: int | None = None) -> bytes:
        """The bytes of one member, never more than its directory entry (or ``max_bytes``) says."""
        info = self.infos.get(name)
        if info is None:
            raise ReadError(os.path.join(self.source, name), "not_found", f"no such file in {self.source}")
        where = f"{self.source}/{name}"
        cap = info.file_size if max_bytes is None else min(info.file_size, max_bytes)
        if max_bytes is not None and info.file_size > max_bytes:
            raise ReadError(
                where,
                "too_large",
                f"the file is {info.file_size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit",
            )
        try:
            with self.zip.open(info) as f:
                data = f.read(cap + 1)
        except RuntimeError as e:  # zipfile says "encrypted" this way
            raise ReadError(where, "encrypted", f"is protected by a password ({e})") from None
        except Exception as e:  # BadZipFile, zlib.error, EOFError … from a damaged member
            raise ReadError(
                where, f"corrupt_{self.kind}", f"cannot be unpacked ({type(e).__name__}: {e})"
            ) from None
        if len(data) > cap:
            raise ReadError(where, "zip_bomb", "unpacks to more than its zip directory states; not read")
        return data

    def open(self, name: str):
        """A stream of one member (for parsers that read as they go), after :meth:`read`'s checks."""
        info = self.infos[name]
        return self.zip.open(info)

    def close(self) -> None:
        self.zip.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
