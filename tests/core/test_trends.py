"""Trends across years: trajectories, changes, and code sets that change meaning."""

from __future__ import annotations

import pandas as pd
import pytest

from dti_app.core.criteria_load import parse_criteria
from dti_app.core.issues import IssueCode
from dti_app.core.messages import render_issue
from dti_app.core.report import result_document
from dti_app.core.scoring import score_units
from dti_app.core.trends import build_trends, bump_figure, trend_figure

CRITERIA = """
framework: {id: trend-test, version: '%s', name: {vi: Thử, en: Test}}
index: {scale: 1, decimals: 4, aggregation: sum}
nodes:
- {code: NTS, name: {vi: Nhận thức số, en: Awareness}}
- {code: NTS.1, parent: NTS, name: {vi: n, en: n}, points: 100, rule: {type: target, target: 100}}
- {code: HTS, name: {vi: Hạ tầng số, en: Infrastructure}}
- {code: HTS.1, parent: HTS, name: {vi: h, en: h}, points: 100, rule: {type: target, target: 100}}
pillars:
- {code: P1, name: {vi: Trụ 1, en: P1}, indicators: [NTS]}
"""


def score(register, values: dict[str, float], default: float = 40.0, version: str = "1"):
    """Both leaves of every unit at ``default`` % except those given (both at that value)."""
    c = parse_criteria(CRITERIA % version)
    rows = {code: (values.get(code, default),) * 2 for code in register.codes}
    raw = pd.DataFrame.from_dict(rows, orient="index", columns=["NTS.1", "HTS.1"])
    return score_units(c, raw, register)


def index_rows(trends, code, code_set):
    f = trends.frame
    return f[(f["code"] == code) & (f["code_set"] == code_set)
             & (f["level"] == "index")].set_index("year")


def test_two_years_of_the_63_give_trajectories_and_changes(units63):
    y22 = score(units63, {"15": 50, "01": 90})           # Yên Bái 0.50 rank 2, Hà Nội 1st
    y23 = score(units63, {"15": 95, "01": 90})           # Yên Bái 0.95 rank 1
    trends = build_trends({2022: (y22, units63), 2023: (y23, units63)})
    assert trends.years == [2022, 2023] and trends.code_sets == {2022: "63", 2023: "63"}
    assert trends.issues == []
    yb = index_rows(trends, "15", "63")
    assert yb["name"].tolist() == ["Yên Bái", "Yên Bái"]
    assert yb["score"].tolist() == [0.5, 0.95] and yb["rank"].tolist() == [2, 1]
    assert yb.at[2023, "score_change"] == pytest.approx(0.45) and yb.at[2023, "rank_change"] == 1
    assert pd.isna(yb.at[2022, "rank_change"])
    hn = index_rows(trends, "01", "63")
    assert hn.at[2023, "rank_change"] == -1                 # Hà Nội moved down one place
    levels = set(trends.frame["level"])
    assert levels == {"index", "pillar", "indicator"}
    wide = trends.wide("index", "rank")
    assert wide.loc[("63", "15", "Yên Bái")].tolist() == [2, 1]


def test_a_code_set_change_is_reported_and_codes_are_not_matched(units63, units34):
    y24 = score(units63, {"15": 50})                       # Yên Bái
    y25 = score(units34, {"15": 80})                       # Lào Cai, a different unit
    trends = build_trends({2024: (y24, units63), 2025: (y25, units34)})
    [issue] = trends.issues
    assert issue.code is IssueCode.TREND_CODE_SET_CHANGED
    text = render_issue(issue)
    assert "2024" in text and "2025" in text and "15: Yên Bái → Lào Cai" in text
    old, new = index_rows(trends, "15", "63"), index_rows(trends, "15", "34")
    assert old.index.tolist() == [2024] and new.index.tolist() == [2025]
    assert new.at[2025, "name"] == "Lào Cai" and pd.isna(new.at[2025, "rank_change"])
    assert pd.isna(new.at[2025, "score_change"])


def test_projecting_the_63_onto_the_34_links_the_years(units63, units34):
    y24 = score(units63, {"10": 20, "15": 60})             # Lào Cai 0.2 + Yên Bái 0.6
    y25 = score(units34, {"15": 80})
    trends = build_trends({2024: (y24, units63), 2025: (y25, units34)}, project_to_34=True)
    assert trends.code_sets == {2024: "34", 2025: "34"} and trends.issues == []
    lc = index_rows(trends, "15", "34")
    assert lc["projected"].tolist() == [True, False]
    # 2024 projected: mean of 0.2 and 0.6 = 0.4, the same as every other unit's 0.4
    assert lc["score"].tolist() == [0.4, 0.8] and lc.at[2025, "score_change"] == pytest.approx(0.4)
    assert lc["rank"].tolist() == [1, 1] and lc.at[2025, "rank_change"] == 0


def test_json_documents_give_the_same_rows_as_results(units63):
    y22, y23 = score(units63, {"01": 90}), score(units63, {"01": 30})
    from_results = build_trends({2022: (y22, units63), 2023: (y23, units63)})
    from_docs = build_trends({2022: result_document(y22, units63, []),
                              2023: result_document(y23, units63, [])})
    cols = ["year", "code_set", "code", "level", "measure", "score", "rank", "rank_change"]
    a = from_results.frame[cols].sort_values(cols[:5]).reset_index(drop=True)
    b = from_docs.frame[cols].sort_values(cols[:5]).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b, check_dtype=False)


def test_a_document_of_the_63_cannot_be_projected_and_says_so(units63, units34):
    doc = result_document(score(units63, {}), units63, [])
    trends = build_trends({2024: doc, 2025: (score(units34, {}), units34)}, project_to_34=True)
    codes = [i.code for i in trends.issues]
    assert IssueCode.TREND_NOT_PROJECTED in codes and IssueCode.TREND_CODE_SET_CHANGED in codes


def test_a_change_of_criteria_is_reported(units63):
    trends = build_trends({2022: (score(units63, {}), units63),
                           2023: (score(units63, {}, version="2"), units63)})
    [issue] = trends.issues
    assert issue.code is IssueCode.TREND_CRITERIA_CHANGED
    assert "trend-test v1" in render_issue(issue) and "trend-test v2" in render_issue(issue)


def test_a_result_without_its_register_must_be_a_builtin_set(units63):
    bare = score_units(parse_criteria(CRITERIA % "1"),
                       pd.DataFrame({"NTS.1": [1.0], "HTS.1": [1.0]}, index=["X"]))
    with pytest.raises(ValueError):
        build_trends({2022: bare})
    assert build_trends({2022: score(units63, {})}).code_sets == {2022: "63"}


def test_charts_draw_one_line_per_unit_and_code_set(units63, units34):
    trends = build_trends({2023: (score(units63, {"15": 50}), units63),
                           2024: (score(units63, {"15": 70}), units63),
                           2025: (score(units34, {"15": 90}), units34)})
    fig = trend_figure(trends, ["15"])
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert labels == ["Yên Bái (bộ 63)", "Lào Cai (bộ 34)"]
    bump = bump_figure(trends, top=3)
    low, high = bump.axes[0].get_ylim()
    assert low > high                                      # rank 1 at the top
    names = [t.get_text() for t in bump.axes[0].texts]
    assert "Lào Cai" in names and "Yên Bái" not in names   # the last year's set only
