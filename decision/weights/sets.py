"""Weight sets: a weight file's specification turned into a weight vector
over the criteria, with its derivation in words and its warnings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
import numpy.typing as npt

from ..errors import InconsistentJudgementsError, InputError
from ..model import CriteriaMap, ThemedQuestion, WeightSpec
from .ahp import CR_LIMIT, RANDOM_INDEX_NAMES, AHPResult, ahp_priorities
from .ranks import RANK_RULE_WORDS, rank_weights

__all__ = ["WeightSet", "weigh"]

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
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
        derivation = f"{RANK_RULE_WORDS[src.rank_method]} weights from the ranking " + " > ".join(src.criteria)
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
