"""Reading filled-in templates: every value back, and every problem with its sheet and cell."""

from __future__ import annotations

import math
import os
import time
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from workbook_kit import (
    YEAR,
    blank,
    edit,
    fill,
    has_soffice,
    import_one,
    issues_of,
    soffice_convert,
)

from dti_app.core.bundled import bundled_dir
from dti_app.core.criteria_load import load_criteria
from dti_app.core.importer import import_inputs
from dti_app.core.messages import render_issue
from dti_app.core.sample_data import generate_values
from dti_app.core.scoring import score_units
from dti_app.core.template import leaf_cells
from dti_app.core.template_layout import COVER_SHEET, DATA_SHEET

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="module")
def expected(dti2022, units63) -> dict[str, float]:
    """Đà Nẵng's synthetic values: 98 sub-indicators, the optional smart-city ones may be empty."""
    row = generate_values(dti2022, units63, seed=7).loc["48"]
    return {leaf: float(v) for leaf, v in row.items()}


@pytest.fixture(scope="module")
def filled(tmp_path_factory, dti2022, units63, expected) -> Path:
    path = blank(tmp_path_factory.mktemp("filled"), dti2022, units63, "48")
    fill(path, dti2022, expected)
    return path


def _same(result, unit: str, expected: dict[str, float]) -> None:
    got = result.values.loc[unit]
    for leaf, value in expected.items():
        if math.isnan(value):
            assert math.isnan(got[leaf]), leaf
        else:
            assert got[leaf] == pytest.approx(value, abs=1e-9), leaf


def test_round_trip_every_sub_indicator(filled, dti2022, units63, expected):
    result = import_one(filled, dti2022, units63)
    assert result.issues == []
    _same(result, "48", expected)
    assert result.cells.loc["48", "NTS.05"] == "F10"
    assert dict(result.cells.loc["48"]) == leaf_cells(dti2022)
    source = result.files[0]
    assert (source.kind, source.year, source.criteria, source.units) == \
        ("workbook", 2022, "dti-tinh-2022 v1.0", ["48"])
    assert result.origin.loc["48", "sheet"] == DATA_SHEET


def test_percentages_come_back_in_percent(filled, dti2022, units63, expected):
    result = import_one(filled, dti2022, units63)
    percent = [leaf for leaf in dti2022.leaves if dti2022.by_code[leaf].unit == "%"]
    assert len(percent) == 54
    assert max(result.values.loc["48", percent]) > 1       # 0–100, not fractions
    assert result.raw.loc["48", "NTS.01"] in ("Có", "Không")


@pytest.fixture(scope="module")
def converted(tmp_path_factory, filled) -> dict[str, Path]:
    if not has_soffice():
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path_factory.mktemp("lo")
    ods = soffice_convert([filled], "ods", out)
    xls = soffice_convert(ods, "xls", out)      # .xls made from LibreOffice's own .ods
    return {"ods": ods[0], "xls": xls[0]}


@pytest.mark.parametrize("fmt", ["ods", "xls"])
def test_round_trip_through_libreoffice(converted, fmt, dti2022, units63, expected):
    result = import_one(converted[fmt], dti2022, units63)
    assert [i.code.value for i in result.issues] == []
    assert result.files[0].kind == "workbook"
    _same(result, "48", expected)


@pytest.mark.parametrize("name", ["DTI2022_48_Da_Nang.ods", "DTI2022_48_Da_Nang.xls"])
def test_committed_libreoffice_fixtures_read_like_the_xlsx(name, dti2022, units63):
    xlsx = import_one(bundled_dir("sample_workbooks") / "DTI2022_48_Da_Nang.xlsx", dti2022,
                      units63)
    other = import_one(FIXTURES / name, dti2022, units63)
    assert other.issues == []
    np.testing.assert_allclose(other.values.loc["48"].to_numpy(dtype=float),
                               xlsx.values.loc["48"].to_numpy(dtype=float), atol=1e-9)


