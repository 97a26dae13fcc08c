"""Strengths and weaknesses against the region and the nation, with numbers worked by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dti_app.core.criteria_load import parse_criteria
from dti_app.core.scoring import score_units
from dti_app.core.strengths import strengths_table, strongest_weakest
from dti_app.core.units import Unit, UnitRegister

CRITERIA = """
framework: {id: s, version: '1', name: {vi: Thử, en: Test}}
index: {scale: 1, decimals: 4, aggregation: sum}
nodes:
- {code: A, name: {vi: Thể chế số, en: Institutions}}
- {code: A.1, parent: A, name: {vi: a1, en: a1}, points: 100, rule: {type: target, target: 100}}
- {code: B, name: {vi: Hạ tầng số, en: Infrastructure}}
- {code: B.1, parent: B, name: {vi: b1, en: b1}, points: 100, rule: {type: target, target: 100}}
"""


@pytest.fixture
def setup():
    units = tuple(Unit(code=f"u{i}", name_vi=f"Huyện {i}", region_vi="Bắc" if i <= 3 else "Nam",
                       region_en="North" if i <= 3 else "South") for i in range(1, 7))
    register = UnitRegister("huyen", units)
    # A.1 (= points of A): North 100, 50, 0; South 50, 50, 50. B.1: 40 everywhere.
    raw = pd.DataFrame({"A.1": [100, 50, 0, 50, 50, 50], "B.1": [40] * 6},
                       index=[u.code for u in units], dtype=float)
    return register, score_units(parse_criteria(CRITERIA), raw, register)


def test_differences_in_points_and_standard_deviations(setup):
    register, result = setup
    t = strengths_table(result, register).set_index(["code", "node"])
    u1 = t.loc[("u1", "A")]
    # nation: mean (100 + 50 + 0 + 50 + 50 + 50)/6 = 50; SD √((50² + 50²)/6) = 28.87
    assert u1["nation_mean"] == 50 and u1["nation_sd"] == pytest.approx(math.sqrt(5000 / 6))
    assert u1["diff_nation"] == 50 and u1["z_nation"] == pytest.approx(50 / math.sqrt(5000 / 6))
    # region "Bắc": mean 50, SD √((50² + 0 + 50²)/3) = 40.82, z = 1.22
    assert u1["region"] == "Bắc" and u1["region_mean"] == 50
    assert u1["z_region"] == pytest.approx(50 / math.sqrt(5000 / 3))
    assert u1["verdict"] == "strength" and t.loc[("u3", "A"), "verdict"] == "weakness"
    u4 = t.loc[("u4", "A")]
    # South all at 50: no spread in the region, and exactly the national mean
    assert u4["z_nation"] == 0 and math.isnan(u4["z_region"]) and u4["verdict"] == ""
    # B is the same everywhere: no SD, no verdict
    assert math.isnan(t.loc[("u1", "B"), "z_nation"]) and t.loc[("u1", "B"), "verdict"] == ""
    assert t.loc[("u1", "A.1"), "level"] == "leaf" and u1["level"] == "main"
    assert u1["node_name"] == "Thể chế số" and u1["max_points"] == 100


def test_one_unit_and_its_strongest_and_weakest(setup):
    register, result = setup
    t = strengths_table(result, register, units=["u3"], lang="en")
    assert set(t["code"]) == {"u3"} and len(t) == 4 and (t["region"] == "South").sum() == 0
    assert t.loc[t["node"] == "A", "nation_mean"].item() == 50     # means use every unit
    strong, weak = strongest_weakest(t, "u3", level="main")
    assert strong.empty and weak["node"].tolist() == ["A"]
    assert strengths_table(result, register, threshold=2.0)["verdict"].eq("").all()
