"""The DTI formula and the aggregation rules, with numbers a reader can check by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dti_app.core.criteria_load import parse_criteria
from dti_app.core.scoring import score_units

# The Decision 922 structure with one leaf per main indicator: the leaf's value is the main
# indicator's value in percent (goalposts 0..100), its points are the main indicator's points.
MAINS = [("NTS", 100), ("TCS", 100), ("HTS", 100), ("NLS", 100), ("ATTT", 100), ("DTTM", 0),
         ("HDCQS", 200), ("HDKTS", 150), ("HDXHS", 150)]


def dti_like_yaml() -> str:
    lines = ["framework: {id: dti-mini, version: '1', name: {vi: Mini DTI, en: Mini DTI}}",
             "index: {scale: 1, decimals: 4}", "nodes:"]
    for code, points in MAINS:
        lines.append(f"  - {{code: {code}, name: {code}}}")
        lines.append(f"  - {{code: {code}.1, parent: {code}, name: {code} 1, points: {points},"
                     " rule: {type: goalposts, low: 0, high: 100}}")
    found = "[NTS, TCS, HTS, NLS, ATTT, DTTM"
    lines += ["pillars:",
              f"  - {{code: CQS, name: Chính quyền số, indicators: {found}, HDCQS]}}",
              f"  - {{code: KTS, name: Kinh tế số, indicators: {found}, HDKTS]}}",
              f"  - {{code: XHS, name: Xã hội số, indicators: {found}, HDXHS]}}"]
    return "\n".join(lines)


def test_published_da_nang_2022_index_is_points_over_1000():
    criteria = parse_criteria(dti_like_yaml())
    # Đà Nẵng 2022 main indicator values (published), smart city unscored
    values = {"NTS": 1.0, "TCS": 0.9, "HTS": 0.8253, "NLS": 0.8487, "ATTT": 0.7578,
              "DTTM": 0.5, "HDCQS": 0.8575, "HDKTS": 0.7836, "HDXHS": 0.5197}
    table = pd.DataFrame([{f"{k}.1": v * 100 for k, v in values.items()}], index=["48"])
    result = score_units(criteria, table)
    # 100·(1.0+0.9+0.8253+0.8487+0.7578) + 200·0.8575 + 150·0.7836 + 150·0.5197 = 800.2
    assert result.shown["48"] == pytest.approx(0.8002)
    assert result.node_points.at["48", "HDCQS"] == pytest.approx(171.5)
    assert criteria.max_points() == 1000
    # pillars: CQS (433.18 + 171.5) / 700 = 0.86383 -> 0.8638
    #          KTS (433.18 + 117.54) / 650 = 0.84726 -> 0.8473
    #          XHS (433.18 + 77.955) / 650 = 0.78636 -> 0.7864
    assert result.pillar_shown.at["48", "CQS"] == pytest.approx(0.8638)
    assert result.pillar_shown.at["48", "KTS"] == pytest.approx(0.8473)
    assert result.pillar_shown.at["48", "XHS"] == pytest.approx(0.7864)
    assert [criteria.pillar_points(p) for p in criteria.pillars] == [700, 650, 650]
    # the unscored smart-city indicator shows no value and adds nothing
    assert np.isnan(result.indicator_shown.at["48", "DTTM"])


def test_default_dti_2022_file_has_the_decision_922_structure(dti2022):
    assert dti2022.main_indicators == ("NTS", "TCS", "HTS", "NLS", "ATTT", "DTTM", "HDCQS",
                                       "HDKTS", "HDXHS")
    assert len(dti2022.leaves) == 98
    assert dti2022.max_points() == 1000
    counts = {m: len(dti2022.children[m]) for m in dti2022.main_indicators}
    assert counts == {"NTS": 10, "TCS": 11, "HTS": 7, "NLS": 13, "ATTT": 12, "DTTM": 3,
                      "HDCQS": 22, "HDKTS": 12, "HDXHS": 8}
    assert dti2022.max_points("DTTM") == 0 and dti2022.max_points("HDCQS") == 200
    assert dti2022.illustrative


def test_default_dti_2024_file_has_the_decision_405_structure(repo):
    from dti_app.core.criteria_load import load_criteria

    c = load_criteria(repo / "criteria" / "dti_2024.yaml")
    assert len(c.main_indicators) == 8 and "DTTM" not in c.main_indicators
    assert len(c.leaves) == 47
    assert all(n.name_en and n.name_vi for n in c.nodes)


SMALL = """
framework: {{id: t, version: '1', name: Thử}}
index: {{scale: 100, decimals: 2, aggregation: {root}, missing: {root_missing}}}
nodes:
  - {{code: A, name: A, weight: 1, aggregation: {agg}, missing: {missing}}}
  - {{code: A1, parent: A, name: A1, points: 10, weight: {w1}, rule: {{type: goalposts, low: 0, high: 100}}}}
  - {{code: A2, parent: A, name: A2, points: 30, weight: {w2}, rule: {{type: goalposts, low: 0, high: 100}}}}
  - {{code: B, name: B, weight: 1, aggregation: sum}}
  - {{code: B1, parent: B, name: B1, points: 40, rule: yes_no}}
