"""Plots. Each function only draws: it takes ``ax=None``, returns the Axes, and never calls ``show()``.

Chinese labels render with Noto Sans CJK SC, which ships inside the ``mplfonts`` wheel: :func:`use_cjk_font`
registers that file with matplotlib (no system font needed, nothing copied anywhere) and puts it first in the
sans-serif list, so no figure ever shows empty boxes.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._labels import label

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

    from .corpus import Corpus

__all__ = [
    "boilerplate_distribution",
    "calendar_heatmap",
    "reuse_edges",
    "reuse_network",
    "theme_coverage",
    "topic_prevalence",
    "use_cjk_font",
]

MONTHS_ZH = [f"{m}月" for m in range(1, 13)]


@cache
def use_cjk_font() -> str:
    """Register the CJK font shipped with mplfonts and make it matplotlib's first sans-serif; returns its name."""
    from ._extras import require

    require("plots", "plots")
    import matplotlib
    import mplfonts
    from matplotlib import font_manager

    path = Path(mplfonts.__file__).parent / "fonts" / "NotoSansCJKsc-Regular.otf"
    font_manager.fontManager.addfont(str(path))
    name = font_manager.FontProperties(fname=str(path)).get_name()
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = [
        name,
        *[f for f in matplotlib.rcParams["font.sans-serif"] if f != name],
    ]
    matplotlib.rcParams["axes.unicode_minus"] = False
    return name


def _ax(ax: Axes | None, size: tuple[float, float] = (8, 5)) -> Axes:
    use_cjk_font()
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=size)
    return ax


def calendar_heatmap(
    corpus_or_table: Corpus | pd.DataFrame, *, ax: Axes | None = None, cmap: str = "YlOrRd"
) -> Axes:
    """Month × category heatmap of scheduled activities (from a Corpus or :func:`unioncorpus.calendar`)."""
    from ._calendar import calendar
    from .corpus import Corpus

    table = calendar(corpus_or_table) if isinstance(corpus_or_table, Corpus) else corpus_or_table
    table = table.loc[:, table.sum(axis=0) > 0] if table.to_numpy().sum() else table
    ax = _ax(ax, (9, 5))
    data = table.T.to_numpy()
    im = ax.imshow(data, aspect="auto", cmap=cmap)
    ax.set_xticks(range(len(table.index)), [MONTHS_ZH[m - 1] for m in table.index])
    ax.set_yticks(range(len(table.columns)), [label("category", c) for c in table.columns])
    for (i, j), v in __import__("numpy").ndenumerate(data):
        if v:
            ax.text(j, i, str(int(v)), ha="center", va="center", fontsize=8)
    ax.set_title("月份活动日历（活动数）")
    ax.figure.colorbar(im, ax=ax, shrink=0.8)
    return ax


def theme_coverage(
    corpus: Corpus | None = None, *, coverage: pd.DataFrame | None = None, ax: Axes | None = None
) -> Axes:
    """Share of plans covering each standing work area (theme); from a corpus, or from the table
    :func:`~unioncorpus.coverage` made already (``coverage``)."""
    from .themes import coverage as coverage_of
    from .themes import theme_terms

    if (corpus is None) == (coverage is None):
        raise TypeError("give a corpus or its coverage table (coverage=), not both")
    cov = coverage_of(corpus) if coverage is None else coverage
    share = cov.mean(axis=0).astype(float).sort_values()
    ax = _ax(ax, (8, 5))
    labels = [theme_terms()[t]["label"] for t in share.index]
    ax.barh(labels, share.to_numpy(), color="#4c72b0")
    ax.set_xlim(0, 1)
    ax.set_xlabel("覆盖该主题的计划比例")
    ax.set_title(f"工作主题覆盖（{len(cov)} 份计划）")
    return ax


def topic_prevalence(
    doc_topics: pd.DataFrame, *, ax: Axes | None = None, topic_labels: list[str] | None = None
) -> Axes:
    """Mean topic weight by section kind, from a long table with ``kind``, ``topic`` and ``weight``."""
    import numpy as np

    table = doc_topics.pivot_table(index="kind", columns="topic", values="weight", aggfunc="mean").fillna(0)
    ax = _ax(ax, (9, 4))
    im = ax.imshow(table.to_numpy(), aspect="auto", cmap="Blues")
    ax.set_yticks(range(len(table.index)), [label("section_kind", k) for k in table.index])
    labels = topic_labels or [f"主题{t}" for t in table.columns]
    ax.set_xticks(range(len(table.columns)), labels, rotation=30, ha="right")
    for (i, j), v in np.ndenumerate(table.to_numpy()):
        ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize=7)
    ax.set_title("各部分的主题分布（平均权重）")
    ax.figure.colorbar(im, ax=ax, shrink=0.8)
    return ax


