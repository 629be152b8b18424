"""Several respondents' pairwise judgements: complete, weigh, aggregate, and
describe as a weight file and a summary.

For each respondent the missing judgements are completed by Harker's method,
and the principal-eigenvector weights and the consistency ratio are computed,
both of the completed matrix and of the judgements actually given, with the
geometric consistency index. For the group the judgements are aggregated by
their geometric mean (AIJ) or the priorities by their normalised geometric
mean (AIP), and the spread is described: per criterion the minimum, maximum
and standard deviation of the respondents' weights; per pair the geometric
standard deviation of the judgements; per respondent the compatibility of
their judgements with the group's weights.

References
----------
.. [1] Harker, P. T. (1987). Incomplete pairwise comparisons in the analytic
   hierarchy process. *Mathematical Modelling*, 9(11), 837-848.
.. [2] Forman, E., & Peniwati, K. (1998). Aggregating individual judgments and
   priorities with the analytic hierarchy process. *European Journal of
   Operational Research*, 108(1), 165-169.
.. [3] Aguarón, J., & Moreno-Jiménez, J. M. (2003). The geometric consistency
   index: Approximated thresholds. *European Journal of Operational Research*,
   147(1), 137-145.
.. [4] Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Literal, Mapping, Sequence

import numpy as np
import numpy.typing as npt

from ..errors import InputError
from .ahp import CR_LIMIT, RANDOM_INDEX, RANDOM_INDEX_NAMES, ahp_priorities
from .completion import components, geometric_consistency_index, harker_complete, known_consistency_ratio
from .respondents import RespondentRow, pair_key

__all__ = ["Aggregate", "RespondentResult", "GroupResult", "aggregate_respondents", "weight_document", "summary_lines"]

FloatArray = npt.NDArray[np.float64]
Aggregate = Literal["aij", "aip"]


@dataclass(frozen=True, slots=True)
class RespondentResult:
    """One respondent's weights and consistency.

    ``cr`` is the consistency ratio of the completed matrix, ``cr_known`` that
    of the judgements given (see :func:`known_consistency_ratio`; equal when
    nothing is missing). ``inconsistent`` is ``cr_known > 0.10``.
    ``compatibility`` is the GCI formula with the group's weights.
    """

    name: str
    row: int
    judgements: FloatArray
    matrix: FloatArray
    weights: FloatArray
    cr: float
    cr_known: float
    gci: float
    completed: tuple[tuple[int, int, float], ...]
    compatibility: float = 0.0

    @property
    def inconsistent(self) -> bool:
        return self.cr_known > CR_LIMIT


@dataclass(frozen=True, slots=True)
class GroupResult:
    """The group's weights and how much the respondents differ.

    ``matrix`` is the aggregated judgement matrix (AIJ) or None (AIP);
    ``cr`` its consistency ratio (None for AIP). ``weight_min``, ``weight_max``
    and ``weight_sd`` (sample standard deviation, 0 for one respondent) are
    per criterion; ``dispersion[i, j]`` is the geometric standard deviation
    of the respondents' (completed) judgements ``a_ij``,
    ``exp(sd(ln a_ij))``: 1 when everybody agrees.
    """

    criteria: tuple[str, ...]
    aggregate: Aggregate
    ri_table: str
    respondents: tuple[RespondentResult, ...]
    weights: FloatArray
    matrix: FloatArray | None
    cr: float | None
    weight_min: FloatArray
    weight_max: FloatArray
    weight_sd: FloatArray
    dispersion: FloatArray
    file: str = ""
    notes: tuple[str, ...] = field(default=())

    @property
    def inconsistent(self) -> tuple[RespondentResult, ...]:
        return tuple(r for r in self.respondents if r.inconsistent)


def _respondent(row: RespondentRow, ids: Sequence[str], ri_table: str, display: str) -> RespondentResult:
    n = len(ids)
    a = np.full((n, n), np.nan)
    np.fill_diagonal(a, 1.0)
    for i in range(n):
        for j in range(i + 1, n):
            v = row.judgements.get(pair_key(ids[i], ids[j]))
            if v is not None:
                a[i, j] = v
                a[j, i] = 1.0 / v
    known = np.isfinite(a)
    parts = components(known)
    if len(parts) > 1:
        groups = " | ".join("{" + ", ".join(ids[k] for k in part) + "}" for part in parts)
        n_missing = int((~known).sum() // 2)
        raise InputError(
            f"too many judgements are missing ({n_missing} of {n * (n - 1) // 2}): the pairs answered do not link every "
            f"criterion to the others, so no weights follow (separate groups: {groups}); at least {n - 1} judgements that "
            "connect all criteria are needed", file=display, field=f"row {row.row} (respondent {row.name})", value=n_missing)
    h = harker_complete(a)
    res = ahp_priorities(h.matrix, ri_table=ri_table)
    completed = tuple((i, j, float(h.matrix[i, j])) for i, j in h.missing)
    cr_known = known_consistency_ratio(a, res.weights, ri_table=ri_table)
    return RespondentResult(
        name=row.name, row=row.row, judgements=a, matrix=h.matrix, weights=np.array(res.weights), cr=res.cr,
        cr_known=cr_known, gci=geometric_consistency_index(h.matrix, res.weights), completed=completed,
    )


def aggregate_respondents(
    rows: Sequence[RespondentRow],
    criteria: Sequence[str],
    *,
    aggregate: Aggregate = "aij",
    ri_table: str = "saaty1980",
    file: str = "",
) -> GroupResult:
    """Per-respondent weights and consistency, and the group's weights.

    Parameters
    ----------
    rows
        Respondents' judgements (:func:`read_respondents`).
    criteria
        Criterion ids in order.
    aggregate
        ``"aij"`` (default): the geometric mean of the respondents' judgements,
        pair by pair, then its principal eigenvector. ``"aip"``: the geometric
        mean of the respondents' weights, normalised to sum to 1.
    ri_table
        Random index table for the consistency ratios.
    file
        The file the rows came from, for messages.

    Returns
    -------
    GroupResult

    Raises
    ------
    InputError
        If a respondent's judgements do not connect every criterion (the
        message names the row).

    Notes
    -----
    Missing judgements are completed per respondent by Harker's method before
    aggregating, so every respondent contributes to every pair: a missing
    ``a_ij`` counts as the ratio ``w_i / w_j`` implied by that respondent's
    other judgements. Both rules follow Forman & Peniwati (1998): AIJ treats
    the group as one new individual, AIP as a group of individuals.
    """
    if aggregate not in ("aij", "aip"):
        raise InputError("aggregation must be aij or aip", field="aggregate", value=aggregate)
    if not rows:
        raise InputError("no respondents", file=file or None)
    ids = tuple(criteria)
    n = len(ids)
    if n not in RANDOM_INDEX[ri_table]:
        raise InputError(f"the {RANDOM_INDEX_NAMES[ri_table]} random index table covers n <= 10 criteria", field="criteria", value=n)
    people = [_respondent(r, ids, ri_table, file) for r in rows]
    k = len(people)
    logs = np.log(np.stack([p.matrix for p in people]))
    group_matrix, weights, group_cr = _group_weights(people, logs, aggregate, ri_table)
    people = [replace(p, compatibility=geometric_consistency_index(p.matrix, weights)) for p in people]
    w_all = np.stack([p.weights for p in people])
    ddof = 1 if k > 1 else 0
    dispersion = np.exp(logs.std(axis=0, ddof=ddof)) if k > 1 else np.ones((n, n))
    return GroupResult(
        criteria=ids, aggregate=aggregate, ri_table=ri_table, respondents=tuple(people), weights=weights,
        matrix=group_matrix, cr=group_cr, weight_min=w_all.min(axis=0), weight_max=w_all.max(axis=0),
        weight_sd=w_all.std(axis=0, ddof=ddof) if k > 1 else np.zeros(n), dispersion=dispersion, file=file,
    )


def _group_weights(people: Sequence[RespondentResult], logs: FloatArray, aggregate: Aggregate,
                   ri_table: str) -> tuple[FloatArray | None, FloatArray, float | None]:
    """The group's matrix (AIJ; None for AIP), weights and consistency ratio (None for AIP)."""
    if aggregate == "aij":
        # Rounded to 6 significant digits, as written to the weight file, so that
        # the appraisal reproduces exactly the weights reported here.
        group_matrix: FloatArray = np.vectorize(lambda x: float(f"{x:.6g}"))(np.exp(logs.mean(axis=0))).astype(float)
        np.fill_diagonal(group_matrix, 1.0)
        res = ahp_priorities(group_matrix, ri_table=ri_table)
        return group_matrix, np.array(res.weights), res.cr
    g = np.exp(np.log(np.stack([p.weights for p in people])).mean(axis=0))
    weights: FloatArray = g / g.sum()
    return None, weights, None


