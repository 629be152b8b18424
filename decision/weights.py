"""Weigh the criteria: weight sets from pairwise judgements, direct or
percentage weights, ranks, or stated priorities in the evidence.

References
----------
.. [1] Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill.
   Principal-eigenvector priorities, consistency index and ratio; random index
   table used by default here.
.. [2] Saaty, T. L. (2005). *Theory and Applications of the Analytic Network
   Process*. RWS Publications (revised random index).
.. [3] Donegan, H. A., & Dodd, F. J. (1991). A note on Saaty's random indexes.
   *Mathematical and Computer Modelling*, 15(10), 135-137.
.. [4] Tummala, V. M. R., & Ling, H. (1998). A note on the computation of the
   mean random consistency index of the analytic hierarchy process (AHP).
   *Theory and Decision*, 44, 221-230.
.. [5] Barron, F. H., & Barrett, B. E. (1996). Decision quality using ranked
   attribute weights. *Management Science*, 42(11), 1515-1523 (rank-order
   centroid weights).
.. [6] Stillwell, W. G., Seaver, D. A., & Edwards, W. (1981). A comparison of
   weight approximation techniques in multiattribute utility decision making.
   *Organizational Behavior and Human Performance*, 28(1), 62-77 (rank-sum
   and rank-reciprocal weights).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from .errors import InconsistentJudgementsError, InputError
from .model import CriteriaMap, ThemedQuestion, WeightSpec

__all__ = [
    "RANDOM_INDEX",
    "CR_LIMIT",
    "AHPResult",
    "WeightSet",
    "ahp_priorities",
    "roc_weights",
    "rank_sum_weights",
    "reciprocal_weights",
    "rank_weights",
    "RANK_RULES",
    "weigh",
]

FloatArray = npt.NDArray[np.float64]

#: Random consistency index by matrix size n (n = 1, 2 are always consistent).
RANDOM_INDEX: Mapping[str, Mapping[int, float]] = MappingProxyType({
    "saaty1980": MappingProxyType({1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45, 10: 1.49}),
    "saaty2005": MappingProxyType({1: 0.0, 2: 0.0, 3: 0.52, 4: 0.89, 5: 1.11, 6: 1.25, 7: 1.35, 8: 1.40, 9: 1.45, 10: 1.49}),
    "donegan_dodd1991": MappingProxyType({1: 0.0, 2: 0.0, 3: 0.4914, 4: 0.8286, 5: 1.0591, 6: 1.1797, 7: 1.2519, 8: 1.3171, 9: 1.3733, 10: 1.4055}),
    "tummala_ling1998": MappingProxyType({1: 0.0, 2: 0.0, 3: 0.5799, 4: 0.8921, 5: 1.1159, 6: 1.2358, 7: 1.3322, 8: 1.3952, 9: 1.4537, 10: 1.4882}),
})
RANDOM_INDEX_NAMES: Mapping[str, str] = MappingProxyType({
    "saaty1980": "Saaty (1980)",
    "saaty2005": "Saaty (2005)",
    "donegan_dodd1991": "Donegan & Dodd (1991)",
    "tummala_ling1998": "Tummala & Ling (1998)",
})
#: Saaty's acceptance limit for the consistency ratio.
CR_LIMIT = 0.10
_RECIPROCAL_TOLERANCE = 0.01


@dataclass(frozen=True)
class AHPResult:
    """Priorities from a pairwise comparison matrix.

    Attributes
    ----------
    weights
        Principal right eigenvector, normalised to sum to 1.
    lambda_max
        Principal eigenvalue.
    ci
        Consistency index ``(lambda_max - n) / (n - 1)`` (0 for n <= 2).
    cr
        Consistency ratio ``ci / RI(n)`` (0 for n <= 2).
    ri
        The random index used.
    ri_table
        Key of the random index table, e.g. ``"saaty1980"``.
    """

    weights: FloatArray
    lambda_max: float
    ci: float
    cr: float
    ri: float
    ri_table: str
    n: int

    @property
    def consistent(self) -> bool:
        return self.cr <= CR_LIMIT


def ahp_priorities(matrix: npt.ArrayLike, *, ri_table: str = "saaty1980") -> AHPResult:
    """Priority weights and consistency of a pairwise comparison matrix.

    Parameters
    ----------
    matrix
        Square, positive, reciprocal matrix: entry (i, j) says how many times
        more important i is than j; (j, i) must be its reciprocal (to 1%).
    ri_table
        Random index table for the consistency ratio: ``"saaty1980"``
        (default), ``"saaty2005"``, ``"donegan_dodd1991"`` or
        ``"tummala_ling1998"``. The CR verdict at 0.10 can change between
        tables, so the table is part of the result.

    Returns
    -------
    AHPResult

    Raises
    ------
    InputError
        If the matrix is not square, not finite and positive, or not reciprocal,
        or the table has no random index for its size.

    References
    ----------
    Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill.
    """
    try:
        a = np.array(matrix, dtype=float)
    except (TypeError, ValueError):
        raise InputError("pairwise matrix must be square and numeric", field="matrix", value=repr(matrix)[:200]) from None
    if a.ndim != 2 or a.shape[0] != a.shape[1] or a.shape[0] == 0:
        raise InputError("pairwise matrix must be square and non-empty", field="matrix", value=a.shape)
    if not np.all(np.isfinite(a)) or np.any(a <= 0):
        raise InputError("pairwise judgements must be finite and positive", field="matrix", value=a[~np.isfinite(a) | (a <= 0)].tolist())
    n = a.shape[0]
    if ri_table not in RANDOM_INDEX:
        raise InputError(f"unknown random index table (known: {', '.join(RANDOM_INDEX)})", field="ri_table", value=ri_table)
    if n not in RANDOM_INDEX[ri_table]:
        raise InputError(f"the {RANDOM_INDEX_NAMES[ri_table]} random index table has no value for n = {n} (it covers n <= 10)", field="matrix", value=n)
    if not np.allclose(np.diag(a), 1.0, rtol=0, atol=_RECIPROCAL_TOLERANCE):
        raise InputError("the diagonal of a pairwise matrix must be 1", field="matrix", value=np.diag(a).tolist())
    product = a * a.T
    bad = np.argwhere(np.abs(product - 1.0) > _RECIPROCAL_TOLERANCE)
    if bad.size:
        i, j = (int(x) for x in bad[0])
        raise InputError(
            f"pairwise matrix is not reciprocal: entry ({i + 1},{j + 1}) times entry ({j + 1},{i + 1}) must be 1",
            field=f"matrix[{i}][{j}]",
            value=(float(a[i, j]), float(a[j, i])),
        )
    eigenvalues, eigenvectors = np.linalg.eig(a)
    k = int(np.argmax(eigenvalues.real))
    lambda_max = float(eigenvalues[k].real)
    vector = np.abs(eigenvectors[:, k].real)
    weights = vector / vector.sum()
    ri = RANDOM_INDEX[ri_table][n]
    ci = max(0.0, (lambda_max - n) / (n - 1)) if n > 2 else 0.0
    cr = ci / ri if ri > 0 else 0.0
    weights.setflags(write=False)
    return AHPResult(weights=weights, lambda_max=lambda_max, ci=ci, cr=cr, ri=ri, ri_table=ri_table, n=n)


def roc_weights(n: int) -> FloatArray:
    """Rank-order centroid weights for n ranked criteria, most important first.

    ``w_k = (1/n) * sum_{i=k..n} 1/i`` (Barron & Barrett, 1996).
    """
    if n < 1:
        raise InputError("rank-order centroid needs at least one criterion", field="n", value=n)
    inv = 1.0 / np.arange(1, n + 1)
    return np.array([inv[k:].sum() / n for k in range(n)])


def rank_sum_weights(n: int) -> FloatArray:
    """Rank-sum weights for n ranked criteria, most important first.

    Parameters
    ----------
    n
        Number of criteria, at least 1.

    Returns
    -------
    numpy.ndarray
        ``w_k = (n + 1 - k) / sum_{i=1..n} (n + 1 - i) = 2 (n + 1 - k) / (n (n + 1))``
        for ranks k = 1..n: weights fall linearly with rank.

    Raises
    ------
    InputError
        If ``n < 1``.

    References
    ----------
    Stillwell, W. G., Seaver, D. A., & Edwards, W. (1981). A comparison of
    weight approximation techniques in multiattribute utility decision making.
    *Organizational Behavior and Human Performance*, 28(1), 62-77.
    """
    if n < 1:
        raise InputError("rank-sum weights need at least one criterion", field="n", value=n)
    points = np.arange(n, 0, -1, dtype=float)
    weights: FloatArray = points / points.sum()
    return weights


def reciprocal_weights(n: int) -> FloatArray:
    """Rank-reciprocal weights for n ranked criteria, most important first.

    Parameters
    ----------
    n
        Number of criteria, at least 1.

    Returns
    -------
    numpy.ndarray
        ``w_k = (1/k) / sum_{i=1..n} 1/i`` for ranks k = 1..n.

    Raises
    ------
    InputError
        If ``n < 1``.

    References
    ----------
    Stillwell, W. G., Seaver, D. A., & Edwards, W. (1981). A comparison of
    weight approximation techniques in multiattribute utility decision making.
    *Organizational Behavior and Human Performance*, 28(1), 62-77.
    """
    if n < 1:
        raise InputError("rank-reciprocal weights need at least one criterion", field="n", value=n)
    inv = 1.0 / np.arange(1, n + 1, dtype=float)
    weights: FloatArray = inv / inv.sum()
    return weights


#: Rules that turn a ranking into weights, by the name used in weight files.
RANK_RULES: Mapping[str, str] = MappingProxyType({
    "roc": "rank-order centroid (Barron & Barrett 1996)",
    "rank_sum": "rank-sum (Stillwell, Seaver & Edwards 1981)",
    "reciprocal": "rank-reciprocal (Stillwell, Seaver & Edwards 1981)",
})

_RANK_RULE_WORDS = {"roc": "rank-order centroid", "rank_sum": "rank-sum", "reciprocal": "rank-reciprocal"}


def rank_weights(n: int, rule: str = "roc") -> FloatArray:
    """Weights for n ranked criteria, most important first, by ``rule``.

    Parameters
    ----------
    n
        Number of criteria, at least 1.
    rule
        ``"roc"`` (rank-order centroid, :func:`roc_weights`), ``"rank_sum"``
        (:func:`rank_sum_weights`) or ``"reciprocal"`` (:func:`reciprocal_weights`).

    Returns
    -------
    numpy.ndarray
        Weights summing to 1, non-increasing with rank.

    Raises
    ------
    InputError
        If the rule is unknown or ``n < 1``.
    """
    if rule == "roc":
        return roc_weights(n)
    if rule == "rank_sum":
        return rank_sum_weights(n)
    if rule == "reciprocal":
        return reciprocal_weights(n)
    raise InputError(f"unknown rank rule (known: {', '.join(RANK_RULES)})", field="rank_rule", value=rule)


@dataclass(frozen=True)
class WeightSet:
    """A named weight vector over the criteria, with its provenance.

    ``weights`` follows the criteria order of the appraisal and sums to 1.
    ``derivation`` says in words how the numbers were obtained; ``warnings``
    what a reader must know (an accepted inconsistent matrix, assumed parts).
    """

    name: str
    label: str
    provenance: str
    provenance_note: str
    kind: str
    criteria: tuple[str, ...]
    weights: tuple[float, ...]
    derivation: str
    ahp: AHPResult | None = None
    warnings: tuple[str, ...] = ()
    file: str = ""

    @property
    def vector(self) -> FloatArray:
        return np.array(self.weights, dtype=float)

    @property
    def assumed(self) -> bool:
        return self.provenance == "assumed"


def weigh(
    spec: WeightSpec,
    *,
    criteria: CriteriaMap,
    questions: Sequence[ThemedQuestion] = (),
    ri_table: str = "saaty1980",
) -> WeightSet:
    """Compute a weight set from its specification.

    Raises
    ------
    InconsistentJudgementsError
        If a pairwise matrix has CR above 0.10 and the file does not set
        ``allow_inconsistent: true``.
    """
    ids = criteria.ids
    src = spec.source
    warnings: list[str] = []
    ahp: AHPResult | None = None
    if spec.provenance == "assumed":
        warnings.append(f"weight set '{spec.name}' is an assumption, not stakeholders' stated priorities")
    if src.kind == "ahp":
        table = src.random_index or ri_table
        try:
            ahp = ahp_priorities(np.array(src.matrix), ri_table=table)
        except InputError as exc:
            raise InputError(exc.rule, file=spec.file, field=f"source.{exc.field}", value=exc.value) from None
        if not ahp.consistent:
            msg = (f"consistency ratio {ahp.cr:.3f} is above {CR_LIMIT:.2f} "
                   f"(random index table {RANDOM_INDEX_NAMES[table]}, n = {ahp.n})")
            if not src.allow_inconsistent:
                raise InconsistentJudgementsError(
                    msg + "; revise the judgements or set allow_inconsistent: true to accept them with a warning",
                    file=spec.file, field="source.matrix", value=round(ahp.cr, 4))
            warnings.append(f"weight set '{spec.name}': {msg}; accepted because the file allows it")
        by_name = dict(zip(src.criteria, ahp.weights))
        derivation = (f"AHP principal eigenvector of an {ahp.n}x{ahp.n} pairwise matrix; lambda_max {ahp.lambda_max:.4f}, "
                      f"CI {ahp.ci:.4f}, CR {ahp.cr:.4f} (random index {ahp.ri:g}, {RANDOM_INDEX_NAMES[table]} table)")
    elif src.kind == "direct":
        total = float(sum(src.values))
        by_name = {c: v / total for c, v in zip(src.criteria, src.values)}
        derivation = f"direct weights as given, divided by their total {total:g}"
    elif src.kind == "rank":
        ranked = rank_weights(len(src.criteria), src.rank_method)
        by_name = dict(zip(src.criteria, ranked))
        derivation = f"{_RANK_RULE_WORDS[src.rank_method]} weights from the ranking " + " > ".join(src.criteria)
    else:
        by_name, derivation = _from_priorities(spec, criteria=criteria, questions=questions, warnings=warnings)
    weights = tuple(float(by_name[c]) for c in ids)
    return WeightSet(
        name=spec.name, label=spec.label, provenance=spec.provenance, provenance_note=spec.provenance_note,
        kind=src.kind, criteria=ids, weights=weights, derivation=derivation, ahp=ahp,
        warnings=tuple(warnings), file=spec.file,
    )


def _from_priorities(spec: WeightSpec, *, criteria: CriteriaMap, questions: Sequence[ThemedQuestion], warnings: list[str]) -> tuple[dict[str, float], str]:
    src = spec.source
    question = next(q for q in questions if q.id == src.question and q.stakeholder == src.stakeholder)
    shares = {c: 0.0 for c in criteria.ids}
    ignored: list[str] = []
    for item in question.items:
        crit = criteria.mapping.get(item.theme)
        if item.percent is None or crit is None:
            ignored.append(item.theme)
            continue
        shares[crit] += item.percent
    covered = [c for c in criteria.ids if shares[c] > 0]
    uncovered = [c for c in criteria.ids if shares[c] == 0]
    total = sum(shares.values())
    if total <= 0:
        raise InputError("the question gives no percentages for any mapped theme", file=spec.file, field="source.question", value=src.question)
    u = src.uncovered_weight
    rest = 1.0 - u * len(uncovered)
    if rest <= 0:
        raise InputError(f"uncovered_weight x {len(uncovered)} uncovered criteria leaves nothing for the stated priorities", file=spec.file, field="source.uncovered_weight", value=u)
    by_name = {c: (shares[c] / total * rest if c in covered else u) for c in criteria.ids}
    derivation = (f"question {question.id} ({src.stakeholder}, {question.comments} comments): theme shares summed per criterion "
                  f"({', '.join(f'{c} {shares[c]:g}%' for c in covered)}; total {total:g}%) and scaled to {rest:.2f}")
    if uncovered:
        derivation += f"; not covered by the question, assumed {u:g} each: {', '.join(uncovered)}"
        warnings.append(f"weight set '{spec.name}': {', '.join(uncovered)} not covered by question {question.id}; assumed weight {u:g} each")
    if ignored:
        derivation += f"; themes with no criterion ignored: {', '.join(ignored)}"
    return by_name, derivation
