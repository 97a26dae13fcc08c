"""Points to gain and "what would it take", on units whose missing points are known."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dti_app.core.criteria_load import parse_criteria
from dti_app.core.gain import points_to_gain, what_it_takes
from dti_app.core.scoring import score_units

# 100 points: A = A.1 yes/no (10) + A.2 ratio to 100 (20); B = B.1 goalposts 0–50 (30)
# + B.2 bands (40: 0.5 from 10, 1.0 from 20).
CRITERIA = """
framework: {id: gain-test, version: '1', name: {vi: Thử, en: Test}}
index: {scale: 1, decimals: 4, aggregation: sum}
nodes:
- {code: A, name: {vi: Thể chế, en: Institutions}}
- {code: A.1, parent: A, name: {vi: Có nghị quyết, en: Resolution}, points: 10, rule: yes_no}
- {code: A.2, parent: A, name: {vi: Tỷ lệ, en: Share}, points: 20,
   rule: {type: target, target: 100}}
- {code: B, name: {vi: Hạ tầng, en: Infrastructure}}
- {code: B.1, parent: B, name: {vi: Tốc độ, en: Speed}, points: 30,
   rule: {type: goalposts, low: 0, high: 50}}
- {code: B.2, parent: B, name: {vi: Số dịch vụ, en: Services}, points: 40,
   rule: {type: bands, bands: [[10, 0.5], [20, 1.0]]}}
