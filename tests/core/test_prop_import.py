"""Properties of the importer on random cell values and random edits of the files.

Every input cell of a consolidated table (CSV, and xlsx written with openpyxl) and of a filled
self-assessment template gets a random value of any type: text with commas, percent signs and
garbage, floats including inf and NaN, huge integers, booleans, dates, times, empty. The files are
then edited at random: unit rows shuffled, blank rows inserted, rows deleted, cells merged, extra
sheets (hidden or not) added before the data.

Whatever the draw, ``import_inputs`` raises nothing; every issue names its file, and every value
issue its sheet and the very cell the value was written to; every value used is finite and within
the sub-indicator's valid range (0 or 1 for yes/no); a clean number is read exactly; and the
result does not depend on the order of the files or of the rows.
"""

from __future__ import annotations

import csv
import io
import math
import re
from datetime import date, datetime
from pathlib import Path

import pandas as pd
from hostile import CRITERIA_YAML, LEAVES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from dti_app.core.criteria_load import parse_criteria
from dti_app.core.errors import DtiError
from dti_app.core.importer import import_inputs
from dti_app.core.issues import cell_ref
from dti_app.core.number_text import shift_decimal
from dti_app.core.template import leaf_cells, template_bytes
from dti_app.core.units import builtin_register

CRITERIA = parse_criteria(CRITERIA_YAML, "tieu_chi.yaml")
REGISTER = builtin_register("63")
UNITS = ["01", "02", "04", "06", "08", "10", "11", "12"]
SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])
CELL_REF = re.compile(r"^[A-Z]{1,3}[1-9][0-9]*$")

NUMBER_TEXT = st.builds(
    lambda v, style: style.format(v).replace(".", ",") if "," in style else style.format(v),
    st.floats(-1e7, 1e7, allow_nan=False),
    st.sampled_from(["{}", "{:.1f}", "{:,.2f}", " {:.0f} ", "{:.1f}%", "{:.1f} %", "{:.2f},",
                     "{:.1f}abc", "~{}", "{0}{0}", "{:e}", "--{}", "+{:.1f}", "{:.3f}'"]))
TEXT = st.one_of(
    st.text(max_size=12),
    NUMBER_TEXT,
    st.sampled_from(["có", "Có", "không", "KHÔNG", "x", "X", "yes", "no", "1", "0", "-", "✓",
                     "N/A", "#DIV/0!", "=1+1", "=SUM(A1:A3)", "@cmd", "85,5 %", "1.234,5",
                     "1,234.5", "1 234", "12'345", "0,5%", "%", ",", ".", "..5", "9" * 400,
                     "\u00a012\u00a0", "１２", "٣", "½", "1e3", "NaN", "inf", "-0"]),
)
CELL = st.one_of(
    st.none(), TEXT,
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(10 ** 20), 10 ** 20), st.booleans(),
    st.dates(date(1901, 1, 1), date(9999, 12, 31)),
    st.datetimes(datetime(1901, 1, 1), datetime(9999, 1, 1)),
    st.times(),
)
# Clean values: what a careful officer types, so the result is known.
CLEAN = {"yes_no": st.sampled_from([("có", 1.0), ("không", 0.0), (1, 1.0), (0, 0.0)]),
         "A.2": st.integers(0, 1000).map(lambda n: (n / 10, n / 10)),
         "B.2": st.integers(0, 1000).map(lambda n: (n, float(n)))}


def _clean(leaf: str):
    return CLEAN["yes_no" if CRITERIA.by_code[leaf].rule.kind == "yes_no" else leaf]


@st.composite
def grids(draw) -> tuple[list[str], dict[tuple[str, str], object], dict[tuple[str, str], float]]:
    """Units, the value of each (unit, leaf) cell, and the expected value where it is clean."""
    units = draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=6, unique=True))
    values, expected = {}, {}
    for unit in units:
        for leaf in LEAVES:
            if draw(st.integers(0, 2)) == 0:
                raw, value = draw(_clean(leaf))
                expected[unit, leaf] = value
            else:
                raw = draw(CELL)
            values[unit, leaf] = raw
    return units, values, expected


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value)) if value != 0 or math.copysign(1, value) > 0 else "0"
    return str(value)


