"""One translation table: every internal code a union office could meet has Chinese and English words."""

from __future__ import annotations

import re

import pytest

from unioncorpus import _labels
from unioncorpus._lexicon import load_toml
from unioncorpus.classify import VERDICTS
from unioncorpus.model import DOC_TYPES, SCHOOL_LEVELS, SECTION_KINDS
from unioncorpus.schedule import categories
from unioncorpus.themes import theme_terms

from .conftest import ROOT

PACKAGE = ROOT / "unioncorpus"
# Genres: classify's own and those of Document.genre (DESIGN.md).
GENRES = ("union_plan", "whole_school_plan", "other_genre", "union_summary", "union_other", "school_plan",
          "other_plan", "not_a_plan")  # fmt: skip


def furniture_reasons() -> set[str]:
    """Reasons from furniture.toml and every reason literal the stages that set lines aside assign."""
    found = {r["reason"] for r in load_toml("furniture.toml")["rule"]}
    patterns = (
        r'reasons\[\w+\] = \(?\s*"([a-z_]+)"',  # reasons[i] = "table_of_contents"
        r'reasons\[\w+\] or "([a-z_]+)"',  # page.reasons[k] or "site_header"
        r'"([a-z_]+)" if gi \+ 1',  # "nested_compilation_title" if … else …
        r'else "([a-z_]+)"\s*\)',  # … else "title_without_text")
        r'"([a-z_]+)" if (?:compilation|is_garbage)',  # ("site_header" if compilation …), ("garbage" if …)
        r'_Aside\([^()]*"([a-z_]+)"\)',  # _Aside(start, end, "forum_markup")
    )
    for name in ("splitting.py", "logical.py"):
        code = (PACKAGE / name).read_text(encoding="utf-8")
        for pattern in patterns:
            found |= set(re.findall(pattern, code))
    return found


def read_error_reasons() -> set[str]:
    """Every reason a ReadError is raised with anywhere in the package (ingest grows new ones)."""
    found: set[str] = set()
    for path in PACKAGE.glob("*.py"):
        found |= set(re.findall(r'ReadError\(\s*\w+,\s*"([a-z_]+)"', path.read_text(encoding="utf-8")))
    doc = (PACKAGE / "errors.py").read_text(encoding="utf-8")
    found |= set(re.findall(r"``([a-z_]+)``", doc.split("reason:", 1)[1].split("detail:", 1)[0]))
    return found


TABLES = {
    "verdict": lambda: set(VERDICTS),
    "section_kind": lambda: set(SECTION_KINDS),
    "doc_type": lambda: set(DOC_TYPES),
    "school_level": lambda: set(SCHOOL_LEVELS),
    "category": lambda: set(categories()),
    "theme": lambda: set(theme_terms()),
    "furniture": furniture_reasons,
    "read_error": read_error_reasons,
    "genre": lambda: set(GENRES),
}


def all_codes() -> set[str]:
    """Every internal code a rendered output must not show (for the tests that read outputs)."""
    return set().union(*(codes() for codes in TABLES.values()))


@pytest.mark.parametrize("kind", sorted(TABLES))
def test_every_code_has_chinese_and_english_words(kind: str) -> None:
    codes = TABLES[kind]()
    assert len(codes) >= 2
    missing = codes - set(_labels.codes(kind))
    assert not missing, f"add {sorted(missing)} to [{kind}] in unioncorpus/data/labels.toml"
    for code in codes:
        zh, en = _labels.label(kind, code, "zh"), _labels.label(kind, code, "en")
        assert re.search(r"[\u4e00-\u9fff]", zh), (kind, code, zh)
        assert zh != code and "_" not in en, (kind, code, en)


def test_every_reason_template_is_used_and_fills() -> None:
    used = set()
    for path in PACKAGE.glob("*.py"):
        used |= set(re.findall(r'Phrase\.of\(\s*"([a-z_]+)"', path.read_text(encoding="utf-8")))
    templates = set(_labels.codes("reason"))
    assert used <= templates, used - templates
    for code in templates:
        for lang in ("zh", "en"):
            fields = re.findall(r"\{(\w+)", _labels._table("reason")[code][lang])
            _labels.reason(code, lang, **{f: 0.5 for f in fields})


def test_unknown_lang_is_refused() -> None:
    from unioncorpus.errors import UnknownOptionError

    with pytest.raises(UnknownOptionError, match="zh, en"):
        _labels.label("verdict", "ok", "fr")


def test_every_message_the_command_line_prints_exists_and_fills() -> None:
    used = set()
    for path in PACKAGE.glob("*.py"):
        used |= set(re.findall(r"""message\(\s*["']([a-z_]+)["']""", path.read_text(encoding="utf-8")))
    messages = set(_labels.codes("cli"))
    assert used and used <= messages, used - messages
    for code in messages:
        templates = _labels._table("cli")[code]
        fields = {f: 1 for lang in ("zh", "en") for f in re.findall(r"\{(\w+)", templates[lang])}
        zh, en = _labels.message(code, "zh", **fields), _labels.message(code, "en", **fields)
        assert re.search(r"[\u4e00-\u9fff：]", zh) and not re.search(r"[\u4e00-\u9fff]", en), code
