"""Rounding to the shown value and competition ranking (1, 2, 2, 4) on it.

``round_shown`` is the one rounding of results in the tool: every published index, pillar,
indicator value, change and point figure goes through it (or is the float it returns, formatted
with as many decimals). It rounds the decimal number a reader sees, i.e. the float's shortest
representation (``repr``: ``0.1 + 0.2`` reads ``0.30000000000000004``, ``0.80025`` reads
``0.80025``), half away from zero, at any number of decimals (0–15).

The fast path works on the scaled value ``|x| · 10^d`` split into its integer part and its
fraction; that is exact unless the fraction is within a few units in the last place of one half
(or the scaled value is too large to carry a fraction), and only those values are rounded again
from their ``repr`` with ``decimal`` (typically none, or the few exact halves).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

__all__ = ["round_shown", "competition_rank", "MAX_DECIMALS"]

MAX_DECIMALS = 15
_EXACT_ABOVE = 2.0 ** 52      # from here on a float has no fraction left to round
_NEAR_HALF = 1e-14            # relative distance to one half that is decided exactly


def round_shown(values, decimals: int):
    """Round half away from zero on the shown decimal (0.80025 -> 0.8003 at 4 decimals).

    Accepts a scalar, an array of any shape, a Series or a DataFrame, and returns the same
    kind; NaN stays NaN, and a value that rounds to zero is 0.0 (never -0.0).
    """
    decimals = int(decimals)
    if not 0 <= decimals <= MAX_DECIMALS:
        raise ValueError(f"decimals must be 0–{MAX_DECIMALS}: {decimals}")
    if isinstance(values, (pd.Series, pd.DataFrame)):
        arr = values.to_numpy(dtype=float, na_value=np.nan)
    else:
        arr = np.asarray(values, dtype=float)
    flat = arr.reshape(-1)
    factor = 10.0 ** decimals                 # exact for these decimals
    magnitude = np.abs(flat)
    scaled = magnitude * factor
    whole = np.floor(scaled)
    fraction = scaled - whole                 # exact: no rounding in this subtraction
    rounded = (whole + (fraction >= 0.5)) / factor
    with np.errstate(invalid="ignore"):
        doubtful = (np.abs(fraction - 0.5) <= _NEAR_HALF * np.maximum(scaled, 1.0)) | (
            scaled >= _EXACT_ABOVE)
    doubtful &= np.isfinite(flat)
    if doubtful.any():
        quantum = Decimal(1).scaleb(-decimals)
        for i in np.flatnonzero(doubtful):
            exact = Decimal(repr(float(magnitude[i]))).quantize(quantum, rounding=ROUND_HALF_UP)
            rounded[i] = float(exact)
    out = (np.copysign(rounded, flat) + 0.0).reshape(arr.shape)   # + 0.0: never -0.0
    if isinstance(values, pd.Series):
        return pd.Series(out, index=values.index, name=values.name)
    if isinstance(values, pd.DataFrame):
        return pd.DataFrame(out, index=values.index, columns=values.columns)
    if out.ndim == 0 and not isinstance(values, np.ndarray):
        return float(out)
    return out


def competition_rank(shown):
    """Rank on already-rounded values, higher first; equal values share the best rank.

    Works on a Series or column-wise on a DataFrame. Missing values get no rank (<NA>).
    """
    if isinstance(shown, pd.DataFrame):
        return pd.DataFrame({c: competition_rank(shown[c]) for c in shown.columns},
                            index=shown.index, columns=shown.columns)
    values = shown.to_numpy(dtype=float, na_value=np.nan)
    valid = ~np.isnan(values)
    ordered = np.sort(values[valid])
    ranks = np.zeros(len(values), dtype=np.int64)
    # rank = 1 + how many values are strictly greater
    ranks[valid] = len(ordered) - np.searchsorted(ordered, values[valid], side="right") + 1
    return pd.Series(pd.arrays.IntegerArray(ranks, ~valid), index=shown.index, name=shown.name)
