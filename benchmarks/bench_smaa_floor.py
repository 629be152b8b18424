"""SMAA against a per-sample pymcdm loop and against a numpy floor, in one run.

Run from the repository root::

    python benchmarks/bench_smaa_floor.py            # full run (about a minute)
    python benchmarks/bench_smaa_floor.py --quick    # a few seconds, smaller counts

For each problem -- the bundled appraisal (its ``Appraisal.problem``) and
random 100 x 20 and 600 x 10 matrices -- with TOPSIS (vector normalisation),
uniform weights and full rank acceptability, it measures in the same process:

* *ours*: ``smaa_problem(problem, n_samples=n)``, the median of a few repeats;
* *loop*: draw one Dirichlet(1, ..., 1) weight vector, call pymcdm's TOPSIS
  once and add its competition ranks to the tally, per sample; run on fewer
  samples and scaled to n (time per sample x n);
* *floor*: what any batched SMAA must do at least, with the chunks
  ``smaa_problem`` uses: draw each chunk's weights, score them
  (``scores_of``) and argsort every sample's scores once; nothing counted;
  the median of the same number of repeats, interleaved with *ours* so that
  both see the same load;
* *peak MB*: the peak of tracemalloc-tracked allocations (numpy reports its
  buffers to it) during one run of *ours* at n.

A second table gives the peak at n and 10 n samples: chunking keeps it flat.
Nothing is asserted: figures depend on the machine, its BLAS and its load.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_smaa import loop_acceptability, table  # noqa: E402


@dataclass(frozen=True)
class Case:
    name: str
    matrix: np.ndarray
    types: np.ndarray
    samples: int
    loop_samples: int
    memory: tuple[int, int]


def median_time(fn: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def traced_peak(fn: Callable[[], object]) -> float:
    """Peak of tracemalloc-tracked allocations during ``fn`` (MB)."""
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 1e6


def floor_run(problem: object, n_samples: int, seed: int) -> None:
    """Weights, scores and one argsort per chunk: the work no SMAA avoids."""
    from decision.methods import chunks, get_method, method_settings, scores_of
    from decision.sensitivity.smaa import sample_weights

    how = get_method("topsis")
    settings = method_settings(problem)  # type: ignore[arg-type]
    m, t = problem.matrix, problem.types  # type: ignore[attr-defined]
    rng = np.random.default_rng(seed)
    # the chunking of smaa_problem on a fixed matrix (see _simulate)
    for sl in chunks(n_samples, (m.shape[0] + m.shape[1]) * 8):
        w = sample_weights(rng, sl.stop - sl.start, m.shape[1])
        s = scores_of(how, m, w, t, settings)
        np.argsort(-s, axis=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sample counts (a few seconds)")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)

    import decision
    from decision.methods import Problem
    from decision.sensitivity.smaa import smaa_problem

    quick = args.quick
    repeats = 1 if quick else args.repeats
    bundled = decision.appraise(decision.load_project(ROOT)).problem
    rng = np.random.default_rng(0)
    mid = Problem.of(rng.uniform(0, 100, size=(100, 20)), rng.choice(np.array([1, -1]), size=20))
    big = Problem.of(rng.uniform(0, 100, size=(600, 10)), rng.choice(np.array([1, -1]), size=10))
    cases = [
        Case("bundled", bundled.matrix, bundled.types, 100_000 if quick else 1_000_000, 200 if quick else 2_000,
             (10_000, 100_000) if quick else (100_000, 1_000_000)),
        Case("random", mid.matrix, mid.types, 5_000 if quick else 50_000, 30 if quick else 300, (1_000, 10_000) if quick else (10_000, 100_000)),
        Case("random", big.matrix, big.types, 1_000 if quick else 10_000, 10 if quick else 100, (500, 5_000) if quick else (5_000, 50_000)),
    ]
    # warm-up: imports (pymcdm, scipy) and first calls stay out of the timings
    smaa_problem(bundled, n_samples=1000, seed=1)
    floor_run(bundled, 1000, 1)
    loop_acceptability(bundled.matrix, bundled.types, 5, seed=1)

    print(f"SMAA floor benchmark ({'quick' if quick else 'full'} run): TOPSIS, vector normalisation, uniform weights, "
          f"full rank acceptability; medians of {repeats} repeat(s)")
    print(f"numpy {np.__version__}, python {sys.version.split()[0]}, {sys.platform}\n")
    rows = []
    for case in cases:
        problem = Problem.of(case.matrix, case.types)
        ours_times, floor_times = [], []
        for r in range(repeats):  # interleaved, so both see the same load
            ours_times.append(median_time(lambda: smaa_problem(problem, n_samples=case.samples, seed=r), 1))
            floor_times.append(median_time(lambda: floor_run(problem, case.samples, r), 1))
        ours, floor = statistics.median(ours_times), statistics.median(floor_times)
        loop = median_time(lambda: loop_acceptability(case.matrix, case.types, case.loop_samples, seed=2), 1)
        loop_scaled = loop / case.loop_samples * case.samples
        peak = traced_peak(lambda: smaa_problem(problem, n_samples=case.samples, seed=3))
        n_opt, n_crit = case.matrix.shape
        rows.append([f"{case.name} {n_opt}x{n_crit}", f"{case.samples:,}", f"{ours:.3f}",
                     f"{loop / case.loop_samples * 1e6:.0f}", f"{loop_scaled:,.1f}", f"{loop_scaled / ours:,.0f}x",
                     f"{floor:.3f}", f"{ours / floor:.2f}", f"{peak:.1f}"])
    print(table(["problem", "samples", "ours s", "loop us/sample", "loop s (scaled)", "loop/ours", "floor s",
                 "ours/floor", "peak MB"], rows))

    print("\nPeak traced memory (MB) of smaa_problem as the sample count grows")
    rows = []
    for case in cases:
        problem = Problem.of(case.matrix, case.types)
        a, b = case.memory
        pa = traced_peak(lambda: smaa_problem(problem, n_samples=a, seed=5))
        pb = traced_peak(lambda: smaa_problem(problem, n_samples=b, seed=5))
        rows.append([f"{case.name} {case.matrix.shape[0]}x{case.matrix.shape[1]}", f"{a:,}", f"{pa:.1f}", f"{b:,}",
                     f"{pb:.1f}", f"{pb / pa:.2f}"])
    print(table(["problem", "n", "peak MB", "10 n", "peak MB", "ratio"], rows))
    print("\n(figures are machine-dependent: CPU, BLAS threads and load all change them)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
