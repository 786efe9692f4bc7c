"""The plain-text lexicons shipped in ``unioncorpus/data``, and a researcher's own files that extend them.

A user lexicon folder holds files named like the shipped ones (``headings.toml``, ``categories.toml``,
``furniture.toml``, ``attributes.toml``, ``themes.toml``). Its rules are tried before the shipped ones (or
replace them, with ``replace = true``); its tables are merged key by key (lists are extended, values
overridden). Every file is checked first: an unknown key, a wrong type or a pattern that does not compile
is a :class:`LexiconError` naming the file, the key and what is allowed. Switching folders clears every
cache that was computed from a lexicon.
"""

from __future__ import annotations

import copy
import os
import re
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from .errors import UnionCorpusError

F = TypeVar("F", bound=Callable[..., Any])

# Files a user folder may extend, and the rule tables in them (a list of [[rule]] entries each).
USER_FILES = ("headings.toml", "categories.toml", "furniture.toml", "attributes.toml", "themes.toml")
_RULE_FIELDS: dict[str, dict[str, type | tuple[type, ...]]] = {
    "headings.toml": {"kind": str, "pattern": str},
    "categories.toml": {"category": str, "pattern": str},
    "furniture.toml": {"reason": str, "pattern": str, "where": str, "max_len": int, "scope": str},
}
_REQUIRED = {"headings.toml": ("kind", "pattern"), "categories.toml": ("category", "pattern"),
             "furniture.toml": ("reason", "pattern")}  # fmt: skip
_CHOICES = {
    ("furniture.toml", "where"): ("anywhere", "outside"),
    ("furniture.toml", "scope"): ("line", "sentence", "match"),
}
# Tables where a user file may add keys of its own (new themes); elsewhere every key must be known.
_OPEN_TABLES = {"themes.toml": ("",)}

_active: Path | None = None
_clearers: list[Callable[[], None]] = []


class LexiconError(UnionCorpusError, ValueError):
    """A user lexicon file that cannot be used: names the file, the key and what is allowed."""


def depends_on_lexicons(fn: F) -> F:
    """Mark a cached function as computed from the lexicons: its cache is cleared when they change."""
    _clearers.append(fn.cache_clear)  # type: ignore[attr-defined]
    return fn


def data_path(name: str) -> Path:
    return Path(str(resources.files("unioncorpus") / "data" / name))


def active_lexicons() -> Path | None:
    """The user lexicon folder in use, or ``None`` (the shipped lexicons only)."""
    return _active


def set_lexicons(folder: str | os.PathLike[str] | None) -> None:
    """Use the lexicon files in ``folder`` on top of the shipped ones (``None``: the shipped ones only).

    Raises:
        LexiconError: the folder does not exist, or a file in it is malformed.
    """
    global _active
    path = None if folder is None else Path(folder)
    if path is not None:
        if not path.is_dir():
            raise LexiconError(f"{path}: not a folder; --lexicons takes a folder of {', '.join(USER_FILES)}")
        unknown = sorted(p.name for p in path.glob("*.toml") if p.name not in USER_FILES)
        if unknown:
            raise LexiconError(
                f"{path}: unknown lexicon file(s) {', '.join(unknown)}; allowed: {', '.join(USER_FILES)}"
            )
    if path == _active:
        return
    if path is not None:
        for name in USER_FILES:
            _load(name, path)  # check every user file now, before anything uses it
    _active = path
    load_toml.cache_clear()
    for clear in _clearers:
        clear()


@contextmanager
def using_lexicons(folder: str | os.PathLike[str] | None) -> Iterator[None]:
    """Use ``folder``'s lexicons inside a ``with`` block (``None`` leaves the current ones)."""
    if folder is None:
        yield
        return
    before = _active
    set_lexicons(folder)
    try:
        yield
    finally:
        set_lexicons(before)


def _shipped(name: str) -> dict[str, Any]:
    with resources.files("unioncorpus").joinpath("data", name).open("rb") as f:
        return tomllib.load(f)


@cache
def load_toml(name: str) -> dict[str, Any]:
    """A lexicon file: the shipped one, extended by the user folder's file of the same name if any."""
    return _load(name, _active)


def _load(name: str, folder: Path | None) -> dict[str, Any]:
    data = _shipped(name)
    if folder is None or name not in USER_FILES or not (folder / name).is_file():
        return data
    path = folder / name
    try:
        with open(path, "rb") as f:
            user = tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise LexiconError(f"{path}: not valid TOML ({e})") from None
    except OSError as e:
        raise LexiconError(f"{path}: cannot be read ({e.strerror or e})") from None
    return _merge(name, path, data, user)


def _type_name(t: type | tuple[type, ...]) -> str:
    names = {str: "a string", int: "an integer", float: "a number", bool: "true or false", list: "a list",
             dict: "a table"}  # fmt: skip
    return " or ".join(names.get(x, x.__name__) for x in (t if isinstance(t, tuple) else (t,)))


