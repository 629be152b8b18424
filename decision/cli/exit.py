"""The one place that turns what a command raised into the exit code and the message on standard error.

2: invalid input, a :class:`~decision.errors.DecisionError` whose one-line
message names the file, field, rule and value (never a traceback);
1: an internal error, the traceback saved to a file whose path is printed;
130: interrupted.
"""

from __future__ import annotations

import sys
import tempfile
import traceback
from typing import Callable

from ..errors import DecisionError

__all__ = ["exit_code"]


def exit_code(work: Callable[[], int]) -> int:
    """Run ``work`` and return its exit code, or the code for what it raised."""
    try:
        return work()
    except DecisionError as exc:
        sys.stderr.write(f"decision: error: {exc}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("decision: interrupted\n")
        return 130
    except Exception as exc:  # an internal fault: keep the traceback out of the user's way
        fd, path = tempfile.mkstemp(prefix="decision-traceback-", suffix=".txt")
        with open(fd, "w", encoding="utf-8") as fh:
            traceback.print_exc(file=fh)
        sys.stderr.write(f"decision: internal error ({type(exc).__name__}: {exc}); the traceback is saved in {path}\n")
        return 1