def _excel_safe(value: object) -> object:
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _table_rows(units, values, blank_rows: list[int], leading: int):
    """Header + one row per unit (columns: code, name, leaves, note); blank rows inserted.

    Returns the rows and, per (unit, leaf), the cell reference the value went to.
    """
    header = ["code", "name", *LEAVES, "ghi chú"]
    rows: list[list[object]] = [[] for _ in range(leading)] + [header]
    where = {}
    for i, unit in enumerate(units):
        if i in blank_rows:
            rows.append([])
        r = len(rows)
        rows.append([unit, REGISTER.by_code[unit].name_vi,
                     *[values[unit, leaf] for leaf in LEAVES], "ghi chú " + unit])
        for j, leaf in enumerate(LEAVES):
            where[unit, leaf] = cell_ref(r, 2 + j)
    return rows, where


def _write_csv(path: Path, rows) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([[_as_text(v) for v in row] for row in rows])
    return path


def _write_xlsx(path: Path, rows, extra_sheets: list[tuple[str, bool]], merges: list[str]
                ) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for title, hidden in extra_sheets:
        ws = wb.create_sheet(title)
        ws.append(["Ghi chú", "không phải dữ liệu", 12.5, None, "A.9"])
        ws.sheet_state = "hidden" if hidden else "visible"
    ws = wb.create_sheet("Bảng tổng hợp")
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            ws.cell(r, c, _excel_safe(value))
    for ref in merges:
        ws.merge_cells(ref)
    wb.active = len(wb.sheetnames) - 1
    wb.save(path)
    return path


def _check_result(result, files: set[str], where: dict[tuple[str, str], str],
                  expected: dict[tuple[str, str], float], covered: frozenset[tuple[str, str]] = frozenset()
                  ) -> None:
    for issue in result.issues:
        assert issue.file in files, issue
        if issue.code.value.startswith("value_"):
            assert issue.sheet and CELL_REF.match(issue.cell), issue
            if (issue.unit, issue.node) in where:
                assert issue.cell == where[issue.unit, issue.node], issue
    for unit in result.values.index:
        for leaf in LEAVES:
            value = result.values.at[unit, leaf]
            node = CRITERIA.by_code[leaf]
            if math.isnan(value):
                continue
            assert math.isfinite(value)
            if node.rule.kind == "yes_no":
                assert value in (0.0, 1.0)
            if node.valid_range:
                assert node.valid_range[0] <= value <= node.valid_range[1]
            if (unit, leaf) in where and not result.cells.at[unit, leaf] == "":
                assert result.cells.at[unit, leaf] == where[unit, leaf]
    for (unit, leaf), value in expected.items():
        if unit in result.values.index and (unit, leaf) not in covered:
            assert result.values.at[unit, leaf] == value, (unit, leaf)


def _import(paths: list[Path]):
    try:
        return import_inputs(paths, CRITERIA, REGISTER)
    except DtiError:          # documented: the core's own errors only
        raise AssertionError("import_inputs must report problems as issues") from None


@SETTINGS
@given(grid=grids(), data=st.data())
def test_random_values_in_a_consolidated_csv(tmp_path_factory, grid, data):
    units, values, expected = grid
    blank = data.draw(st.lists(st.integers(0, len(units)), max_size=3))
    rows, where = _table_rows(units, values, blank, data.draw(st.integers(0, 3)))
    folder = tmp_path_factory.mktemp("csv")
    result = _import([_write_csv(folder / "bang.csv", rows)])
    _check_result(result, {"bang.csv"}, where, expected)
    file_level = [i for i in result.issues if not i.cell and i.severity.value == "error"]
    if not file_level:
        assert sorted(result.values.index) == sorted(units)


