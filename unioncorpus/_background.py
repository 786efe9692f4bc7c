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

from .parallel import resolve_jobs, trim_heap

__all__ = ["Later", "die_with_parent", "forks", "in_background"]

R = TypeVar("R")


class Later:
    """``func(*args)``, computed in a forked process from now on (:func:`in_background`) or, where no process
    can be forked, here when :meth:`result` is first asked for."""

    def __init__(self, func: Callable[..., R], args: tuple, *, fork: bool) -> None:
        self._func, self._args, self._proc, self._done = func, args, None, None
        if fork:
            import multiprocessing

            trim_heap()
            context = multiprocessing.get_context("fork")
            self._conn, send = context.Pipe(duplex=False)
            self._proc = context.Process(target=_run, args=(os.getpid(), send, func, args), daemon=True)
            self._proc.start()
            send.close()

    def result(self) -> Any:
        """The value (an exception of ``func`` is raised here, as it would have been in this process)."""
        if self._done is None:
            if self._proc is None:
                self._done = (True, self._func(*self._args))
            else:
                try:
                    self._done = self._conn.recv()
                except EOFError:
                    self._proc.join()
                    raise ChildProcessError(
                        f"背景进程意外退出 (the background process ended without a result, exit code "
                        f"{self._proc.exitcode})"
                    ) from None
                finally:
                    self.close()
        ok, value = self._done
        if not ok:
            raise value
        return value

    def close(self) -> None:
        """End the process (a result not asked for is dropped: a job that failed leaves nothing running)."""
        if self._proc is not None:
            if self._done is None:
                self._proc.kill()
            self._proc.join()
            self._conn.close()
            self._proc = None


def die_with_parent(parent: int) -> None:
    """Make this (forked) process end when ``parent`` does, even by kill -9 (Linux; elsewhere nothing):
    a worker left behind holds its memory and, waiting on a pipe its parent no longer writes to, never
    ends."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux
        pass
    if os.getppid() != parent:  # the parent died before that took effect
        os._exit(1)


def _run(parent: int, send: Any, func: Callable, args: tuple) -> None:
    """The background process: its result (or its exception) sent back. It writes into the parent's result
    folder, so it must not outlive the parent (kill -9 of analyze): Linux ends it with its parent."""
    die_with_parent(parent)
    try:
        out = (True, func(*args))
    except BaseException as e:  # handed to the parent, which raises it
        out = (False, e)
    try:
        send.send(out)
    except Exception as e:  # an exception that cannot be pickled: its text
        send.send((False, RuntimeError(f"{type(out[1]).__name__}: {out[1]} ({e})")))


def in_background(func: Callable[..., R], *args: Any, jobs: int | None = None) -> Later:
    """Start ``func(*args)`` in a forked process while the caller goes on with other work; ``.result()``
    waits for it. For a job's independent stages: with ``jobs`` above 1 the second core does one stage while
    this process does another (forked, the process shares this one's memory: ``args`` are not pickled, only
    the result is). With ``jobs=1``, or where processes are not forked (Windows, macOS), ``func`` runs here,
    when its result is asked for. Either way the value is the same.
    """
    return Later(func, args, fork=forks(jobs))


def forks(jobs: int | None) -> bool:
    """Whether :func:`in_background` with these ``jobs`` runs its function in a forked process."""
    import multiprocessing

    return resolve_jobs(jobs) > 1 and multiprocessing.get_start_method() == "fork"