def _variant(tmp_path, dti2022, units63, code="48", name=None, **cells) -> Path:
    """A filled template for ``code`` with some data-sheet cells typed differently."""
    path = blank(tmp_path, dti2022, units63, code, name=name)
    values = generate_values(dti2022, units63, seed=7).loc[code]
    fill(path, dti2022, {leaf: float(v) for leaf, v in values.items()})

    def change(wb: openpyxl.Workbook) -> None:
        for ref, value in cells.items():
            sheet, _, ref = ref.rpartition("__")
            wb[sheet or DATA_SHEET][ref] = value

    edit(path, change)
    return path


def test_spellings_people_type_are_cleaned_and_said(tmp_path, dti2022, units63):
    # F10 NTS.05 (%), F13 NTS.08 (%), F6 NTS.01 (yes/no), F11 NTS.06 (count)
    path = _variant(tmp_path, dti2022, units63, F10="85,5%", F13=85.5, F6="x", F11="12 345")
    result = import_one(path, dti2022, units63)
    got = result.values.loc["48"]
    assert (got["NTS.05"], got["NTS.01"], got["NTS.06"]) == (85.5, 1.0, 12345.0)
    assert math.isnan(got["NTS.08"])     # 85.5 in a percentage cell shows 8550 %
    assert issues_of(result, path.name) == [
        ("warning", "value_cleaned", DATA_SHEET, "F6"),
        ("warning", "value_notation_summary", DATA_SHEET, "F10"),  # F10 and F11: one notation
        ("error", "value_out_of_range", DATA_SHEET, "F13"),
    ]
    summary, error = result.issues[1], result.issues[2]
    assert render_issue(summary) == (
        "2 ô của tệp viết số theo cùng một cách: dấu phẩy là dấu thập phân, dấu chấm tách hàng "
        "nghìn (1.234,5). Ví dụ ô F10 ghi '85,5%', đã đọc là 85,5; mọi ô như vậy đều được đọc "
        "theo cách này")
    assert render_issue(error) == \
        "Giá trị 8550 % của chỉ tiêu NTS.08 nằm ngoài khoảng cho phép 0–100 %"


def test_a_number_in_a_date_formatted_cell_is_the_number_it_stores(tmp_path, dti2022, units63):
    from datetime import date

    path = _variant(tmp_path, dti2022, units63, F11=date(2022, 5, 1))   # NTS.06: a real date

    def formats(wb: openpyxl.Workbook) -> None:
        ws = wb[DATA_SHEET]
        ws["F6"] = 1                               # NTS.01 (yes/no): 1, shown as a date
        ws["F6"].number_format = "dd/mm/yyyy"
        ws["F10"] = 0.855                          # NTS.05 (%): 85.5 %, shown as 20:31
        ws["F10"].number_format = "h:mm"

    edit(path, formats)
    result = import_one(path, dti2022, units63)
    got = result.values.loc["48"]
    assert (got["NTS.01"], got["NTS.05"]) == (1.0, 85.5)
    assert math.isnan(got["NTS.06"])
    assert [(i.severity.value, i.code.value, i.cell, i.value) for i in result.issues] == [
        ("warning", "value_cleaned", "F6", "1900-01-01"),
        ("warning", "value_cleaned", "F10", "20:31:12"),
        ("error", "value_not_number", "F11", "2022-05-01"),
    ]


def test_unit_from_the_cover_not_the_file_name(tmp_path, dti2022, units63):
    path = _variant(tmp_path, dti2022, units63, name="DTI2022_01_Ha_Noi.xlsx")
    result = import_one(path, dti2022, units63)
    assert list(result.values.index) == ["48"]
    [issue] = result.issues
    assert (issue.code.value, issue.sheet, issue.cell, issue.unit) == \
        ("unit_filename_mismatch", COVER_SHEET, "B5", "48")
    assert issue.params == {"filename_unit": "Hà Nội (01)", "unit": "Đà Nẵng (48)"}


