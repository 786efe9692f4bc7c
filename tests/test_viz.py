"""Every plot draws on a given Axes, returns it, and renders Chinese without a missing glyph."""

from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

import unioncorpus as uc
from unioncorpus import viz
from unioncorpus.topics import unit_topics

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
