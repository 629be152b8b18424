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
from typing import Callable, Iterable, TypeVar

__all__ = ["worker_count", "submit_all"]

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
