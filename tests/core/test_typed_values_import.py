"""Values as a person typed them, through the real import: workbooks and consolidated tables.

Each test writes a file the way a person or a program would, imports it with ``import_inputs``
and checks what a user sees: the values, the index, and every issue with its cell and message.
"""

from __future__ import annotations

import json
import math
import unicodedata
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from workbook_kit import (
    blank,
    edit,
    fill,
    has_soffice,
    import_one,
    issues_of,
    soffice_convert,
)

from dti_app.cli.main import main
from dti_app.core.bundled import bundled_dir
from dti_app.core.importer import import_inputs
from dti_app.core.messages import render_issue
from dti_app.core.number_text import shift_decimal
from dti_app.core.sample_data import generate_values
from dti_app.core.scoring import score_units
from dti_app.core.template import leaf_cells
from dti_app.core.template_layout import DATA_SHEET


def make_table(criteria, register, n: int, seed: int) -> list[dict[str, object]]:
    """Rows of a consolidated table for the first ``n`` units: code, name, the synthetic value
    of every sub-indicator."""
    frame = generate_values(criteria, register, seed=seed)
    rows = []
    for unit in list(register.units)[:n]:
        row: dict[str, object] = {"code": unit.code, "name": unit.name_vi}
        for leaf, value in frame.loc[unit.code].items():
            if criteria.by_code[leaf].rule.kind == "yes_no":
                row[leaf] = "" if value != value else ("Có" if value >= 0.5 else "Không")
            else:
                row[leaf] = float(value)
        rows.append(row)
    return rows


def _decomposed(path: Path, out: Path) -> Path:
    """A copy of a workbook with every text cell of every sheet in NFD, as a Mac may save it."""
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and not cell.value.startswith("="):
                    cell.value = unicodedata.normalize("NFD", cell.value)
    wb.save(out)
    return out


def test_a_sample_typed_on_a_mac_keeps_every_yes_no_and_its_index(tmp_path, dti2022, units63):
    sample = bundled_dir("sample_workbooks") / "DTI2022_01_Ha_Noi.xlsx"
    mac = _decomposed(sample, tmp_path / sample.name)
    yes_no = [leaf for leaf in dti2022.leaves if dti2022.by_code[leaf].rule.kind == "yes_no"]
    nfc, nfd = import_one(sample, dti2022, units63), import_one(mac, dti2022, units63)
    assert nfd.issues == [] and nfc.issues == []     # cover, headers and answers all understood
    assert int(nfd.values.loc["01", yes_no].notna().sum()) == 28
    pd.testing.assert_frame_equal(nfd.values, nfc.values)
    assert nfd.raw.loc["01", "NTS.01"] == unicodedata.normalize("NFD", "Có")  # kept as typed
    shown = score_units(dti2022, nfd.values, units63).shown["01"]
    assert shown == score_units(dti2022, nfc.values, units63).shown["01"] == 0.6859
    # what the 28 answers are worth: refused, as they were, the index would be 0.5059
    lost = nfd.values.copy()
    lost[yes_no] = np.nan
    assert score_units(dti2022, lost, units63).shown["01"] == 0.5059


@pytest.fixture
def filled(tmp_path, dti2022, units63) -> tuple[Path, dict[str, float]]:
    path = blank(tmp_path, dti2022, units63, "48")
    values = {leaf: float(v) for leaf, v in generate_values(dti2022, units63, seed=7)
              .loc["48"].items()}
    fill(path, dti2022, values)
    return path, values


def _type(path: Path, cells: dict[str, object], formats: dict[str, str] | None = None) -> None:
    def change(wb: openpyxl.Workbook) -> None:
        ws = wb[DATA_SHEET]
        for ref, value in cells.items():
            ws[ref] = value
        for ref, number_format in (formats or {}).items():
            ws[ref].number_format = number_format
    edit(path, change)


def test_150_typed_in_a_percent_cell_is_an_error_quoting_150_percent(filled, dti2022, units63):
    path, _ = filled
    cell = leaf_cells(dti2022)["NTS.05"]
    _type(path, {cell: 1.5})                 # Excel keeps 1.5 when 150 is typed in a % cell
    result = import_one(path, dti2022, units63)
    assert math.isnan(result.values.loc["48", "NTS.05"])
    assert issues_of(result, path.name) == [("error", "value_out_of_range", DATA_SHEET, cell)]
    assert render_issue(result.issues[0], with_place=True) == (
        f"{path.name} › {DATA_SHEET} › {cell}: Giá trị 150 % của chỉ tiêu NTS.05 nằm ngoài "
        "khoảng cho phép 0–100 %")


