"""Rank stability under weight uncertainty: a seeded, vectorised Monte Carlo over the weights.

In every run each node's weight — its points under a ``sum`` parent, its weight under a ``mean``
or ``geomean`` parent — is multiplied by its own factor drawn from U(1 − spread, 1 + spread). As in
the weights editor, the points of a ``sum`` node are then re-derived from its children's (times its
own factor), and the index is points achieved / total points, exactly as ``scoring`` computes it
(``batch_scoring.effective_weights``). With ``vary_aggregation`` each run also draws, with equal
chance, whether the main indicators are combined as the criteria says or by a weighted geometric
mean with the same weights.

Each run's index is rounded to the criteria's decimals and ranked with competition ranking
(1, 2, 2, 4), as the published ranking is. Per unit: the nominal rank (the criteria's own weights),
the median rank and the 5–95 % interval of the runs' ranks. Two units whose intervals overlap
cannot be told apart at this level of uncertainty (``StabilityResult.overlapping_pairs``).

The leaf fractions stay fixed; runs are evaluated in blocks (``BatchScorer``) whose size keeps
memory bounded for 10,000 units. ``progress(done, total)`` is called after each block and
``cancelled()`` is checked before each; a cancelled run returns the runs finished so far.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from dti_app.core.analysis_text import text
from dti_app.core.batch_scoring import BatchScorer, effective_weights, rankable
from dti_app.core.criteria import Criteria
from dti_app.core.ranking import competition_rank, round_shown
from dti_app.core.units import UnitRegister

if TYPE_CHECKING:  # matplotlib is loaded only when a chart is drawn
    from matplotlib.figure import Figure

__all__ = ["StabilityResult", "rank_stability", "rank_matrix", "stability_figure", "BLOCK_CELLS"]

BLOCK_CELLS = 1_000_000   # runs × units evaluated at once (each array of a block ≈ 8 MB)


@dataclass
class StabilityResult:
    """The Monte Carlo's summary per unit, in nominal rank order (ties by code).

    ``table`` columns: name, region (when a register was given), nominal_index, nominal_rank,
    median_rank, rank_p05, rank_p95, best_rank, worst_rank, share_nominal (share of runs at the
    nominal rank), n_overlapping (other units whose 5–95 % interval overlaps this one's).
    ``ranks``: runs × units (``table`` order), each run's competition ranks.
    """

    table: pd.DataFrame
    ranks: np.ndarray
    runs: int
    spread: float
    seed: int
    vary_aggregation: bool
    geometric_runs: int
    seconds: float
    criteria_label: str
    cancelled: bool = False

    def overlapping_pairs(self) -> pd.DataFrame:
        """Every pair of units whose 5–95 % rank intervals overlap (A ranked before B).

        Columns: unit_a, unit_b, rank_a, rank_b, interval_a, interval_b. With thousands of units
        this list can be long; ``table.n_overlapping`` gives the counts alone.
        """
        columns = ["unit_a", "unit_b", "rank_a", "rank_b", "interval_a", "interval_b"]
        t = self.table
        if len(t) < 2:
            return pd.DataFrame(columns=columns)
        lo, hi = t["rank_p05"].to_numpy(), t["rank_p95"].to_numpy()
        order = np.lexsort((np.arange(len(t)), lo))         # by low end, then table order
        lo_s, hi_s = lo[order], hi[order]
        # for the unit at sorted position a, every later b with lo_b <= hi_a overlaps it
        ends = np.searchsorted(lo_s, hi_s, side="right")
        starts = np.arange(len(t)) + 1
        counts = np.maximum(ends - starts, 0)
        first = np.repeat(np.arange(len(t)), counts)
        offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        second = np.repeat(starts, counts) + offsets
        a, b = order[first], order[second]
        swap = a > b                                        # table order: better nominal first
        a, b = np.where(swap, b, a), np.where(swap, a, b)
        codes = t.index.to_numpy()
        interval = [f"{x}–{y}" for x, y in zip(lo, hi)]
        pairs = pd.DataFrame({
            "unit_a": codes[a], "unit_b": codes[b],
            "rank_a": t["nominal_rank"].to_numpy()[a], "rank_b": t["nominal_rank"].to_numpy()[b],
            "interval_a": [interval[i] for i in a], "interval_b": [interval[i] for i in b],
            "_a": a, "_b": b,
        })
        return pairs.sort_values(["_a", "_b"]).drop(columns=["_a", "_b"]).reset_index(drop=True)


def rank_matrix(shown: np.ndarray) -> np.ndarray:
    """Competition ranks along each row of a runs × units array (higher first, NaN last)."""
    values = np.where(np.isnan(shown), -np.inf, shown)
    order = np.argsort(-values, axis=1, kind="stable")
    ordered = np.take_along_axis(values, order, axis=1)
    n = values.shape[1]
    starts = np.zeros(ordered.shape, dtype=np.int64)
    if n:
        new = np.ones(ordered.shape, dtype=bool)
        new[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
        starts = np.where(new, np.arange(n)[None, :], 0)
        np.maximum.accumulate(starts, axis=1, out=starts)
    ranks = np.empty_like(starts)
    np.put_along_axis(ranks, order, starts + 1, axis=1)
    return ranks


def rank_stability(criteria: Criteria, leaf_fraction: pd.DataFrame,
                   register: UnitRegister | None = None, *, runs: int = 1000,
                   spread: float = 0.2, seed: int = 0, vary_aggregation: bool = False,
                   progress: Callable[[int, int], None] | None = None,
                   cancelled: Callable[[], bool] | None = None) -> StabilityResult:
    """Monte Carlo over the weights (see the module docstring); seeded, so repeatable.

    ``leaf_fraction``: units × leaves fractions, e.g. ``ScoreResult.leaf_fraction`` (units with
    no value at all are not ranked, as ``score_units`` leaves them "missing"). ``spread``: the
    relative half-width x of U(1 − x, 1 + x), 0 ≤ x < 1.
    """
    if not 0 <= spread < 1:
        raise ValueError(f"spread must be in [0, 1): {spread}")
    if runs < 1:
        raise ValueError(f"runs must be at least 1: {runs}")
    started = time.perf_counter()
    frame, nominal = rankable(criteria, leaf_fraction)
    nominal_shown = round_shown(pd.Series(nominal * criteria.scale, index=frame.index),
                                criteria.decimals)
    nominal_rank = competition_rank(nominal_shown)
    order = sorted(range(len(frame)), key=lambda i: (int(nominal_rank.iloc[i]), str(
        frame.index[i])))
    frame, nominal_shown, nominal_rank = (frame.iloc[order], nominal_shown.iloc[order],
                                          nominal_rank.iloc[order])

    rng = np.random.default_rng(seed)
    factors = rng.uniform(1.0 - spread, 1.0 + spread, size=(runs, len(criteria.nodes)))
    geometric = rng.random(runs) < 0.5 if vary_aggregation else np.zeros(runs, dtype=bool)
    weights = effective_weights(criteria, factors)
    scorer = BatchScorer(criteria, frame.to_numpy(dtype=float))
    n_units = len(frame)
    dtype = np.int16 if n_units < np.iinfo(np.int16).max else np.int32
    ranks = np.zeros((runs, n_units), dtype=dtype)
    block = max(1, min(runs, BLOCK_CELLS // max(n_units, 1)))
    done = 0
    stopped = False
    while done < runs:
        if cancelled is not None and cancelled():
            stopped = True
            break
        stop = min(runs, done + block)
        index = scorer.index(weights[done:stop], geometric[done:stop])
        shown = round_shown(index * criteria.scale, criteria.decimals)
        ranks[done:stop] = rank_matrix(shown)
        done = stop
        if progress is not None:
            progress(done, runs)
    ranks = ranks[:done]
    table = _summary(ranks, nominal_shown, nominal_rank, register)
    return StabilityResult(
        table=table, ranks=ranks, runs=done, spread=float(spread), seed=int(seed),
        vary_aggregation=bool(vary_aggregation), geometric_runs=int(geometric[:done].sum()),
        seconds=time.perf_counter() - started, criteria_label=criteria.label, cancelled=stopped)


def _summary(ranks: np.ndarray, shown: pd.Series, nominal: pd.Series,
             register: UnitRegister | None) -> pd.DataFrame:
    codes = shown.index
    table = pd.DataFrame(index=pd.Index(codes, name="code"))
    if register is not None:
        table["name"] = [register.by_code[c].name_vi if c in register.by_code else c
                         for c in codes]
        table["region"] = [register.by_code[c].region_vi if c in register.by_code else ""
                           for c in codes]
    table["nominal_index"] = shown.to_numpy()
    table["nominal_rank"] = nominal.to_numpy().astype(int)
    if len(ranks) == 0 or len(codes) == 0:
        for col in ("median_rank", "rank_p05", "rank_p95", "best_rank", "worst_rank",
                    "share_nominal", "n_overlapping"):
            table[col] = pd.Series(dtype=float)
        return table
    low, high = np.quantile(ranks, [0.05, 0.95], axis=0, method="inverted_cdf")
    table["median_rank"] = np.median(ranks, axis=0)
    table["rank_p05"] = low.astype(int)
    table["rank_p95"] = high.astype(int)
    table["best_rank"] = ranks.min(axis=0).astype(int)
    table["worst_rank"] = ranks.max(axis=0).astype(int)
    table["share_nominal"] = (ranks == table["nominal_rank"].to_numpy()[None, :]).mean(axis=0)
    lo_sorted, hi_sorted = np.sort(low), np.sort(high)
    # others with lo <= my hi, minus those ending before my lo, minus myself
    table["n_overlapping"] = (np.searchsorted(lo_sorted, high, side="right")
                              - np.searchsorted(hi_sorted, low, side="left") - 1)
    return table


def stability_figure(result: StabilityResult, register: UnitRegister | None = None,
                     lang: str = "vi", max_units: int = 70) -> Figure:
    """Each unit's 5–95 % rank interval (bar), median (dot) and nominal rank (diamond).

    Units run top to bottom in nominal rank order; beyond ``max_units`` only the best-ranked are
    drawn and the title says so.
    """
    from matplotlib.figure import Figure

    from dti_app.core.chart_style import chart_context, nfc

    t = result.table.head(max_units)
    n = len(t)
    with chart_context():
        fig = Figure(figsize=(8.0, max(2.5, 0.8 + 0.19 * n)), layout="constrained")
        ax = fig.add_subplot()
        y = np.arange(n)
        if n:
            ax.hlines(y, t["rank_p05"], t["rank_p95"], color="#4c72b0", linewidth=3.0,
                      alpha=0.55, label=text("stability_interval", lang))
            ax.plot(t["median_rank"], y, "o", color="#1f3b73", markersize=3.5,
                    label=text("stability_median", lang))
            ax.plot(t["nominal_rank"], y, "D", markerfacecolor="none", markeredgecolor="#c44e52",
                    markersize=4.5, label=text("stability_nominal", lang))
            labels = [nfc(register.by_code[c].name(lang)) if register is not None
                      and c in register.by_code else str(c) for c in t.index]
            ax.set_yticks(y, labels, fontsize=7)
            ax.set_ylim(n - 0.5, -0.5)
            ax.legend(loc="upper right", fontsize=7, frameon=False)
        title = text("stability_title", lang, spread=result.spread, runs=result.runs)
        if len(result.table) > n:
            title += text("stability_more", lang, shown=n, total=len(result.table))
        ax.set_title(nfc(title), fontsize=9)
        ax.set_xlabel(text("rank_axis", lang))
        ax.grid(axis="x", alpha=0.3)
        worst = int(t["worst_rank"].max()) if n else 1
        ax.set_xlim(0.5, max(2, worst) + 0.5)
    return fig
