"""Rank stability: cases small enough to reason about, the nominal ranking, the batch engine."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from dti_app.core import sensitivity
from dti_app.core.aggregation import aggregate
from dti_app.core.batch_scoring import BatchScorer, effective_weights
from dti_app.core.criteria_load import parse_criteria
from dti_app.core.scoring import score_leaves, score_units
from dti_app.core.sensitivity import rank_matrix, rank_stability, stability_figure

# Two main indicators of 50 points, one yes/no-like leaf each (target 100: value/100).
TWO_MAINS = """
framework: {id: t, version: '1', name: {vi: Thử, en: Test}}
index: {scale: 1, decimals: 4, aggregation: sum}
nodes:
- {code: A, name: {vi: A, en: A}}
- {code: A.1, parent: A, name: {vi: a1, en: a1}, points: 50, rule: {type: target, target: 100}}
- {code: B, name: {vi: B, en: B}}
- {code: B.1, parent: B, name: {vi: b1, en: b1}, points: 50, rule: {type: target, target: 100}}
"""


def values(rows: dict[str, list[float]], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame.from_dict(rows, orient="index", columns=columns)


def test_equal_scores_by_different_profiles_cannot_be_told_apart():
    c = parse_criteria(TWO_MAINS)
    # X: A full, B empty = 0.5; Y: the reverse = 0.5; Z: 0.2 everywhere = 0.2
    raw = values({"X": [100, 0], "Y": [0, 100], "Z": [20, 20]}, ["A.1", "B.1"])
    res = rank_stability(c, score_leaves(c, raw), runs=400, spread=0.3, seed=1)
    t = res.table
    assert t.loc["X", "nominal_rank"] == 1 and t.loc["Y", "nominal_rank"] == 1
    assert t.loc["Z", "nominal_rank"] == 3
    # whichever main indicator draws the larger weight wins: X and Y swap places
    assert (t.loc["X", "rank_p05"], t.loc["X", "rank_p95"]) == (1, 2)
    assert (t.loc["Y", "rank_p05"], t.loc["Y", "rank_p95"]) == (1, 2)
    x = list(t.index).index("X")
    assert 0.35 < (res.ranks[:, x] == 1).mean() < 0.65
    assert (res.ranks[:, list(t.index).index("Z")] == 3).all()
    pairs = res.overlapping_pairs()
    assert {tuple(sorted(p)) for p in zip(pairs["unit_a"], pairs["unit_b"])} == {("X", "Y")}
    assert t.loc["X", "n_overlapping"] == 1 and t.loc["Z", "n_overlapping"] == 0


def test_identical_units_share_rank_one_in_every_run():
    c = parse_criteria(TWO_MAINS)
    raw = values({"P": [70, 40], "Q": [70, 40], "R": [10, 90]}, ["A.1", "B.1"])
    res = rank_stability(c, score_leaves(c, raw), runs=200, spread=0.25, seed=3)
    p, q = list(res.table.index).index("P"), list(res.table.index).index("Q")
    assert (res.ranks[:, p] == res.ranks[:, q]).all()
    assert ("P", "Q") in set(zip(res.overlapping_pairs()["unit_a"],
                                 res.overlapping_pairs()["unit_b"]))


@pytest.mark.parametrize("vary", [False, True])
def test_a_dominant_unit_is_first_in_every_run(dti2022, units63, vary):
    rng = np.random.default_rng(11)
    fractions = pd.DataFrame(rng.uniform(0, 0.9, (63, len(dti2022.leaves))),
                             index=units63.codes, columns=list(dti2022.leaves))
    fractions.loc["48"] = 1.0          # Đà Nẵng full points everywhere
    res = rank_stability(dti2022, fractions, units63, runs=300, spread=0.4,
                         vary_aggregation=vary)
    assert res.table.index[0] == "48" and res.table.loc["48", "name"] == "Đà Nẵng"
    assert (res.ranks[:, 0] == 1).all()
    assert res.table.loc["48", "worst_rank"] == 1
    assert res.geometric_runs == (0 if not vary else res.geometric_runs)
    if vary:
        assert 100 < res.geometric_runs < 200


def random_raw(criteria, codes, seed, missing=0.1):
    rng = np.random.default_rng(seed)
    cols = {}
    for leaf in criteria.leaves:
        node = criteria.by_code[leaf]
        low, high = node.valid_range or (0, 1)
        v = rng.uniform(low, min(high, 120), len(codes))
        if node.rule.kind == "yes_no":
            v = (v > (low + min(high, 120)) / 2).astype(float)
        v[rng.random(len(codes)) < missing] = np.nan
        cols[leaf] = v
    return pd.DataFrame(cols, index=codes)


def test_spread_zero_reproduces_the_ranking_of_score_units(dti2022, units63):
    raw = random_raw(dti2022, units63.codes[:60], seed=5)       # 3 units missing
    result = score_units(dti2022, raw, units63)
    res = rank_stability(dti2022, result.leaf_fraction, units63, runs=50, spread=0.0)
    nominal = result.rank[result.scored].astype(int)
    assert len(res.table) == 60 and set(res.table.index) == set(result.scored)
    assert (res.table["nominal_rank"] == nominal.reindex(res.table.index)).all()
    assert (res.table["nominal_index"] == result.shown.reindex(res.table.index)).all()
    assert (res.ranks == res.table["nominal_rank"].to_numpy()[None, :]).all()
    assert (res.table["share_nominal"] == 1.0).all()


def test_seeded_runs_repeat_and_another_seed_differs(dti2022, units63):
    raw = random_raw(dti2022, units63.codes, seed=8, missing=0.0)
    fractions = score_leaves(dti2022, raw)
    a = rank_stability(dti2022, fractions, runs=100, seed=4)
    b = rank_stability(dti2022, fractions, runs=100, seed=4)
    c = rank_stability(dti2022, fractions, runs=100, seed=5)
    assert (a.ranks == b.ranks).all() and not (a.ranks == c.ranks).all()


def test_a_thousand_runs_on_63_units_take_about_a_second_or_less(dti2022, units63):
    fractions = score_leaves(dti2022, random_raw(dti2022, units63.codes, seed=2))
    res = rank_stability(dti2022, fractions, units63, runs=1000, vary_aggregation=True)
    assert res.runs == 1000 and res.ranks.shape == (1000, 63)
    assert res.seconds < 1.5


def test_progress_in_blocks_and_cancel_keeps_the_runs_done(dti2022, units63, monkeypatch):
    monkeypatch.setattr(sensitivity, "BLOCK_CELLS", 63 * 40)    # 40 runs per block
    fractions = score_leaves(dti2022, random_raw(dti2022, units63.codes, seed=2))
    seen = []
    full = rank_stability(dti2022, fractions, runs=100, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(40, 100), (80, 100), (100, 100)]
    calls = []
    part = rank_stability(dti2022, fractions, runs=100,
                          cancelled=lambda: calls.append(1) or len(calls) > 2)
    assert part.cancelled and part.runs == 80
    assert (part.ranks == full.ranks[:80]).all()


def test_effective_weights_rescale_a_sum_node_by_its_children():
    c = parse_criteria("""