def test_a_duration_formatted_number_is_a_number(filled, dti2022, units63):
    path, _ = filled
    cells = leaf_cells(dti2022)
    count, percent = cells["NTS.06"], cells["NTS.05"]
    _type(path, {count: 1.5, percent: 0.855},
          {count: "[h]:mm:ss", percent: "[h]:mm:ss"})   # shown as 36:00:00 and 20:31:12
    result = import_one(path, dti2022, units63)
    got = result.values.loc["48"]
    assert (got["NTS.06"], got["NTS.05"]) == (1.5, 85.5)
    assert [(i.severity.value, i.code.value, i.cell, i.value, render_issue(i))
            for i in result.issues] == [
        ("warning", "value_cleaned", percent, "20:31:12",
         "Đã hiểu '20:31:12' là 0,855 (chỉ tiêu NTS.05)"),
        ("warning", "value_cleaned", count, "36:00:00",
         "Đã hiểu '36:00:00' là 1,5 (chỉ tiêu NTS.06)"),
    ]


def test_hours_typed_as_a_time_are_refused_not_read_as_days(filled, dti2022, units63):
    from datetime import time

    path, _ = filled
    hours = leaf_cells(dti2022)["ATTT.12"]               # counted in hours
    _type(path, {hours: time(4, 30)}, {hours: "h:mm"})     # what typing 4:30 stores
    result = import_one(path, dti2022, units63)
    assert math.isnan(result.values.loc["48", "ATTT.12"])     # not 0.1875 hours
    assert issues_of(result, path.name) == [("error", "value_clock_time", DATA_SHEET, hours)]
    assert result.issues[0].value == "04:30:00"


def test_a_duration_is_a_number_in_ods_and_xls_too(filled, dti2022, units63, tmp_path):
    if not has_soffice():
        pytest.skip("LibreOffice (soffice) is not installed")
    path, _ = filled
    count = leaf_cells(dti2022)["NTS.06"]
    _type(path, {count: 1.5}, {count: "[h]:mm:ss"})
    ods = soffice_convert([path], "ods", tmp_path)          # ODS keeps it as PT36H00M00S
    xls = soffice_convert(ods, "xls", tmp_path)
    for made in ods + xls:
        result = import_one(made, dti2022, units63)
        assert result.values.loc["48", "NTS.06"] == 1.5, made.name
        assert [(i.code.value, i.cell, i.value) for i in result.issues] == \
            [("value_cleaned", count, "36:00:00")], made.name


def test_values_are_read_to_the_last_digit(filled, dti2022, units63):
    path, _ = filled
    cells = leaf_cells(dti2022)
    _type(path, {cells["NTS.06"]: 0.1234567890123, cells["NTS.05"]: 0.123456789012345,
                 cells["HTS.01"]: 0.145})
    result = import_one(path, dti2022, units63)
    got = result.values.loc["48"]
    assert result.issues == []
    assert got["NTS.06"] == 0.1234567890123          # not 0.123456789
    assert got["NTS.05"] == 12.3456789012345         # the percentage shown, every digit
    assert got["HTS.01"] == 14.5                     # not 14.499999999999998


def _numbers_as_text(values: dict[str, float], dti2022, write) -> dict[str, object]:
    """Every number of the filled file typed again as text with ``write``."""
    cells = leaf_cells(dti2022)
    typed = {}
    for leaf, value in values.items():
        if value == value and dti2022.by_code[leaf].rule.kind != "yes_no":
            typed[cells[leaf]] = write(value)
    return typed


