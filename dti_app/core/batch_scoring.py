"""The index of every unit under many weight sets at once, as matrix products.

``scoring.aggregate_scores`` combines leaf fractions for one set of weights. The Monte Carlo in
``sensitivity`` needs the same result for a thousand weight sets, so ``BatchScorer`` evaluates a
block of runs together, node by node (a loop over the criteria's nodes, never over units or runs):

- a *linear* node — arithmetic (``sum``/``mean``) with missing children counted as 0, over
  linear children — is kept as runs × leaves coefficients (its children's normalised weights,
  multiplied down the tree), so a tree of such nodes costs one product at the end:
  (runs × leaves coefficients) @ (leaves × units fractions);
- any other node (``geomean``, ``skip`` re-weighting) is computed as runs × units values, its
  leaf children by products such as (runs × children weights) @ (children × units), its other
  children added one by one.

Aggregations and missing-value policies are exactly those of ``aggregation``: arithmetic
Σ w·x / Σ w; geometric exp(Σ w·log x / Σ w), 0 as soon as a weighted child is 0; ``zero``/
``error``: a missing child counts as 0 with its weight kept; ``skip``: the weights are
re-normalised over the present children (none present → missing).

``effective_weights`` turns per-node factors into each node's weight in its parent: a node under
a ``sum`` parent weighs its points, and a ``sum`` node under a ``sum`` parent has the points of its
children together (times its own factor), as ``Criteria.with_weights`` does when points change.
``rankable`` picks the rows ``score_units`` would rank.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dti_app.core.criteria import Criteria
from dti_app.core.scoring import aggregate_scores

__all__ = ["effective_weights", "BatchScorer", "rankable"]


def rankable(criteria: Criteria, leaf_fraction: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """The rows ``score_units`` would rank, and their index fractions with the criteria's weights.

    Rows with no value at all are left out (a unit without a submission, as in
    ``ScoreResult.leaf_fraction``), and so are units that lack a child required by an ``error``
    policy (``score_units`` marks them invalid).
    """
    frame = leaf_fraction.reindex(columns=list(criteria.leaves)).astype(float)
    frame = frame[frame.notna().any(axis=1)]
    _, _, index, failures = aggregate_scores(criteria, frame)
    keep = np.isfinite(index)
    keep[[pos for pos, _ in failures]] = False
    return frame[keep], index[keep]


def effective_weights(criteria: Criteria, factors: np.ndarray) -> np.ndarray:
    """Runs × nodes (criteria order): each node's weight in its parent, given per-node factors.

    With every factor 1 this is ``criteria.child_weight`` of every node.
    """
    factors = np.atleast_2d(np.asarray(factors, dtype=float))
    pos = {n.code: i for i, n in enumerate(criteria.nodes)}
    out = np.empty_like(factors)
    for code in (*criteria.leaves, *criteria.bottom_up):  # children before parents
        node = criteria.by_code[code]
        parent_agg = (criteria.aggregation if node.parent is None
                      else criteria.by_code[node.parent].aggregation)
        kids = criteria.children.get(code, ())
        i = pos[code]
        if parent_agg == "sum" and kids and node.aggregation == "sum":
            out[:, i] = factors[:, i] * out[:, [pos[k] for k in kids]].sum(axis=1)
        else:
            out[:, i] = factors[:, i] * criteria.child_weight(code)
    return out


@dataclass
class _Step:
    code: str
    kind: str                 # sum | mean | geomean
    policy: str               # zero | skip | error
    leaf_cols: np.ndarray     # positions of leaf children in the leaf matrix
    leaf_nodes: np.ndarray    # the same children's positions among the nodes
    inner: tuple[str, ...]    # internal children
    inner_nodes: np.ndarray
    cols: np.ndarray          # every leaf below the node (sorted positions in the leaf matrix)


def _product(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a @ b; with a short inner dimension without BLAS, whose threads cost more than they
    save on such products (and much more on a busy machine)."""
    if a.shape[1] <= 32:
        return np.einsum("rk,ku->ru", a, b)
    return a @ b


