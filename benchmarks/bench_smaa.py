"""Throughput and memory of the batched SMAA against a per-sample pymcdm loop.

Run from the repository root::

    python benchmarks/bench_smaa.py           # full run (well under a minute)
    python benchmarks/bench_smaa.py --quick   # a few seconds, smaller counts

What is measured (TOPSIS, vector normalisation, uniform weights on the
simplex, full rank acceptability unless stated):

1. Side by side on three problems -- the bundled STLS appraisal, a random
   100 x 20 and a random 600 x 10 -- samples per second of
   (a) ``decision.sensitivity.smaa.smaa`` and
   (b) a plain loop that draws one Dirichlet(1, ..., 1) weight vector, calls
       ``pymcdm.methods.TOPSIS(vector_normalization)(m, w, t, validation=False)``
       and tallies the competition ranks, once per sample.
   The loop runs fewer samples; throughputs are per sample, and the ratio is
   batched / loop. The largest gap between the two rank-acceptability
   matrices is printed next to the Monte Carlo bound it should stay within.
2. Large runs: one million samples on the STLS problem (seconds), and the
   600 x 10 problem with ``smaa_first_rank`` next to the full ranks.
3. Memory: the peak of Python-tracked allocations (tracemalloc, which numpy
   reports to) for batched runs at n and 10 n samples; the kernels work in
   bounded chunks, so the peak should not grow with n. The process's peak
   resident set size (getrusage) is printed at the end.

All figures depend on the machine, the BLAS library and the load.
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, TypeVar

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
T = TypeVar("T")


@dataclass
class Sizes:
    stls_batched: int
    stls_loop: int
    mid_batched: int
    mid_loop: int
    big_batched: int
    big_loop: int
    million: int
    first_only: int
    memory: tuple[int, int]
    repeats: int


FULL = Sizes(stls_batched=200_000, stls_loop=5_000, mid_batched=50_000, mid_loop=2_000,
             big_batched=20_000, big_loop=1_000, million=1_000_000, first_only=100_000,
             memory=(100_000, 1_000_000), repeats=3)
QUICK = Sizes(stls_batched=20_000, stls_loop=300, mid_batched=3_000, mid_loop=100,
              big_batched=1_000, big_loop=50, million=100_000, first_only=5_000,
              memory=(10_000, 100_000), repeats=1)


def best_time(fn: Callable[[], T], repeats: int) -> tuple[float, T]:
    """Smallest wall time over ``repeats`` (>= 1) calls, and the last result."""
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def traced_peak(fn: Callable[[], object]) -> float:
    """Peak of allocations tracked by tracemalloc during ``fn`` (MB)."""
    gc.collect()
    tracemalloc.start()
    tracemalloc.reset_peak()
    try:
        fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 1e6


def loop_acceptability(m: np.ndarray, types: np.ndarray, n: int, seed: int) -> np.ndarray:
    """Naive SMAA: one pymcdm TOPSIS call per uniform weight vector."""
    from pymcdm import methods as pm
    from pymcdm import normalizations as pn
    from scipy.stats import rankdata

    rng = np.random.default_rng(seed)
    topsis = pm.TOPSIS(normalization_function=pn.vector_normalization)
    n_opt, n_crit = m.shape
    rows = np.arange(n_opt)
    counts = np.zeros((n_opt, n_opt), dtype=np.int64)
    alpha = np.ones(n_crit)
    for _ in range(n):
        w = rng.dirichlet(alpha)
        s = topsis(m, w, types, validation=False)
        ranks = rankdata(-s, method="min").astype(np.int64)  # competition ranks, 1 = best
        counts[rows, ranks - 1] += 1
    return counts / n


def mc_bound(p_a: np.ndarray, n_a: int, p_b: np.ndarray, n_b: int) -> float:
    pooled = (p_a * n_a + p_b * n_b) / (n_a + n_b)
    return float((4.5 * np.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))).max() + 1 / min(n_a, n_b))


def fmt_rate(x: float) -> str:
    return f"{x:,.0f}"


def table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    line = "  ".join(h.rjust(w) if i else h.ljust(w) for i, (h, w) in enumerate(zip(headers, widths)))
    sep = "  ".join("-" * w for w in widths)
    body = ["  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))) for r in rows]
    return "\n".join([line, sep, *body])


def maxrss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 1e6 if sys.platform == "darwin" else rss / 1e3  # bytes on macOS, KiB elsewhere


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sample counts (a few seconds)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    sz = QUICK if args.quick else FULL

    import decision
    from decision.methods import Problem
    from decision.sensitivity.smaa import smaa, smaa_first_rank, smaa_problem

    t_start = time.perf_counter()
    appraisal = decision.appraise(decision.load_project(ROOT))
    stls = (np.asarray(appraisal.table.values, dtype=float), np.asarray(appraisal.table.types, dtype=np.int64))
    rng = np.random.default_rng(args.seed)
    mid = (rng.uniform(0, 100, size=(100, 20)), rng.choice(np.array([1, -1]), size=20))
    big = (rng.uniform(0, 100, size=(600, 10)), rng.choice(np.array([1, -1]), size=10))
    problems = [
        ("STLS", stls, sz.stls_batched, sz.stls_loop),
        ("random", mid, sz.mid_batched, sz.mid_loop),
        ("random", big, sz.big_batched, sz.big_loop),
    ]
    # warm up: imports (pymcdm, scipy) and first calls stay out of the timings
    smaa(stls[0], stls[1], n_samples=100, seed=1)
    loop_acceptability(stls[0], stls[1], 5, seed=1)

    print(f"SMAA benchmark ({'quick' if args.quick else 'full'} run): TOPSIS, vector normalisation, "
          f"uniform weights, full rank acceptability unless stated")
    print(f"numpy {np.__version__}, python {sys.version.split()[0]}, {sys.platform}\n")

    print("1. Batched SMAA vs a per-sample pymcdm loop")
    rows = []
    for name, (m, t), n_batched, n_loop in problems:
        tb, res = best_time(lambda: smaa(m, t, n_samples=n_batched, seed=args.seed + 1), sz.repeats)
        tl, ref = best_time(lambda: loop_acceptability(m, t, n_loop, seed=args.seed + 2), 1)
        rate_b, rate_l = n_batched / tb, n_loop / tl
        acc = res.rank_acceptability
        gap = float(np.abs(acc - ref).max())
        rows.append([f"{name} {m.shape[0]}x{m.shape[1]}", f"{n_batched:,}", f"{tb:.3f}", fmt_rate(rate_b),
                     f"{n_loop:,}", f"{tl:.3f}", fmt_rate(rate_l), f"{rate_b / rate_l:,.0f}x",
                     f"{gap:.4f} / {mc_bound(acc, n_batched, ref, n_loop):.4f}"])
    print(table(["problem", "batched n", "s", "samples/s", "loop n", "s", "samples/s", "batched/loop",
                 "max|dAcc| / MC bound"], rows))

    print("\n2. Large runs")
    rows = []
    m, t = stls
    tm, _ = best_time(lambda: smaa(m, t, n_samples=sz.million, seed=args.seed + 3), 1)
    rows.append([f"STLS {m.shape[0]}x{m.shape[1]}, full ranks", f"{sz.million:,}", f"{tm:.3f}", fmt_rate(sz.million / tm)])
    m, t = big
    tf, _ = best_time(lambda: smaa_first_rank(Problem.of(m, t), n_samples=sz.first_only, seed=args.seed + 4), 1)
    rows.append([f"random {m.shape[0]}x{m.shape[1]}, first rank only", f"{sz.first_only:,}", f"{tf:.3f}",
                 fmt_rate(sz.first_only / tf)])
    n_full = max(1, sz.first_only // 5)
    tr, _ = best_time(lambda: smaa(m, t, n_samples=n_full, seed=args.seed + 4), 1)
    rows.append([f"random {m.shape[0]}x{m.shape[1]}, full ranks", f"{n_full:,}", f"{tr:.3f}", fmt_rate(n_full / tr)])
    print(table(["run", "samples", "seconds", "samples/s"], rows))
    print("\n3. Peak traced memory of batched runs (tracemalloc, MB) as the sample count grows")
    n1, n2 = sz.memory
    rows = []
    for label, (m, t), first_only in (
        (f"STLS {stls[0].shape[0]}x{stls[0].shape[1]}, full ranks", stls, False),
        (f"random {mid[0].shape[0]}x{mid[0].shape[1]}, full ranks", mid, False),
        (f"random {big[0].shape[0]}x{big[0].shape[1]}, first rank only", big, True),
    ):
        scale = 1 if m.shape[0] * m.shape[1] < 100 else 10  # keep the larger problems' runs short
        a, b = n1 // scale, n2 // scale
        run = smaa_first_rank if first_only else smaa_problem
        pa = traced_peak(lambda: run(Problem.of(m, t), n_samples=a, seed=5))
        pb = traced_peak(lambda: run(Problem.of(m, t), n_samples=b, seed=5))
        rows.append([label, f"{a:,}", f"{pa:.1f}", f"{b:,}", f"{pb:.1f}", f"{pb / pa:.2f}"])
    print(table(["run", "n", "peak MB", "10 n", "peak MB", "ratio"], rows))
    print(f"\nprocess peak RSS (getrusage ru_maxrss, whole run incl. imports): {maxrss_mb():.0f} MB")
    print(f"total wall time: {time.perf_counter() - t_start:.1f} s")
    print("(figures are machine-dependent: CPU, BLAS threads and load all change them)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