def _comma(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def test_a_file_written_with_decimal_commas_gets_one_summary(filled, dti2022, units63):
    path, values = filled
    typed = _numbers_as_text(values, dti2022, _comma)
    cells = leaf_cells(dti2022)
    typed[cells["NTS.06"]] = "20 (ước tính)"      # the one real error
    _type(path, typed)
    result = import_one(path, dti2022, units63)
    commas = sum(1 for v in typed.values() if "," in v)
    first = next(ref for ref, text in typed.items() if "," in text)
    assert commas > 40
    assert issues_of(result, path.name) == [
        ("warning", "value_notation_summary", DATA_SHEET, first),
        ("error", "value_trailing_text", DATA_SHEET, cells["NTS.06"]),
    ]
    summary = result.issues[0]
    assert summary.params["count"] == commas and summary.unit == "48"
    assert render_issue(summary, "en").startswith(
        f"{commas} cells of the file write numbers the same way: a decimal comma, dots between "
        "thousands (1.234,5). For example cell ")
    got = result.values.loc["48"].drop("NTS.06")
    assert all(got[leaf] == pytest.approx(v, abs=0) for leaf, v in values.items()
               if leaf in got and v == v and dti2022.by_code[leaf].rule.kind != "yes_no")


def test_a_file_mixing_notations_keeps_every_warning(filled, dti2022, units63):
    path, values = filled
    typed = _numbers_as_text(values, dti2022, _comma)
    cells = leaf_cells(dti2022)
    typed[cells["NTS.06"]] = "1,234.5"            # an English spelling among decimal commas
    _type(path, typed)
    result = import_one(path, dti2022, units63)
    codes = {i.code.value for i in result.issues}
    assert codes == {"value_cleaned"}
    notations = [i.params["notation"] for i in result.issues]
    assert notations.count("point") == 1 and notations.count("comma") == len(notations) - 1
    [english] = [i for i in result.issues if i.cell == cells["NTS.06"]]
    assert render_issue(english) == "Đã hiểu '1,234.5' là 1234,5 (chỉ tiêu NTS.06)"
    assert result.values.loc["48", "NTS.06"] == 1234.5


def test_a_table_of_three_decimals_is_read_by_the_range(tmp_path, dti2022, units63):
    """Like a consolidated CSV of an index with three decimals (62.879 on a 0–100 scale): every
    row is read; what is truly ambiguous ('1.234' where 0–100000 is allowed) is refused."""
    rows = make_table(dti2022, units63, 63, seed=3)
    rng = np.random.default_rng(3)
    for row in rows:
        row["HTS.01"] = f"{rng.uniform(10, 99.999):.3f}"
    rows[5]["NTS.06"] = "1.234"
    rows[6]["HTS.02"] = "2e-06"
    frame = pd.DataFrame(rows)
    path = tmp_path / "hdi.csv"
    frame.to_csv(path, index=False)
    result = import_inputs([path], dti2022, units63, 2022)
    expected = pd.Series([float(r["HTS.01"]) for r in rows], index=[r["code"] for r in rows])
    assert (result.values["HTS.01"] == expected.reindex(result.values.index)).all()
    assert result.values.loc[rows[6]["code"], "HTS.02"] == 2e-06
    assert math.isnan(result.values.loc[rows[5]["code"], "NTS.06"])
    settled = sum(1 for r in rows if len(r["HTS.01"].split(".")[0]) <= 3
                  and not r["HTS.01"].startswith("0"))
    col = list(frame.columns).index("NTS.06")
    hdi = list(frame.columns).index("HTS.01")
    letter = chr(65 + hdi) if hdi < 26 else "A" + chr(65 + hdi - 26)
    assert [(i.severity.value, i.code.value, i.sheet, i.cell) for i in result.issues] == [
        ("warning", "value_notation_summary", "hdi", f"{letter}2"),
        ("error", "value_ambiguous_number", "hdi", f"{chr(65 + col)}7"),
    ]
    assert result.issues[0].params["count"] == settled == 63
    assert render_issue(result.issues[0]).startswith(
        "63 ô của tệp viết số theo cùng một cách: dấu chấm là dấu thập phân, dấu phẩy tách "
        "hàng nghìn (1,234.5)")
    assert "1 nghìn 234 (1234)" in render_issue(result.issues[1])
    assert "1 phẩy 234 (1,234)" in render_issue(result.issues[1])


def test_the_cli_and_json_show_the_summary(filled, dti2022, units63, tmp_path, capsys):
    path, values = filled
    _type(path, _numbers_as_text(values, dti2022, _comma))
    out = tmp_path / "out.json"
    assert main(["validate", str(path), "--json", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    [issue] = doc["issues"]
    assert issue["code"] == "value_notation_summary" and issue["severity"] == "warning"
    assert "viết số theo cùng một cách: dấu phẩy là dấu thập phân" in issue["message"]
    assert "viết số theo cùng một cách" in capsys.readouterr().out


def test_a_table_percentage_column_of_fractions_is_read_as_written_and_said(tmp_path, dti2022,
                                                                             units63):
    """A consolidated workbook whose % column is formatted as a percentage stores 0.855 for
    85,5 %; a table is read as written, so the column gets one warning on its header."""
    rows = make_table(dti2022, units63, 5, seed=4)
    for row in rows:
        row["HTS.01"] = shift_decimal(row["HTS.01"], -2)
    frame = pd.DataFrame(rows)
    path = tmp_path / "bang.xlsx"
    frame.to_excel(path, index=False)
    result = import_inputs([path], dti2022, units63, 2022)
    assert list(result.values["HTS.01"]) == [row["HTS.01"] for row in rows]   # as written
    col = list(frame.columns).index("HTS.01")
    letter = chr(65 + col) if col < 26 else "A" + chr(65 + col - 26)
    [issue] = result.issues
    assert (issue.severity.value, issue.code.value, issue.cell, issue.node) == \
        ("warning", "table_percent_fractions", f"{letter}1", "HTS.01")
    example = f"{rows[0]['HTS.01']}".replace(".", ",")
    assert render_issue(issue).startswith(
        f"Cột HTS.01 tính theo % nhưng 5 ô của cột đều là số từ -1 đến 1 (ví dụ ô {letter}2 ghi "
        f"{example}): bảng tổng hợp được đọc như đã ghi, nên {example} là {example} %")
