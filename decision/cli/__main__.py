"""``python -m decision.cli``: the ``decision`` command."""

from __future__ import annotations

from .entry import main

raise SystemExit(main())
