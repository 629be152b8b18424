"""Command line for weights from people: ``decision elicit`` and
``decision weights import``.

:func:`register` adds the sub-commands to the main parser's sub-parsers and
:func:`dispatch` runs them (it returns None for commands it does not own).
Errors are raised as :class:`~decision.errors.InputError`; the main command
line turns them into exit code 2. Nothing heavy is imported until a command
runs, so the command line still starts at once.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, Callable

__all__ = ["register", "dispatch"]


def register(subparsers: "argparse._SubParsersAction[Any]") -> None:
    """Add ``elicit`` and ``weights import`` to the main parser's sub-parsers."""
    el = subparsers.add_parser(
        "elicit", help="ask one person for a weight set (pairwise, swing or rank) and write weights/NAME.yaml",
        description="Ask one respondent for a weight set in the terminal, or read the answers from a YAML file "
                    "(--answers; see docs/WEIGHTS.md), and write weights/NAME.yaml with who answered, when, and why.")
    el.add_argument("--weight-set", required=True, metavar="NAME", help="name of the weight set; written to PROJECT/weights/NAME.yaml")
    el.add_argument("--method", choices=["pairwise", "swing", "rank"], default=None,
                    help="pairwise comparison (Saaty 1-9), swing weighting or a ranking (default: the answers file's, else pairwise)")
    el.add_argument("--rank-rule", choices=["roc", "rank_sum", "reciprocal"], default=None,
                    help="for --method rank: rank-order centroid (default), rank-sum or rank-reciprocal weights")
    el.add_argument("--project", default=".", help="project folder (default: current folder)")
    el.add_argument("--answers", default=None, metavar="FILE", help="YAML file with the answers (no questions are asked)")
    el.add_argument("--respondent", default=None, metavar="NAME", help="who is answering (asked if not given)")
    el.add_argument("--date", default=None, metavar="YYYY-MM-DD", help="date of the elicitation (asked if not given)")
    el.add_argument("--label", default=None, help="label of the weight set (default from the name and the respondent)")
    el.add_argument("--force", action="store_true", help="replace an existing weight file")

    we = subparsers.add_parser("weights", help="weight sets from several respondents",
                               description="Weight sets from several respondents.")
    wsub = we.add_subparsers(dest="weights_command", metavar="SUBCOMMAND", required=True)
    im = wsub.add_parser(
        "import", help="aggregate several respondents' pairwise judgements (CSV or .xlsx) into weights/NAME.yaml",
        description="Read one row per respondent (a 'respondent' column and one column per pair of criteria, "
                    "criterion_a__criterion_b), complete missing judgements by Harker's method, aggregate and write "
                    "weights/NAME.yaml. See docs/WEIGHTS.md for the template.")
    im.add_argument("file", help="respondents file, .csv or .xlsx")
    im.add_argument("--weight-set", required=True, metavar="NAME", help="name of the weight set; written to PROJECT/weights/NAME.yaml")
    im.add_argument("--aggregate", choices=["aij", "aip"], default="aij",
                    help="geometric mean of the judgements (aij, default) or of the priorities (aip)")
    im.add_argument("--project", default=".", help="project folder (default: current folder)")
    im.add_argument("--label", default=None, help="label of the weight set")
    im.add_argument("--force", action="store_true", help="replace an existing weight file")


def _interactive_input() -> Callable[[str], str]:
    try:  # line editing at the prompt, where the platform has it
        import readline  # noqa: F401
    except ImportError:  # pragma: no cover
        pass
    return input


def _say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def dispatch(args: argparse.Namespace) -> int | None:
    """Run ``elicit`` or ``weights import``; None for any other command."""
    command = getattr(args, "command", None)
    if command == "elicit":
        from ..elicitation import elicit

        elicit(
            args.project, args.weight_set, method=args.method, answers=args.answers, respondent=args.respondent,
            date=args.date, rank_rule=args.rank_rule, label=args.label, force=args.force,
            input_fn=_interactive_input() if args.answers is None else input, output_fn=_say,
        )
        return 0
    if command == "weights" and getattr(args, "weights_command", None) == "import":
        from ..elicitation import import_weights

        import_weights(args.file, project=args.project, weight_set=args.weight_set, aggregate=args.aggregate,
                       label=args.label, force=args.force, output=_say)
        return 0
    return None