def test_cover_typed_without_diacritics_still_finds_the_unit(tmp_path, dti2022, units63):
    path = _variant(tmp_path, dti2022, units63, name="bao_cao.xlsx",
                    **{f"{COVER_SHEET}__B5": "da nang", f"{COVER_SHEET}__B6": None})
    result = import_one(path, dti2022, units63)
    assert list(result.values.index) == ["48"] and result.issues == []


def test_code_and_name_of_different_units_is_an_error(tmp_path, dti2022, units63):
    path = _variant(tmp_path, dti2022, units63, **{f"{COVER_SHEET}__B5": "Quảng Nam"})
    result = import_one(path, dti2022, units63)
    assert result.values.empty
    assert issues_of(result, path.name) == [
        ("error", "unit_code_name_mismatch", COVER_SHEET, "B5")]


def test_former_unit_in_a_34_campaign(tmp_path, dti2022, units63, units34):
    path = _variant(tmp_path, dti2022, units63, code="49")          # Quảng Nam, now in Đà Nẵng
    result = import_inputs([path], dti2022, units34, YEAR)
    assert issues_of(result, path.name) == [("error", "unit_former", COVER_SHEET, "B5")]
    assert "Đà Nẵng (48)" in result.issues[0].params["merged_into"]


def test_other_year_is_not_used(tmp_path, dti2022, units63):
    path = _variant(tmp_path, dti2022, units63)
    result = import_one(path, dti2022, units63, year=2023)
    assert issues_of(result, path.name) == [("error", "year_mismatch", COVER_SHEET, "B8")]
    scores = score_units(dti2022, result.values, units63, result.invalid)
    assert scores.status["48"] == "invalid"


def test_missing_year_is_a_warning(tmp_path, dti2022, units63, expected):
    path = _variant(tmp_path, dti2022, units63, **{f"{COVER_SHEET}__B8": None})
    assert issues_of(import_one(path, dti2022, units63), path.name) == []   # _meta still knows
    edit(path, lambda wb: wb.remove(wb["_meta"]))
    result = import_one(path, dti2022, units63)
    percent = [leaf for leaf in dti2022.leaves if dti2022.by_code[leaf].unit == "%"
               and expected[leaf] == expected[leaf] and expected[leaf] != 0]
    assert issues_of(result, path.name) == [("warning", "template_no_meta", "", ""),
                                            ("warning", "year_missing", COVER_SHEET, "B8"),
                                            ("warning", "value_notation_summary", DATA_SHEET,
                                             leaf_cells(dti2022)[percent[0]])]
    _same(result, "48", expected)
    # without _meta the percentage cells' storage is a reading, said once for the file
    summary = result.issues[2]
    assert summary.params["count"] == len(percent)
    assert render_issue(summary).startswith(
        f"{len(percent)} ô của tệp viết số theo cùng một cách: ô phần trăm lưu phân số, như ô "
        "định dạng phần trăm (0,855 là 85,5 %)")


def test_every_sample_records_the_templates_own_cells(dti2022):
    # the reader takes the template's cells for a file made by this template version for the
    # same criteria; this holds only while _meta records exactly those cells
    from dti_app.core.spreadsheet import open_sheets
    from dti_app.core.workbook_cover import read_head

    for path in sorted(bundled_dir("sample_workbooks").glob("*.xlsx")):
        head = read_head(open_sheets(path))
        assert head.meta["criteria_sha256"] == dti2022.sha256, path.name
        assert head.recorded_cells() == leaf_cells(dti2022), path.name


