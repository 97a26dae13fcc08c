"""63 → 34: the published rule checked against means worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from dti_app.core.criteria_load import parse_criteria
from dti_app.core.issues import IssueCode
from dti_app.core.merge34 import beside_former, merge_to_34
from dti_app.core.messages import render_issue
from dti_app.core.scoring import score_units

# Three main indicators of 100, 100 and 200 points (400 in all), one leaf each whose value in %
# is the indicator's value: 60 → 0.60. Pillars: P1 = NTS + HTS (200), P2 = NTS + HDCQS (300).
CRITERIA = """
framework: {id: merge-test, version: '1', name: {vi: Thử, en: Test}}
index: {scale: 1, decimals: 4, aggregation: sum}
nodes:
- {code: NTS, name: {vi: Nhận thức số, en: Awareness}}
- {code: NTS.1, parent: NTS, name: {vi: n, en: n}, points: 100, rule: {type: target, target: 100}}
- {code: HTS, name: {vi: Hạ tầng số, en: Infrastructure}}
- {code: HTS.1, parent: HTS, name: {vi: h, en: h}, points: 100, rule: {type: target, target: 100}}
- {code: HDCQS, name: {vi: Chính quyền số, en: Government}}
- {code: HDCQS.1, parent: HDCQS, name: {vi: c, en: c}, points: 200,
   rule: {type: target, target: 100}}
