"""The report's content, section by section, added to a :class:`~decision.report.pdf.Builder` in order."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..pdf import Builder
from .appendices import add_appendix_audit, add_appendix_contributions, add_appendix_evidence, add_appendix_weights
from .common import Ctx
from .evidence import add_evidence, add_results
from .method import add_method
from .recommendation import add_equalities, add_recommendation, add_risks
from .sensitivity import add_sensitivity
from .summary import add_context, add_summary, add_title

if TYPE_CHECKING:
    from reportlab.platypus.tableofcontents import TableOfContents

    from ...appraisal import Appraisal
    from ...project.audit import InputDigest
    from ...sensitivity import SensitivityReport

__all__ = ["compose"]


def compose(b: Builder, a: "Appraisal", r: "SensitivityReport", *, digest: "InputDigest", command: str,
            date_text: str, toc: "TableOfContents") -> None:
    """Add every section of the report to ``b``'s story, in order."""
    x = Ctx(a, r)
    add_title(b, x, digest, date_text)
    b.page_break()
    b.para("Contents", "h1")
    b.story.append(toc)
    add_summary(b, x)
    add_context(b, x)
    add_method(b, x)
    add_evidence(b, x)
    add_results(b, x)
    add_sensitivity(b, x)
    n = 8 if add_equalities(b, x) else 7
    add_risks(b, x, number=n)
    add_recommendation(b, x, number=n + 1)
    add_appendix_evidence(b, x)
    add_appendix_contributions(b, x)
    add_appendix_weights(b, x)
    add_appendix_audit(b, x, digest, command)
