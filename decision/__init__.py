"""decision: multi-criteria options appraisal from themed consultation evidence.

Public API (imported lazily so that the command line starts at once):

* :func:`load_project` - read and validate a project folder.
* :func:`appraise` - score the options and rank them under every weight set
  and method.
* :func:`evaluate` - one MCDA method on a performance matrix.
* :func:`ahp_priorities` - weights and consistency of a pairwise matrix.
* :func:`check_evidence`, :func:`score_options` - the evidence and scoring stages.
* :func:`switching_values`, :func:`smaa`, :func:`analyse` - sensitivity analysis.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .errors import DecisionError, DegenerateProblemError, InconsistentJudgementsError, InputError
from .version import __version__

__all__ = [
    "__version__",
    "DecisionError",
    "InputError",
    "InconsistentJudgementsError",
    "DegenerateProblemError",
    "load_project",
    "appraise",
    "evaluate",
    "ahp_priorities",
    "roc_weights",
    "check_evidence",
    "score_options",
    "switching_values",
    "score_switching_values",
    "smaa",
    "analyse",
    "load_scenario",
    "Appraisal",
    "Evaluation",
    "AHPResult",
    "SMAAResult",
    "SensitivityReport",
]

_LAZY = {
    "load_project": "project",
    "appraise": "appraisal",
    "Appraisal": "appraisal",
    "evaluate": "methods",
    "Evaluation": "methods",
    "ahp_priorities": "weights.ahp",
    "roc_weights": "weights.ranks",
    "AHPResult": "weights.ahp",
    "check_evidence": "evidence",
    "score_options": "scoring",
    "switching_values": "sensitivity.switching",
    "score_switching_values": "sensitivity.switching",
    "smaa": "sensitivity.smaa",
    "SMAAResult": "sensitivity.smaa",
    "analyse": "sensitivity",
    "SensitivityReport": "sensitivity",
    "load_scenario": "project",
}

if TYPE_CHECKING:
    from .appraisal import Appraisal, appraise
    from .evidence.check import check_evidence
    from .project.loader import load_project
    from .methods import Evaluation, evaluate
    from .scoring.score import score_options
    from .weights.ahp import AHPResult, ahp_priorities
    from .weights.ranks import roc_weights
    from .sensitivity import SensitivityReport, analyse
    from .sensitivity.smaa import SMAAResult, smaa
    from .sensitivity.switching import score_switching_values, switching_values


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'decision' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