def boilerplate_distribution(
    corpus_or_table: Corpus | pd.DataFrame, *, ax: Axes | None = None, bins: int = 10
) -> Axes:
    """Histogram of each plan's boilerplate share (text shared with other plans)."""
    from .corpus import Corpus

    table = corpus_or_table.boilerplate if isinstance(corpus_or_table, Corpus) else corpus_or_table
    ax = _ax(ax, (7, 4))
    ax.hist(
        table["boilerplate_share"].to_numpy(), bins=bins, range=(0, 1), color="#c44e52", edgecolor="white"
    )
    ax.set_xlabel("与其他计划相同的文字比例")
    ax.set_ylabel("计划数")
    ax.set_title("套用文字比例分布")
    return ax


SCHOOL_LEVEL_ZH = {
    "kindergarten": "幼儿园", "primary": "小学", "middle": "中学", "vocational": "职校", "university": "高校",
    "school_unspecified": "学校", "non_school": "非学校", "unknown": "未知",
}  # fmt: skip
LEVEL_COLOURS = {
    "kindergarten": "#e377c2", "primary": "#4c72b0", "middle": "#55a868", "vocational": "#dd8452",
    "university": "#8172b3", "school_unspecified": "#64b5cd", "non_school": "#937860", "unknown": "#9e9e9e",
}  # fmt: skip


def reuse_edges(corpus: Corpus, *, min_share: float = 0.1) -> pd.DataFrame:
    """Pairs of plans sharing text: ``doc_a``, ``doc_b``, ``share`` (of the smaller plan's characters
    covered by shared passages, at most 1) and ``near`` (a near-duplicate pair); pairs under ``min_share``
    are left out."""
    import pandas as pd

    from .passages import passage_pairs

    chars = corpus.boilerplate.set_index("doc_id")["chars"].to_dict()
    covered: dict[tuple[str, str], int] = {}
    # the passages' pairs and lengths from their positions: the passages table (both texts of every
    # passage) is not kept for this
    for a, b, n in zip(*passage_pairs(corpus._passage_spans(), corpus._clean()), strict=True):
        key = (a, b) if a <= b else (b, a)
        covered[key] = covered.get(key, 0) + int(n)
    nd = corpus.near_duplicates
    near = {
        (a, b) if a <= b else (b, a) for a, b in zip(nd["doc_a"].tolist(), nd["doc_b"].tolist(), strict=True)
    }
    rows = [
        {"doc_a": a, "doc_b": b, "share": min(1.0, n / max(1, min(chars.get(a, 1), chars.get(b, 1)))),
         "near": (a, b) in near}
        for (a, b), n in sorted(covered.items())
    ]  # fmt: skip
    table = pd.DataFrame(rows, columns=["doc_a", "doc_b", "share", "near"])
    return table[table["share"] >= min_share].reset_index(drop=True)


