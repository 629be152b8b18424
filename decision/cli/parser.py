"""The argument parser of the ``decision`` command.

Building it imports only :mod:`argparse` and the light registration code of
:mod:`.allocate`, :mod:`.people` and :mod:`.project`; the modules that run a command (and the
engine behind them) are imported by :mod:`.entry` once the command is known.
"""

from __future__ import annotations

import argparse

from ..version import __version__
from . import allocate, people, project

__all__ = ["build_parser", "commands"]


def build_parser() -> argparse.ArgumentParser:
    """The ``decision`` parser with every sub-command."""
    parser = argparse.ArgumentParser(
        prog="decision",
        description="Multi-criteria options appraisal from themed consultation evidence.",
    )
    parser.add_argument("--version", action="version", version=f"decision {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    project.register(sub)
    ev = sub.add_parser("evidence", help="show the themed evidence with its data-quality flags")
    ev.add_argument("--project", default=".", help="project folder (default: current folder)")
    ev.add_argument("--json", action="store_true", help="print one JSON object per section instead of a table")
    ev.add_argument("--against", default=None, metavar="PATH",
                    help="check the transcription against the source document's plain text: its SHA-256 and every "
                         "percentage and comment count, section by section (exit 0 all match, 1 any differs)")
    ap = sub.add_parser("appraise", help="score and rank the options; write results into the output folder")
    ap.add_argument("--project", default=".", help="project folder (default: current folder)")
    ap.add_argument("--out", default=None, help="output folder (default: PROJECT/outputs/appraisal)")
    _sensitivity_args(ap, scenarios_default="every file in PROJECT/scenarios/")
    se = sub.add_parser("sensitivity", help="switching values, SMAA, method robustness, Sobol indices and scenarios")
    se.add_argument("--project", default=".", help="project folder (default: current folder)")
    se.add_argument("--out", default=None, help="output folder (default: PROJECT/outputs/sensitivity)")
    _sensitivity_args(se, scenarios_default="none")
    ex = sub.add_parser("explain", help="how one score was made, from the evidence to the ranking")
    ex.add_argument("--project", default=".", help="project folder (default: current folder)")
    ex.add_argument("--option", type=int, required=True, help="option number")
    ex.add_argument("--criterion", required=True, help="criterion id")
    ex.add_argument("--weight-set", default=None, help="also show how the cell enters this weight set's TOPSIS ranking")
    ex.add_argument("--json", action="store_true", help="print JSON instead of text")
    ve = sub.add_parser("verify", help="check a run folder: inputs unchanged and every output reproduced byte for byte")
    ve.add_argument("folder", help="output folder of an earlier run or allocation (holds manifest.json)")
    ve.add_argument("--project", default=None,
                    help="project folder the run was made from (default: the nearest folder above FOLDER holding "
                         "a project, else the current folder)")
    allocate.register(sub)
    people.register(sub)
    return parser


def commands(parser: argparse.ArgumentParser) -> list[str]:
    """The sub-command names ``parser`` knows, in the order of its help."""
    return [name for a in parser._actions if isinstance(a, argparse._SubParsersAction) for name in a.choices]


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, found {text!r}") from None
    if value < 1 or value > 100_000_000:
        raise argparse.ArgumentTypeError(f"must be between 1 and 100,000,000, found {value}")
    return value


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, found {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be zero or more, found {value}")
    return value


def _sensitivity_args(p: argparse.ArgumentParser, *, scenarios_default: str) -> None:
    p.add_argument("--samples", type=_positive_int, default=10_000, help="Monte Carlo samples per SMAA run (default 10,000)")
    p.add_argument("--seed", type=_seed, default=0, help="master random seed (default 0)")
    p.add_argument("--scenario", action="append", default=None, metavar="FILE",
                   help=f"scenario file to compare with the base case; repeat for more (default: {scenarios_default})")