"""


def small(agg="sum", missing="zero", root="mean", root_missing="zero", w1=1, w2=1):
    return parse_criteria(SMALL.format(agg=agg, missing=missing, root=root,
                                       root_missing=root_missing, w1=w1, w2=w2))


def test_skip_reweights_over_present_children_and_zero_does_not():
    table = pd.DataFrame({"A1": [np.nan], "A2": [60.0], "B1": [1.0]}, index=["u"])
    zero = score_units(small(missing="zero"), table)
    skip = score_units(small(missing="skip"), table)
    # zero: A = (0·10 + 0.6·30) / 40 = 0.45 ; skip: A = 0.6·30 / 30 = 0.60
    assert zero.node_fraction.at["u", "A"] == pytest.approx(0.45)
    assert skip.node_fraction.at["u", "A"] == pytest.approx(0.60)
    # index = mean(A, B) × 100: (0.45 + 1)/2 = 72.50 ; (0.6 + 1)/2 = 80.00
    assert zero.shown["u"] == pytest.approx(72.5)
    assert skip.shown["u"] == pytest.approx(80.0)


def test_error_policy_makes_the_unit_invalid_and_says_which_value():
    table = pd.DataFrame({"A1": [np.nan, 50], "A2": [60.0, 50], "B1": [1.0, 0]},
                         index=["u", "v"])
    result = score_units(small(missing="error"), table)
    assert result.status["u"] == "invalid" and result.status["v"] == "scored"
    assert pd.isna(result.rank["u"]) and result.rank["v"] == 1
    [issue] = result.issues
    assert (issue.code.value, issue.unit, issue.node) == ("score_missing_required", "u", "A1")


def test_weighted_geometric_mean():
    table = pd.DataFrame({"A1": [25.0], "A2": [100.0], "B1": [1.0]}, index=["u"])
    result = score_units(small(agg="geomean", w1=1, w2=3), table)
    # A = 0.25^(1/4) · 1.0^(3/4) = 0.7071
    assert result.node_fraction.at["u", "A"] == pytest.approx(0.25 ** 0.25)
    # a zero child makes a geometric mean zero
    zero = score_units(small(agg="geomean"), table.assign(A1=0.0))
    assert zero.node_fraction.at["u", "A"] == 0.0


def test_weighted_arithmetic_mean_uses_weights_not_points():
    table = pd.DataFrame({"A1": [100.0], "A2": [0.0], "B1": [1.0]}, index=["u"])
    result = score_units(small(agg="mean", w1=3, w2=1), table)
    assert result.node_fraction.at["u", "A"] == pytest.approx(0.75)  # 3/(3+1)


def rule_yaml(rule: str) -> str:
    return ("framework: {id: r, version: '1', name: R}\nnodes:\n  - {code: M, name: M}\n"
            f"  - {{code: L, parent: M, name: L, points: 10, rule: {rule}}}\n")


def leaf_scores(rule: str, values: list[float]) -> list[float]:
    c = parse_criteria(rule_yaml(rule))
    table = pd.DataFrame({"L": values}, index=[f"u{i}" for i in range(len(values))])
    return list(score_units(c, table).node_points["L"].round(6))


def test_log_goalposts_with_truncation():
    # log10 between 10 and 1000: 100 is half way; below 10 and above 1000 are truncated
    pts = leaf_scores("{type: goalposts, low: 10, high: 1000, log: true}", [1, 10, 100, 1000, 5000])
    assert pts == [0.0, 0.0, 5.0, 10.0, 10.0]


def test_goalposts_lower_is_better():
    pts = leaf_scores("{type: goalposts, low: 0, high: 5, direction: lower}", [0, 1, 5, 9])
    assert pts == [10.0, 8.0, 0.0, 0.0]


def test_target_capped_and_lower_direction():
    assert leaf_scores("{type: target, target: 80}", [40, 80, 100]) == [5.0, 10.0, 10.0]
    assert leaf_scores("{type: target, target: 24, direction: lower}", [12, 24, 48]) == \
        [10.0, 10.0, 5.0]


def test_bands():
    rule = "{type: bands, bands: [[1, 0.5], [2, 1.0]]}"
    assert leaf_scores(rule, [0, 1, 1.5, 2, 7]) == [0.0, 5.0, 5.0, 10.0, 10.0]
    lower = "{type: bands, bands: [[2, 1.0], [5, 0.5]], direction: lower}"
    assert leaf_scores(lower, [1, 2, 3, 5, 6]) == [10.0, 10.0, 5.0, 5.0, 0.0]


def test_yes_no_both_directions():
    assert leaf_scores("yes_no", [1, 0]) == [10.0, 0.0]
    assert leaf_scores("{type: yes_no, direction: lower}", [1, 0]) == [0.0, 10.0]


def test_minmax_relative_to_the_other_units_into_a_range():
    # 2, 4, 6 → 0, 0.5, 1 of the range [0.2, 1.0] → 0.2, 0.6, 1.0 → 2, 6, 10 points
    assert leaf_scores("{type: minmax, range: [0.2, 1.0]}", [2, 4, 6]) == [2.0, 6.0, 10.0]
    assert leaf_scores("{type: minmax, direction: lower}", [2, 4, 6]) == [10.0, 5.0, 0.0]


def test_ties_share_a_rank_on_the_shown_value():
    c = parse_criteria(rule_yaml("{type: goalposts, low: 0, high: 1000000}"))
    # 0.80024 and 0.80016 both show as 0.8002 (4 decimals): they share rank 2; next is 4
    table = pd.DataFrame({"L": [900000, 800240, 800160, 700000]}, index=list("abcd"))
    result = score_units(c, table)
    assert list(result.shown) == [0.9, 0.8002, 0.8002, 0.7]
    assert list(result.rank) == [1, 2, 2, 4]


def test_rescoring_with_changed_weights_reuses_leaf_scores():
    c = small(root="sum")
    table = pd.DataFrame({"A1": [100.0, 0.0], "A2": [0.0, 100.0], "B1": [0.0, 0.0]},
                         index=["x", "y"])
    first = score_units(c, table)
    assert list(first.rank) == [2, 1]  # y has A2 (30 points), x has A1 (10 points)
    heavier = c.with_weights(points={"A1": 50})
    again = score_units(heavier, table, leaf_fraction=first.leaf_fraction)
    assert list(again.rank) == [1, 2]
    assert heavier.max_points("A") == 80 and heavier.max_points() == 120


def test_changing_a_sum_nodes_points_rescales_its_children(dti2022):
    changed = dti2022.with_weights(points={"HDCQS": 100})
    assert changed.max_points("HDCQS") == pytest.approx(100)
    assert changed.max_points("HDCQS.01") == pytest.approx(5)
    assert changed.max_points() == pytest.approx(900)
    assert changed.sha256 != dti2022.sha256


def test_missing_units_are_listed_never_ranked(dti2022, units63):
    table = pd.DataFrame({leaf: [1.0] * 2 for leaf in dti2022.leaves}, index=["01", "48"])
    result = score_units(dti2022, table, units63)
    assert (result.status == "missing").sum() == 61
    assert result.rank.notna().sum() == 2
