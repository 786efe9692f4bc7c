"""On Dask (a local cluster of two worker processes) the analyze tables are those of the local run."""

from __future__ import annotations

from pathlib import Path

import pytest

from unioncorpus.analyze import analyze
from unioncorpus.errors import UnionCorpusError, UnknownOptionError

from .conftest import CORPUS, assert_same_results

distributed = pytest.importorskip("distributed")
pytest.importorskip("dask.dataframe")


@pytest.fixture(scope="module")
def cluster_address():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


def test_dask_cluster_gives_the_local_tables(tmp_path: Path, cluster_address: str) -> None:
    analyze(CORPUS, out=tmp_path / "local", plots=False, jobs=1)
    analyze(CORPUS, out=tmp_path / "cluster", plots=False, scheduler=cluster_address)
    assert_same_results(tmp_path / "local", tmp_path / "cluster")


def test_dask_local_schedulers(tmp_path: Path) -> None:
    analyze(CORPUS, out=tmp_path / "local", plots=False, jobs=1)
    analyze(CORPUS, out=tmp_path / "threads", plots=False, scheduler="threads")
    assert_same_results(tmp_path / "local", tmp_path / "threads")


def test_scheduler_errors_name_the_problem(tmp_path: Path) -> None:
    import dask

    with pytest.raises(UnknownOptionError, match="scheduler"):
        analyze(CORPUS, out=tmp_path, plots=False, scheduler="gpu")
    with (
        dask.config.set({"distributed.comm.timeouts.connect": "2s"}),
        pytest.raises(UnionCorpusError, match=r"tcp://127\.0\.0\.1:9"),
    ):
        analyze(CORPUS, out=tmp_path, plots=False, scheduler="tcp://127.0.0.1:9")
