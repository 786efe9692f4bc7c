"""The words people read instead of internal codes, from ``data/labels.toml`` (themes: ``data/themes.toml``).

Every output a union office sees (triage.csv, triage.xlsx, report.html, the printed summary) takes its
words from here, in Chinese (``lang="zh"``, the default) or English.

>>> label("school_level", "primary")
'小学'
>>> reason("few_activities", n=3, min=5)
'月份安排只有3项活动（至少需要5项）'
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from ._lexicon import load_toml
from .errors import UnknownOptionError

__all__ = ["LANGS", "check_lang", "codes", "join", "label", "labels", "reason"]

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
    return _SEPARATOR[check_lang(lang)].join(label(kind, c, lang) for c in codes_)


def join_reasons(parts: Iterable[str], lang: str = "zh") -> str:
    return _REASON_SEPARATOR[check_lang(lang)].join(parts)


def reason(code: str, lang: str = "zh", **values: object) -> str:
    """A reason sentence from its template, with ``values`` filled in."""
    return _table("reason")[code][check_lang(lang)].format(**values)


def ui(code: str, lang: str = "zh", **values: object) -> str:
    """A word or sentence of the report page."""
    return _table("ui")[code][check_lang(lang)].format(**values)
