"""Scoring: a units × leaves table of raw values in, scores at every level and ranks out.

``score_leaves`` applies each leaf's rule to its column; ``aggregate_scores`` combines leaf
fractions up the hierarchy, node by node (vectorised over units), then the pillars and the index;
``score_units`` does both and ranks. Re-scoring after a weight change calls ``aggregate_scores``
again with the same leaf fractions: the raw data are not parsed again.

Fractions are 0–1; points = fraction × the node's maximum points; the index and pillar values are
fractions × the criteria's scale (1 or 100), shown rounded to its decimals.

A unit's status (``STATUS``) is one of:

- ``scored``: scored and ranked, no unresolved error in the data it was scored on;
- ``provisional``: scored and ranked, although some inputs still have errors (the rule is in
  ``standing``); with ``strict`` it keeps its score but is left out of the ranking, and the
  ranks of the others close up;
- ``missing``: nothing submitted; ``invalid``: submitted, but nothing usable (no score).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from dti_app.core.aggregation import aggregate
from dti_app.core.criteria import Criteria
from dti_app.core.issues import Issue, IssueCode
from dti_app.core.ranking import competition_rank, round_shown
from dti_app.core.rules import score_rule
from dti_app.core.standing import Standing
from dti_app.core.units import UnitRegister

__all__ = ["ScoreResult", "score_leaves", "aggregate_scores", "score_units", "STATUS"]

STATUS = ("scored", "provisional", "missing", "invalid")


@dataclass
class ScoreResult:
    """Everything scoring produced, indexed by unit code (register order when one is given)."""

    criteria: Criteria
    status: pd.Series                   # scored | provisional | missing | invalid
    leaf_fraction: pd.DataFrame         # units × leaves, 0–1
    node_fraction: pd.DataFrame         # units × nodes (leaves and above), 0–1
    node_points: pd.DataFrame           # units × nodes, points achieved
    pillar_fraction: pd.DataFrame       # units × pillars, 0–1
    index: pd.Series                    # on the criteria's scale, unrounded
    shown: pd.Series                    # rounded to the criteria's decimals
    rank: pd.Series                     # competition rank on ``shown`` (ranked units only)
    pillar_shown: pd.DataFrame
    pillar_rank: pd.DataFrame
    indicator_shown: pd.DataFrame       # main indicators on the index scale, rounded
    indicator_rank: pd.DataFrame
    region_rank: pd.Series
    issues: list[Issue] = field(default_factory=list)     # scoring's own (a required value
                                                          # missing under an error policy)
    strict: bool = False                # provisional units left out of the ranking
    standing: Standing = field(default_factory=Standing)  # every issue in use, counts per unit

    @property
    def scored(self) -> pd.Index:
        """The units ranked: ``scored`` ones, and ``provisional`` ones unless ``strict``."""
        ranked = self.status == "scored"
        if not self.strict:
            ranked |= self.status == "provisional"
        return self.status.index[ranked]

    @property
    def with_score(self) -> pd.Index:
        """The units that have a score, ranked or not (``scored`` and ``provisional``)."""
        return self.status.index[self.status.isin(("scored", "provisional"))]

    @property
    def unranked_provisional(self) -> pd.Index:
        """Provisional units left out of the ranking by ``strict`` (they keep their score)."""
        return self.status.index[(self.status == "provisional") & self.strict]

    def ranking(self) -> pd.DataFrame:
        """Ranked units sorted by rank (ties in code order)."""
        frame = pd.DataFrame({"rank": self.rank, "index": self.shown}).loc[self.scored]
        return frame.sort_values(["rank"], kind="stable")


def score_leaves(criteria: Criteria, values: pd.DataFrame) -> pd.DataFrame:
    """Fraction of full points per leaf: units × leaves (missing columns count as missing)."""
    values = values.reindex(columns=list(criteria.leaves))
    raw = values.to_numpy(dtype=float, na_value=np.nan)
    out = np.empty_like(raw)
    for j, code in enumerate(criteria.leaves):
        rule = criteria.by_code[code].rule
        out[:, j] = score_rule(rule.kind, rule.params, raw[:, j])
    return pd.DataFrame(out, index=values.index, columns=list(criteria.leaves))


def _combine(criteria: Criteria, kids: tuple[str, ...], columns: dict[str, np.ndarray],
             kind: str, policy: str, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Aggregate children; also return which units lack a required (weighted) child."""
    weights = np.array([criteria.child_weight(k) for k in kids], dtype=float)
    matrix = np.column_stack([columns[k] for k in kids]) if kids else np.empty((n, 0))
    fraction = aggregate(kind, policy, matrix, weights)
    lacking = np.isnan(matrix) & (weights > 0)[None, :]
    return fraction, lacking