def _check_pattern(path: Path, key: str, pattern: str) -> None:
    try:
        re.compile(pattern)
    except re.error as e:
        raise LexiconError(f"{path}: {key} is not a valid regular expression ({e})") from None


def _check_furniture_scope(path: Path, k: int, rule: dict[str, Any]) -> None:
    """Sentences and matches are set aside while lines are read, before any plan is found: 'outside a plan'
    cannot be told there; and a match has no length to limit (a sentence's is its own)."""
    scope = rule.get("scope", "line")
    refused = [key for key in ("where", "max_len") if key in rule and (scope == "match" or key == "where")]
    if scope != "line" and refused:
        allowed = "scope 'line'" if refused == ["where"] else "scope 'line' or 'sentence'"
        raise LexiconError(
            f"{path}: rule {k} scope = {scope!r} cannot take {' or '.join(refused)}; allowed only with {allowed}"
        )


def _rules(name: str, path: Path, rules: Any) -> list[dict[str, Any]]:
    if not isinstance(rules, list) or not all(isinstance(r, dict) for r in rules):
        raise LexiconError(f"{path}: rule must be a list of [[rule]] tables")
    fields = _RULE_FIELDS[name]
    for k, rule in enumerate(rules, 1):
        for key, value in rule.items():
            if key not in fields:
                raise LexiconError(f"{path}: rule {k} has unknown key {key!r}; allowed: {', '.join(fields)}")
            if not isinstance(value, fields[key]) or isinstance(value, bool):
                raise LexiconError(f"{path}: rule {k} {key} must be {_type_name(fields[key])}")
            choices = _CHOICES.get((name, key))
            if choices and value not in choices:
                raise LexiconError(f"{path}: rule {k} {key} = {value!r}; allowed: {', '.join(choices)}")
        missing = [key for key in _REQUIRED[name] if key not in rule]
        if missing:
            raise LexiconError(f"{path}: rule {k} lacks {', '.join(missing)}")
        _check_pattern(path, f"rule {k} pattern", rule["pattern"])
        if name == "furniture.toml":
            _check_furniture_scope(path, k, rule)
        if name == "headings.toml":
            from .model import SECTION_KINDS

            if rule["kind"] not in SECTION_KINDS:
                raise LexiconError(
                    f"{path}: rule {k} kind = {rule['kind']!r}; allowed: {', '.join(SECTION_KINDS)}"
                )
    return rules


def _merge(name: str, path: Path, shipped: dict[str, Any], user: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(shipped)
    if name in _RULE_FIELDS:
        replace = user.pop("replace", False)
        if not isinstance(replace, bool):
            raise LexiconError(f"{path}: replace must be true or false")
        rules = _rules(name, path, user.pop("rule", []))
        out["rule"] = rules if replace else [*rules, *out.get("rule", [])]
    _merge_table(path, out, user, "", _OPEN_TABLES.get(name, ()))
    for key, pattern in out.get("menu", {}).items() if name == "furniture.toml" else ():
        _check_pattern(path, f"[menu] {key}", pattern)
    return out


def _merge_table(
    path: Path, into: dict[str, Any], user: dict[str, Any], prefix: str, open_: tuple[str, ...]
) -> None:
    for key, value in user.items():
        dotted = f"{prefix}{key}"
        if key not in into:
            if prefix.rstrip(".") not in open_:
                allowed = ", ".join(sorted(into)) or "(none)"
                raise LexiconError(f"{path}: unknown key {dotted!r}; allowed here: {allowed}")
            into[key] = value
            continue
        have = into[key]
        if isinstance(have, dict):
            if not isinstance(value, dict):
                raise LexiconError(f"{path}: {dotted} must be a table")
            _merge_table(path, have, value, dotted + ".", open_)
        elif isinstance(have, list):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise LexiconError(f"{path}: {dotted} must be a list of strings")
            into[key] = [*have, *(v for v in value if v not in have)]
        else:
            expected = float if isinstance(have, float) else type(have)
            ok = isinstance(value, expected) or (expected is float and isinstance(value, int))
            if not ok or (isinstance(value, bool) and expected is not bool):
                raise LexiconError(f"{path}: {dotted} must be {_type_name(expected)}, not {value!r}")
            if isinstance(value, str) and ("pattern" in key or key in ("summary", "closing")):
                _check_pattern(path, dotted, value)
            into[key] = value


@dataclass(frozen=True)
class FurnitureRule:
    reason: str
    pattern: re.Pattern[str]
    where: str = "anywhere"
    max_len: int | None = None
    scope: str = "line"

    def matches(self, text: str) -> bool:
        if self.max_len is not None and len(text) > self.max_len:
            return False
        return self.pattern.search(text) is not None


@depends_on_lexicons
@cache
def furniture_rules() -> tuple[FurnitureRule, ...]:
    rules = []
    for r in load_toml("furniture.toml")["rule"]:
        rules.append(
            FurnitureRule(
                r["reason"],
                re.compile(r["pattern"]),
                r.get("where", "anywhere"),
                r.get("max_len"),
                r.get("scope", "line"),
            )
        )
    return tuple(rules)
