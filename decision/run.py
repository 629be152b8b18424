"""A complete run: load, appraise, analyse sensitivity, write every output
file and the manifest. Used by the command line and by ``verify``."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from .appraisal import Appraisal, appraise
from .output.manifest import RunInfo
from .project.audit import digest_inputs
from .errors import InputError
from .project.loader import load_project, load_scenario
from .sensitivity import DEFAULT_CONCENTRATION, SensitivityReport, analyse

__all__ = ["RunResult", "run", "STAGES"]

#: The stages reported to ``progress``, in order.
STAGES = ("switching values", "SMAA", "method robustness", "Sobol indices", "scenarios", "writing the outputs",
          "drawing charts", "writing the workbook", "writing the PDF")


@dataclass(frozen=True)
class RunResult:
    appraisal: Appraisal
    report: SensitivityReport
    out: Path
    info: RunInfo


def _scenario_key(project_root: Path, path: Path) -> str:
    try:
        return "scenario:" + str(path.resolve().relative_to(project_root.resolve()))
    except ValueError:
        return "scenario:" + str(path)


def run(
    project_dir: str | Path,
    *,
    out: str | Path,
    samples: int,
    seed: int,
    scenario_files: Sequence[str | Path] | None,
    command: str,
    progress: Callable[[str], None] | None = None,
) -> RunResult:
    """Run the appraisal and its sensitivity analysis and write the outputs.

    ``scenario_files`` None means every ``*.yaml`` in the project's
    ``scenarios/`` folder; an empty sequence means none.
    """
    from .output import write_results  # deferred: pulls in pandas

    root = Path(project_dir)
    project = load_project(root)
    if scenario_files is None:
        folder = root / "scenarios"
        files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    else:
        files = [Path(f) for f in scenario_files]
    scenarios = [load_scenario(f, project) for f in files]
    names = [s.name for s in scenarios]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise InputError("two scenario files share a name", file=", ".join(map(str, files)), field="name", value=dupes)
    digest = digest_inputs(project, extra={_scenario_key(root, f): f for f in files})
    appraisal = appraise(project)
    report = analyse(appraisal, samples=samples, seed=seed, scenarios=scenarios, progress=progress)
    out_path = Path(out)
    info = RunInfo(
        project=os.path.relpath(root.resolve(), out_path.resolve()),
        scenarios=tuple(_scenario_key(root, f).removeprefix("scenario:") for f in files),
        samples=samples, seed=seed, concentration=DEFAULT_CONCENTRATION, command=command, digest=digest,
    )
    if progress is not None:
        progress("writing the outputs")
    write_results(appraisal, out_path, command=command, sensitivity=report, info=info, progress=progress)
    return RunResult(appraisal=appraisal, report=report, out=out_path, info=info)