class _Values:
    """Nodes computed so far in one block of runs.

    A *linear* node (arithmetic, missing counted as 0, linear children) is kept as runs × its
    leaves coefficients, so its value is coefficients @ those leaves' fractions; the others as
    runs × units values.
    """

    def __init__(self, x_of: dict[str, np.ndarray], cols: dict[str, np.ndarray]):
        self.x_of = x_of        # per node: the fractions of its leaves (leaves × units)
        self.cols = cols        # per node: those leaves' positions
        self.coef: dict[str, np.ndarray] = {}
        self.values: dict[str, np.ndarray] = {}

    def get(self, code: str) -> np.ndarray:
        if code in self.values:
            return self.values[code]
        return _product(self.coef[code], self.x_of[code])

    def subset(self, rows: np.ndarray) -> _Values:
        out = _Values(self.x_of, self.cols)
        out.coef = {k: v[rows] for k, v in self.coef.items()}
        out.values = {k: v[rows] for k, v in self.values.items()}
        return out


class BatchScorer:
    """Evaluates the index for blocks of weight sets; the leaf fractions are prepared once.

    ``leaf_fraction``: units × leaves (criteria leaf order), 0–1, NaN = missing.
    """

    def __init__(self, criteria: Criteria, leaf_fraction: np.ndarray):
        self.criteria = criteria
        f = np.asarray(leaf_fraction, dtype=float)
        present = ~np.isnan(f)
        self.n_units = f.shape[0]
        self._x = np.where(present, f, 0.0).T.copy()        # leaves × units, missing = 0
        self._present = present.T.astype(float)             # leaves × units
        with np.errstate(divide="ignore"):
            self._log = np.where(self._x > 0, np.log(np.where(self._x > 0, self._x, 1.0)), 0.0)
        self._zero_skip = (present & (f == 0)).T.astype(float)   # present and 0
        self._zero_fill = (self._x == 0).astype(float)            # 0 once missing counts as 0
        pos = {n.code: i for i, n in enumerate(criteria.nodes)}
        leaf_pos = {c: j for j, c in enumerate(criteria.leaves)}
        below = {c: np.array([leaf_pos[c]]) for c in criteria.leaves}
        self._steps = []
        for code in criteria.bottom_up:
            node = criteria.by_code[code]
            step = self._step(code, node.aggregation, node.missing, pos, leaf_pos, below)
            below[code] = step.cols
            self._steps.append(step)
        self._root = self._step("", criteria.aggregation, criteria.missing, pos, leaf_pos, below)
        self._cols = {step.code: step.cols for step in (*self._steps, self._root)}
        self._x_of = {code: np.ascontiguousarray(self._x[cols])
                      for code, cols in self._cols.items()}

    def _step(self, code: str, kind: str, policy: str, pos: dict, leaf_pos: dict,
              below: dict[str, np.ndarray]) -> _Step:
        kids = self.criteria.children.get(code or None, ())
        leaves = [k for k in kids if k in leaf_pos]
        inner = tuple(k for k in kids if k not in leaf_pos)
        cols = np.unique(np.concatenate([below[k] for k in kids])) if kids else np.array([], int)
        return _Step(code, kind, policy, np.array([leaf_pos[k] for k in leaves], dtype=int),
                     np.array([pos[k] for k in leaves], dtype=int), inner,
                     np.array([pos[k] for k in inner], dtype=int), cols.astype(int))

    def index(self, weights: np.ndarray, geometric: np.ndarray | None = None) -> np.ndarray:
        """Runs × units index fractions (0–1, NaN = not computable) for runs × nodes weights.

        ``geometric``: per run, True to combine the main indicators by a weighted geometric mean
        instead of the criteria's own aggregation (which is used where it is False).
        """
        weights = np.atleast_2d(np.asarray(weights, dtype=float))
        nodes = _Values(self._x_of, self._cols)
        for step in self._steps:
            if self._is_linear(step, weights, nodes):
                nodes.coef[step.code] = self._linear(step, weights, nodes)
            else:
                nodes.values[step.code] = self._combine(step, step.kind, weights, nodes)
        root = self._root
        if self._is_linear(root, weights, nodes):
            result = _product(self._linear(root, weights, nodes), self._x_of[""])
        else:
            result = self._combine(root, root.kind, weights, nodes)
        if geometric is not None and np.any(geometric):
            other = "mean" if root.kind == "geomean" else "geomean"
            flags = np.asarray(geometric, dtype=bool)
            result[flags] = self._combine(root, other, weights[flags], nodes.subset(flags))
        return result

    @staticmethod
    def _is_linear(step: _Step, weights: np.ndarray, nodes: _Values) -> bool:
        """Arithmetic with missing counted as 0 over linear children, or weightless throughout
        (a node whose children all weigh 0 is missing whatever its policy)."""
        if step.kind in ("sum", "mean") and step.policy in ("zero", "error"):
            return all(code in nodes.coef for code in step.inner)
        return not (np.any(weights[:, step.leaf_nodes]) or np.any(weights[:, step.inner_nodes]))

    def _linear(self, step: _Step, weights: np.ndarray, nodes: _Values) -> np.ndarray:
        """Runs × ``step.cols`` coefficients of a linear node.

        Its value is coefficients @ those leaves' fractions (missing = 0); a run where the node
        has no weight at all gets a row of NaN, so its value is missing as ``aggregate`` makes it.
        """
        runs = weights.shape[0]
        coef = np.zeros((runs, len(step.cols)))
        w_leaf = weights[:, step.leaf_nodes]
        coef[:, np.searchsorted(step.cols, step.leaf_cols)] = w_leaf
        total = w_leaf.sum(axis=1)
        for code, node in zip(step.inner, step.inner_nodes):
            if code not in nodes.coef:      # only in a weightless node: it adds nothing
                continue
            w = weights[:, node]
            where = np.searchsorted(step.cols, nodes.cols[code])
            coef[:, where] += w[:, None] * np.nan_to_num(nodes.coef[code], nan=0.0)
            total = total + w
        with np.errstate(invalid="ignore", divide="ignore"):
            coef /= total[:, None]
        coef[total <= 0] = np.nan
        return coef

    def _combine(self, step: _Step, kind: str, weights: np.ndarray,
                 values: _Values) -> np.ndarray:
        """Runs × units fractions of one node, for any aggregation and missing policy."""
        runs = weights.shape[0]
        geo = kind == "geomean"
        skip = step.policy == "skip"
        w_leaf = weights[:, step.leaf_nodes]                               # runs × k
        num = np.zeros((runs, self.n_units))
        den = np.zeros((runs, self.n_units)) if skip else np.zeros((runs, 1))
        zero = np.zeros((runs, self.n_units), dtype=bool)
        if len(step.leaf_cols):
            cols = step.leaf_cols
            num += _product(w_leaf, (self._log if geo else self._x)[cols])
            den += (_product(w_leaf, self._present[cols]) if skip
                    else w_leaf.sum(axis=1, keepdims=True))
            if geo:
                zeros = self._zero_skip if skip else self._zero_fill
                zero |= _product((w_leaf > 0).astype(float), zeros[cols]) > 0
        for code, node in zip(step.inner, step.inner_nodes):
            w = weights[:, node][:, None]                                   # runs × 1
            v = values.get(code)
            present = ~np.isnan(v) if skip else None
            filled = np.nan_to_num(v, nan=0.0)
            if geo:
                positive = filled > 0
                num += w * np.log(filled, out=np.zeros_like(filled), where=positive)
                hit = ~positive if present is None else ~positive & present
                zero |= hit & (w > 0)
            else:
                num += w * filled
            den += w if present is None else w * present
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = num / den
        if geo:
            mean = np.exp(mean, out=mean)
            mean[zero] = 0.0
        return np.where(den > 0, mean, np.nan)
