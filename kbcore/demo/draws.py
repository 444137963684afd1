"""Weighted random choices drawn from the demo company's one random stream.

One job: the two ways the generator picks among weighted options — one weight vector for many
draws (:func:`choice`), and one weight vector per row (:func:`rowwise_choice`).
"""

from __future__ import annotations

import numpy as np


def choice(rng: np.random.Generator, probs, size: int) -> np.ndarray:
    """``size`` indices into ``probs`` drawn with those (normalised) weights."""
    p = np.asarray(probs, dtype="float64")
    return rng.choice(len(p), size=size, p=p / p.sum())


def rowwise_choice(rng: np.random.Generator, weights: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """For each entry of ``rows`` one column index drawn with the probabilities of that row."""
    cum = np.cumsum(weights, axis=1)
    cum = cum / cum[:, -1:]
    u = rng.random(len(rows))
    out = np.zeros(len(rows), dtype=np.int64)
    for k in range(weights.shape[1] - 1):
        out += u > cum[rows, k]
    return out
