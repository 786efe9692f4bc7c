"""The README's promises: two set-up commands first, and CI runs the README's own test command."""

from __future__ import annotations

import re

from .conftest import ROOT


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```bash\n(.+?)\n```", text, flags=re.S)


def test_readme_opens_with_two_setup_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first, second = readme_commands()[:2]
    assert text.index(first) < text.index("unioncorpus is a toolkit")
    assert "pip install" in first and "analyze corpus/" in first
    assert "pip install" in second and "pytest" in second


def test_ci_runs_the_readme_test_command() -> None:
    test_command = readme_commands()[1].split("&&")[-1].strip()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci
    assert 'pip install -e ".[dev]"' in ci
    assert "-eq 5" in ci  # no tests collected is a failure


def test_lexicons_named_in_readme_exist() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in re.findall(r"`([a-z_]+\.(?:toml|txt))`", text):
        assert (ROOT / "unioncorpus" / "data" / name).is_file(), name


def test_cli_reference_is_up_to_date() -> None:
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    import make_cli_docs

    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == make_cli_docs.render(), (
        "docs/cli.md is out of date: run python scripts/make_cli_docs.py"
    )
    for command in make_cli_docs.walk(make_cli_docs.main):
        assert f"## `unioncorpus {' '.join(command)}`" in (ROOT / "docs" / "cli.md").read_text(
            encoding="utf-8"
        )


def test_chinese_quick_start_has_the_two_setup_commands() -> None:
    guide = (ROOT / "docs" / "zh" / "快速上手.md").read_text(encoding="utf-8")
    for command in readme_commands()[:2]:
        assert f"```bash\n{command}\n```" in guide
