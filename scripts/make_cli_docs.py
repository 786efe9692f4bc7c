#!/usr/bin/env python3
"""Regenerate docs/cli.md from the commands' --help texts.

    python scripts/make_cli_docs.py

tests/test_docs.py fails when docs/cli.md is out of date, so a new or changed command cannot go undocumented.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from unioncorpus.cli import main  # noqa: E402


def walk(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = []
    for name, cmd in sorted(group.commands.items()):
        out.append((*prefix, name))
        if isinstance(cmd, click.Group):
            out.extend(walk(cmd, (*prefix, name)))
    return out


def render() -> str:
    runner = CliRunner()
    parts = [
        "# Command-line reference",
        "",
        "Generated from `--help` by `scripts/make_cli_docs.py`; do not edit by hand.",
        "",
    ]
    for command in [(), *walk(main)]:
        result = runner.invoke(main, [*command, "--help"], terminal_width=100, prog_name="unioncorpus")
        title = " ".join(("unioncorpus", *command))
        parts += [f"## `{title}`", "", "```text", result.output.rstrip(), "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    (ROOT / "docs" / "cli.md").write_text(render(), encoding="utf-8")
    print("wrote docs/cli.md")
