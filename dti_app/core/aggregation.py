"""Aggregations (how a node combines its children) and missing-value policies.

An aggregator takes a units × children matrix of fractions (0–1, NaN = missing) and the
children's weights, and returns one fraction per unit. For ``sum`` the weights are the children's
maximum points, so the result is points achieved / points possible; for ``mean`` and ``geomean``
they are the weights written in the criteria file.

Missing-value policies:
- ``zero``: a missing child earns nothing; the denominator is unchanged.
- ``skip``: the weights are re-normalised over the children present (all missing → missing).
- ``error``: computed as ``zero``, and the scorer marks the unit as not scorable.
Children with weight 0 take no part at all (a node whose weights are all 0 is unscored: NaN).
"""

from __future__ import annotations

import numpy as np

__all__ = ["AGGREGATIONS", "MISSING_POLICIES", "aggregate"]

MISSING_POLICIES = ("zero", "skip", "error")


def _arith(values: np.ndarray, weights: np.ndarray, present: np.ndarray) -> np.ndarray:
    w = weights * present
    total = w.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, (np.where(present, values, 0.0) * w).sum(axis=1) / total,
                        np.nan)


def _geo(values: np.ndarray, weights: np.ndarray, present: np.ndarray) -> np.ndarray:
    w = weights * present
    total = w.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        logs = np.where(present & (w > 0), np.log(np.where(present, values, 1.0)), 0.0)
        # log(0) = -inf times a positive weight gives -inf: the mean is 0, as it should be
        weighted = np.where(w > 0, logs * w, 0.0).sum(axis=1)
        return np.where(total > 0, np.exp(weighted / total), np.nan)


AGGREGATIONS = {"sum": _arith, "mean": _arith, "geomean": _geo}


def aggregate(kind: str, policy: str, values: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Combine a units × children matrix into one fraction per unit."""
    values = np.asarray(values, dtype=float)
    weights = np.asarray(weights, dtype=float)[None, :]
    active = weights > 0
    if policy == "skip":
        present = ~np.isnan(values) & active
    else:
        values = np.where(np.isnan(values), 0.0, values)
        present = np.broadcast_to(active, values.shape)
    return AGGREGATIONS[kind](values, weights, present)
