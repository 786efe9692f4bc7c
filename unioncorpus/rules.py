"""The triage rules of ``unioncorpus classify``: the defaults (``data/rules.toml``), a user's file on top,
and the schema that checks it (unknown keys, wrong types and bad values name the file, the key and what
is allowed)."""

from __future__ import annotations

import copy
import os
import tomllib
from typing import Any

from ._lexicon import load_toml

__all__ = ["load_rules", "rules_schema"]


def rules_schema() -> dict[str, Any]:
    """The JSON Schema of a rules file: every key, its type and what it allows (all keys optional)."""
    from .model import GENRES, SECTION_KINDS
    from .themes import theme_terms

    share = {"type": "number", "minimum": 0, "maximum": 1, "description": "a share between 0 and 1, e.g. 0.8"}
    regex = {"type": "string", "description": "a regular expression (Python syntax), in single quotes"}
    count = {"type": "integer", "minimum": 0, "description": "a whole number, 0 or more"}

    def table(description: str, **properties: dict) -> dict:
        return {"type": "object", "description": description, "properties": properties,
                "additionalProperties": False}  # fmt: skip

    kind = {"enum": list(SECTION_KINDS)}
    return table(
        "the tables [required], [copying], [staleness], [union_plan] and [themes]",
        required=table(
            "the sections a plan must have",
            sections={
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "array",
                    "minItems": 1,
                    "items": kind,
                    "description": "a list of section kinds, any of which will do",
                },
                "description": "a list of requirements, each a list of section kinds any of which will do, "
                'e.g. [["guiding_ideology", "preamble"], ["key_work"], ["monthly_schedule"]]',
            },
            min_activities=count,
        ),
        copying=table(
            "the thresholds for copying",
            boilerplate_share=share,
            near_duplicate_jaccard=share,
            containment=share,
        ),
        staleness=table(
            "the signs of an outdated plan",
            congresses={
                "type": "object",
                "additionalProperties": {"type": "integer", "minimum": 1921, "maximum": 2100},
                "description": 'a table of party congress → the year it was held, e.g. { "二十大" = 2022 }',
            },
            placeholders=regex,
            template_leftovers=regex,
        ),
        union_plan=table(
            "which genres pass as a union's plan",
            accept={
                "type": "array",
                "minItems": 1,
                "items": {"enum": list(GENRES)},
                "description": 'a list of genres, e.g. ["union_plan", "union_summary"]',
            },
        ),
        themes=table(
            "the standing work areas every plan should touch",
            expected={
                "type": "array",
                "items": {"enum": list(theme_terms())},
                "description": "a list of theme names from data/themes.toml",
            },
        ),
    )


REGEX_KEYS = (("staleness", "placeholders"), ("staleness", "template_leftovers"))


def load_rules(path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """The default rules, updated key by key with those in the TOML file ``path``.

    Raises:
        OptionFileError: the file is not TOML, or a key is unknown, of the wrong type or out of range;
            the message names the file, the key and what it allows.
    """
    from ._schema import check_regex, validate
    from .errors import OptionFileError

    rules = copy.deepcopy(load_toml("rules.toml"))
    if path is None:
        return rules
    try:
        with open(path, "rb") as f:
            user = tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise OptionFileError(path, f"is not valid TOML ({e}); see unioncorpus/data/rules.toml") from None
    except UnicodeDecodeError:
        raise OptionFileError(path, "is not UTF-8 text; save it as UTF-8") from None
    except IsADirectoryError:
        raise OptionFileError(path, "is a folder, not a rules file") from None
    except OSError as e:
        raise OptionFileError(path, f"cannot be read ({e.strerror or e})") from None
    validate(user, rules_schema(), source=path)
    for section, values in user.items():
        rules[section].update(values)
    for section, key in REGEX_KEYS:
        check_regex(rules[section][key], source=path, key=f"{section}.{key}")
    return rules
