"""``decision appraise`` (default settings) against its floor, as whole processes.

Each repeat runs, one after the other, a fresh ``python -m decision.cli
appraise --out TMP`` on the bundled project and a fresh
``python benchmarks/floor_appraise.py TMP`` (same interpreter, same
libraries), timing each process from start to exit. It prints the median of
the repeats for both and their ratio.

    python benchmarks/bench_appraise.py             # 3 repeats
    python benchmarks/bench_appraise.py --repeats 5
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _time(cmd: list[str]) -> float:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    appraise: list[float] = []
    floor: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(args.repeats):
            appraise.append(_time([sys.executable, "-m", "decision.cli", "appraise", "--out", f"{tmp}/appraise{k}"]))
            floor.append(_time([sys.executable, str(ROOT / "benchmarks" / "floor_appraise.py"), f"{tmp}/floor{k}"]))
            print(f"repeat {k + 1}: appraise {appraise[-1]:.2f} s, floor {floor[-1]:.2f} s", flush=True)
    a, f = statistics.median(appraise), statistics.median(floor)
    print(f"median of {args.repeats}: appraise {a:.2f} s, floor {f:.2f} s, ratio {a / f:.2f}")


if __name__ == "__main__":
    main()
