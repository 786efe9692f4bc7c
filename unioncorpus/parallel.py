"""Running the pipeline on every core, or on a Dask cluster.

Two ways to spread work, and nothing home-made beyond an ordered map:

* **Local processes** (the default): :func:`ordered_map` hands items to a
  :class:`concurrent.futures.ProcessPoolExecutor` in chunks (one pickling round trip per chunk, not per
  file) and returns the results in input order, so a parallel run gives exactly what a one-process run
  gives. ``jobs=1`` runs in the calling process.
* **Dask** (``pip install unioncorpus[dask]``): ``scheduler="processes"``, ``"threads"``, ``"synchronous"``
  or the address of a running ``distributed`` scheduler (``"tcp://host:8786"``). Per-file stages run as a
  :mod:`dask.bag`; near-duplicate and reuse detection shuffle LSH band keys and clause keys with
  :mod:`dask.dataframe` group-bys (see :mod:`unioncorpus.dedup` and :mod:`unioncorpus.reuse`).

Every function here is a pure map: the same input gives the same output, whatever runs it.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from .errors import UnionCorpusError, UnknownOptionError

__all__ = [
    "SCHEDULERS",
    "Stages",
    "dask_compute",
    "dask_map",
    "frozen_heap",
    "map_with_state",
    "ordered_imap",
    "ordered_map",
    "progress",
    "resolve_jobs",
    "trim_heap",
]

T = TypeVar("T")
R = TypeVar("R")
SCHEDULERS = ("processes", "threads", "synchronous")


def resolve_jobs(jobs: int | None) -> int:
    """Worker processes to use: ``None`` or ``0`` means every core this process may run on."""
    if jobs is None or jobs == 0:
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # not on Linux
            return max(1, os.cpu_count() or 1)
    if not isinstance(jobs, int) or jobs < 0:
        raise UnknownOptionError("jobs", jobs, ["a positive number of processes", "0 or None for every core"])
    return jobs


def progress(
    items: Iterable[T],
    *,
    show: bool,
    desc: str,
    total: int | None = None,
    unit: str = "file",
    leave: bool = True,
):
    """``items`` with a named tqdm bar when ``show`` (the CLI), unchanged otherwise (the library)."""
    if not show:
        return items
    from tqdm.auto import tqdm

    return tqdm(items, desc=desc, total=total, unit=unit, dynamic_ncols=True, leave=leave)


class Stages:
    """One named bar over the stages of a job (the CLI's ``analyze`` and ``classify``): the bar shows which
    stage runs; long stages show their own bar under it. Does nothing unless ``show``.

    >>> with Stages(["近似重复 near-duplicates", "复用段落 passages"], show=False, desc="分析") as st:
    ...     st.start("近似重复 near-duplicates")
    """

    def __init__(self, names: Sequence[str], *, show: bool, desc: str) -> None:
        self.desc = desc
        self.bar = None
        if show:
            from tqdm.auto import tqdm

            self.bar = tqdm(total=len(names), desc=desc, unit="stage", dynamic_ncols=True)
        self._started = False

    def start(self, name: str) -> None:
        if self.bar is None:
            return
        if self._started:
            self.bar.update(1)
        self._started = True
        self.bar.set_description_str(f"{self.desc}: {name}", refresh=True)

    def close(self, *, done: bool = True) -> None:
        """Finish the bar (the last stage counted as done unless ``done`` is false)."""
        if self.bar is not None:
            if self._started and done:
                self.bar.update(1)
            self.bar.set_description_str(self.desc, refresh=False)
            self.bar.close()
            self.bar = None

    def __enter__(self) -> Stages:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close(done=exc[0] is None)


def _worker_init(parent: int) -> None:
    # A worker forked by the run ends with it, even when the run is killed (kill -9 of a batch job): it
    # would otherwise wait for work on a pipe no one writes to, for ever. (A worker of a forkserver or a
    # spawned one has another parent; it ends when its pipe closes.)
    import multiprocessing

    if multiprocessing.get_start_method(allow_none=True) in (None, "fork"):
        from ._background import die_with_parent

        die_with_parent(parent)
    # Workers build many small objects and keep large parser caches: collect the young generation less
    # often (the default, every 700 allocations, rescans those caches again and again).
    gc.set_threshold(50_000, 20, 100)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while results stream in: they are plain data without reference
    cycles, and rescanning the growing heap after every few hundred unpickled objects costs more than the
    work itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Keep the cyclic collector off everything alive now (a loaded corpus: millions of small objects) for
    the duration: every later collection would otherwise rescan it, and a job over 100,000 plans spends
    minutes doing so. Objects made inside are collected as usual; the heap is unfrozen afterwards."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def trim_heap() -> None:
    """Give the pages the C heap holds free back to the system (glibc's ``malloc_trim``; elsewhere nothing).
    Called before forking: a stage's freed arrays are often kept by malloc for reuse, and a forked process
    would start with them, held until both processes end."""
    try:
        import ctypes

        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


def _chunksize(n: int, jobs: int) -> int:
    # Enough chunks per worker to balance uneven files, few enough that pickling is amortised.
    return max(1, min(64, n // (jobs * 8) or 1))


def ordered_imap(
    func: Callable[[T], R],
    items: Sequence[T],
    *,
    jobs: int | None = None,
    show_progress: bool = False,
    desc: str = "working",
    unit: str = "file",
    leave: bool = False,
) -> Iterator[R]:
    """``func(x) for x in items``, computed by ``jobs`` processes, yielded in input order as each is done.

    ``func`` must be a picklable module-level function. Few items run in the calling process: starting
    workers costs more than they would save.
    """
    jobs = resolve_jobs(jobs)
    n = len(items)
    if jobs == 1 or n < 2 * jobs:
        bar = progress(items, show=show_progress, desc=desc, total=n, unit=unit, leave=leave)
        yield from (func(x) for x in bar)
        return
    from concurrent.futures import ProcessPoolExecutor

    trim_heap()
    with (
        ProcessPoolExecutor(
            max_workers=min(jobs, n), initializer=_worker_init, initargs=(os.getpid(),)
        ) as pool,
        _collector_paused(),
    ):
        results = pool.map(func, items, chunksize=_chunksize(n, jobs))
        yield from progress(results, show=show_progress, desc=desc, total=n, unit=unit, leave=leave)


def ordered_map(
    func: Callable[[T], R],
    items: Sequence[T],
    *,
    jobs: int | None = None,
    show_progress: bool = False,
    desc: str = "working",
    unit: str = "file",
    leave: bool = False,
) -> list[R]:
    """``[func(x) for x in items]``, computed by ``jobs`` processes, in input order (:func:`ordered_imap`)."""
    return list(
        ordered_imap(func, items, jobs=jobs, show_progress=show_progress, desc=desc, unit=unit, leave=leave)
    )


def run_map(
    func: Callable[[T], R],
    items: Sequence[T],
    *,
    jobs: int | None = None,
    scheduler: str | None = None,
    show_progress: bool = False,
    desc: str = "working",
    unit: str = "item",
    per_partition: int = 1,
    leave: bool = False,
) -> list[R]:
    """:func:`ordered_map` in local processes, or :func:`dask_map` (``per_partition`` items per task) when a
    Dask ``scheduler`` is given."""
    if scheduler is not None:
        return dask_map(func, items, scheduler=scheduler, per_partition=per_partition)
    return ordered_map(func, items, jobs=jobs, show_progress=show_progress, desc=desc, unit=unit, leave=leave)


_STATE: dict[str, Any] = {}


def _install(parent: int, func: Callable, state: Any) -> None:
    _worker_init(parent)
    _STATE["func"], _STATE["state"] = func, state


def _run_installed(item: Any) -> Any:
    return _STATE["func"](_STATE["state"], item)


def map_with_state(
    func: Callable[[Any, T], R],
    state: Any,
    items: Sequence[T],
    *,
    jobs: int | None = None,
    scheduler: str | None = None,
    show_progress: bool = False,
    desc: str = "working",
) -> list[R]:
    """``[func(state, x) for x in items]`` in input order, where ``state`` is large and shared by all items.

    Each worker receives ``state`` once: as the initializer argument of its process (inherited, not pickled,
    where processes are forked), or as one Dask object broadcast to the tasks.
    """
    if scheduler is not None:
        dask = _import_dask()
        if not items:
            return []
        shared = dask.delayed(state, traverse=False)
        bag = dask.bag.from_sequence(list(items), npartitions=len(items)).map(func_with_state, func, shared)
        (out,) = dask_compute(bag, scheduler=scheduler)
        return list(out)
    jobs = resolve_jobs(jobs)
    if jobs == 1 or len(items) < 2:
        return [
            func(state, x)
            for x in progress(items, show=show_progress, desc=desc, total=len(items), unit="part")
        ]
    from concurrent.futures import ProcessPoolExecutor

    trim_heap()
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(items)), initializer=_install, initargs=(os.getpid(), func, state)
    ) as pool:
        results = pool.map(_run_installed, items)
        return list(
            progress(results, show=show_progress, desc=desc, total=len(items), unit="part", leave=False)
        )


def func_with_state(item: Any, func: Callable, state: Any) -> Any:
    return func(state, item)


# -- Dask ---------------------------------------------------------------------------------------------------
def _check_scheduler(scheduler: str) -> None:
    if scheduler not in SCHEDULERS and "://" not in scheduler:
        raise UnknownOptionError(
            "scheduler", scheduler, [*SCHEDULERS, "a Dask scheduler address such as tcp://host:8786"]
        )


def _import_dask():
    try:
        import dask
        import dask.bag
    except ImportError:
        raise UnionCorpusError(
            "没有安装 Dask：pip install 'unioncorpus[dask]'，或不用 --scheduler 运行 "
            "(Dask is not installed: pip install 'unioncorpus[dask]', or run without --scheduler)"
        ) from None
    return dask


@contextmanager
def dask_client(scheduler: str) -> Iterator[Any]:
    """What to pass as ``scheduler=`` to Dask's ``compute``: the name, or a client of the cluster at the
    address (opened here and closed afterwards)."""
    _check_scheduler(scheduler)
    _import_dask()
    if "://" not in scheduler:
        yield scheduler
        return
    try:
        from distributed import Client
    except ImportError:
        raise UnionCorpusError(
            "使用 Dask 调度器地址需要 dask.distributed：pip install 'unioncorpus[dask]' "
            "(a Dask scheduler address needs dask.distributed: pip install 'unioncorpus[dask]')"
        ) from None
    import dask

    try:  # how long to try: Dask's own setting (distributed.comm.timeouts.connect)
        client = Client(
            scheduler, timeout=dask.config.get("distributed.comm.timeouts.connect"), set_as_default=False
        )
    except OSError as e:
        raise UnionCorpusError(
            f"无法连接 Dask 调度器 {scheduler}：{e} (cannot reach the Dask scheduler at {scheduler}: {e})"
        ) from None
    try:
        yield client
    finally:
        client.close()


def dask_compute(*collections, scheduler: str):
    """``dask.compute(*collections)`` on ``scheduler`` (a name or a ``tcp://`` address)."""
    dask = _import_dask()
    with dask_client(scheduler) as target:
        return dask.compute(*collections, scheduler=target)


def dask_map(
    func: Callable[[T], R], items: Sequence[T], *, scheduler: str, per_partition: int = 64
) -> list[R]:
    """:func:`ordered_map` as a :mod:`dask.bag`: partitions keep the input order, and so does the result."""
    dask = _import_dask()
    if not items:
        return []
    bag = dask.bag.from_sequence(list(items), partition_size=per_partition).map(func)
    (out,) = dask_compute(bag, scheduler=scheduler)
    return list(out)
