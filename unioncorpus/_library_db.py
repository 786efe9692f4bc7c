"""The library's file: its format, schema and upgrades, and the lock other processes may hold on it."""

from __future__ import annotations

import hashlib
import logging
import os
import re
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import numpy as np

from .errors import UnionCorpusError, os_reason

__all__ = [
    "APPLICATION_ID",
    "DEFAULT_WAIT",
    "SCHEMA_VERSION",
    "LibraryBusyError",
    "LibraryError",
    "Store",
    "UnknownPlanError",
    "content_hash",
    "library_id",
]

T = TypeVar("T")
_log = logging.getLogger("unioncorpus.library")


def _log_wait(message: str) -> None:
    _log.warning(message)


# The file says what it is: SQLite's application_id (ASCII "UCLB") and user_version (the schema version).
APPLICATION_ID = 0x55434C42
SCHEMA_VERSION = 2
# How long a busy library (another process writing) is waited for, in seconds, before giving up.
DEFAULT_WAIT = 60.0
_SQLITE_MAGIC = b"SQLite format 3\x00"
_V1_TABLES = {"meta", "docs", "bands", "samples"}

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE docs (
    lib_id TEXT PRIMARY KEY, source TEXT, title TEXT, year INTEGER, n_shingles INTEGER,
    clean_text TEXT, lines BLOB, cols BLOB, shingles BLOB,
    doc_id TEXT, source_path TEXT, school_level TEXT, start_line INTEGER, content_hash TEXT, added_at TEXT
);
CREATE INDEX docs_hash ON docs (content_hash);
CREATE TABLE bands (band INTEGER NOT NULL, key INTEGER NOT NULL, lib_id TEXT NOT NULL);
CREATE INDEX bands_key ON bands (band, key);
CREATE INDEX bands_doc ON bands (lib_id);
CREATE TABLE samples (hash INTEGER NOT NULL, lib_id TEXT NOT NULL);
CREATE INDEX samples_hash ON samples (hash);
CREATE INDEX samples_doc ON samples (lib_id);
"""
# Schema 1 (unioncorpus 0.1) keyed plans by their id within one run (the file stem), so a later file with the
# same name replaced an earlier plan. Schema 2 adds what makes an id unique across runs and what `list` shows.
_V1_TO_V2 = [
    "ALTER TABLE docs ADD COLUMN doc_id TEXT",
    "ALTER TABLE docs ADD COLUMN source_path TEXT",
    "ALTER TABLE docs ADD COLUMN school_level TEXT",
    "ALTER TABLE docs ADD COLUMN start_line INTEGER",
    "ALTER TABLE docs ADD COLUMN content_hash TEXT",
    "ALTER TABLE docs ADD COLUMN added_at TEXT",
    "CREATE INDEX docs_hash ON docs (content_hash)",
]


class LibraryError(UnionCorpusError, ValueError):
    """The library file cannot be used: not a library, made by a newer version, or damaged."""


class LibraryBusyError(UnionCorpusError, TimeoutError):
    """Another process kept the library locked for longer than the wait allowed."""


class UnknownPlanError(UnionCorpusError, KeyError):
    """``remove`` was given ids that are not in the library."""

    def __str__(self) -> str:  # KeyError would print the message with quotes around it
        return str(self.args[0])


def content_hash(title: str | None, clean: str) -> str:
    """What makes two plans the same text: the title and the content characters of the body."""
    return hashlib.sha256(f"{title or ''}\n{clean}".encode()).hexdigest()


def library_id(doc_id: str, digest: str, source_path: str, year: int | None, *, length: int = 8) -> str:
    """``<plan id>@<hash>``: readable, and unique across runs (the hash covers text, file path and year)."""
    key = f"{digest}\0{source_path}\0{year if year is not None else ''}"
    return f"{doc_id}@{hashlib.sha256(key.encode('utf-8', 'surrogateescape')).hexdigest()[:length]}"


def _natural_key(text: str) -> tuple:
    # Plans from 篇2 before 篇10; three lines do not justify a dependency.
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text))


def _safe(text: str | None) -> str | None:
    """A file name that is not valid UTF-8 (a GBK name from a Windows zip) stored readably, never crashing."""
    if text is None:
        return None
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _is_busy(error: sqlite3.Error) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return "locked" in str(error) or "busy" in str(error)


class Store:
    """Opening, creating, upgrading and locking the library file; :class:`~unioncorpus.library.Library` adds
    what is stored in it."""

    path: Path
    wait: float
    _db: sqlite3.Connection | None
    _defaults_for_create: tuple[int, int, float]

    # -- opening ----------------------------------------------------------------------------------
    def _check_header(self) -> None:
        try:
            with self.path.open("rb") as f:
                head = f.read(len(_SQLITE_MAGIC))
        except OSError as e:
            zh, en = os_reason(e)
            raise LibraryError(
                f"参考库 {_safe(str(self.path))} 无法读取：{zh} ({_safe(str(self.path))}: cannot be read ({en}))"
            ) from None
        if head and head != _SQLITE_MAGIC:
            raise LibraryError(
                f"不是 unioncorpus 参考库：{_safe(str(self.path))} 不是 SQLite 文件，已原样保留；请换一个新文件名 "
                f"({_safe(str(self.path))} is not a unioncorpus library: not an SQLite file; it was left "
                "untouched. Give a new file name, e.g. refs.sqlite)"
            )

    def _open(self) -> None:
        db = self._db
        assert db is not None
        db.execute("BEGIN IMMEDIATE" if self._writable() else "BEGIN")
        try:
            app_id = db.execute("PRAGMA application_id").fetchone()[0]
            version = db.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if app_id == APPLICATION_ID:
                if version > SCHEMA_VERSION:
                    raise LibraryError(
                        f"参考库 {_safe(str(self.path))} 由更新版本的 unioncorpus 生成（格式 {version}，本版本最多能读 "
                        f"{SCHEMA_VERSION}），请升级 unioncorpus ({_safe(str(self.path))} was made by a newer "
                        f"unioncorpus (library format {version}, this version reads up to {SCHEMA_VERSION}); "
                        "upgrade unioncorpus)"
                    )
            elif not tables:
                self._create(db)
            elif self._is_v1(db, tables):
                self._migrate_v1(db)
            else:
                shown = ", ".join(sorted(tables)[:6]) + ("…" if len(tables) > 6 else "")
                raise LibraryError(
                    f"不是 unioncorpus 参考库：{_safe(str(self.path))} 是其他程序的 SQLite 数据库，已原样保留；"
                    "请换一个新文件名 "
                    f"({_safe(str(self.path))} is an SQLite database of another program, tables: {shown}; "
                    "it was left untouched. Give a new file name, e.g. refs.sqlite)"
                )
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
            self.k, self.num_perm = int(meta["k"]), int(meta["num_perm"])
            self.threshold, self.seed = float(meta["threshold"]), int(meta["seed"])
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise

    def _writable(self) -> bool:
        return os.access(self.path, os.W_OK) if self.path.exists() else True

    def _create(self, db: sqlite3.Connection) -> None:
        k, num_perm, threshold = self._defaults_for_create
        for statement in SCHEMA.strip().split(";"):
            if statement.strip():
                db.execute(statement)
        db.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [("k", str(k)), ("num_perm", str(num_perm)), ("threshold", str(threshold)), ("seed", "1"),
             ("format", str(SCHEMA_VERSION))],
        )  # fmt: skip
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @staticmethod
    def _is_v1(db: sqlite3.Connection, tables: set[str]) -> bool:
        if tables != _V1_TABLES:
            return False
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        return meta.get("format") == "1" and {"k", "num_perm", "threshold", "seed"} <= set(meta)

    def _migrate_v1(self, db: sqlite3.Connection) -> None:
        """Schema 1 → 2 in the open transaction: new columns, and ids made unique across runs."""
        if not self._writable():
            raise LibraryError(
                f"参考库 {_safe(str(self.path))} 由 unioncorpus 0.1 生成，需要升级一次，但文件是只读的；请改为可写后"
                f"再运行任一 `unioncorpus library` 命令 ({_safe(str(self.path))} was made by unioncorpus 0.1 and "
                "must be upgraded once, but it is read-only; make it writable and run any `unioncorpus library` "
                "command)"
            )
        for statement in _V1_TO_V2:
            db.execute(statement)
        rows = db.execute("SELECT lib_id, source, title, year, clean_text, lines FROM docs").fetchall()
        for old_id, source, title, year, clean, lines in rows:
            digest = content_hash(title, clean or "")
            new_id = library_id(old_id, digest, source or "", year)
            first = np.frombuffer(lines, dtype=np.int32)[:1] if lines else ()
            db.execute(
                "UPDATE docs SET lib_id = ?, doc_id = ?, source_path = ?, content_hash = ?, start_line = ? "
                "WHERE lib_id = ?",
                (new_id, old_id, source, digest, int(first[0]) if len(first) else None, old_id),
            )
            db.execute("UPDATE bands SET lib_id = ? WHERE lib_id = ?", (new_id, old_id))
            db.execute("UPDATE samples SET lib_id = ? WHERE lib_id = ?", (new_id, old_id))
        db.execute("UPDATE meta SET value = ? WHERE key = 'format'", (str(SCHEMA_VERSION),))
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _retry(self, step: Callable[[], T]) -> T:
        """Run ``step`` (one whole transaction), retrying while another process holds the lock."""
        deadline = time.monotonic() + self.wait
        told = False
        while True:
            try:
                return step()
            except sqlite3.OperationalError as e:
                if not _is_busy(e):
                    raise LibraryError(
                        f"参考库 {_safe(str(self.path))} 出错：{e} ({_safe(str(self.path))}: {e})"
                    ) from None
                if not told:
                    self._on_wait(
                        f"参考库 {_safe(str(self.path))} 正被其他程序写入，最多等待 {self.wait:g} 秒… "
                        f"(the library is busy; waiting up to {self.wait:g} s)"
                    )
                    told = True
                if time.monotonic() >= deadline:
                    raise LibraryBusyError(
                        f"参考库 {_safe(str(self.path))} 被其他程序占用，等待 {self.wait:g} 秒后仍未释放；"
                        f"请稍后再试 (the library {_safe(str(self.path))} stayed locked by another process for "
                        f"{self.wait:g} s; try again when it has finished)"
                    ) from None
                time.sleep(0.05)
            except sqlite3.DatabaseError as e:  # "file is not a database", a damaged file
                raise LibraryError(
                    f"无法作为参考库打开 {_safe(str(self.path))}：{e} (cannot be opened as a library: {e})"
                ) from None

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
