"""A complete allocation: load the project, read the unit table, compute the
shares and write the output folder with its manifest. Used by the command
line and by ``verify``."""

from __future__ import annotations

import os
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..output.manifest import manifest_frame
from ..output.publish import check_writable
from ..project.audit import InputDigest, digest_inputs
from ..project.loader import load_project
from .compute import Allocation, allocate, format_pence
from .spec import ALLOCATION_FILE, load_allocation, ranked_factors, ranking_source
from .table import read_table
from .write import write_allocation

__all__ = ["AllocationRun", "run_allocation", "allocation_command"]

#: The manifest's input key for the unit table (its path relative to the project follows).
TABLE_KEY = "table:"


@dataclass(frozen=True, slots=True)
class AllocationRun:
    """An allocation and where it was written, with its input digest."""

    allocation: Allocation
    out: Path
    digest: InputDigest
    command: str


def allocation_command(*, table: str, rule: str, budget_pence: int | None) -> str:
    """The command that reproduces an allocation, typed in the project's
    folder: built from its parameters, so it holds no local path."""
    words = ["decision", "allocate", "--table", table, "--rule", rule]
    if budget_pence is not None:
        words += ["--budget", format_pence(budget_pence)]
    return " ".join(shlex.quote(w) for w in words)


def run_allocation(project_dir: str | Path, *, table: str | Path, rule: str, budget_pence: int | None,
                   out: str | Path) -> AllocationRun:
    """Allocate and write ``out`` (allocation files and manifest.json), all or nothing.

    Parameters
    ----------
    project_dir
        The project folder (holding ``criteria/allocation.yaml``).
    table
        The unit table (CSV), anywhere; the manifest records its path
        relative to the project.
    rule
        The headline weighting rule.
    budget_pence
        The budget in whole pence, or None for shares only.
    out
        The output folder.
    """
    root = Path(project_dir)
    check_writable(Path(out))  # before the work, not after it
    project = load_project(root)
    spec = load_allocation(project)
    factors = ranked_factors(project, spec)
    units = read_table(table, spec, factors)
    result = allocate(factors, units, rule=rule, budget_pence=budget_pence,
                      ri_table=project.settings.random_index, source=ranking_source(project, spec))
    rel = Path(os.path.relpath(Path(table).resolve(), root.resolve())).as_posix()
    digest = digest_inputs(project, extra={ALLOCATION_FILE: root / ALLOCATION_FILE, TABLE_KEY + rel: Path(table)})
    command = allocation_command(table=rel, rule=rule, budget_pence=budget_pence)
    parameters: dict[str, Any] = {"table": rel, "rule": rule, "budget_pence": budget_pence}

    def manifest(folder: Path) -> dict[str, Any]:
        return manifest_frame(kind="allocation", command=command, project=project.settings.name,
                              parameters=parameters, digest=digest, folder=folder)

    written = write_allocation(result, out, manifest=manifest)
    return AllocationRun(allocation=result, out=written, digest=digest, command=command)