# ------------------------------------------------------------------ the weight file and the summary
def _r(x: float, digits: int = 6) -> float:
    return float(round(float(x), digits))


def weight_document(group: GroupResult, *, name: str, label: str, file_label: str) -> dict[str, Any]:
    """The weight file for a group, as data ready to be written as YAML.

    AIJ gives ``kind: ahp`` with the aggregated matrix (full precision, so the
    appraisal reproduces the weights printed here). AIP has no judgement
    matrix, so it gives ``kind: direct`` with the group's weights.
    """
    ids = group.criteria
    n = len(ids)
    k = len(group.respondents)
    flagged = [r for r in group.respondents if r.inconsistent]
    completed_people = [r for r in group.respondents if r.completed]
    rule = ("the geometric mean of the judgements of the respondents, pair by pair (AIJ), then the principal eigenvector"
            if group.aggregate == "aij" else
            "the geometric mean of the priority weights of the respondents, normalised to sum to 1 (AIP)")
    note = (f"Aggregated from {k} respondent{'s' if k != 1 else ''} in {file_label} by {rule} "
            "(Forman & Peniwati 1998). The weights of each respondent are the principal eigenvector of their pairwise matrix.")
    if completed_people:
        note += (" Missing judgements were completed by the method of Harker (1987): "
                 + "; ".join(f"{r.name} ({len(r.completed)})" for r in completed_people) + ".")
    if flagged:
        note += (f" Consistency ratio above {CR_LIMIT:.2f}, included all the same: "
                 + "; ".join(f"{r.name} (CR {r.cr_known:.3f})" for r in flagged) + ".")
    doc: dict[str, Any] = {"name": name, "label": label, "provenance": "elicited"}
    source: dict[str, Any]
    if group.aggregate == "aij":
        assert group.matrix is not None and group.cr is not None
        matrix = [[1 if i == j else float(group.matrix[i, j]) for j in range(n)] for i in range(n)]
        source = {"kind": "ahp", "random_index": group.ri_table, "criteria": list(ids), "matrix": matrix}
        if group.cr > CR_LIMIT:
            source["allow_inconsistent"] = True
            note += f" The aggregated matrix has CR {group.cr:.3f}, above {CR_LIMIT:.2f}; accepted as the view of the group."
    else:
        source = {"kind": "direct", "weights": {c: float(w) for c, w in zip(ids, group.weights)}}
    doc["provenance_note"] = note
    doc["source"] = source
    people = []
    for r in group.respondents:
        person: dict[str, Any] = {
            "respondent": r.name,
            "row": r.row,
            "weights": {c: _r(w) for c, w in zip(ids, r.weights)},
            "cr": _r(r.cr),
            "cr_known": _r(r.cr_known),
            "gci": _r(r.gci),
            "compatibility": _r(r.compatibility),
            "inconsistent": r.inconsistent,
        }
        if r.completed:
            person["completed"] = {pair_key(ids[i], ids[j]): _r(v) for i, j, v in r.completed}
        people.append(person)
    block: dict[str, Any] = {
        "file": file_label,
        "aggregate": group.aggregate,
        "random_index": group.ri_table,
        "cr_limit": CR_LIMIT,
    }
    if group.cr is not None:
        block["group_cr"] = _r(group.cr)
    block["people"] = people
    block["spread"] = {c: {"min": _r(group.weight_min[j]), "max": _r(group.weight_max[j]), "sd": _r(group.weight_sd[j])}
                       for j, c in enumerate(ids)}
    block["dispersion"] = {pair_key(ids[i], ids[j]): max(1.0, _r(group.dispersion[i, j]))
                           for i in range(n) for j in range(i + 1, n)}
    doc["respondents"] = block
    return doc