pillars:
- {code: P1, name: {vi: Trụ 1, en: P1}, indicators: [NTS, HTS]}
- {code: P2, name: {vi: Trụ 2, en: P2}, indicators: [NTS, HDCQS]}
"""
LEAVES = ["NTS.1", "HTS.1", "HDCQS.1"]

# former province: (NTS, HTS, HDCQS) in %; every other province has 50, 50, 50 (index 0.5)
CHOSEN = {
    # Tuyên Quang (08) = Tuyên Quang 08 + Hà Giang 02
    "08": (60, 40, 90), "02": (80, 20, 50),
    # Lào Cai (15 among the 34) = Lào Cai 10 + Yên Bái 15
    "10": (25, 10, 40), "15": (75, 30, 60),
    # Phú Thọ (25) = Phú Thọ 25 + Vĩnh Phúc 26 + Hòa Bình 17
    "25": (30, 50, 100), "26": (60, 50, 40), "17": (90, 20, 10),
    # Hồ Chí Minh (79) = TP. Hồ Chí Minh 79 + Bình Dương 74 + Bà Rịa - Vũng Tàu 77
    "79": (90, 100, 95), "74": (70, 60, 85), "77": (80, 50, 75),
    # Hà Nội (01) stays alone
    "01": (55, 65, 45),
}


@pytest.fixture
def result63(units63):
    c = parse_criteria(CRITERIA)
    rows = {code: CHOSEN.get(code, (50, 50, 50)) for code in units63.codes}
    raw = pd.DataFrame.from_dict(rows, orient="index", columns=LEAVES).astype(float)
    return score_units(c, raw, units63)


def test_main_indicators_are_the_means_of_the_former_provinces(result63):
    merged = merge_to_34(result63)
    f = merged.indicator_fraction
    # Tuyên Quang: NTS (0.60 + 0.80)/2 = 0.70, HTS (0.40 + 0.20)/2 = 0.30, HDCQS (0.90 + 0.50)/2
    assert f.loc["08"].tolist() == pytest.approx([0.70, 0.30, 0.70])
    # Lào Cai: (0.25 + 0.75)/2 = 0.50, (0.10 + 0.30)/2 = 0.20, (0.40 + 0.60)/2 = 0.50
    assert f.loc["15"].tolist() == pytest.approx([0.50, 0.20, 0.50])
    # Phú Thọ: (0.30 + 0.60 + 0.90)/3 = 0.60, (0.50 + 0.50 + 0.20)/3 = 0.40, (1 + 0.4 + 0.1)/3
    assert f.loc["25"].tolist() == pytest.approx([0.60, 0.40, 0.50])
    # Hồ Chí Minh: (0.9 + 0.7 + 0.8)/3 = 0.80, (1 + 0.6 + 0.5)/3 = 0.70, (0.95 + 0.85 + 0.75)/3
    assert f.loc["79"].tolist() == pytest.approx([0.80, 0.70, 0.85])


def test_the_index_comes_from_the_means_weighted_by_points(result63):
    t = merge_to_34(result63).table
    # Tuyên Quang: (100·0.70 + 100·0.30 + 200·0.70) / 400 = 240/400
    assert t.at["08", "index"] == 0.6000
    # Lào Cai: (50 + 20 + 100) / 400 = 0.425
    assert t.at["15", "index"] == 0.4250
    # Phú Thọ: (60 + 40 + 100) / 400 = 0.5 (not the mean of the three indexes 0.5, 0.5, 0.35)
    assert t.at["25", "index"] == 0.5000
    # Hồ Chí Minh: (80 + 70 + 170) / 400 = 0.8
    assert t.at["79", "index"] == 0.8000
    # pillars from the same means: P1 Tuyên Quang (70 + 30)/200, P2 (70 + 140)/300
    assert t.at["08", "P1"] == 0.5000 and t.at["08", "P2"] == 0.7000
    # a unit of one former province keeps its result: Hà Nội (55 + 65 + 90)/400 = 0.525
    assert t.at["01", "index"] == 0.5250 == result63.shown["01"]


def test_the_34_are_ranked_with_competition_ranking(result63):
    merged = merge_to_34(result63)
    t = merged.table
    assert len(t) == 34 and (t["status"] == "scored").all()
    assert t.at["79", "rank"] == 1 and t.at["08", "rank"] == 2 and t.at["01", "rank"] == 3
    # 30 units at 0.5000 (Phú Thọ among them) share rank 4; Lào Cai is last
    assert (t.loc[t["index"] == 0.5, "rank"] == 4).all() and (t["index"] == 0.5).sum() == 30
    assert t.at["15", "rank"] == 34
    assert merged.ranking().index[:3].tolist() == ["79", "08", "01"]
    assert t.at["79", "P1_rank"] == 1


def test_the_composition_table_names_the_former_provinces(result63):
    comp = merge_to_34(result63).composition
    assert len(comp) == 63 and comp["former_code"].is_unique
    rows = comp[comp["new_code"] == "25"]
    assert rows["former_name"].tolist() == ["Phú Thọ", "Vĩnh Phúc", "Hòa Bình"]
    assert (rows["new_name"] == "Phú Thọ").all()
    lao_cai = comp[comp["new_code"] == "15"].set_index("former_code")
    assert lao_cai.at["15", "former_name"] == "Yên Bái"      # code 15 meant Yên Bái in the 63
    assert lao_cai.at["15", "former_index"] == result63.shown["15"]


def test_missing_former_province_gives_a_partial_unit_that_is_not_ranked(units63):
    c = parse_criteria(CRITERIA)
    rows = {code: CHOSEN.get(code, (50, 50, 50)) for code in units63.codes if code != "26"}
    raw = pd.DataFrame.from_dict(rows, orient="index", columns=LEAVES).astype(float)
    result = score_units(c, raw, units63)
    merged = merge_to_34(result)
    t = merged.table
    # Phú Thọ without Vĩnh Phúc: (0.30 + 0.90)/2 = 0.60, (0.50 + 0.20)/2 = 0.35,
    # (1.00 + 0.10)/2 = 0.55 → (60 + 35 + 110) / 400 = 0.5125, shown but not ranked
    assert t.at["25", "status"] == "partial" and t.at["25", "index"] == 0.5125
    assert (t.at["25", "n_former"], t.at["25", "n_scored"]) == (3, 2)
    assert pd.isna(t.at["25", "rank"]) and pd.isna(t.at["25", "P1_rank"])
    assert t["rank"].notna().sum() == 33
    [issue] = merged.issues
    assert issue.code is IssueCode.MERGE_PARTIAL and issue.unit == "25"
    assert "2/3" in render_issue(issue) and "Vĩnh Phúc" in render_issue(issue)
    ranked = merge_to_34(result, rank_partial=True).table
    assert ranked.at["25", "status"] == "partial" and ranked.at["25", "rank"] == 4


def test_a_34_result_beside_its_former_provinces(result63, units34):
    c = parse_criteria(CRITERIA)
    rows = {code: (70, 70, 70) for code in units34.codes}
    rows["08"] = (90, 90, 90)
    result34 = score_units(c, pd.DataFrame.from_dict(rows, orient="index", columns=LEAVES),
                           units34)
    side = beside_former(result34, result63)
    hg = side.set_index("former_code").loc["02"]
    assert hg["new_code"] == "08" and hg["former_name"] == "Hà Giang"
    assert hg["new_unit_index"] == 0.9 and hg["new_unit_rank"] == 1
    assert hg["projected_index"] == 0.6 and hg["projected_rank"] == 2
    # Hà Giang alone: (80 + 20 + 100) / 400 = 0.5
    assert hg["former_index"] == 0.5
    assert len(side) == 63


def test_a_result_of_another_unit_set_is_refused():
    c = parse_criteria(CRITERIA)
    raw = pd.DataFrame({leaf: [50.0] for leaf in LEAVES}, index=["X1"])
    with pytest.raises(ValueError):
        merge_to_34(score_units(c, raw))