@SETTINGS
@given(grid=grids(), data=st.data())
def test_random_values_and_sheet_edits_in_a_consolidated_xlsx(tmp_path_factory, grid, data):
    units, values, expected = grid
    blank = data.draw(st.lists(st.integers(0, len(units)), max_size=3))
    rows, where = _table_rows(units, values, blank, data.draw(st.integers(0, 3)))
    extra = data.draw(st.lists(st.tuples(st.sampled_from(["Hướng dẫn", "Ghi chú", "Sheet9"]),
                                         st.booleans()), max_size=3, unique_by=lambda t: t[0]))
    covered: set[tuple[str, str]] = set()
    merges = []
    if data.draw(st.booleans()):           # merge a unit's first two value cells
        unit = data.draw(st.sampled_from(units))
        left = where[unit, LEAVES[0]]
        merges.append(f"{left}:{where[unit, LEAVES[1]]}")
        covered.add((unit, LEAVES[1]))
        expected = {k: v for k, v in expected.items() if k != (unit, LEAVES[1])}
    folder = tmp_path_factory.mktemp("xlsx")
    result = _import([_write_xlsx(folder / "bang.xlsx", rows, extra, merges)])
    _check_result(result, {"bang.xlsx"}, where, expected, frozenset(covered))
    for unit, leaf in covered:
        if unit in result.values.index:
            assert math.isnan(result.values.at[unit, leaf])


@SETTINGS
@given(grid=grids(), data=st.data())
def test_the_order_of_rows_and_files_does_not_change_the_result(tmp_path_factory, grid, data):
    units, values, _ = grid
    split = data.draw(st.integers(0, len(units)))
    overlap = data.draw(st.lists(st.sampled_from(units), max_size=2, unique=True))
    first, second = units[:split], units[split:] + [u for u in overlap if u in units[:split]]
    folder = tmp_path_factory.mktemp("order")
    a = _write_csv(folder / "a_bang.csv", _table_rows(first, values, [], 0)[0])
    b = _write_xlsx(folder / "b_bang.xlsx", _table_rows(second, values, [], 0)[0], [], [])
    shuffled = data.draw(st.permutations(second))
    b2 = _write_xlsx(folder / "c_bang.xlsx", _table_rows(shuffled, values, [1], 2)[0],
                     [("Trang phụ", True)], [])
    one = _import([a, b])
    two = _import([b, a])
    assert [i.to_dict() for i in one.issues] == [i.to_dict() for i in two.issues]
    pd.testing.assert_frame_equal(one.values, two.values)
    pd.testing.assert_frame_equal(one.cells, two.cells)
    assert [f.name for f in one.files] == [f.name for f in two.files]
    # the same units in another row order, with a blank row and a hidden sheet: same values
    plain, moved = _import([b]), _import([b2])
    pd.testing.assert_frame_equal(plain.values, moved.values)
    key = [(i.code, i.unit, i.node, i.value) for i in plain.issues if i.unit]
    assert sorted(key) == sorted((i.code, i.unit, i.node, i.value) for i in moved.issues
                                 if i.unit)


# --- filled self-assessment templates -------------------------------------------------------
CELLS = leaf_cells(CRITERIA)
TEMPLATE = {u: template_bytes(CRITERIA, REGISTER.by_code[u], "63", 2024,
                              when=datetime(2024, 1, 1)) for u in ("06", "08")}


@st.composite
def template_edits(draw):
    unit = draw(st.sampled_from(sorted(TEMPLATE)))
    values, expected = {}, {}
    for leaf in LEAVES:
        if draw(st.integers(0, 2)) == 0:
            raw, value = draw(_clean(leaf))
            if leaf == "A.2":           # a percentage cell stores a fraction: what Excel keeps
                raw = shift_decimal(value, -2)  # for 0,7 % is the float nearest 0.007
            expected[leaf] = value
        else:
            raw = draw(CELL)
        values[leaf] = raw
    edits = draw(st.lists(st.sampled_from(["insert_top", "insert_middle", "swap_rows",
                                           "delete_row", "merge_evidence", "merge_value",
                                           "extra_sheet", "hidden_extra_sheet", "hide_cover"]),
                          max_size=4, unique=True))
    return unit, values, expected, edits


