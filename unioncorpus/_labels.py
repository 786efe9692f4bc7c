"""The words people read instead of internal codes, from ``data/labels.toml`` (themes: ``data/themes.toml``).

Every output a union office sees (triage.csv, triage.xlsx, report.html, what the command line prints)
takes its words from here, in Chinese (``lang="zh"``, the default) or English.

>>> label("school_level", "primary")
'小学'
>>> reason("few_activities", n=3, min=5)
'月份安排只有3项活动（至少需要5项）'
>>> counts("doc_type", [("plan", 13), ("key_points", 1)])
'工作计划 13、工作要点 1'
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache

from ._lexicon import load_toml
from .errors import UnknownOptionError

__all__ = [
    "LANGS",
    "check_lang",
    "codes",
    "counts",
    "join",
    "label",
    "labels",
    "listing",
    "message",
    "pad",
    "reason",
    "width",
]

LANGS = ("zh", "en")
_SEPARATOR = {"zh": "、", "en": ", "}
_REASON_SEPARATOR = {"zh": "；", "en": "; "}


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise UnknownOptionError("lang", lang, LANGS)
    return lang


@cache
def _table(kind: str) -> dict[str, dict[str, str]]:
    if kind == "theme":
        return {
            k: {"zh": v["label"], "en": v.get("label_en", v["label"])}
            for k, v in load_toml("themes.toml").items()
        }
    if kind == "read_error":  # one list of read failures, kept beside the code that raises them
        from .errors import READ_REASONS

        return {code: {"zh": zh, "en": en} for code, (zh, en) in READ_REASONS.items()}
    table = load_toml("labels.toml")
    if kind not in table:
        raise UnknownOptionError("kind", kind, (*table, "theme"))
    return table[kind]


def codes(kind: str) -> tuple[str, ...]:
    """Every code that has words in table ``kind``."""
    return tuple(_table(kind))


def labels(kind: str, lang: str = "zh") -> dict[str, str]:
    """``{code: words}`` for one table."""
    check_lang(lang)
    return {code: entry[lang] for code, entry in _table(kind).items()}


def label(kind: str, code: object, lang: str = "zh") -> str:
    """The words for ``code``; a code with no entry is shown as it is (tests keep the tables complete)."""
    entry = _table(kind).get(str(code))
    return entry[check_lang(lang)] if entry else str(code)


def join(kind: str, codes_: Iterable[object], lang: str = "zh") -> str:
    """Several codes as one phrase: ``指导思想、重点工作``."""
    return listing((label(kind, c, lang) for c in codes_), lang)


def listing(items: Iterable[object], lang: str = "zh") -> str:
    """Several words as one phrase, with the separator of ``lang``: ``甲、乙`` or ``a, b``."""
    return _SEPARATOR[check_lang(lang)].join(map(str, items))


def join_reasons(parts: Iterable[str], lang: str = "zh") -> str:
    return _REASON_SEPARATOR[check_lang(lang)].join(parts)


def reason(code: str, lang: str = "zh", **values: object) -> str:
    """A reason sentence from its template, with ``values`` filled in."""
    return _table("reason")[code][check_lang(lang)].format(**values)


def ui(code: str, lang: str = "zh", **values: object) -> str:
    """A word or sentence of the report page."""
    return _table("ui")[code][check_lang(lang)].format(**values)


def message(code: str, lang: str = "zh", **values: object) -> str:
    """A sentence the command line prints (``[cli]``), with ``values`` filled in."""
    return _table("cli")[code][check_lang(lang)].format(**values)


def unreadable(failure, lang: str = "zh") -> str:
    """One line for a file that could not be read (a ``ReadFailure``): its name and why, the Chinese with
    the reader's English detail after it."""
    return message("unreadable", lang, source=failure.source, reason=label("read_error", failure.reason, lang),
                   detail=failure.detail)  # fmt: skip


def counts(kind: str, pairs: Iterable[tuple[object, int]], lang: str = "zh") -> str:
    """Codes with their counts as one phrase: ``工作计划 13、工作要点 1``."""
    return listing((f"{label(kind, code, lang)} {n}" for code, n in pairs), lang)


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal: Chinese characters count two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, columns: int) -> str:
    """``text`` followed by spaces up to ``columns`` terminal columns."""
    return text + " " * (columns - width(text))
