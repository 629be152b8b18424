"""A complete run: load, appraise, analyse sensitivity, write every output
file and the manifest. Used by the command line and by ``verify``."""

from __future__ import annotations

import os
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Literal, Sequence

from .appraisal import Appraisal, appraise
from .output.manifest import RunInfo
from .project.audit import AppraisalDate, digest_inputs
from .errors import InputError
from .project.loader import load_project, load_scenario
from .sensitivity import DEFAULT_CONCENTRATION, SensitivityReport, analyse

__all__ = ["RunResult", "run", "STAGES", "reproducing_command", "scenario_key"]

#: The stages reported to ``progress``, in order.
STAGES = ("switching values", "SMAA", "method robustness", "Sobol indices", "scenarios", "writing the outputs",
          "drawing charts", "writing the workbook", "writing the PDF")


@dataclass(frozen=True)
class RunResult:
    appraisal: Appraisal
    report: SensitivityReport
    out: Path
    info: RunInfo


def scenario_key(project_root: Path, path: Path) -> str:
    """A scenario file's path relative to the project (``/`` separated), so
    that no output depends on where the project lives."""
    return Path(os.path.relpath(path.resolve(), project_root.resolve())).as_posix()


def reproducing_command(*, verb: Literal["appraise", "sensitivity"], samples: int, seed: int,
                        scenarios: Sequence[str] | None) -> str:
    """The command that reproduces a run when typed in the project's folder.

    Built from the run's parameters, not from what was typed, so that it
    holds no local path (the output folder, the project's location) and is
    the same wherever the run was made. ``scenarios`` None means the
    command's own default set.
    """
    words = ["decision", verb, "--samples", str(samples), "--seed", str(seed)]
    for name in scenarios or ():
        words += ["--scenario", name]
    return " ".join(shlex.quote(w) for w in words)


def run(
    project_dir: str | Path,
    *,
    out: str | Path,
    samples: int,
    seed: int,
    scenario_files: Sequence[str | Path] | None,
    verb: Literal["appraise", "sensitivity"] = "appraise",
    command: str | None = None,
    date: AppraisalDate | None = None,
    progress: Callable[[str], None] | None = None,
) -> RunResult:
    """Run the appraisal and its sensitivity analysis and write the outputs.

    ``scenario_files`` None means every ``*.yaml`` in the project's
    ``scenarios/`` folder; an empty sequence means none. ``command`` is the
    command recorded as reproducing the run; by default the one
    :func:`reproducing_command` gives for ``verb``. ``date`` is the date
    printed on the outputs; by default the project's own or
    SOURCE_DATE_EPOCH (``verify`` passes the one the manifest records).
    """
    from .output import write_results  # deferred: pulls in pandas

    from .output.publish import check_writable

    root = Path(project_dir)
    check_writable(Path(out))  # before the work, not after it
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
    keys = [scenario_key(root, f) for f in files]
    digest = digest_inputs(project, extra={"scenario:" + k: f for k, f in zip(keys, files)})
    if command is None:
        command = reproducing_command(verb=verb, samples=samples, seed=seed,
                                      scenarios=None if scenario_files is None else keys)
    appraisal = appraise(project, date=date)
    report = analyse(appraisal, samples=samples, seed=seed, scenarios=scenarios, progress=progress)
    out_path = Path(out)
    info = RunInfo(
        project=project.settings.name,
        scenarios=tuple(keys),
        samples=samples, seed=seed, concentration=DEFAULT_CONCENTRATION, command=command, digest=digest,
    )
    if progress is not None:
        progress("writing the outputs")
    write_results(appraisal, out_path, command=command, sensitivity=report, info=info, progress=progress)
    return RunResult(appraisal=appraisal, report=report, out=out_path, info=info)
