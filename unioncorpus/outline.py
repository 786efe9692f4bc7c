"""A document's outline: every heading, month heading and numbered item, nested into a tree.

Which numbering style is above which is read from the document itself: a style whose count starts again
at 1 after a heading of another style sits under it (1、 restarts under each 一、 and each 九月份), and a
style whose count goes on across another's headings sits above it (（一）…一、二、…（二）). Where a document
says nothing, the usual ladder decides (第一部分 > 一、 > 一是 > （一） > month > 1、 > （1） > ①). Headings
the lexicon names without numbering ("指导思想", "主要工作安排：", "工作目标：…") and markdown headings are
at the top. The top-level nodes of this tree are the document's sections (:mod:`unioncorpus.sections`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cmp_to_key

from .model import Document, Line
from .months import MonthHeading, parse_month
from .numbering import Heading, heading_kind, parse_heading
from .stages import stage_heading

__all__ = ["LineInfo", "Node", "heading_tree", "inline_items", "line_info", "outline"]

_LADDER = ("bare", "md1", "md2", "md3", "md4", "md5", "md6", "part", "upper", "cn", "shi", "cn_paren", "month",
           "arabic", "arabic_paren", "circled")  # fmt: skip


@dataclass(frozen=True)
class LineInfo:
    """What a logical line is: a heading (with its numbering), a month heading, table cells, or text."""

    heading: Heading | None
    month: MonthHeading | None
    cells: tuple[str, ...] | None
    kind: str | None  # the section kind the heading's label names, from the lexicon

    @property
    def key(self) -> str | None:
        """The style this line's node has in the outline (``None``: not a node)."""
        h = self.heading
        if self.month is not None and self.month.strict:
            if h is not None and h.style in ("cn", "part", "cn_paren") and h.number is not None:
                return h.style  # "一、1———2月": a numbered heading that names months
            return "month"
        if h is None:
            return None
        if h.style == "bare":
            return "bare" if self.kind is not None else None
        return h.style


def table_cells(text: str) -> tuple[str, ...] | None:
    """The cells of a table row: split at tabs (Word, HTML and markdown rows come so), or at pipes when a
    pasted row keeps them ("2月25日 | 教职工大会 | 教科室 |"); None for a line of text."""
    sep = "\t" if "\t" in text else "|" if text.count("|") >= 2 else None
    cells = tuple(c.strip() for c in text.split(sep) if c.strip()) if sep else ()
    return cells if len(cells) >= 2 or sep == "\t" else None


def flattened_cell(ln: Line) -> bool:
    """Whether ``ln`` is a cell of a table flattened one cell per line ("| 8", "| 10、1—7日放假"): a lone pipe
    before it, on its line or in its raw line just before the cut that made it."""
    own = ln.text.lstrip().startswith("|") and ln.text.count("|") == 1
    return own or (ln.col > 0 and ln.raw[: ln.col].strip() == "|")


def line_info(ln: Line) -> LineInfo:
    """Parse one logical line for the outline."""
    from .schedule import is_header_row

    cells = table_cells(ln.text)
    month = parse_month(ln.text) or stage_heading(ln.text)
    heading = parse_heading(ln.text, md_level=ln.md_level)
    if heading is not None and heading.style == "md":
        heading = Heading(f"md{min(ln.md_level, 6)}", None, heading.label, heading.text, heading.offset)
    kind = heading_kind(heading.label) if heading is not None else None
    if (
        heading is not None
        and heading.style == "bare"
        and ln.text.rstrip().endswith("|")
        and ln.text.rstrip(" |")
        and len(ln.text) <= 24
    ):
        # "日 期 |", "8月30日 |": a short cell of a table laid out one cell per line, no heading
        heading, kind = None, None
    if heading is not None and flattened_cell(ln):
        heading, kind = None, None  # "| 10、1—7日国庆放假": a cell of a table flattened one cell per line
    if cells and heading is not None and heading.style == "bare":
        heading, kind = None, None  # a table row is no bare heading (unless its first cell names a section)
    if heading is not None and heading.style == "bare" and heading.rest and "主题" in heading.label:
        heading, kind = None, None  # "活动主题：巾帼心向党": an event's or a month's theme, not a section
    if (
        cells
        and len(cells) >= 2
        and heading_kind(cells[0])
        and parse_month(cells[0]) is None
        and not is_header_row(cells)
    ):
        # a plan laid out as a table: the first cell names the section ("指导思想 | 以…为指导")
        heading = Heading("bare", None, cells[0], ln.text, 0)
        kind = heading_kind(cells[0])
    return LineInfo(heading, month, cells, kind)


@dataclass
class Node:
    """A node of a document's outline: a heading line and the lines under it."""

    index: int  # position among the document's body lines
    line: int  # raw line
    heading: Heading
    level: int
    key: str
    info: LineInfo
    children: list[Node] = field(default_factory=list)
    end: int = 0  # index after the last body line under this node

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


