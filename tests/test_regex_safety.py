"""No regular expression in the package is super-linear on a line.

Every pattern the package holds is run on adversarial lines of 50,000 characters under a time limit:
the compiled patterns at module level (also inside module-level tuples, lists and dicts), the literal
patterns passed to ``re.search``/``re.sub``/… inside functions (found in the source), and every pattern
of the shipped lexicons (``unioncorpus/data/*.toml``). A pattern that backtracks on such a line (a 3,200
underscore line once took 244 s in the placeholder-year pattern) fails with its place and the line kind.
"""

from __future__ import annotations

import ast
import importlib
import multiprocessing
import os
import pkgutil
import re
import signal
import time
import tomllib
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

import unioncorpus

PACKAGE = Path(unioncorpus.__file__).parent
LENGTH = 50_000
LIMIT = 0.5  # seconds per pattern and line: a linear scan of 50k characters takes a few milliseconds
_RE_FUNCS = {"compile", "search", "match", "fullmatch", "sub", "subn", "split", "findall", "finditer"}


def _pieces() -> dict[str, str]:
    """Runs that make a backtracking pattern try every split of a long stretch, each with a tail that
    breaks an anchored or closing match."""
    return {
        "spaces": " ",
        "tabs_spaces": " \t",
        "underscores": "_",
        "fullwidth_underscores": "＿",
        "question_marks": "?",
        "fullwidth_question": "？",
        "bold_b": "**b ",
        "emphasis": "__a ",
        "digits": "1",
        "digits_dots": "1.",
        "year_like": "20",
        "cjk": "工会",
        "cjk_months": "九月",
        "month_word": "月份",
        "list_cn": "一、",
        "list_num": "1、",
        "paren_cn": "（一）",
        "paren_ascii": "(1)",
        "punct": "，。；：、",
        "mixed_punct": "-*#|>.:",
        "pipes": "| ",
        "x_placeholders": "xX",
        "stars": "*",
        "dashes": "-",
        "hashes": "#",
        "brackets": "【】[]",
        "dots": "…·.",
        "replacement": "\ufffd",
        "url_like": "www.a",
        "ideographic_space": "\u3000",
        "nbsp_cjk": "\xa0工",
        "alternating": "a1 ",
    }