framework: {id: t, version: '1', name: {vi: Thử, en: Test}}
nodes:
- {code: M, name: {vi: M, en: M}}
- {code: M.1, parent: M, name: {vi: m1, en: m1}, points: 10, rule: yes_no}
- {code: M.2, parent: M, name: {vi: m2, en: m2}, points: 30, rule: yes_no}
""")
    order = [n.code for n in c.nodes]          # M, M.1, M.2
    ones = effective_weights(c, np.ones((1, 3)))
    assert ones.tolist() == [[40.0, 10.0, 30.0]]
    factors = np.array([[1.1, 1.2, 0.8]])      # M ×1.1, M.1 ×1.2, M.2 ×0.8
    w = effective_weights(c, factors)[0]
    assert w[order.index("M.1")] == pytest.approx(12.0)
    assert w[order.index("M.2")] == pytest.approx(24.0)
    assert w[order.index("M")] == pytest.approx(1.1 * (12 + 24))   # 39.6


MIXED = """
framework: {id: mixed, version: '1', name: {vi: Hỗn hợp, en: Mixed}}
index: {scale: 100, decimals: 2, aggregation: mean, missing: skip}
nodes:
- {code: G, name: {vi: G, en: G}, aggregation: geomean, missing: skip, weight: 2}
- {code: G.1, parent: G, name: {vi: g1, en: g1}, weight: 1, rule: {type: target, target: 1}}
- {code: G.2, parent: G, name: {vi: g2, en: g2}, weight: 3, rule: {type: target, target: 1}}
- {code: S, name: {vi: S, en: S}, aggregation: sum, missing: zero, weight: 1}
- {code: S.1, parent: S, name: {vi: s1, en: s1}, points: 5, rule: {type: target, target: 1}}
- {code: S.X, parent: S, name: {vi: sx, en: sx}, aggregation: mean, missing: skip, points: 5}
- {code: S.X.1, parent: S.X, name: {vi: x1, en: x1}, weight: 1, rule: {type: target, target: 1}}
- {code: S.X.2, parent: S.X, name: {vi: x2, en: x2}, weight: 1, rule: {type: target, target: 1}}
- {code: Z, name: {vi: Z, en: Z}, aggregation: mean, missing: zero, weight: 1}
- {code: Z.1, parent: Z, name: {vi: z1, en: z1}, weight: 1, rule: {type: target, target: 1}}
"""


def reference_index(criteria, fractions: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Node by node with ``aggregation.aggregate``, one weight set at a time (the slow way)."""
    pos = {n.code: i for i, n in enumerate(criteria.nodes)}
    cols = {c: fractions[:, j] for j, c in enumerate(criteria.leaves)}
    for code in criteria.bottom_up:
        node = criteria.by_code[code]
        kids = criteria.children[code]
        cols[code] = aggregate(node.aggregation, node.missing,
                               np.column_stack([cols[k] for k in kids]),
                               np.array([weights[pos[k]] for k in kids]))
    tops = criteria.main_indicators
    return aggregate(criteria.aggregation, criteria.missing,
                     np.column_stack([cols[k] for k in tops]),
                     np.array([weights[pos[k]] for k in tops]))


