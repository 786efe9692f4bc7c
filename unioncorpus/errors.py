"""Library exceptions.

Every error raised by unioncorpus subclasses :class:`UnionCorpusError` *and* the matching built-in,
so ``except ValueError`` keeps working for callers that do not know this package.
"""

from __future__ import annotations

__all__ = ["ReadError", "UnionCorpusError", "UnknownOptionError"]


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
