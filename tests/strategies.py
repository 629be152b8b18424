"""Hypothesis strategies shared by the test modules."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

finite = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False, allow_infinity=False)
positive = st.floats(min_value=0.01, max_value=100.0, allow_nan=False, allow_infinity=False)


@st.composite
def problems(draw: st.DrawFn, *, min_options: int = 2, max_options: int = 6, max_criteria: int = 6) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A decision problem: (matrix, weights summing to 1, types of +1/-1).

    Values are whole numbers on 0..100 so that ties and constant columns occur
    often enough to exercise those rules.
    """
    m = draw(st.integers(min_value=min_options, max_value=max_options))
    n = draw(st.integers(min_value=1, max_value=max_criteria))
    matrix = draw(arrays(np.float64, (m, n), elements=st.integers(min_value=0, max_value=100).map(float)))
    raw = draw(arrays(np.float64, (n,), elements=positive))
    types = draw(arrays(np.int64, (n,), elements=st.sampled_from([1, -1])))
    return matrix, raw / raw.sum(), types


@st.composite
def weight_vectors(draw: st.DrawFn, *, n: int) -> np.ndarray:
    raw = draw(arrays(np.float64, (n,), elements=positive))
    return raw / raw.sum()


counts = st.floats(min_value=0.0, max_value=500.0, allow_nan=False, allow_infinity=False)
