"""Every plot draws on a given Axes, returns it, and renders Chinese without a missing glyph."""

from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

import unioncorpus as uc
from unioncorpus import viz
from unioncorpus.topic_selection import unit_topics

from .conftest import CORPUS


@pytest.fixture(scope="module")
def corpus() -> uc.Corpus:
    return uc.load(CORPUS)


def plots(corpus: uc.Corpus):
    topics, _ = unit_topics(corpus, n_topics=3)
    return {
        "calendar": lambda ax: viz.calendar_heatmap(corpus, ax=ax),
        "themes": lambda ax: viz.theme_coverage(corpus, ax=ax),
        "topics": lambda ax: viz.topic_prevalence(topics, ax=ax),
        "boilerplate": lambda ax: viz.boilerplate_distribution(corpus, ax=ax),
        "network": lambda ax: viz.reuse_network(corpus, ax=ax),
    }


@pytest.mark.parametrize("name", ["calendar", "themes", "topics", "boilerplate", "network"])
def test_plot_renders_chinese(corpus: uc.Corpus, name: str, tmp_path) -> None:
    fig, ax = plt.subplots()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        returned = plots(corpus)[name](ax)
        fig.savefig(tmp_path / f"{name}.png")
    assert returned is ax
    glyphs = [
        str(w.message) for w in caught if "missing from font" in str(w.message) or "Glyph" in str(w.message)
    ]
    assert not glyphs, glyphs
    assert any("\u4e00" <= ch <= "\u9fff" for ch in ax.get_title())
    plt.close(fig)


def test_cjk_font_is_registered() -> None:
    from matplotlib import font_manager

    name = viz.use_cjk_font()
    path = font_manager.findfont(font_manager.FontProperties(family=name), fallback_to_default=False)
    assert "CJK" in path or "cjk" in path.lower()