def _cluster_label(members: list[dict]) -> str:
    """``12 份 · 2022–2024`` and the school levels by count; the titles when there are at most four."""
    years = sorted({m["year"] for m in members if m.get("year") is not None})
    span = "" if not years else f" · {years[0]}" if len(years) == 1 else f" · {years[0]}–{years[-1]}"
    levels: dict[str, int] = {}
    for m in members:
        levels[m["school_level"]] = levels.get(m["school_level"], 0) + 1
    mix = " ".join(
        f"{SCHOOL_LEVEL_ZH.get(k, k)}{v}"
        for k, v in sorted(levels.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    )
    lines = [f"{len(members)} 份{span}", mix]
    if len(members) <= 4:
        lines += [_short(m.get("title") or m["id"], 14) for m in members]
    return "\n".join(lines)


def _core(graph: Any, group: list[str], order: dict[str, int], limit: int) -> list[str]:
    """The ``limit`` plans of a group sharing the most text with the rest of it (the sum of their links'
    shares; ties to the earlier plan), in the group's order: what a group of thousands is drawn by, since a
    force layout costs the square of the plans it places and a cell cannot show thousands of dots."""
    strength = dict(graph.degree(group, weight="weight"))
    ranked = sorted(group, key=lambda d: (-strength[d], order.get(d, len(order))))
    keep = set(ranked[:limit])
    return [d for d in group if d in keep]


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def reuse_network(
    corpus: Corpus | None = None,
    *,
    edges: pd.DataFrame | None = None,
    documents: pd.DataFrame | None = None,
    ax: Axes | None = None,
    min_share: float = 0.1,
    max_clusters: int = 24,
    max_nodes: int = 150,
    seed: int = 0,
) -> Axes:
    """Who copies from whom, readable from ten plans to thousands: one panel per reuse cluster.

    Plans sharing text (at least ``min_share`` of the smaller plan, see :func:`reuse_edges`) are linked;
    each connected group is drawn in its own cell of a grid, largest first — nodes coloured by school level,
    near-duplicate links in red — with a label under the cell giving the number of plans, their years and
    school levels (and the titles of groups of up to four). Plans that share nothing are counted in the
    title, and at most ``max_clusters`` groups are drawn (the title says how many there are), so labels never
    overlap and nothing turns into a hairball. A group of more than ``max_nodes`` plans (a template thousands
    of plans share) is drawn by its core: the ``max_nodes`` plans sharing the most text with the others, the
    label saying so; its counts are the whole group's. The layout thus costs the same at any corpus size.

    Args:
        corpus: the corpus; or give ``edges`` (as :func:`reuse_edges` returns) and ``documents`` (a table with
            ``id``, ``school_level``, ``year``, ``title``) for a corpus held elsewhere.
    """
    import math

    import networkx as nx
    from matplotlib import rcParams
    from matplotlib.collections import LineCollection

    if corpus is not None:
        edges = reuse_edges(corpus, min_share=min_share) if edges is None else edges
        documents = corpus.documents if documents is None else documents
    if edges is None or documents is None:
        raise TypeError("give a corpus, or both edges and documents")
    info = {r["id"]: r for r in documents[["id", "school_level", "year", "title"]].to_dict(orient="records")}
    for r in info.values():
        r["year"] = None if r["year"] is None or r["year"] != r["year"] else int(r["year"])
        r["title"] = r["title"] if isinstance(r["title"], str) and r["title"] else None  # NaN when untitled
    graph = nx.Graph()
    for a, b, share, near in zip(edges["doc_a"], edges["doc_b"], edges["share"], edges["near"], strict=True):
        graph.add_edge(a, b, weight=float(share), near=bool(near))
    order = {d: i for i, d in enumerate(info)}
    groups = sorted(
        (sorted(c, key=lambda d: order.get(d, len(order))) for c in nx.connected_components(graph)),
        key=lambda g: (-len(g), order.get(g[0], 0)),
    )
    shown = groups[:max_clusters]
    cols = max(1, math.ceil(math.sqrt(len(shown))))
    rows = max(1, math.ceil(len(shown) / cols))
    ax = _ax(ax, (min(16, 2.6 * cols + 1), min(16, 2.9 * rows + 1)))
    for n, group in enumerate(shown):
        cx, cy = n % cols, -(n // cols) * 1.15
        # A view filtered by a plain function keeps the graph's node order: graph.subgraph(group) walks a
        # small group in the order of a set of strings, which changes with each process's hash seed.
        members = [info.get(d, {"id": d, "school_level": "unknown", "year": None, "title": d}) for d in group]
        label = _cluster_label(members)
        if len(group) > max_nodes:
            group = _core(graph, group, order, max_nodes)
            label += f"\n图中为共用文字最多的 {len(group)} 份"
        sub = nx.subgraph_view(graph, filter_node=set(group).__contains__)
        pos = nx.spring_layout(sub, seed=seed, k=1.5 / math.sqrt(len(group))) if len(group) > 2 else {
            d: (i - 0.5, 0.0) for i, d in enumerate(group)}  # fmt: skip
        xy = {d: (cx + 0.35 * x, cy + 0.3 + 0.28 * y) for d, (x, y) in pos.items()}
        # one collection per group: a Line2D per edge costs seconds per thousand edges to make and to draw
        links = list(sub.edges(data=True))
        ax.add_collection(LineCollection(
            [(xy[a], xy[b]) for a, b, _ in links], colors=["#c44e52" if d["near"] else "#b0b0b0" for _, _, d in links],
            linewidths=[0.5 + 2 * d["weight"] for _, _, d in links], capstyle=rcParams["lines.solid_capstyle"],
            zorder=1), autolim=False)  # fmt: skip
        size = max(6, 60 / math.sqrt(len(group)))
        ax.scatter([xy[d][0] for d in group], [xy[d][1] for d in group], s=size, zorder=2,
                   c=[LEVEL_COLOURS.get(info.get(d, {}).get("school_level", "unknown"), "#9e9e9e") for d in group])  # fmt: skip
        ax.text(cx, cy - 0.08, label, ha="center", va="top", fontsize=7, linespacing=1.2)
    ax.set_xlim(-0.6, cols - 0.4)
    ax.set_ylim(-(rows - 1) * 1.15 - 0.75, 0.75)
    alone = len(info) - sum(len(g) for g in groups)
    title = f"文字复用群（{len(groups)} 群，{sum(len(g) for g in groups)} 份计划；另有 {alone} 份未与他人共用文字）"
    if len(groups) > len(shown):
        title += f"\n显示最大的 {len(shown)} 群；红线：近似重复"
    else:
        title += "\n红线：近似重复"
    ax.set_title(title, fontsize=10)
    levels = sorted(
        {m.get("school_level", "unknown") for g in shown for m in (info.get(d, {}) for d in g)} - {None}
    )
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], marker="o", linestyle="", color=LEVEL_COLOURS.get(k, "#9e9e9e"), label=SCHOOL_LEVEL_ZH.get(k, k))
               for k in levels]  # fmt: skip
    if handles:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7, frameon=False)
    ax.set_axis_off()
    return ax


def save(ax: Axes, path: str | Path, **kwargs: Any) -> Path:
    """Save an Axes' figure as PNG (tight, 150 dpi) and close it."""
    import matplotlib.pyplot as plt

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    ax.figure.savefig(path, dpi=kwargs.pop("dpi", 150), bbox_inches="tight", **kwargs)
    plt.close(ax.figure)
    return path
