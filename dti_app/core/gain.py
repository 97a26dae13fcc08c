"""Points to gain: where one unit still loses points, and what it would take to reach a rank.

``points_to_gain`` lists every sub-indicator where the unit is below full points: the points
still available (maximum − achieved), the raw value that earns full points (the rule's ``best``),
and the index gain if that one sub-indicator reached full points, recomputed exactly with
``scoring.aggregate_scores`` (so ``mean``/``geomean`` nodes and ``skip`` re-weighting count as
they do in the ranking). ``what_it_takes`` then adds improvements one at a time until the unit
reaches a target rank.

Ranks are competition ranks on the shown (rounded) index among the units that
``score_units`` ranks (``batch_scoring.rankable``); the other units' results stay as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dti_app.core.batch_scoring import rankable
from dti_app.core.criteria import Criteria
from dti_app.core.ranking import round_shown
from dti_app.core.rules import RULES
from dti_app.core.scoring import aggregate_scores

__all__ = ["points_to_gain", "what_it_takes", "TargetPlan"]

GAIN_COLUMNS = ["leaf", "main", "leaf_name", "max_points", "achieved", "available", "value",
                "best_value", "index_gain", "new_index", "new_rank"]


class _Context:
    """The unit's leaf fractions, the other units' shown values and the scale, prepared once."""

    def __init__(self, criteria: Criteria, leaf_fraction: pd.DataFrame, unit: str):
        frame, index = rankable(criteria, leaf_fraction)
        if unit not in frame.index:
            raise ValueError(f"unit {unit!r} has no scored result")
        self.criteria = criteria
        self.row = frame.loc[unit].to_numpy(dtype=float)
        pos = frame.index.get_loc(unit)
        others = np.delete(index, pos) * criteria.scale
        self.others = np.sort(round_shown(others, criteria.decimals))[::-1]   # best first
        self.index = float(index[pos]) * criteria.scale
        self.top = np.array([_top_fraction(criteria, c) for c in criteria.leaves])

    def shown(self, value: np.ndarray | float) -> np.ndarray:
        return round_shown(np.asarray(value, dtype=float), self.criteria.decimals)

    def rank(self, shown: np.ndarray) -> np.ndarray:
        """Competition rank of each shown value among the other units (1 + those above it)."""
        above = len(self.others) - np.searchsorted(self.others[::-1], shown, side="right")
        return above + 1

    def open_leaves(self, row: np.ndarray) -> list[int]:
        """Leaves below their best fraction (or missing) that carry some weight."""
        return [j for j, code in enumerate(self.criteria.leaves)
                if not row[j] >= self.top[j] and self.criteria.child_weight(code) > 0]

    def try_each(self, row: np.ndarray, leaves: list[int]) -> np.ndarray:
        """Index (on the scale, unrounded) with each of ``leaves`` raised to its best fraction."""
        if not leaves:
            return np.empty(0)
        trial = np.repeat(row[None, :], len(leaves), axis=0)
        trial[np.arange(len(leaves)), leaves] = self.top[leaves]
        frame = pd.DataFrame(trial, columns=list(self.criteria.leaves))
        _, _, index, _ = aggregate_scores(self.criteria, frame)
        return np.nan_to_num(index, nan=0.0) * self.criteria.scale


def points_to_gain(criteria: Criteria, leaf_fraction: pd.DataFrame, unit: str,
                   values: pd.DataFrame | None = None, lang: str = "vi") -> pd.DataFrame:
    """Every sub-indicator where ``unit`` is below full points, best index gain first.

    Columns: leaf, main, leaf_name, max_points (NaN for a leaf weighted without points),
    achieved, available (points still to win: up to the rule's best, which for a ``bands`` rule
    whose top band scores less than 1 or a ``minmax`` range ending below 1 is under the
    maximum), value (the raw value, when ``values`` is given), best_value (the raw
    value that earns full points; for a rule relative to the other units it needs ``values``),
    index_gain (on the index scale, unrounded), new_index (shown value) and new_rank if only
    that sub-indicator improved. Ties in gain keep the criteria's order.
    """
    ctx = _Context(criteria, leaf_fraction, unit)
    leaves = ctx.open_leaves(ctx.row)
    new_index = ctx.try_each(ctx.row, leaves)
    codes = [criteria.leaves[j] for j in leaves]
    points = np.array([criteria.by_code[c].points if criteria.by_code[c].points is not None
                       else np.nan for c in codes], dtype=float)
    fraction = np.nan_to_num(ctx.row[leaves], nan=0.0)
    top = ctx.top[leaves]           # a rule whose best band gives less than 1 caps the gain
    new_shown = ctx.shown(new_index)
    table = pd.DataFrame({
        "leaf": codes,
        "main": [criteria.main_of(c) for c in codes],
        "leaf_name": [criteria.by_code[c].name(lang) for c in codes],
        "max_points": points,
        "achieved": fraction * points,
        "available": (top - fraction) * points,
        "value": [_raw(values, unit, c) for c in codes],
        "best_value": [_best(criteria, values, c) for c in codes],
        "index_gain": new_index - ctx.index,
        "new_index": new_shown,
        "new_rank": ctx.rank(new_shown),
    }, columns=GAIN_COLUMNS)
    table = table[(table["index_gain"] > 0) | (table["available"] > 0)]
    order = np.lexsort((np.arange(len(table)), -table["available"].fillna(0).to_numpy(),
                        -table["index_gain"].to_numpy()))
    return table.iloc[order].reset_index(drop=True)


@dataclass
class TargetPlan:
    """What ``what_it_takes`` found: the steps in order and where they lead.

    ``steps`` columns: step, leaf, main, leaf_name, index_gain (of that step), new_index (shown,
    after the step), new_rank. ``reached`` is False when even every improvement is not enough.
    """

    unit: str
    target_rank: int
    start_index: float
    start_rank: int
    final_index: float
    final_rank: int
    reached: bool
    steps: pd.DataFrame


def what_it_takes(criteria: Criteria, leaf_fraction: pd.DataFrame, unit: str,
                  target_rank: int, lang: str = "vi") -> TargetPlan:
    """The fewest sub-indicators to bring to full points for ``unit`` to reach ``target_rank``.

    Greedy: each step raises the one sub-indicator with the largest index gain from where the
    previous steps left off, until the rank is reached. When every sub-indicator adds to the index
    independently (``sum``/``mean`` with missing counted as 0, no rule relative to the other
    units) this is the smallest set, since the largest gains reach any threshold in the fewest
    steps. With ``geomean`` nodes or ``skip`` re-weighting the gains interact, and greedy is a
    heuristic: a plan with fewer steps may exist. Each step brings one sub-indicator to full
    points; partial improvements are not considered.
    """
    ctx = _Context(criteria, leaf_fraction, unit)
    row = ctx.row.copy()
    start_shown = float(ctx.shown(ctx.index))
    current, shown = ctx.index, start_shown
    rank = int(ctx.rank(np.array([shown]))[0])
    start_rank = rank
    steps = []
    while rank > target_rank:
        leaves = ctx.open_leaves(row)
        trial = ctx.try_each(row, leaves)
        if not len(trial) or trial.max() <= current:
            break
        best = int(np.argmax(trial))          # first of equal gains: the criteria's order
        j = leaves[best]
        row[j] = 1.0
        gain, current = trial[best] - current, float(trial[best])
        shown = float(ctx.shown(current))
        rank = int(ctx.rank(np.array([shown]))[0])
        code = criteria.leaves[j]
        steps.append({"step": len(steps) + 1, "leaf": code, "main": criteria.main_of(code),
                      "leaf_name": criteria.by_code[code].name(lang), "index_gain": gain,
                      "new_index": shown, "new_rank": rank})
    frame = pd.DataFrame(steps, columns=["step", "leaf", "main", "leaf_name", "index_gain",
                                         "new_index", "new_rank"])
    return TargetPlan(unit=unit, target_rank=int(target_rank), start_index=start_shown,
                      start_rank=start_rank, final_index=shown, final_rank=rank,
                      reached=rank <= target_rank, steps=frame)


def _top_fraction(criteria: Criteria, leaf: str) -> float:
    """The best fraction a leaf's rule can give: 1, the top band's, or a min–max range's top."""
    rule = criteria.by_code[leaf].rule
    if rule.kind == "bands":
        return max(float(b[1]) for b in rule.params["bands"])
    if rule.kind == "minmax":
        return float(rule.params.get("range", (0.0, 1.0))[1])
    return 1.0


def _raw(values: pd.DataFrame | None, unit: str, leaf: str) -> float:
    if values is None or unit not in values.index or leaf not in values.columns:
        return np.nan
    return float(values.at[unit, leaf])


def _best(criteria: Criteria, values: pd.DataFrame | None, leaf: str) -> float:
    rule = criteria.by_code[leaf].rule
    column = (values[leaf].to_numpy(dtype=float) if values is not None and leaf in values
              else np.array([np.nan]))
    if np.isnan(column).all() and rule.kind == "minmax":
        return np.nan
    return float(RULES[rule.kind].best(rule.params, column))
