"""One stage of a job on a second core while this process does another: :func:`in_background`.

Where a job has stages that read the same input and not each other's output (analyze's tables of the plans
alone, themes and topics beside the reuse tables), the second core does one while this process does the
other. The process is forked, so it shares this one's memory (the arguments are not pickled; only the result
is), and on Linux it dies with its parent. Without fork (Windows, macOS) or with ``jobs=1`` the work is done
here, when its result is asked for. Either way the value is the same.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, TypeVar

from .parallel import _install, _run_installed, resolve_jobs

__all__ = ["Later", "in_background"]

R = TypeVar("R")


class Later:
    """``func(*args)``, computed in a forked process from now on (:func:`in_background`) or, where no process
    can be forked, here when :meth:`result` is first asked for."""

    def __init__(self, func: Callable[..., R], args: tuple, *, fork: bool) -> None:
        self._func, self._args, self._pool, self._future = func, args, None, None
        if fork:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            context = multiprocessing.get_context("fork")
            self._pool = ProcessPoolExecutor(
                1, mp_context=context, initializer=_install_bound, initargs=(os.getpid(), (func, args))
            )
            self._future = self._pool.submit(_run_installed, None)

    def result(self) -> Any:
        """The value (an exception of ``func`` is raised here, as it would have been in this process)."""
        if self._future is None:
            self._future = _Done(self._func(*self._args))
        try:
            return self._future.result()
        finally:
            self.close()

    def close(self) -> None:
        """Let the process go (a result not asked for is dropped); nothing to do once the result is in."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


class _Done:
    def __init__(self, value: Any) -> None:
        self.value = value

    def result(self) -> Any:
        return self.value


def _install_bound(parent: int, func_args: tuple[Callable, tuple]) -> None:
    """Initialise a background process that must not outlive its parent: it writes into the parent's
    result folder, and a parent killed (kill -9) would leave it writing on (Linux: PR_SET_PDEATHSIG)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the process ends after its task, as a pool's do
        pass
    if os.getppid() != parent:  # the parent died before that took effect
        os._exit(1)
    _install(_call, func_args)


def _call(func_args: tuple[Callable, tuple], _: Any) -> Any:
    func, args = func_args
    return func(*args)


def in_background(func: Callable[..., R], *args: Any, jobs: int | None = None) -> Later:
    """Start ``func(*args)`` in a forked process while the caller goes on with other work; ``.result()``
    waits for it. For a job's independent stages: with ``jobs`` above 1 the second core does one stage while
    this process does another (forked, the process shares this one's memory: ``args`` are not pickled, only
    the result is). With ``jobs=1``, or where processes are not forked (Windows, macOS), ``func`` runs here,
    when its result is asked for. Either way the value is the same.
    """
    import multiprocessing

    fork = resolve_jobs(jobs) > 1 and multiprocessing.get_start_method() == "fork"
    return Later(func, args, fork=fork)
