"""Command line for starting a project: ``decision init`` and ``decision schema``.

:func:`register` adds the sub-commands to the main parser's sub-parsers and
:func:`dispatch` runs them (it returns None for commands it does not own).
Building the parser imports nothing beyond :mod:`argparse`; pydantic and the
project's models are imported only when ``decision schema`` runs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from ..errors import InputError
from .terminal import console, escape

__all__ = ["register", "dispatch", "init_project", "write_schemas"]


def register(subparsers: "argparse._SubParsersAction[Any]") -> None:
    """Add ``init`` and ``schema`` to the main parser's sub-parsers."""
    ini = subparsers.add_parser(
        "init", help="write a small, commented example project into a new or empty folder",
        description="Write a small example project that runs as it stands (three options, two stakeholder "
                    "groups, three criteria, one weight set) into DIR, which must be new or empty. "
                    "Replace its contents with your own; docs/PROJECT.md describes every file.")
    ini.add_argument("folder", metavar="DIR", help="folder to create the project in (new or empty)")
    sc = subparsers.add_parser(
        "schema", help="write the input file formats as JSON Schema, for editors and validators",
        description="Write one JSON Schema file per kind of input file (settings, themes, criteria, evidence, "
                    "questions, agreed points, context, weight file, scenario), generated from the models the "
                    "loader validates with.")
    sc.add_argument("--out", default="schemas", metavar="DIR", help="folder to write the schemas into (default: schemas)")


def dispatch(args: argparse.Namespace) -> int | None:
    """Run ``init`` or ``schema``; None for any other command."""
    if args.command == "init":
        written = init_project(Path(args.folder))
        con = console()
        con.print(f"Wrote a starter project of {len(written)} files to {escape(args.folder)}:")
        for rel in written:
            con.print(f"  {escape(rel)}")
        con.print(f"Run it with: decision appraise --project {escape(args.folder)}")
        return 0
    if args.command == "schema":
        files = write_schemas(Path(args.out))
        con = console()
        for path in files:
            con.print(escape(str(path)))
        return 0
    return None


def init_project(folder: Path) -> list[str]:
    """Write the starter project into ``folder`` (new or empty), all or nothing.

    The files are first written into a fresh staging folder: beside a new
    ``folder``, which is then renamed into place, or inside an existing empty
    one (which may be the current folder, so it is never removed), whose
    entries are then moved up. A failure before the last move removes
    everything written, so no half project is left behind.

    Raises
    ------
    InputError
        If ``folder`` exists and is not an empty folder.
    """
    from .starter import STARTER_FILES

    target = folder.absolute()
    if target.exists() and not target.is_dir():
        raise InputError("cannot create the project: a file of that name exists", file=str(folder))
    existing = target.is_dir()
    if existing and any(target.iterdir()):
        raise InputError("refusing to write a project into a folder that already holds files; "
                         "choose a new or empty folder", file=str(folder))
    if not existing:
        target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".decision-init-", dir=target if existing else target.parent))
    moved: list[Path] = []
    try:
        for rel, text in STARTER_FILES.items():
            path = staging / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        if not existing:
            os.replace(staging, target)
        else:
            for entry in sorted(staging.iterdir()):
                os.replace(entry, target / entry.name)
                moved.append(target / entry.name)
            staging.rmdir()
    except BaseException:
        for path in moved:
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return list(STARTER_FILES)


def write_schemas(out: Path) -> list[Path]:
    """Write ``<kind>.schema.json`` for every input file kind into ``out``; return the paths."""
    from ..project.formats import json_schemas

    if out.exists() and not out.is_dir():
        raise InputError("cannot write the schemas: a file of that name exists", file=str(out))
    out.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for kind, body in json_schemas().items():
        path = out / f"{kind}.schema.json"
        path.write_text(json.dumps(body, indent=2, sort_keys=False) + "\n", encoding="utf-8")
        paths.append(path)
    return paths
