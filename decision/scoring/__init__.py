"""Scoring: turn checked evidence into the options x criteria performance
matrix, every cell traceable to the evidence items and the graph it was read from.

Public names: :func:`score_options`, :class:`ScoreTable`, :class:`Contribution`,
:func:`favourability`, :func:`build_graph`, :func:`criterion_map`.
"""

from .graph import build_graph, criterion_map
from .score import Contribution, ScoreTable, favourability, score_options

__all__ = ["score_options", "ScoreTable", "Contribution", "favourability", "build_graph", "criterion_map"]