def _order(keys: list[tuple[str, int | None]]) -> dict[str, int]:
    """Rank of each style in this document, from how the counts of its styles restart and go on."""
    above: dict[tuple[str, str], int] = defaultdict(int)
    last: dict[str, tuple[int, int | None]] = {}
    for pos, (key, number) in enumerate(keys):
        if number == 1:
            prev = next((k for k, _ in reversed(keys[:pos]) if k != key), None)
            if prev is not None:
                above[prev, key] += 1  # restarts after prev: under it
        elif number is not None and key in last and last[key][1] == number - 1:
            for k in {k for k, _ in keys[last[key][0] + 1 : pos] if k != key}:
                above[key, k] += 1  # goes on across k's headings: above them
        last[key] = (pos, number)
    present = list(dict.fromkeys(k for k, _ in keys))

    def cmp(a: str, b: str) -> int:
        if a == "bare" or b == "bare":  # lexicon headings name sections: always on top
            return (b == "bare") - (a == "bare")
        vote = above[a, b] - above[b, a]
        if vote:
            return -1 if vote > 0 else 1
        return _LADDER.index(a) - _LADDER.index(b)

    return {k: i for i, k in enumerate(sorted(present, key=cmp_to_key(cmp)))}


def _closed(node: Node) -> bool:
    """A label written inline with its text ("指导思想：以…为指导。") heads that paragraph only: what
    follows is its sibling, not its child (a heading alone on its line may head a list)."""
    return node.key == "bare" and bool(node.heading.rest) and node.info.cells is None


def _paragraph_only(parent: Node, node: Node, lines: list[Line]) -> bool:
    """A lexicon heading alone on its line ("目标要求：") over a paragraph that does not announce a list heads
    that paragraph only: a count starting at "一、" after it is the plan's next sections, not its parts."""
    return (
        parent.key == "bare"
        and not parent.children
        and node.heading.number == 1
        and node.key == "cn"
        and node.index - parent.index >= 2
        and not lines[node.index - 1].text.rstrip().endswith(("：", ":"))
    )


def _markdown_siblings(lines: list[Line], entries: list[tuple[int, LineInfo]]) -> list[str]:
    """Each entry's outline style. Markdown says which headings are siblings: an unnumbered "#### 引言"
    among "#### 一、…" headings takes their style, so that it stands beside them, not above them."""
    keys = [inf.key or "" for _, inf in entries]
    numbered: dict[int, set[str]] = defaultdict(set)
    for (i, inf), key in zip(entries, keys, strict=True):
        if lines[i].md_level and inf.heading is not None and inf.heading.number is not None:
            numbered[lines[i].md_level].add(key)
    for n, (i, _) in enumerate(entries):
        styles = numbered.get(lines[i].md_level, set())
        if keys[n] == f"md{min(lines[i].md_level, 6)}" and len(styles) == 1:
            keys[n] = next(iter(styles))
    return keys


def _header_cell(lines: list[Line], i: int, inf: LineInfo) -> bool:
    """A bare line that is a cell of a table header flattened one cell per line ("周次" / "时间" / "备注"), right
    after another such cell: no heading."""
    from .under_items import header_role

    bare = inf.heading is not None and inf.heading.style == "bare"
    return (
        bare
        and i > 0
        and header_role(lines[i].text) is not None
        and header_role(lines[i - 1].text) is not None
    )


def inline_items(lines: list[Line], infos: list[LineInfo]) -> set[int]:
    """The circled items of a list run into the sentence that announces it ("其工作任务为：①…；②…；"): cut
    from the sentence's own raw line, they are its parts, neither headings nor activities of their own."""
    inline: set[int] = set()
    for i in range(1, len(lines)):
        ln, prev = lines[i], lines[i - 1]
        if infos[i].key != "circled" or ln.at_line_start or ln.number != prev.number:
            continue
        if i - 1 in inline or (prev.text.rstrip().endswith(("：", ":")) and infos[i - 1].key is None):
            inline.add(i)
    return inline


def outline(lines: list[Line], infos: list[LineInfo] | None = None) -> list[Node]:
    """The outline of a run of body lines: top-level nodes, each with its children and extent."""
    from .grid import bracket_dated, day_grid_start

    infos = infos if infos is not None else [line_info(ln) for ln in lines]
    grid = day_grid_start(lines)
    grid = len(lines) if grid is None else grid  # in a calendar's rows, "(5)开始上课" is dated, not numbered
    inline = inline_items(lines, infos)
    entries = [
        (i, inf)
        for i, inf in enumerate(infos)
        if inf.key is not None
        and not _header_cell(lines, i, inf)
        and not (i >= grid and bracket_dated(lines[i].text))
        and i not in inline
    ]
    keys = _markdown_siblings(lines, entries)
    ranks = _order(
        [(k, inf.heading.number if inf.heading else None) for k, (_, inf) in zip(keys, entries, strict=True)]
    )
    roots: list[Node] = []
    stack: list[Node] = []
    for key, (i, inf) in zip(keys, entries, strict=True):
        heading = inf.heading or Heading("month", None, lines[i].text, lines[i].text, 0)
        node = Node(i, lines[i].number, heading, ranks[key], key, inf)  # type: ignore[index]
        while stack and (
            stack[-1].level >= node.level or _closed(stack[-1]) or _paragraph_only(stack[-1], node, lines)
        ):
            stack.pop().end = i
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    for node in stack:
        node.end = len(lines)
    return roots


def heading_tree(doc: Document) -> list[Node]:
    """The outline of a document's body (see the module docstring)."""
    return outline(doc.body_lines())
