"""Rounding to the shown value and competition ranking (1, 2, 2, 4) on it."""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["round_shown", "competition_rank"]


def round_shown(values, decimals: int):
    """Round half away from zero, as Excel and a reader do (0.80025 -> 0.8003 at 4 decimals).

    A tiny tolerance absorbs binary noise such as 0.1 + 0.2.
    """
    arr = np.asarray(values, dtype=float)
    factor = 10.0 ** decimals
    scaled = np.abs(arr) * factor
    rounded = np.floor(scaled + 0.5 + 1e-9 * np.maximum(1.0, scaled)) / factor
    out = np.sign(arr) * rounded
    if isinstance(values, pd.Series):
        return pd.Series(out, index=values.index, name=values.name)
    if isinstance(values, pd.DataFrame):
        return pd.DataFrame(out, index=values.index, columns=values.columns)
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
