"""Option files checked against a JSON Schema, with errors a user can act on.

jsonschema does the checking; this module turns its errors into one :class:`OptionFileError` that names
the file, the key (``required.sections``) and what is allowed (the schema's ``description``), and offers
the closest allowed key or value when a name is misspelt.
"""

from __future__ import annotations

import difflib
import os
import re
from typing import Any

from .errors import OptionFileError

__all__ = ["check_regex", "validate"]


def _key(path) -> str:
    """``staleness.congresses`` or ``themes.expected[2]`` (list positions counted from 1)."""
    out = ""
    for p in path:
        out += f"[{p + 1}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "(top level)"


def _shown(value: object) -> str:
    """A value as the user wrote it in TOML, with what kind of value it is."""
    kind = {bool: "true/false", str: "text", int: "a whole number", float: "a number", list: "a list",
            dict: "a table"}.get(type(value), type(value).__name__)  # fmt: skip
    shown = str(value).lower() if isinstance(value, bool) else repr(value)
    return f"{shown} ({kind})"


def _close(word: object, allowed) -> str:
    near = difflib.get_close_matches(str(word), [str(a) for a in allowed], n=1, cutoff=0.6)
    return f" (did you mean {near[0]!r}?)" if near else ""


def _schema_at(root: dict, path) -> dict:
    node = root
    for part in path:
        node = node.get("items", {}) if isinstance(part, int) else node.get("properties", {}).get(part, {})
    return node


def _allowed(root: dict, error) -> str:
    """What the key allows: the description nearest to the error, from the key itself outwards."""
    path = list(error.path)
    for n in range(len(path), -1, -1):
        description = _schema_at(root, path[:n]).get("description")
        if description:
            return description
    return error.schema.get("description", "")


def _describe(root: dict, error) -> str:
    """One sentence for one jsonschema error."""
    got = error.instance
    if error.validator == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        extra = [k for k in got if k not in allowed]
        return "; ".join(
            f"unknown key {k!r}{_close(k, allowed)}; allowed keys: {', '.join(allowed)}" for k in extra
        )
    if error.validator == "enum":
        choices = ", ".join(map(str, error.validator_value))
        return f"{got!r} is not allowed{_close(got, error.validator_value)}; choose from: {choices}"
    if error.validator == "type":
        return f"got {_shown(got)}; allowed: {_allowed(root, error)}"
    return f"{error.message}; allowed: {_allowed(root, error)}"


def validate(data: Any, schema: dict, *, source: str | os.PathLike[str]) -> None:
    """Raise :class:`OptionFileError` naming every problem in ``data`` (up to five), one per line."""
    from jsonschema import Draft202012Validator

    errors = sorted(Draft202012Validator(schema).iter_errors(data), key=lambda e: list(map(str, e.path)))
    if not errors:
        return
    lines = [f"{_key(e.path)}: {_describe(schema, e)}" for e in errors[:5]]
    if len(lines) == 1:
        raise OptionFileError(source, _describe(schema, errors[0]), key=_key(errors[0].path))
    raise OptionFileError(source, f"{len(errors)} problems:\n  " + "\n  ".join(lines))


def check_regex(pattern: str, *, source: str | os.PathLike[str], key: str) -> re.Pattern[str]:
    """Compile a user's regular expression, or say where it is broken."""
    try:
        return re.compile(pattern)
    except re.error as e:
        raise OptionFileError(
            source, f"is not a valid regular expression ({e.msg} at position {e.pos})", key=key
        ) from None
