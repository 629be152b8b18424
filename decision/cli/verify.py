"""``decision verify``: check a run folder against its manifest and print one line per file."""

from __future__ import annotations

import argparse

from .terminal import console, escape

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    """Verify ``args.folder``; exit code 0 when every file matches, 1 otherwise."""
    from ..verify import verify

    result = verify(args.folder, project=args.project)
    con = console()
    con.print(f"Project: {escape(str(result.project))}")
    bad = [c for c in result.checks if c.status != "match"]
    for c in result.checks:
        mark = "ok  " if c.status == "match" else "FAIL"
        style = "" if c.status == "match" else "[red]"
        end = "" if c.status == "match" else "[/red]"
        detail = f" ({escape(c.detail)})" if c.detail else ""
        con.print(f"{style}{mark} {c.kind:6} {escape(c.name)}: {c.status}{detail}{end}")
    if not result.rerun:
        con.print("The inputs are not the ones the manifest records (added, gone or changed files above), "
                  "so the run was not repeated.")
    if bad:
        con.print(f"[red]{len(bad)} of {len(result.checks)} files do not match.[/red]")
        return 1
    con.print(f"All {len(result.checks)} files match: inputs unchanged and every output reproduced byte for byte.")
    return 0