def summary_lines(group: GroupResult, names: Mapping[str, str] | None = None) -> list[str]:
    """A plain-text summary: weights per respondent and the group, consistency, spread."""
    ids = group.criteria
    people = group.respondents
    label_w = max([len("criterion")] + [len(c) for c in ids])
    heads = [p.name for p in people] + [f"group ({group.aggregate.upper()})", "min", "max", "sd"]
    widths = [max(7, len(h)) for h in heads]
    lines = ["Weights by respondent and for the group:"]
    lines.append("  " + "criterion".ljust(label_w) + "  " + "  ".join(h.rjust(w) for h, w in zip(heads, widths)))
    for j, c in enumerate(ids):
        vals = [p.weights[j] for p in people] + [group.weights[j], group.weight_min[j], group.weight_max[j], group.weight_sd[j]]
        lines.append("  " + c.ljust(label_w) + "  " + "  ".join(f"{v:.3f}".rjust(w) for v, w in zip(vals, widths)))
    lines.append("  " + "CR".ljust(label_w) + "  " + "  ".join(
        (f"{p.cr_known:.3f}" + ("*" if p.inconsistent else "")).rjust(w) for p, w in zip(people, widths)) + (
        "  " + (f"{group.cr:.3f}" if group.cr is not None else "-").rjust(widths[len(people)])))
    lines.append("  " + "GCI".ljust(label_w) + "  " + "  ".join(f"{p.gci:.3f}".rjust(w) for p, w in zip(people, widths)))
    lines.append("  " + "compatibility".ljust(label_w) + "  " + "  ".join(f"{p.compatibility:.3f}".rjust(w) for p, w in zip(people, widths)))
    lines.append(f"  CR: consistency ratio of the judgements given ({RANDOM_INDEX_NAMES[group.ri_table]} random index); "
                 f"* above {CR_LIMIT:.2f}. compatibility: GCI formula against the group's weights.")
    for p in people:
        if p.completed:
            pairs = ", ".join(f"{ids[i]}__{ids[j]} = {v:.3g}" for i, j, v in p.completed)
            lines.append(f"  {p.name} (row {p.row}): {len(p.completed)} missing judgement{'s' if len(p.completed) > 1 else ''} "
                         f"completed by Harker's method: {pairs}; CR {p.cr_known:.3f} on the judgements given, "
                         f"{p.cr:.3f} after completion")
    for p in group.inconsistent:
        lines.append(f"  Inconsistent: {p.name} (row {p.row}), CR {p.cr_known:.3f} > {CR_LIMIT:.2f}; included in the aggregate.")
    iu = np.triu_indices(len(ids), 1)
    if len(people) > 1 and len(ids) > 1:
        worst = int(np.argmax(group.dispersion[iu]))
        i, j = int(iu[0][worst]), int(iu[1][worst])
        lines.append(f"  Most disputed judgement: {ids[i]}__{ids[j]} (geometric standard deviation {group.dispersion[i, j]:.2f}).")
    return lines