def _edited_template(path: Path, unit: str, values: dict, edits: list[str]
                     ) -> tuple[dict[str, str], set[str]]:
    """Write the template with ``values`` and ``edits``; return where each leaf ended, and the
    leaves whose value cannot be used (deleted row, cell covered by a merge)."""
    wb = load_workbook(io.BytesIO(TEMPLATE[unit]))
    ws = wb["Chỉ số"]
    for leaf, ref in CELLS.items():
        ws[ref] = _excel_safe(values[leaf])
    rows = {leaf: int(ref[1:]) for leaf, ref in CELLS.items()}
    lost: set[str] = set()
    if "swap_rows" in edits:               # A.1 and A.2 change places, every column
        a, b = rows["A.1"], rows["A.2"]
        for col in range(1, 8):
            top, low = ws.cell(a, col), ws.cell(b, col)     # values with their formats
            top.value, low.value = low.value, top.value
            top._style, low._style = low._style, top._style
        rows["A.1"], rows["A.2"] = b, a
    if "delete_row" in edits:
        ws.delete_rows(rows["B.1"])
        lost.add("B.1")
        rows = {k: (r - 1 if r > rows["B.1"] else r) for k, r in rows.items() if k != "B.1"}
    for where, at in (("insert_top", 5), ("insert_middle", 8)):
        if where in edits:
            ws.insert_rows(at, 2)
            rows = {k: (r + 2 if r >= at else r) for k, r in rows.items()}
    if "merge_evidence" in edits:
        ws.merge_cells(f"G{min(rows.values())}:G{max(rows.values())}")
    if "merge_value" in edits and "B.2" in rows:
        ws.merge_cells(f"E{rows['B.2']}:F{rows['B.2']}")   # the value cell is covered
        lost.add("B.2")
    if "extra_sheet" in edits:
        wb.create_sheet("Tổng hợp riêng", 0).append(["A.1", "có", "A.2", 0.5])
    if "hidden_extra_sheet" in edits:
        wb.create_sheet("Nháp").sheet_state = "hidden"
    if "hide_cover" in edits:
        wb["Bìa"].sheet_state = "hidden"
    wb.save(path)
    return {leaf: f"F{r}" for leaf, r in rows.items()}, lost


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(case=template_edits())
def test_random_values_and_edits_in_a_filled_template(tmp_path_factory, case):
    unit, values, expected, edits = case
    path = tmp_path_factory.mktemp("mau") / f"mau_{unit}.xlsx"
    where, lost = _edited_template(path, unit, values, edits)
    result = _import([path])
    for issue in result.issues:
        assert issue.file == path.name, issue
        if issue.code.value.startswith("value_"):
            assert issue.sheet == "Chỉ số" and issue.cell == where[issue.node], issue
    if "delete_row" in edits:
        assert any(i.code.value == "row_missing" and i.node == "B.1" for i in result.issues)
    if unit in result.values.index:
        for leaf in LEAVES:
            value = result.values.at[unit, leaf]
            node = CRITERIA.by_code[leaf]
            assert math.isnan(value) or (math.isfinite(value) and (
                node.valid_range is None
                or node.valid_range[0] <= value <= node.valid_range[1]))
            if leaf in expected and leaf not in lost:
                assert value == expected[leaf], (leaf, values[leaf], value)
            if leaf in lost:
                assert math.isnan(value), leaf
            if not math.isnan(value):
                assert result.cells.at[unit, leaf] == where[leaf]
    else:
        assert any(i.severity.value == "error" and i.unit in ("", unit) for i in result.issues)

