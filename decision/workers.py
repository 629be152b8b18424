"""Worker processes for independent pieces of a run (charts, SMAA runs).

Work goes to forked processes only on Linux, where a fork starts at once
with every library already imported; elsewhere, or for a single piece, the
caller does the work itself. A piece computes the same result wherever it
runs (each carries its own inputs and random stream), so outputs do not
depend on whether, or how, the work was shared out.
"""

from __future__ import annotations

import os
import sys
import warnings
from concurrent.futures import Future, ProcessPoolExecutor
from types import TracebackType
from typing import Any, Callable, Iterable, TypeVar

__all__ = ["worker_count", "submit_all", "Background"]

T = TypeVar("T")
R = TypeVar("R")


def worker_count(n_jobs: int, requested: int | None = None) -> int:
    """How many worker processes ``n_jobs`` pieces should use: 0 (do them here) or up to one per core."""
    if n_jobs < 2 or not sys.platform.startswith("linux"):
        return 0
    cores = len(os.sched_getaffinity(0))
    if cores < 2:
        return 0
    return max(0, min(requested if requested is not None else cores, cores, n_jobs))


def submit_all(workers: int, fn: Callable[[T], R], items: Iterable[T]) -> tuple[ProcessPoolExecutor, list["Future[R]"]]:
    """Start ``fn(item)`` for every item in a pool of ``workers`` forked processes (see
    :func:`worker_count`); the caller collects the futures and shuts the pool down."""
    import multiprocessing

    with warnings.catch_warnings():
        # Python 3.12+ warns when a process with threads forks (here, when the
        # pool starts its workers on the first submit). Those threads are
        # numerical libraries' idle pools; a worker only computes its pieces
        # and exits, so nothing it inherits is contended.
        warnings.filterwarnings("ignore", message=".*use of fork\\(\\) may lead to deadlocks.*", category=DeprecationWarning)
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))
        try:
            futures = [pool.submit(fn, item) for item in items]
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return pool, futures


def _child(send: Any, fn: Callable[..., object], args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    try:
        fn(*args, **kwargs)
        send.send(None)
    except BaseException as exc:  # handed to the parent, which raises it
        try:
            send.send(exc)
        except Exception:
            send.send(RuntimeError(f"{type(exc).__name__}: {exc}"))


class Background:
    """``fn(*args, **kwargs)`` in a forked process while the ``with`` block runs.

    Leaving the block waits for it and raises its error, if any; where no
    worker is available (see :func:`worker_count`) the call is made in this
    process when the block ends. Nothing is pickled on the way in (the child
    has the parent's memory), so any arguments will do; the function's
    result is not returned (it writes files).
    """

    def __init__(self, fn: Callable[..., object], *args: Any, **kwargs: Any) -> None:
        self._call = (fn, args, kwargs)
        self._proc: Any = None
        self._recv: Any = None

    def __enter__(self) -> "Background":
        if worker_count(2) == 0:
            return self
        import multiprocessing

        ctx = multiprocessing.get_context("fork")
        self._recv, send = ctx.Pipe(duplex=False)
        with warnings.catch_warnings():  # see submit_all
            warnings.filterwarnings("ignore", message=".*use of fork\\(\\) may lead to deadlocks.*", category=DeprecationWarning)
            self._proc = ctx.Process(target=_child, args=(send, *self._call))
            self._proc.start()
        send.close()
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        fn, args, kwargs = self._call
        if self._proc is None:
            if kind is None:
                fn(*args, **kwargs)
            return
        try:
            if kind is not None:
                self._proc.terminate()
                return
            try:
                error = self._recv.recv()
            except EOFError:
                error = RuntimeError(f"the worker process writing in the background stopped (exit code {self._proc.exitcode})")
            if error is not None:
                raise error
        finally:
            self._proc.join()
            self._recv.close()
