"""Edited weights are said on everything exported: the criteria know their origin and edits; the
ranking workbook, the charts (read back from the figure, the SVG and the PDF), the scorecards and
the JSON say that the weights differ from the named criteria, and which.

The small framework of ``export_testdata`` (100 points) with A.1 raised from 30 to 60 points:
A becomes 80 points and the whole 130. By hand:
    D1  có, 80 %, 10    60 + 16 + 50 = 126 / 130 = 0.969230…  shown 0.9692  rank 1
    D3  có, 100 %, 2    60 + 20 + 10 =  90 / 130 = 0.692307…  shown 0.6923  rank 2
    D2  không, 50 %, 5   0 + 10 + 25 =  35 / 130 = 0.269230…  shown 0.2692  rank 3
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace

import pytest
from export_testdata import small_case
from openpyxl import load_workbook

from dti_app.core.campaign import Campaign
from dti_app.core.chart_export import save_figure
from dti_app.core.charts import ranking_bars
from dti_app.core.criteria import WeightEdit
from dti_app.core.errors import CampaignError
from dti_app.core.export_text import label
from dti_app.core.export_workbook import write_ranking_workbook
from dti_app.core.ranking_read import read_ranking_workbook
from dti_app.core.report import result_document
from dti_app.core.scorecard import scorecard_figure
from dti_app.core.scoring import score_units

CHANGES_VI = "A 50 → 80 điểm; tổng 100 → 130 điểm"


@pytest.fixture
def edited(tmp_path):
    criteria, register, imported, _, issues = small_case(tmp_path)
    heavier = criteria.with_weights(points={"A.1": 60})
    result = score_units(heavier, imported.values, register, imported.invalid)
    return criteria, heavier, register, imported, result, issues


def test_edited_criteria_know_the_named_file_and_what_differs(edited):
    named, heavier, *_ = edited
    assert heavier.edited and not named.edited
    assert heavier.named is named and heavier.id == named.id and heavier.version == "2"
    assert heavier.edits == (WeightEdit("A", "points", 50.0, 80.0),
                             WeightEdit("A.1", "points", 30.0, 60.0))
    assert heavier.main_edits == (WeightEdit("A", "points", 50.0, 80.0),)
    assert heavier.total_points == 130 and heavier.sha256 != named.sha256
    assert heavier.label == "thu-nghiem v2 (đã sửa trọng số / edited)"
    # put back by hand, or by scaling a group and scaling it back: the named criteria again
    assert heavier.with_weights(points={"A.1": 30}) is named
    assert named.with_weights(points={"A": 70}).with_weights(points={"A": 50}) is named
    # saving as a new version makes named criteria; never under the file's own version
    saved = heavier.with_weights(version="3")
    assert not saved.edited and saved.version == "3" and saved.named is saved
    with pytest.raises(ValueError):
        heavier.with_weights(version="2")


def test_workbook_says_edited_on_title_banner_criteria_and_about(edited, tmp_path):
    named, heavier, register, imported, result, issues = edited
    path = tmp_path / "xep_hang.xlsx"
    write_ranking_workbook(path, result, register, issues=issues, files=imported.files,
                           final_values=imported.values, year=2025)
    wb = load_workbook(path)
    assert "TRỌNG SỐ ĐÃ SỬA" in wb.properties.title and CHANGES_VI in wb.properties.title
    ranking = wb[label("sheet_ranking")]
    assert ranking["A1"].value == ("TRỌNG SỐ ĐÃ SỬA: không phải bộ tiêu chí thu-nghiem v2. "
                                   + CHANGES_VI)
    header = [c.value for c in ranking[3]]
    rows = [dict(zip(header, [c.value for c in row])) for row in ranking.iter_rows(min_row=4)]
    assert [(r["Mã"], r["Hạng"], r["Chỉ số"]) for r in rows[:3]] == [
        ("D1", 1, 0.9692), ("D3", 2, 0.6923), ("D2", 3, 0.2692)]
    assert [r["Tổng điểm / 130 (đã sửa)"] for r in rows[:3]] == [126, 90, 35]
    assert "TRỌNG SỐ ĐÃ SỬA" in ranking.oddHeader.center.text      # printed on every page

    about = {r[0].value: r[1].value for r in wb[label("sheet_about")].iter_rows() if r[0].value}
    assert about["Phiên bản bộ tiêu chí"] != "2"
    assert about["Phiên bản bộ tiêu chí"].startswith("trọng số đã sửa từ phiên bản 2")
    assert about["Trọng số"] == ("ĐÃ SỬA, khác tệp tiêu chí thu-nghiem v2 ở 2 chỉ tiêu (xem bảng "
                                 "dưới): " + CHANGES_VI)
    assert about["SHA-256 bộ tiêu chí"] == heavier.sha256
    assert about["SHA-256 tệp tiêu chí gốc"] == named.sha256
    assert about["Năm đánh giá"] == 2025
    edits = [[c.value for c in row] for row in wb[label("sheet_about")].iter_rows()
             if row[0].value in ("A", "A.1")]
    assert edits == [["A", "Thể chế", "Điểm tối đa", 50, 80],
                     ["A.1", "Có nghị quyết", "Điểm tối đa", 30, 60]]

    criteria_rows = list(wb[label("sheet_criteria")].iter_rows(values_only=True))
    head = criteria_rows[0]
    a1 = dict(zip(head, next(r for r in criteria_rows if r[0] == "A.1")))
    assert (a1["Điểm tối đa"], a1["Điểm tối đa trong tệp tiêu chí"], a1["Đã sửa"]) == (60, 30, "có")
    b1 = dict(zip(head, next(r for r in criteria_rows if r[0] == "B.1")))
    assert (b1["Điểm tối đa"], b1["Điểm tối đa trong tệp tiêu chí"], b1["Đã sửa"]) == (50, 50,
                                                                                      "không")
    charts = wb[label("sheet_charts")]._charts
    titles = ["".join(r.t for p in c.title.tx.rich.p for r in (p.r or [])) for c in charts]
    assert titles[0] == "Xếp hạng chỉ số chuyển đổi số (trọng số đã sửa)"

    # read back as a previous year: the table below the banner, ranks as written
    previous = read_ranking_workbook(path)
    assert previous.table["rank"].to_dict() == {"D1": 1, "D3": 2, "D2": 3}
    assert previous.year == 2025 and "đã sửa" in previous.criteria


def test_named_criteria_workbook_has_no_banner(edited, tmp_path):
    named, _, register, imported, _, issues = edited
    result = score_units(named, imported.values, register, imported.invalid)
    path = tmp_path / "r.xlsx"
    write_ranking_workbook(path, result, register, issues=issues, files=imported.files)
    wb = load_workbook(path)
    assert wb[label("sheet_ranking")]["A1"].value == "Hạng"
    about = {r[0].value: r[1].value for r in wb[label("sheet_about")].iter_rows() if r[0].value}
    assert about["Phiên bản bộ tiêu chí"] == "2" and about["Trọng số"] == "theo đúng tệp tiêu chí"
    assert about["Năm đánh giá"] == "chưa rõ (các tệp đầu vào không ghi năm)"


def test_chart_title_says_edited_in_the_figure_svg_and_pdf(edited, tmp_path):
    *_, register, imported, result, issues = edited
    fig = ranking_bars(result, register, year=2025)
    texts = [t.get_text().replace("\n", " ") for t in fig.texts]
    assert "Trọng số đã sửa, khác thu-nghiem v2: " + CHANGES_VI in texts
    subtitle = next(t for t in texts if "bộ mã" in t)
    assert "năm 2025" in subtitle and "TRỌNG SỐ ĐÃ SỬA" in subtitle
    svg, pdf = save_figure(fig, tmp_path / "ranking", ("svg", "pdf"))
    text = svg.read_text(encoding="utf-8")
    assert "<!-- Trọng số đã sửa, khác thu-nghiem v2: " + CHANGES_VI + " -->" in text
    if shutil.which("pdftotext"):
        plain = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                               encoding="utf-8", check=True).stdout
        assert "Trọng số đã sửa" in plain and "tổng 100 → 130 điểm" in plain


def test_scorecard_says_edited_in_its_band_and_footer(edited):
    *_, register, imported, result, issues = edited
    fig = scorecard_figure(result, register, "D1", issues, imported.values, year=2025)
    texts = [t.get_text() for t in fig.texts]
    assert "Trọng số đã sửa, khác thu-nghiem v2: " + CHANGES_VI in texts
    assert "0.9692" in texts
    footer = next(t for t in texts if t.startswith("DTI Scorer"))
    assert "thu-nghiem (trọng số đã sửa từ v2)" in footer and "v2 ·" not in footer


def test_json_says_edited_and_which(edited):
    named, heavier, register, imported, result, issues = edited
    doc = result_document(result, register, issues, year=2025)
    assert doc["criteria"] == {
        "id": "thu-nghiem", "version": "2", "sha256": heavier.sha256, "edited": True,
        "named_sha256": named.sha256,
        "edits": [{"code": "A", "field": "points", "official": 50.0, "used": 80.0},
                  {"code": "A.1", "field": "points", "official": 30.0, "used": 60.0}]}
    d1 = next(u for u in doc["units"] if u["code"] == "D1")
    assert d1["score"] == 0.9692 and d1["score_exact"] == 126 / 130
    plain = result_document(score_units(named, imported.values, register, imported.invalid),
                            register, issues)
    assert plain["criteria"]["edited"] is False and plain["criteria"]["edits"] == []
    assert plain["criteria"]["sha256"] == plain["criteria"]["named_sha256"] == named.sha256


def test_a_campaign_keeps_edited_weights_only_as_a_new_version(edited, tmp_path):
    named, heavier, *_ = edited
    from export_testdata import SMALL_CRITERIA, SMALL_UNITS

    with Campaign.create(tmp_path / "c.dticampaign", SMALL_CRITERIA, SMALL_UNITS, 2025) as c:
        with pytest.raises(CampaignError, match="phiên bản mới"):
            c.add_criteria_version(heavier, "A.1: 30 → 60")
        c.add_criteria_version(heavier.with_weights(version="2-a1"), "A.1: 30 → 60")
        kept = c.criteria()
        assert kept.version == "2-a1" and kept.max_points("A.1") == 60 and not kept.edited
        assert replace(kept, version="2").sha256 == heavier.sha256