def _synthetic_reuse(n: int = 1000, seed: int = 0):
    """``n`` plans: template families of different sizes (star and chain copying), pairs, and loners."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    levels = ["primary", "middle", "kindergarten", "vocational", "unknown"]
    docs = pd.DataFrame({"id": [f"区{i // 40}校{i}-1" for i in range(n)],
                         "school_level": [levels[int(rng.integers(0, 5))] for _ in range(n)],
                         "year": [int(rng.integers(2019, 2025)) for _ in range(n)],
                         "title": [f"第{i}小学{2019 + i % 6}年工会工作计划" for i in range(n)]})  # fmt: skip
    ids, edges, i = docs["id"].tolist(), [], 0
    while i < int(n * 0.8):
        size = int(min(rng.zipf(1.6) + 1, 120))
        group = ids[i : i + size]
        for j, d in enumerate(group[1:], 1):
            src = group[0] if rng.random() < 0.6 else group[j - 1]
            edges.append(
                {
                    "doc_a": src,
                    "doc_b": d,
                    "share": float(rng.uniform(0.1, 1)),
                    "near": bool(rng.random() < 0.3),
                }
            )
        i += size
    return pd.DataFrame(edges), docs


def test_reuse_plot_stays_readable_at_1000_plans(tmp_path) -> None:
    edges, docs = _synthetic_reuse()
    ax = viz.reuse_network(edges=edges, documents=docs, max_clusters=24)
    fig = ax.figure
    fig.savefig(tmp_path / "reuse.png", bbox_inches="tight")
    renderer = fig.canvas.get_renderer()
    labels = [t for t in ax.texts if t.get_text()]
    assert 1 < len(labels) <= 24
    boxes = [t.get_window_extent(renderer) for t in labels]
    for k, a in enumerate(boxes):
        assert not any(a.overlaps(b) for b in boxes[k + 1 :]), labels[k].get_text()
    axes_box = ax.get_window_extent(renderer).expanded(1.02, 1.02)
    assert all(
        axes_box.contains(b.x0, b.y0) and axes_box.contains(b.x1, b.y1) for b in boxes
    )  # nothing clipped
    assert "显示最大的 24 群" in ax.get_title() and "份未与他人共用文字" in ax.get_title()
    assert all(
        re_year.search(t.get_text()) for t in labels for re_year in [__import__("re").compile(r"20\d\d")]
    )
    from matplotlib.collections import LineCollection

    drawn = sum(len(c.get_segments()) for c in ax.collections if isinstance(c, LineCollection))
    assert 0 < drawn <= len(edges)
    plt.close(fig)


def test_reuse_plot_draws_a_template_shared_by_thousands_by_its_core() -> None:
    # one group of 2,000 plans (a star around a template and a chain): drawn by the 40 plans sharing the most,
    # the hub among them, with the whole group's count in its label
    import networkx as nx
    import pandas as pd

    n = 2000
    docs = pd.DataFrame({"id": [f"p{i}" for i in range(n)], "school_level": ["primary"] * n,
                         "year": [2024] * n, "title": [f"第{i}小学工会工作计划" for i in range(n)]})  # fmt: skip
    star = [("p0", f"p{i}", 0.9) for i in range(1, n)]
    chain = [(f"p{i}", f"p{i + 1}", 0.2 + 0.4 * (i < 60)) for i in range(1, n - 1)]
    edges = pd.DataFrame([(a, b, w, False) for a, b, w in star + chain],
                         columns=["doc_a", "doc_b", "share", "near"])  # fmt: skip
    ax = viz.reuse_network(edges=edges, documents=docs, max_nodes=40)
    (dots,) = [c for c in ax.collections if hasattr(c, "get_offsets") and len(c.get_offsets()) > 2]
    assert len(dots.get_offsets()) == 40
    (label,) = [t.get_text() for t in ax.texts if t.get_text()]
    assert label.startswith("2000 份") and "共用文字最多的 40 份" in label
    # the hub, then the plans of the chain's heavy part with two links (p1, at its end, has one)
    graph = nx.Graph([(a, b, {"weight": w}) for a, b, w in star + chain])
    assert viz._core(graph, docs["id"].tolist(), {}, 3) == ["p0", "p2", "p3"]
    plt.close(ax.figure)


def test_reuse_plot_of_a_small_cluster_with_an_untitled_plan() -> None:
    # a cluster of at most four plans lists their titles; an untitled plan (NaN in the table) shows its id
    import pandas as pd

    docs = pd.DataFrame(
        {
            "id": ["a-1", "b-1"],
            "school_level": ["primary", "primary"],
            "year": [2024.0, float("nan")],
            "title": ["城南小学工会工作计划", float("nan")],
        }
    )
    edges = pd.DataFrame({"doc_a": ["a-1"], "doc_b": ["b-1"], "share": [0.5], "near": [False]})
    ax = viz.reuse_network(edges=edges, documents=docs)
    texts = "\n".join(t.get_text() for t in ax.texts)
    assert "城南小学工会工作计划"[:13] in texts and "b-1" in texts
    plt.close(ax.figure)


def test_reuse_plot_is_the_same_in_every_process() -> None:
    # string hashing is salted per process: the layout must not follow the order of a set of plan ids
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import matplotlib; matplotlib.use('Agg')\n"
        "from tests.test_viz import _synthetic_reuse\n"
        "from unioncorpus import viz\n"
        "edges, docs = _synthetic_reuse(300)\n"
        "ax = viz.reuse_network(edges=edges, documents=docs)\n"
        "print([c.get_offsets().round(6).tolist() for c in ax.collections])\n"
    )
    root = Path(__file__).resolve().parent.parent
    runs = {
        subprocess.run(
            [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }  # fmt: skip
    assert len(runs) == 1


def test_theme_plot_from_a_coverage_table_made_already(corpus: uc.Corpus) -> None:
    # analyze plots the coverage it counted from the theme table it wrote, without segmenting again
    from unioncorpus.themes import coverage, theme_table

    bars = [
        [(p.get_width(), t.get_text()) for p, t in zip(ax.patches, ax.get_yticklabels(), strict=True)]
        for ax in (viz.theme_coverage(corpus), viz.theme_coverage(coverage=coverage(theme_table(corpus))))
    ]
    assert bars[0] == bars[1] and len(bars[0]) >= 10
    with pytest.raises(TypeError, match="coverage="):
        viz.theme_coverage()
    plt.close("all")
