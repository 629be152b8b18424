"""The ``decision`` command line: argument parsing, one module per command family, and the exit codes."""

from __future__ import annotations

from .entry import main

__all__ = ["main"]