def aggregate_scores(criteria: Criteria, leaf_fraction: pd.DataFrame
                     ) -> tuple[pd.DataFrame, pd.DataFrame, np.ndarray, list[tuple[int, str]]]:
    """Node fractions (units × all nodes), pillar fractions, index fraction, and failures.

    ``failures`` lists (unit position, node code) for children missing under an ``error`` policy.
    """
    n = len(leaf_fraction)
    leaves = list(criteria.leaves)
    matrix = leaf_fraction[leaves].to_numpy(dtype=float)  # one copy, then a view per leaf
    columns = {c: matrix[:, j] for j, c in enumerate(leaves)}
    failures: list[tuple[int, str]] = []

    def record(lacking: np.ndarray, kids: tuple[str, ...]) -> None:
        rows, cols = np.nonzero(lacking)
        failures.extend((int(r), kids[c]) for r, c in zip(rows, cols))

    for code in criteria.bottom_up:
        node = criteria.by_code[code]
        kids = criteria.children.get(code, ())
        columns[code], lacking = _combine(criteria, kids, columns, node.aggregation,
                                          node.missing, n)
        if node.missing == "error":
            record(lacking, kids)
    tops = criteria.main_indicators
    index, lacking = _combine(criteria, tops, columns, criteria.aggregation, criteria.missing, n)
    if criteria.missing == "error":
        record(lacking, tops)
    pillars = {}
    for pillar in criteria.pillars:
        if pillar.points is not None and criteria.aggregation == "sum":
            got = sum(np.nan_to_num(columns[c]) * criteria.max_points(c)
                      for c in pillar.indicators)
            pillars[pillar.code] = got / pillar.points if pillar.points else np.full(n, np.nan)
        else:
            pillars[pillar.code], _ = _combine(criteria, pillar.indicators, columns,
                                               criteria.aggregation, criteria.missing, n)
    order = [nd.code for nd in criteria.nodes]
    node_fraction = pd.DataFrame({c: columns[c] for c in order}, index=leaf_fraction.index)
    pillar_fraction = pd.DataFrame(pillars, index=leaf_fraction.index,
                                   columns=[p.code for p in criteria.pillars])
    return node_fraction, pillar_fraction, index, failures


def score_units(criteria: Criteria, values: pd.DataFrame, register: UnitRegister | None = None,
                invalid: set[str] | frozenset[str] = frozenset(),
                leaf_fraction: pd.DataFrame | None = None, *, standing: Standing | None = None,
                strict: bool = False) -> ScoreResult:
    """Score and rank.

    ``values``: raw values, one row per submitted unit (index = unit code), one column per leaf
    (yes/no as 1/0, NaN = missing). ``register``: the full list of units; those without a row
    are "missing". ``invalid``: units whose input could not be used at all (not ranked).
    ``leaf_fraction``: pass the previous result's to re-score without re-applying the rules.
    ``standing``: the issues about the inputs (``standing.assess``); a unit with a score and an
    unresolved error there is "provisional". ``strict``: leave provisional units unranked.
    """
    values = values[~values.index.isin(list(invalid))]
    if leaf_fraction is None:
        leaf_fraction = score_leaves(criteria, values)
    else:
        leaf_fraction = leaf_fraction.loc[values.index]
    node_fraction, pillar_fraction, index_fraction, failures = aggregate_scores(
        criteria, leaf_fraction)
    units = list(values.index)
    issues: list[Issue] = []
    failed = set()
    for pos, node in failures:
        failed.add(units[pos])
        issues.append(Issue.error(IssueCode.SCORE_MISSING_REQUIRED, unit=units[pos], node=node))

    all_units = list(register.codes) if register is not None else list(units)
    known = set(all_units)
    all_units += [u for u in units if u not in known]
    status = pd.Series("missing", index=pd.Index(all_units, name="code"), dtype=object)
    status[status.index.isin(list(invalid))] = "invalid"
    status[status.index.isin(units)] = "scored"
    if failed:
        status[status.index.isin(list(failed))] = "invalid"
    standing = (standing or Standing()).with_issues(issues)
    if standing.blocking:
        status[(status == "scored") & status.index.isin(list(standing.blocking))] = "provisional"

    def full(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.reindex(status.index)

    scored_mask = status.isin(("scored", "provisional")).to_numpy()
    ranked = status == "scored" if strict else status.isin(("scored", "provisional"))
    scale, decimals = criteria.scale, criteria.decimals
    index = pd.Series(index_fraction * scale, index=units, dtype=float).reindex(status.index)
    index[~scored_mask] = np.nan
    shown = round_shown(index, decimals)
    node_fraction, pillar_fraction = full(node_fraction), full(pillar_fraction)
    node_fraction[~scored_mask] = np.nan
    pillar_fraction[~scored_mask] = np.nan
    max_points = np.array([criteria.max_points(c) for c in node_fraction.columns])
    node_points = node_fraction * max_points[None, :]
    pillar_shown = round_shown(pillar_fraction * scale, decimals)
    tops = list(criteria.main_indicators)
    indicator_shown = round_shown(node_fraction[tops] * scale, decimals)
    regions = pd.Series({u.code: u.region_vi for u in register.units}) if register else None
    region_rank = pd.Series(pd.NA, index=status.index, dtype="Int64")
    if regions is not None:
        reg = regions.reindex(status.index)
        region_rank = shown.where(ranked).groupby(reg).rank(method="min", ascending=False)
        region_rank = region_rank.astype("Int64").reindex(status.index)
    return ScoreResult(
        criteria=criteria, status=status, leaf_fraction=full(leaf_fraction),
        node_fraction=node_fraction, node_points=node_points, pillar_fraction=pillar_fraction,
        index=index, shown=shown, rank=competition_rank(shown.where(ranked)),
        pillar_shown=pillar_shown,
        pillar_rank=competition_rank(pillar_shown.where(ranked, axis=0)),
        indicator_shown=indicator_shown,
        indicator_rank=competition_rank(indicator_shown.where(ranked, axis=0)),
        region_rank=region_rank, issues=issues, strict=strict, standing=standing,
    )