def test_cells_recorded_for_other_criteria_are_read_from_meta(tmp_path, dti2022, units63):
    path = _variant(tmp_path, dti2022, units63)

    def other_sha_and_cell(wb):
        ws = wb["_meta"]
        for row in ws.iter_rows():
            if row[0].value == "criteria_sha256":
                row[1].value = "0" * 64
            if row[0].value == "NTS.02":
                row[1].value = "F30"  # where _meta says this one was put
    edit(path, other_sha_and_cell)
    result = import_one(path, dti2022, units63)
    moved = [i for i in result.issues if i.code.value == "row_moved"]
    assert [(i.node, i.cell, i.params["expected"]) for i in moved] == [("NTS.02", "F7", "F30")]


def test_new_version_of_the_same_criteria_is_mapped_by_code(tmp_path, dti2022, units63, expected):
    path = _variant(tmp_path, dti2022, units63)
    edited = dti2022.with_weights(points={"HDCQS.01": 20}, version="1.1")
    result = import_one(path, edited, units63)
    assert issues_of(result, path.name) == [
        ("warning", "criteria_version_mapped", COVER_SHEET, "B11")]
    _same(result, "48", expected)


def test_template_of_another_framework_is_not_used(tmp_path, dti2022, units63):
    dti2024 = load_criteria(ROOT / "criteria" / "dti_2024.yaml")
    path = blank(tmp_path, dti2024, units63, "48")       # same codes, other meanings
    result = import_one(path, dti2022, units63)
    assert issues_of(result, path.name) == [
        ("error", "criteria_version_mismatch", COVER_SHEET, "B11")]
    issue = result.issues[0]
    assert issue.value == "dti-tinh-2024 v1.0" and issue.params["expected"] == "dti-tinh-2022 v1.0"
    scores = score_units(dti2022, result.values, units63, result.invalid)
    assert scores.status["48"] == "invalid"


def test_two_files_for_one_unit_use_neither_until_told(tmp_path, dti2022, units63):
    first = _variant(tmp_path, dti2022, units63, F10=0.5)
    second = _variant(tmp_path, dti2022, units63, name="DTI2022_48_Da_Nang_ban_sua.xlsx",
                      F10=0.9)
    os.utime(first, (time.time() - 3600, time.time() - 3600))
    result = import_inputs([first, second], dti2022, units63, YEAR)
    assert sorted((i.code.value, i.file) for i in result.issues) == [
        ("unit_duplicate", first.name), ("unit_duplicate", second.name)]
    assert "48" in result.invalid and result.values.empty
    newest = import_inputs([first, second], dti2022, units63, YEAR, newest_wins=True)
    assert newest.values.loc["48", "NTS.05"] == 90.0
    assert [(i.severity.value, i.code.value) for i in newest.issues] == \
        [("warning", "unit_duplicate")]


def test_consolidated_tables_are_still_read_by_the_table_reader(tmp_path, dti2022, units63):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Mã tỉnh", "Tên tỉnh", *dti2022.leaves])
    values = generate_values(dti2022, units63, seed=3)
    for code in ("01", "48"):
        ws.append([code, units63.by_code[code].name_vi,
                   *[None if math.isnan(v) else v for v in values.loc[code]]])
    wb.save(tmp_path / "bang_tong_hop.xlsx")
    result = import_one(tmp_path / "bang_tong_hop.xlsx", dti2022, units63)
    assert result.files[0].kind == "table"
    assert list(result.values.index) == ["01", "48"]


def test_sixty_three_samples_import_validate_and_score_fast(dti2022, units63):
    folder = bundled_dir("sample_workbooks")
    import_inputs([folder / "DTI2022_01_Ha_Noi.xlsx"], dti2022, units63, YEAR)  # warm up
    started = time.perf_counter()
    result = import_inputs([folder], dti2022, units63, YEAR)
    scores = score_units(dti2022, result.values, units63, result.invalid)
    seconds = time.perf_counter() - started
    assert result.issues == [] and (scores.status == "scored").sum() == 63
    assert sorted(scores.rank.astype(int)) == list(range(1, 64))
    assert seconds < 3.0, f"{seconds:.2f} s"      # about 0.25 s on an idle 2-core machine
