"""Library exceptions.

Every error raised by unioncorpus subclasses :class:`UnionCorpusError` *and* the matching built-in,
so ``except ValueError`` keeps working for callers that do not know this package.
"""

from __future__ import annotations

__all__ = ["OptionFileError", "OutputError", "ReadError", "UnionCorpusError", "UnknownOptionError"]


class UnionCorpusError(Exception):
    """Base class of every error raised by unioncorpus."""


class ReadError(UnionCorpusError, OSError):
    """A file could not be read as a plan: names the file and the reason.

    Attributes:
        source: the file as given.
        reason: a short machine-readable reason (``empty``, ``binary``, ``undecodable``, ``legacy_doc``,
            ``corrupt_docx``, ``too_large``, ``unsupported``, ``not_found``, ``unreadable``).
        detail: a sentence for people, saying what to do about it.
    """

    def __init__(self, source: str, reason: str, detail: str) -> None:
        super().__init__(f"{source}: {detail}")
        self.source = source
        self.reason = reason
        self.detail = detail


class UnknownOptionError(UnionCorpusError, ValueError):
    """An option got a value outside its allowed set."""

    def __init__(self, name: str, value: object, allowed: list[str] | tuple[str, ...]) -> None:
        super().__init__(f"{name}={value!r} is not allowed; choose one of: {', '.join(map(str, allowed))}")
        self.name = name
        self.value = value
        self.allowed = tuple(allowed)


class OutputError(UnionCorpusError, OSError):
    """Results could not be written: names the folder or file and the reason (disk full, read-only, ...)."""

    def __init__(self, path: object, detail: str) -> None:
        super().__init__(f"{path}: {detail}")
        self.path = str(path)
        self.detail = detail


class OptionFileError(UnionCorpusError, ValueError):
    """An option file (rules TOML, labels CSV, model) is malformed: names the file, the key and what is allowed."""

    def __init__(self, path: object, detail: str, *, key: str | None = None) -> None:
        where = f"{path}: {key}: " if key else f"{path}: "
        super().__init__(where + detail)
        self.path = str(path)
        self.key = key
        self.detail = detail
