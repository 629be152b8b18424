"""The ``decision`` entry point: parse the command line, run the chosen command, return its exit code."""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

from ..errors import InputError
from .exit import exit_code
from .parser import build_parser, commands

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``decision`` command; returns the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.command is None:
        parser.print_help()
        return 2
    return exit_code(lambda: _dispatch(args, args_list, known=commands(parser)))


def _dispatch(args: argparse.Namespace, argv: Sequence[str], *, known: Sequence[str]) -> int:
    """Run the command ``args`` names, importing its module only now, so the others stay unloaded."""
    command = args.command
    code: int | None = None
    if command in ("appraise", "sensitivity"):
        from . import appraise

        code = appraise.run_appraise(args) if command == "appraise" else appraise.run_sensitivity(args)
    elif command == "evidence":
        from . import evidence

        code = evidence.run(args)
    elif command == "explain":
        from . import explain

        code = explain.run(args)
    elif command == "verify":
        from . import verify

        code = verify.run(args)
    elif command == "allocate":
        from . import allocate

        code = allocate.dispatch(args)
    elif command in ("init", "schema"):
        from . import project

        code = project.dispatch(args)
    elif command in ("elicit", "weights"):
        from . import people

        code = people.dispatch(args)
    if code is None:
        raise InputError("unknown command; the known ones are " + ", ".join(known), value=command)
    return code