LINEAR = (MIXED.replace("aggregation: mean, missing: skip}", "aggregation: mean, missing: zero}")
          .replace("aggregation: mean, missing: skip, points", "aggregation: mean, missing: zero, "
                   "points"))
ALL_LINEAR = LINEAR.replace("aggregation: geomean, missing: skip", "aggregation: mean, "
                            "missing: zero")


@pytest.mark.parametrize("text", [MIXED, LINEAR, ALL_LINEAR], ids=["mixed", "nested", "linear"])
def test_batch_engine_matches_node_by_node_aggregation_for_every_policy(text):
    c = parse_criteria(text)
    rng = np.random.default_rng(9)
    f = rng.uniform(0, 1, (40, len(c.leaves)))
    f[rng.random(f.shape) < 0.2] = np.nan
    f[rng.random(f.shape) < 0.05] = 0.0
    f[3, :] = np.nan                        # a unit with nothing: missing everywhere
    factors = rng.uniform(0.6, 1.4, (25, len(c.nodes)))
    weights = effective_weights(c, factors)
    got = BatchScorer(c, f).index(weights)
    want = np.array([reference_index(c, f, w) for w in weights])
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12, equal_nan=True)
    geo = BatchScorer(c, f).index(weights, geometric=np.ones(25, dtype=bool))
    assert not np.allclose(np.nan_to_num(geo), np.nan_to_num(got))


def test_rank_matrix_is_competition_ranking_per_run():
    shown = np.array([[0.5, 0.7, 0.5, 0.1], [0.2, 0.2, 0.2, np.nan]])
    assert rank_matrix(shown).tolist() == [[2, 1, 2, 4], [1, 1, 1, 4]]


def test_chart_shows_every_unit_by_name_in_vietnamese(dti2022, units63):
    fractions = score_leaves(dti2022, random_raw(dti2022, units63.codes, seed=3))
    res = rank_stability(dti2022, fractions, units63, runs=50)
    fig = stability_figure(res, units63)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == units63.by_code[res.table.index[0]].name_vi and len(labels) == 63
    assert "±20%" in ax.get_title() and "50 lần chạy" in ax.get_title()
    top = stability_figure(res, units63, lang="en", max_units=10)
    assert len(top.axes[0].get_yticklabels()) == 10 and "top 10 of 63" in top.axes[0].get_title()
