"""The allocation's output folder: allocation.json, allocation.csv and the chart, written all or nothing."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, Callable

import numpy as np

from ..output.manifest import MANIFEST
from ..output.publish import publish
from ..weights import CR_LIMIT, RANDOM_INDEX_NAMES
from .compute import AHP_JUDGEMENT, RULE_LABELS, RULES, Allocation, format_pence

__all__ = ["ALLOCATION_FILES", "allocation_document", "write_allocation"]

ALLOCATION_FILES: tuple[str, ...] = ("allocation.csv", "allocation.json", "chart_allocation.png", MANIFEST)


def allocation_document(a: Allocation) -> dict[str, Any]:
    """The content of allocation.json."""
    from ..version import __version__

    ahp, t = a.ahp, a.table
    return {
        "engine": {"name": "decision", "version": __version__},
        "command": "allocate",
        "rule": a.rule,
        "rule_label": RULE_LABELS[a.rule],
        "input": {"file": Path(a.table.file).name, "sha256": a.table.sha256},
        "ranking_source": dict(a.source),
        "parameters": {
            "budget": format_pence(a.budget_pence) if a.budget_pence is not None else None,
            "budget_pence": a.budget_pence,
            "share_formula": "share_d = sum_f w_f * x_{d,f} / sum_d x_{d,f}",
            "rounding": f"amounts in whole pence by the largest-remainder method; ties to the larger share, then the earlier {t.unit}",
            "ahp_judgement": AHP_JUDGEMENT,
            "random_index_table": RANDOM_INDEX_NAMES[a.ri_table],
        },
        "factors": [{"rank": f.rank, "column": f.column, "factor": f.name} for f in a.factors],
        "weights": {
            r: {
                "label": w.label,
                "derivation": w.derivation,
                "weights": [{"rank": f.rank, "column": f.column, "factor": f.name, "weight": float(x)}
                            for f, x in zip(a.factors, w.weights)],
            }
            for r, w in a.weights.items()
        },
        "ahp_consistency": {
            "lambda_max": ahp.lambda_max, "ci": ahp.ci, "cr": ahp.cr, "ri": ahp.ri,
            "random_index_table": RANDOM_INDEX_NAMES[ahp.ri_table], "acceptable": ahp.cr <= CR_LIMIT,
        },
        t.unit_plural: [
            {
                t.unit: d,
                "figures": {c: float(x) for c, x in zip(a.table.columns, a.table.figures[i])},
                "proportions": {c: float(x) for c, x in zip(a.table.columns, a.proportions[i])},
                "shares": {r: float(a.shares[r][i]) for r in RULES},
                "amount": format_pence(a.amounts_pence[i]) if a.amounts_pence is not None else None,
                "amount_pence": a.amounts_pence[i] if a.amounts_pence is not None else None,
            }
            for i, d in enumerate(t.units)
        ],
    }


def _write_csv(a: Allocation, path: Path) -> None:
    from ..output.tables import safe_cell

    header = [a.table.unit, *(f"share_{r}" for r in RULES)]
    if a.amounts_pence is not None:
        header.append(f"amount_gbp_{a.rule}")
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([safe_cell(h) for h in header])
    for i, d in enumerate(a.table.units):
        row: list[Any] = [safe_cell(d), *(f"{float(a.shares[r][i]):.9f}" for r in RULES)]
        if a.amounts_pence is not None:
            row.append(format_pence(a.amounts_pence[i]))
        w.writerow(row)
    path.write_text(buf.getvalue(), encoding="utf-8", newline="")


def _write_chart(a: Allocation, path: Path) -> None:
    from ..report.charts import allocation_chart

    allocation_chart(
        path,
        title=f"{a.table.unit.replace('_', ' ').capitalize()} shares under four weighting rules (headline: {RULE_LABELS[a.rule]})",
        districts=a.table.units,
        rules=[RULE_LABELS[r] for r in RULES],
        headline=RULES.index(a.rule),
        shares=np.array([a.shares[r] for r in RULES]),
        factors=[f.column for f in a.factors],
        weights=np.array([a.weights[r].weights for r in RULES]),
    )


def write_allocation(a: Allocation, out: str | Path, *,
                     manifest: Callable[[Path], dict[str, Any]] | None = None) -> Path:
    """Write allocation.csv, allocation.json and chart_allocation.png into
    ``out``, all or nothing.

    Files are written into a temporary folder beside ``out`` and moved into
    place only when all are complete. ``out`` may be missing, empty, or hold
    an earlier allocation (only the files listed in :data:`ALLOCATION_FILES`,
    including allocation.json), which is replaced; any other folder is refused.
    ``manifest``, given the finished folder, returns the content of its
    manifest.json, written last (see :func:`decision.allocation.run_allocation`).
    """
    def write(folder: Path) -> None:
        (folder / "allocation.json").write_text(json.dumps(allocation_document(a), indent=2, ensure_ascii=False) + "\n",
                                                encoding="utf-8")
        _write_csv(a, folder / "allocation.csv")
        _write_chart(a, folder / "chart_allocation.png")
        if manifest is not None:
            (folder / MANIFEST).write_text(json.dumps(manifest(folder), indent=2, ensure_ascii=False) + "\n",
                                           encoding="utf-8")

    return publish(Path(out), write, marker="allocation.json", owned=lambda n: n in ALLOCATION_FILES,
                   what="an earlier allocation")