def adversarial_lines() -> Iterator[tuple[str, str]]:
    for name, piece in _pieces().items():
        run = piece * (LENGTH // len(piece))
        yield name, run
        yield f"{name}+tail", run[: LENGTH - 2] + "x。"
        yield f"工作{name}+tail", "工作" + run[: LENGTH - 5] + "!\n"


def _literal_patterns(path: Path) -> Iterator[tuple[str, str, int, str]]:
    """``(where, pattern, flags, function)`` for every ``re.<func>("literal", …)`` call in a source file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    # module-level ``NAME = re.compile(...)`` is audited as a module attribute, by how NAME is used
    assigned = {id(n.value) for n in tree.body if isinstance(n, ast.Assign | ast.AnnAssign)}
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)) or id(node) in assigned:
            continue
        if not (isinstance(node.func.value, ast.Name) and node.func.value.id == "re"):
            continue
        if node.func.attr not in _RE_FUNCS or not node.args:
            continue
        first = node.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            flags = 0
            for kw in node.keywords:
                if kw.arg == "flags":
                    flags = _flag_value(kw.value)
            if node.func.attr == "compile" and len(node.args) > 1:
                flags = _flag_value(node.args[1])
            yield f"{path.name}:{node.lineno}", first.value, flags, node.func.attr


def _flag_value(node: ast.expr) -> int:
    try:
        return int(eval(compile(ast.Expression(node), "<flags>", "eval"), {"re": re}))
    except Exception:
        return 0


def _module_patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    """Compiled patterns at module level, each module's own (not imported ones), left out when nothing
    uses them (named once in their module: where they are defined)."""
    for info in pkgutil.walk_packages([str(PACKAGE)], prefix="unioncorpus."):
        if info.name.endswith("__main__"):
            continue  # running it is the command line
        module = importlib.import_module(info.name)
        source = Path(module.__file__ or "").read_text(encoding="utf-8")
        for name, value in vars(module).items():
            if len(re.findall(rf"(?<![\w.]){re.escape(name)}\b", source)) < 2:
                continue
            values = value.values() if isinstance(value, dict) else value
            if isinstance(value, re.Pattern):
                yield f"{info.name}.{name}", value
            elif isinstance(value, tuple | list | dict | set | frozenset):
                for i, item in enumerate(values):
                    inner = item if isinstance(item, tuple | list) else (item,)
                    for x in inner:
                        if isinstance(x, re.Pattern):
                            yield f"{info.name}.{name}[{i}]", x


def _toml_patterns() -> Iterator[tuple[str, str]]:
    def walk(where: str, value: object) -> Iterator[tuple[str, str]]:
        if isinstance(value, dict):
            for k, v in value.items():
                yield from walk(f"{where}.{k}", v)
        elif isinstance(value, list):
            for i, v in enumerate(value):
                yield from walk(f"{where}[{i}]", v)
        elif isinstance(value, str) and re.search(r"[\\()\[\]|*+?{}^$.]", value):
            yield where, value

    for path in sorted((PACKAGE / "data").glob("*.toml")):
        yield from walk(path.name, tomllib.loads(path.read_text(encoding="utf-8")))


_ANCHORED = {"match", "fullmatch"}


def _uses(name: str, source: str) -> frozenset[str]:
    """How the package calls the pattern ``name``: ``{"match"}`` when it is only tried at one position
    (where a leading ``\\s*`` is linear); any other use, or none seen, counts as a search."""
    uses = set(re.findall(rf"(?<![\w.]){re.escape(name)}\.(\w+)\(", source))
    return frozenset(uses) if uses and uses <= _ANCHORED else frozenset({"search"})


def all_patterns() -> dict[str, tuple[re.Pattern[str], frozenset[str]]]:
    """Every pattern of the package by where it is, with how it is used."""
    found: dict[str, tuple[re.Pattern[str], frozenset[str]]] = {}
    seen: set[tuple[str, int]] = set()
    source = "\n".join(p.read_text(encoding="utf-8") for p in sorted(PACKAGE.rglob("*.py")))

    def add(where: str, rx: re.Pattern[str], uses: frozenset[str]) -> None:
        if isinstance(rx.pattern, str) and (rx.pattern, rx.flags) not in seen:
            seen.add((rx.pattern, rx.flags))
            found[where] = (rx, uses)

    for where, rx in _module_patterns():
        add(where, rx, _uses(where.rsplit(".", 1)[-1].split("[")[0], source))
    for path in sorted(PACKAGE.rglob("*.py")):
        for where, pattern, flags, func in _literal_patterns(path):
            try:
                add(where, re.compile(pattern, flags), frozenset({func if func in _ANCHORED else "search"}))
            except re.error:
                continue  # a fragment joined into a larger pattern elsewhere
    for where, pattern in _toml_patterns():
        try:
            add(where, re.compile(pattern), frozenset({"search"}))
        except re.error:
            continue
    return found


class _Timeout(Exception):
    pass


def _on_alarm(signum: int, frame: object) -> None:
    raise _Timeout


def _slow_lines(
    rx: re.Pattern[str], lines: list[tuple[str, str]], *, uses: frozenset[str] = frozenset({"search"})
) -> list[str]:
    """The kinds of line on which ``rx`` takes over LIMIT seconds (the regex engine checks for signals
    while it backtracks, so an interval timer stops a runaway match)."""
    slow = []
    for kind, line in lines:
        start = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, LIMIT)
        try:
            if "match" in uses:
                rx.match(line)
            if "fullmatch" in uses:
                rx.fullmatch(line)
            if "search" in uses:
                rx.search(line)
                for _ in rx.finditer(line):
                    pass
        except _Timeout:
            slow.append(f"{kind} (over {LIMIT} s)")
            continue
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        elapsed = time.perf_counter() - start
        if elapsed > LIMIT:
            slow.append(f"{kind} ({elapsed:.2f} s)")
    return slow


def test_the_audit_finds_the_package_patterns() -> None:
    patterns = all_patterns()
    assert len(patterns) > 150
    assert any(w.startswith("unioncorpus.normalization.") for w in patterns)
    assert any(w.startswith("furniture.toml") for w in patterns)
    assert any(":" in w and w.split(":")[0].endswith(".py") for w in patterns)  # inline literals


def test_the_time_limit_catches_a_backtracking_pattern() -> None:
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    try:
        assert _slow_lines(re.compile(r"(?:_+)+x"), [("underscores", "_" * 40)])
    finally:
        signal.signal(signal.SIGALRM, previous)


def _audit(chunk: list[tuple[str, re.Pattern[str], frozenset[str]]]) -> dict[str, str]:
    """Offending patterns of ``chunk`` (run in a worker process: the timer needs its main thread)."""
    lines = list(adversarial_lines())
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    offenders = {}
    try:
        for where, rx, uses in chunk:
            slow = _slow_lines(rx, lines, uses=uses)
            if slow:
                offenders[where] = f"{rx.pattern[:80]!r}: {', '.join(slow[:4])}"
    finally:
        signal.signal(signal.SIGALRM, previous)
    return offenders


def test_no_pattern_is_super_linear_on_a_long_line() -> None:
    items = [(where, rx, uses) for where, (rx, uses) in all_patterns().items()]
    workers = max(1, min(4, os.cpu_count() or 1))
    chunks = [items[i::workers] for i in range(workers)]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        offenders = {k: v for part in pool.map(_audit, chunks) for k, v in part.items()}
    assert not offenders, "super-linear patterns:\n" + "\n".join(f"{w}: {m}" for w, m in offenders.items())


@pytest.mark.parametrize("kind", ["spaces", "question_marks", "bold_b", "underscores"])
def test_a_whole_line_of_it_is_read_in_linear_time(tmp_path: Path, kind: str) -> None:
    """The lines that once took 14-244 s through the reader and per-file stages."""
    piece = _pieces()[kind]
    text = "某小学2024年工会工作计划\n" + piece * (LENGTH // len(piece)) + "\n一、指导思想\n"
    p = tmp_path / "plan.txt"
    p.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    unioncorpus.extract([p])
    assert time.perf_counter() - start < 10
