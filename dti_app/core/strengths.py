"""Strengths and weaknesses: where a unit stands far above or below its region and the nation.

For every scored unit and every main indicator (and sub-indicator) that carries weight, the
points achieved are compared with the mean of all scored units (the nation) and with the mean of
the scored units of the same region: the difference in points and in standard deviations
(z = difference / SD; population SD, ddof = 0, over the same units; NaN when every unit has the
same value). A node weighted without points (under a ``mean``/``geomean`` parent) is compared on
its fraction (0–1) instead. ``verdict`` is ``strength`` or ``weakness`` when the larger of the
two |z| reaches ``threshold`` (1 SD by default), in that comparison's direction.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dti_app.core.criteria import Criteria
from dti_app.core.scoring import ScoreResult
from dti_app.core.units import UnitRegister

__all__ = ["strengths_table", "strongest_weakest", "STRENGTH_COLUMNS"]

STRENGTH_COLUMNS = ["code", "name", "region", "level", "node", "main", "node_name", "value",
                    "max_points", "nation_mean", "nation_sd", "diff_nation", "z_nation",
                    "region_mean", "region_sd", "diff_region", "z_region", "verdict"]


def _nodes(criteria: Criteria, levels: tuple[str, ...]) -> list[str]:
    chosen = []
    if "main" in levels:
        chosen += list(criteria.main_indicators)
    if "leaf" in levels:
        chosen += list(criteria.leaves)
    return [c for c in chosen if criteria.child_weight(c) > 0]


def strengths_table(result: ScoreResult, register: UnitRegister | None = None, *,
                    units: list[str] | None = None, levels: tuple[str, ...] = ("main", "leaf"),
                    threshold: float = 1.0, lang: str = "vi") -> pd.DataFrame:
    """The tidy table (``STRENGTH_COLUMNS``), one row per unit × node, for ``units`` (default:
    every scored unit); the means and SDs always use every scored unit."""
    criteria = result.criteria
    scored = list(result.scored)
    nodes = _nodes(criteria, levels)
    points = np.array([criteria.max_points(c) for c in nodes])
    use_points = points > 0
    fraction = result.node_fraction.loc[scored, nodes].to_numpy(dtype=float)
    values = np.where(use_points[None, :], np.nan_to_num(fraction) * points[None, :], fraction)
    frame = pd.DataFrame(values, index=pd.Index(scored, name="code"), columns=nodes)
    regions = pd.Series({c: (register.by_code[c].region(lang) if register is not None
                             and c in register.by_code else "") for c in scored}, dtype=object)
    nation_mean = frame.mean()
    nation_sd = frame.std(ddof=0)
    grouped = frame.groupby(regions.reindex(frame.index))
    region_mean = grouped.transform("mean")
    region_sd = grouped.transform(lambda col: col.std(ddof=0))
    chosen = scored if units is None else [u for u in units if u in frame.index]
    n, k = len(chosen), len(nodes)

    def flat(matrix) -> np.ndarray:
        return np.asarray(matrix, dtype=float).reshape(n * k)

    value = flat(frame.loc[chosen].to_numpy())
    n_mean = np.tile(nation_mean.to_numpy(), n)
    n_sd = np.tile(nation_sd.to_numpy(), n)
    r_mean = flat(region_mean.loc[chosen].to_numpy())
    r_sd = flat(region_sd.loc[chosen].to_numpy())
    with np.errstate(invalid="ignore", divide="ignore"):
        z_n = np.where(n_sd > 0, (value - n_mean) / np.where(n_sd > 0, n_sd, 1.0), np.nan)
        z_r = np.where(r_sd > 0, (value - r_mean) / np.where(r_sd > 0, r_sd, 1.0), np.nan)
    names = {c: register.by_code[c].name(lang) if register is not None and c in
             register.by_code else c for c in chosen}
    table = pd.DataFrame({
        "code": np.repeat(chosen, k),
        "name": np.repeat([names[c] for c in chosen], k),
        "region": np.repeat(regions.reindex(chosen).to_numpy(dtype=object), k),
        "level": np.tile(["main" if criteria.by_code[c].parent is None else "leaf"
                          for c in nodes], n),
        "node": np.tile(nodes, n),
        "main": np.tile([criteria.main_of(c) for c in nodes], n),
        "node_name": np.tile([criteria.by_code[c].name(lang) for c in nodes], n),
        "value": value,
        "max_points": np.tile(np.where(use_points, points, np.nan), n),
        "nation_mean": n_mean, "nation_sd": n_sd, "diff_nation": value - n_mean, "z_nation": z_n,
        "region_mean": r_mean, "region_sd": r_sd, "diff_region": value - r_mean, "z_region": z_r,
    }, columns=STRENGTH_COLUMNS[:-1])
    table["verdict"] = _verdicts(z_n, z_r, threshold)
    return table


def _verdicts(z_nation: np.ndarray, z_region: np.ndarray, threshold: float) -> np.ndarray:
    zn, zr = np.nan_to_num(z_nation), np.nan_to_num(z_region)
    z = np.where(np.abs(zr) > np.abs(zn), zr, zn)
    return np.where(z >= threshold, "strength", np.where(z <= -threshold, "weakness", ""))


def strongest_weakest(table: pd.DataFrame, unit: str, n: int = 5,
                      level: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A unit's ``n`` most outstanding strengths and weaknesses from ``strengths_table``, by the
    larger |z| (only rows with a verdict)."""
    rows = table[table["code"] == unit]
    if level is not None:
        rows = rows[rows["level"] == level]
    zn, zr = rows["z_nation"].fillna(0), rows["z_region"].fillna(0)
    rows = rows.assign(_z=zr.where(zr.abs() > zn.abs(), zn))
    strong = rows[rows["verdict"] == "strength"].sort_values("_z", ascending=False,
                                                             kind="stable")
    weak = rows[rows["verdict"] == "weakness"].sort_values("_z", kind="stable")
    return strong.drop(columns="_z").head(n), weak.drop(columns="_z").head(n)
