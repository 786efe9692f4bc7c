"""Loading the plain-text lexicons shipped in ``unioncorpus/data`` (a researcher can read and extend them)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any


def data_path(name: str) -> Path:
    return Path(str(resources.files("unioncorpus") / "data" / name))


@cache
def load_toml(name: str) -> dict[str, Any]:
    with resources.files("unioncorpus").joinpath("data", name).open("rb") as f:
        return tomllib.load(f)


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