"""
LEAVES = ["A.1", "A.2", "B.1", "B.2"]


@pytest.fixture
def scored():
    c = parse_criteria(CRITERIA)
    raw = pd.DataFrame.from_dict({
        # U: A.1 no (0/10), A.2 50 % (10/20), B.1 at the top goalpost (30/30), B.2 missing (0/40)
        "U": [0, 50, 50, np.nan],        # index (0 + 10 + 30 + 0) / 100 = 0.40
        "V": [1, 100, 25, 20],           # 10 + 20 + 15 + 40 = 0.85
        "W": [1, 25, 50, 5],             # 10 + 5 + 30 + 0 = 0.45
        "X": [0, 50, 25, 10],            # 0 + 10 + 15 + 20 = 0.45
        "Y": [0, 30, 0, np.nan],         # 0 + 6 = 0.06
    }, orient="index", columns=LEAVES)
    return c, raw, score_units(c, raw)


def test_points_to_gain_lists_every_missing_point_best_gain_first(scored):
    c, raw, result = scored
    assert result.shown["U"] == 0.40 and int(result.rank["U"]) == 4   # V, W, X above
    table = points_to_gain(c, result.leaf_fraction, "U", raw)
    assert table["leaf"].tolist() == ["B.2", "A.1", "A.2"]            # B.1 is already full
    b2, a1, a2 = (table.iloc[i] for i in range(3))
    assert (b2["max_points"], b2["achieved"], b2["available"]) == (40, 0, 40)
    assert (a1["max_points"], a1["achieved"], a1["available"]) == (10, 0, 10)
    assert (a2["max_points"], a2["achieved"], a2["available"]) == (20, 10, 10)
    assert table["available"].sum() == 60                             # 100 − 40 achieved
    assert b2["index_gain"] == pytest.approx(0.40) and b2["new_index"] == 0.80
    assert int(b2["new_rank"]) == 2                                   # only V (0.85) above
    # A.1 alone: 0.50 passes W and X (0.45) but not V: rank 2
    assert a1["index_gain"] == pytest.approx(0.10) and int(a1["new_rank"]) == 2
    assert b2["best_value"] == 20 and a1["best_value"] == 1 and a2["best_value"] == 100
    assert np.isnan(b2["value"]) and a2["value"] == 50
    assert b2["leaf_name"] == "Số dịch vụ" and b2["main"] == "B"


def test_what_it_takes_adds_the_largest_gains_until_the_rank_is_reached(scored):
    c, _, result = scored
    plan = what_it_takes(c, result.leaf_fraction, "U", 1)
    assert plan.reached and plan.start_rank == 4 and plan.start_index == 0.40
    # B.2 (+0.40 → 0.80, rank 2), then A.1 (+0.10 → 0.90 > V's 0.85, rank 1)
    assert plan.steps["leaf"].tolist() == ["B.2", "A.1"]
    assert plan.steps["new_index"].tolist() == [0.80, 0.90]
    assert plan.steps["new_rank"].tolist() == [2, 1]
    assert plan.final_rank == 1 and plan.final_index == 0.90
    two = what_it_takes(c, result.leaf_fraction, "U", 2)
    assert two.steps["leaf"].tolist() == ["B.2"] and two.final_rank == 2
    done = what_it_takes(c, result.leaf_fraction, "V", 1)
    assert done.reached and done.steps.empty and done.final_rank == 1


def test_an_equal_shown_value_is_enough_for_the_shared_rank():
    c = parse_criteria(CRITERIA)
    raw = pd.DataFrame.from_dict({"U": [0, 0, 0, 0], "V": [1, 0, 0, 0]}, orient="index",
                                 columns=LEAVES)
    result = score_units(c, raw)
    plan = what_it_takes(c, result.leaf_fraction, "U", 1)
    # B.2 alone (+0.40) passes V's 0.10: one step, though A.1 (+0.10) would tie at rank 1 too
    assert plan.steps["leaf"].tolist() == ["B.2"] and plan.final_rank == 1


GEO = """
framework: {id: geo, version: '1', name: {vi: Nhân, en: Geometric}}
index: {scale: 100, decimals: 2, aggregation: geomean}
nodes:
- {code: A, name: {vi: A, en: A}, weight: 1}
- {code: A.1, parent: A, name: {vi: a1, en: a1}, points: 10, rule: yes_no}
- {code: B, name: {vi: B, en: B}, weight: 1, missing: skip}
- {code: B.1, parent: B, name: {vi: b1, en: b1}, points: 10, rule: {type: target, target: 100}}
- {code: B.2, parent: B, name: {vi: b2, en: b2}, points: 30, rule: {type: target, target: 100}}
"""


def test_gains_follow_the_geometric_mean_and_skip_policy():
    c = parse_criteria(GEO)
    raw = pd.DataFrame.from_dict({"U": [0, 20, np.nan], "V": [1, 50, 50]}, orient="index",
                                 columns=["A.1", "B.1", "B.2"])
    result = score_units(c, raw)
    assert result.shown["U"] == 0.0            # A is 0: the geometric mean is 0
    table = points_to_gain(c, result.leaf_fraction, "U").set_index("leaf")
    # A.1 → A = 1; B = 0.2 (B.2 skipped, not zero): index = 100·√(1·0.2) = 44.72
    assert table.at["A.1", "index_gain"] == pytest.approx(100 * np.sqrt(0.2))
    assert table.at["A.1", "new_index"] == 44.72
    # B alone cannot lift a product with A = 0
    assert table.at["B.1", "index_gain"] == 0 and table.at["B.2", "index_gain"] == 0
    assert table.at["B.2", "available"] == 30
    plan = what_it_takes(c, result.leaf_fraction, "U", 1)
    # after A.1 (44.72, below V's 100·√0.5 = 70.71): B.1 full makes B = 1 since the missing
    # B.2 is skipped (index 100), more than B.2 full would (B = (0.2·10 + 30)/40 = 0.8: 89.44)
    assert plan.steps["leaf"].tolist() == ["A.1", "B.1"]
    assert plan.steps["new_index"].tolist() == [44.72, 100.0]
    assert plan.steps["new_rank"].tolist() == [2, 1] and plan.reached


def test_a_unit_without_a_result_is_refused(scored):
    c, _, result = scored
    with pytest.raises(ValueError):
        points_to_gain(c, result.leaf_fraction, "Z")
