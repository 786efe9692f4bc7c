"""Plots. Each function only draws: it takes ``ax=None``, returns the Axes, and never calls ``show()``.

Chinese labels render with Noto Sans CJK SC, which ships inside the ``mplfonts`` wheel: :func:`use_cjk_font`
registers that file with matplotlib (no system font needed, nothing copied anywhere) and puts it first in the
sans-serif list, so no figure ever shows empty boxes.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

    from .corpus import Corpus

__all__ = [
    "boilerplate_distribution",
    "calendar_heatmap",
    "reuse_network",
    "theme_coverage",
    "topic_prevalence",
    "use_cjk_font",
]

MONTHS_ZH = [f"{m}月" for m in range(1, 13)]
CATEGORY_ZH = {
    "meeting": "会议/教代会", "appraisal": "评比表彰", "retirees": "退休教职工", "womens_work": "女工工作",
    "care_visit": "慰问帮扶", "festival": "节日庆祝", "health": "健康", "sports": "体育", "culture_arts": "文化艺术",
    "study_training": "学习培训", "planning_admin": "计划/事务", "other": "其他",
}  # fmt: skip
KIND_ZH = {
    "title": "标题", "preamble": "前言", "guiding_ideology": "指导思想", "goals": "工作目标", "key_work": "重点工作",
    "measures": "保障措施", "monthly_schedule": "月份安排", "summary": "总结", "problems": "问题", "closing": "结尾",
    "other": "其他",
}  # fmt: skip


@cache
def use_cjk_font() -> str:
    """Register the CJK font shipped with mplfonts and make it matplotlib's first sans-serif; returns its name."""
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
    from .corpus import Corpus, calendar

    table = calendar(corpus_or_table) if isinstance(corpus_or_table, Corpus) else corpus_or_table
    table = table.loc[:, table.sum(axis=0) > 0] if table.to_numpy().sum() else table
    ax = _ax(ax, (9, 5))
    data = table.T.to_numpy()
    im = ax.imshow(data, aspect="auto", cmap=cmap)
    ax.set_xticks(range(len(table.index)), [MONTHS_ZH[m - 1] for m in table.index])
    ax.set_yticks(range(len(table.columns)), [CATEGORY_ZH.get(c, c) for c in table.columns])
    for (i, j), v in __import__("numpy").ndenumerate(data):
        if v:
            ax.text(j, i, str(int(v)), ha="center", va="center", fontsize=8)
    ax.set_title("月份活动日历（活动数）")
    ax.figure.colorbar(im, ax=ax, shrink=0.8)
    return ax


def theme_coverage(corpus: Corpus, *, ax: Axes | None = None) -> Axes:
    """Share of plans covering each standing work area (theme)."""
    from .themes import coverage, theme_terms

    cov = coverage(corpus)
    share = cov.loc["share"].astype(float).sort_values()
    ax = _ax(ax, (8, 5))
    labels = [theme_terms()[t]["label"] for t in share.index]
    ax.barh(labels, share.to_numpy(), color="#4c72b0")
    ax.set_xlim(0, 1)
    ax.set_xlabel("覆盖该主题的计划比例")
    ax.set_title(f"工作主题覆盖（{len(cov) - 1} 份计划）")
    return ax


def topic_prevalence(
    doc_topics: pd.DataFrame, *, ax: Axes | None = None, topic_labels: list[str] | None = None
) -> Axes:
    """Mean topic weight by section kind, from a long table with ``kind``, ``topic`` and ``weight``."""
    import numpy as np

    table = doc_topics.pivot_table(index="kind", columns="topic", values="weight", aggfunc="mean").fillna(0)
    ax = _ax(ax, (9, 4))
    im = ax.imshow(table.to_numpy(), aspect="auto", cmap="Blues")
    ax.set_yticks(range(len(table.index)), [KIND_ZH.get(k, k) for k in table.index])
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


def reuse_network(
    corpus: Corpus,
    *,
    ax: Axes | None = None,
    min_share: float = 0.1,
    seed: int = 0,
    labels: bool | None = None,
    max_nodes: int = 300,
) -> Axes:
    """Plans as nodes, shared text as edges (width: share of the smaller plan covered); near-duplicates in red.

    With more than 100 plans, plans that share nothing are left out, and at most ``max_nodes`` plans — those
    sharing the most — are drawn (the title says so); ``labels`` defaults to naming the plans when there are
    at most 50 nodes.
    """
    import networkx as nx

    graph = nx.Graph()
    share = corpus.boilerplate.set_index("doc_id")["chars"].to_dict()
    for d in corpus:
        graph.add_node(d.id)
    covered: dict[tuple[str, str], int] = {}
    table = corpus.passages
    for a, b, chars in zip(table["doc_a"], table["doc_b"], table["chars"], strict=True):
        key = tuple(sorted((a, b)))
        covered[key] = covered.get(key, 0) + int(chars)  # type: ignore[index]
    near = {
        tuple(sorted(x))
        for x in zip(corpus.near_duplicates["doc_a"], corpus.near_duplicates["doc_b"], strict=True)
    }
    for (a, b), chars in covered.items():
        w = chars / max(1, min(share.get(a, 1), share.get(b, 1)))
        if w >= min_share:
            graph.add_edge(a, b, weight=min(w, 1.0), near=(a, b) in near)
    title = "计划之间的文字复用网络（红：近似重复）"
    if graph.number_of_nodes() > 100:
        graph.remove_nodes_from([n for n in list(graph.nodes) if graph.degree(n) == 0])
    if graph.number_of_nodes() > max_nodes:
        strength = dict(graph.degree(weight="weight"))
        keep = sorted(graph.nodes, key=lambda n: (-strength[n], n))[:max_nodes]
        total = graph.number_of_nodes()
        graph = graph.subgraph(keep).copy()
        title += f"\n（复用最多的 {max_nodes} / {total} 份计划）"
    if labels is None:
        labels = graph.number_of_nodes() <= 50
    ax = _ax(ax, (8, 8))
    pos = nx.spring_layout(graph, seed=seed, k=0.8)
    edges = list(graph.edges(data=True))
    nx.draw_networkx_nodes(graph, pos, ax=ax, node_size=80, node_color="#4c72b0")
    nx.draw_networkx_edges(graph, pos, ax=ax, edgelist=[(a, b) for a, b, _ in edges],
                           width=[1 + 4 * d["weight"] for _, _, d in edges],
                           edge_color=["#c44e52" if d["near"] else "#999999" for _, _, d in edges])  # fmt: skip
    if labels:
        nx.draw_networkx_labels(graph, pos, ax=ax, font_size=7, font_family=use_cjk_font())
    ax.margins(0.15)
    ax.set_title(title)
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
