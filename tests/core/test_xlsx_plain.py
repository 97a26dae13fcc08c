"""The one-pass .xlsx reader gives exactly the rows calamine gives, or steps aside.

Every comparison opens the same file both ways: ``read_plain_xlsx`` (with a general reader
that records whether it was needed) and the general way (``file_safety`` + calamine).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from workbook_kit import has_soffice, soffice_convert

from dti_app.core.bundled import bundled_dir
from dti_app.core.errors import InputFileError
from dti_app.core.sheet_extent import MAX_CELLS, MAX_ROWS
from dti_app.core.spreadsheet import _open_general, open_sheets
from dti_app.core.xlsx_plain import read_plain_xlsx

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _read_all(sheets: list) -> list:
    """(name, visible, formulas, kind, rows) of every sheet, or the issue code that stopped it."""
    try:
        return [(s.name, s.visible, s.formulas, s.kind, s.rows) for s in sheets]
    except InputFileError as exc:
        return [exc.issues[0].code.value]


def both_ways(path: Path) -> tuple[list | None, list, bool]:
    """(plain reading or None, general reading, whether the plain reader needed the general
    one); a reading is ``_read_all``'s list."""
    needed = []

    def general():
        needed.append(True)
        return _open_general(path)

    plain = read_plain_xlsx(path.read_bytes(), general)
    return (None if plain is None else _read_all(plain)), _read_all(_open_general(path)), \
        bool(needed)


def assert_same(plain: list, general: list) -> None:
    assert [s[0] for s in plain] == [s[0] for s in general]
    assert plain == general


def test_every_sample_workbook_is_read_in_one_pass_with_calamines_rows():
    paths = sorted(bundled_dir("sample_workbooks").glob("*.xlsx"))
    assert len(paths) == 63
    for path in paths:
        plain, general, needed = both_ways(path)
        assert plain is not None and not needed, path.name
        assert_same(plain, general)


def test_a_workbook_libreoffice_wrote_shared_strings_and_all_is_read_the_same():
    path = FIXTURES / "DTI2022_48_Da_Nang_libreoffice.xlsx"
    with zipfile.ZipFile(path) as zf:
        assert "xl/sharedStrings.xml" in zf.namelist()
    plain, general, needed = both_ways(path)
    assert plain is not None and not needed
    assert_same(plain, general)
    name, _, _, _, rows = plain[3]
    assert name == "Chỉ số" and rows[5][0] == "NTS.01"


@pytest.mark.skipif(not has_soffice(), reason="LibreOffice (soffice) is not installed")
def test_tricky_text_saved_by_libreoffice_is_read_the_same_both_ways(tmp_path):
    source = _workbook(tmp_path, lambda ws: [ws.append(row) for row in [
        ["Mã", "Giá trị", " lề trái", "lề phải ", "a & <b>", "dòng 1\ndòng 2"],
        ["NTS.01", "Có", " ", "\xa0", 12.5, "=1+1"],
        ["NTS.02", "", "x", "Không", 0.855, '="chữ"']]])
    made = soffice_convert([source], "xlsx", tmp_path / "lo")
    assert made, "LibreOffice made no file"
    with zipfile.ZipFile(made[0]) as zf:
        assert "xl/sharedStrings.xml" in zf.namelist()
    plain, general, _ = both_ways(made[0])
    assert plain is not None
    assert_same(plain, general)


def _workbook(tmp_path: Path, fill) -> Path:
    book = openpyxl.Workbook()
    fill(book.active)
    path = tmp_path / "book.xlsx"
    book.save(path)
    return path


def test_only_a_far_cell_can_make_a_sheet_too_large_so_only_those_go_the_general_way():
    # xlsx_plain hands a file with any cell past column Z or below row 99,999 to the general
    # reader, which measures the sheet; anything nearer must be within the limits
    assert 99_999 <= MAX_ROWS and 26 * 99_999 <= MAX_CELLS


def test_a_number_shown_as_a_date_is_left_to_calamine(tmp_path):
    def fill(ws):
        ws["A1"] = "Ngày"
        ws["B1"] = dt.date(2022, 5, 17)
        ws["B2"] = 45
        ws["B2"].number_format = "[h]:mm"

    path = _workbook(tmp_path, fill)
    plain, general, needed = both_ways(path)
    assert needed  # the sheet was handed to the general reader
    assert_same(plain, general)
    assert open_sheets(path)[0].rows[0][1] == dt.date(2022, 5, 17)


def test_percent_and_custom_number_formats_stay_numbers(tmp_path):
    def fill(ws):
        ws["A1"], ws["A1"].number_format = 0.855, "0.0%"
        ws["A2"], ws["A2"].number_format = 1234.5, "#,##0.00"
        ws["A3"], ws["A3"].number_format = 7, '0 "điểm"'
        ws["A4"], ws["A4"].number_format = 12, "[Red]0;[Blue]-0"

    path = _workbook(tmp_path, fill)
    plain, general, needed = both_ways(path)
    assert plain is not None and not needed
    assert_same(plain, general)
    assert [row[0] for row in plain[0][4]] == [0.855, 1234.5, 7.0, 12.0]


def test_a_formula_without_a_stored_result_reads_as_empty_and_marks_the_sheet(tmp_path):
    def fill(ws):
        ws["A1"] = 2
        ws["A2"] = "=A1*2"

    path = _workbook(tmp_path, fill)
    plain, general, needed = both_ways(path)
    assert plain is not None and not needed
    assert_same(plain, general)
    assert plain[0][2] is True  # the sheet holds a formula
    assert plain[0][4] == [[2.0]]


@pytest.mark.parametrize("member", ["docProps/core.xml", "xl/styles.xml",
                                    "xl/worksheets/sheet1.xml"])
def test_a_declaration_in_any_part_goes_to_the_general_reader_which_refuses_it(tmp_path,
                                                                                member):
    source = _workbook(tmp_path, lambda ws: ws.append(["a", 1]))
    target = tmp_path / "dtd.xlsx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            body = zin.read(info)
            if info.filename == member:
                declaration = body.index(b"?>") + 2 if body.startswith(b"<?xml") else 0
                body = body[:declaration] + b'<!DOCTYPE x [<!ENTITY a "b">]>' + body[declaration:]
            zout.writestr(info, body)
    assert read_plain_xlsx(target.read_bytes(), lambda: []) is None
    with pytest.raises(InputFileError) as caught:
        open_sheets(target)
    assert caught.value.issues[0].code.value == "file_unsafe_xml"


@pytest.mark.parametrize("where", [34, "body"])
def test_a_damaged_member_goes_to_the_general_reader(tmp_path, where):
    source = _workbook(tmp_path, lambda ws: ws.append(["a", 1]))
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    if where == "body":  # inside the compressed sheet: its CRC no longer matches
        where = 30 + len(info.filename) + len(info.extra) + 20
    data[info.header_offset + where] ^= 0x55  # 34: the member's name in its local header
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(bytes(data))
    assert read_plain_xlsx(bytes(data), lambda: []) is None
    with pytest.raises(InputFileError) as caught:
        open_sheets(damaged)
    assert caught.value.issues[0].code.value == "file_corrupt"


def _rewrite_sheet(source: Path, target: Path, change) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            body = zin.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = change(body)
            zout.writestr(info.filename, body)
    return target


@pytest.mark.parametrize("cell", [
    b'<c r="B1" t="n" s="0"><v>7</v></c>',          # attributes in another order
    b'<c r="B1" t="e"><v>#DIV/0!</v></c>',          # an error value
    b'<c r="B1" t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r></is></c>',  # rich text
    b'<c r="B1" t="n" cm="1"><f t="array" ref="B1">1</f><v>7</v></c>',       # other attribute
])
def test_a_cell_of_another_form_sends_its_sheet_to_calamine(tmp_path, cell):
    source = _workbook(tmp_path, lambda ws: ws.append(["a", 1]))
    path = _rewrite_sheet(source, tmp_path / "odd.xlsx",
                          lambda xml: xml.replace(b'<c r="B1" t="n"><v>1</v></c>', cell))
    assert cell in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    plain, general, needed = both_ways(path)
    assert needed
    assert_same(plain, general)


def test_a_zip_with_bytes_before_it_goes_to_the_general_reader(tmp_path):
    source = _workbook(tmp_path, lambda ws: ws.append(["a", 1]))
    data = b"PK\x03\x04junk" + source.read_bytes()
    assert read_plain_xlsx(data, lambda: []) is None


TEXT = st.text(alphabet=st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyẠảẤầẬ 0123456789"
                                             "&<>\"'%,.;:-_/\n\t()")), max_size=12)
CELL = st.one_of(
    st.none(), TEXT, st.sampled_from(["", " ", "\n", " a ", "\xa0", "x\ny"]), st.integers(-10**12, 10**12), st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 1, 1)),
    st.sampled_from(["=1+1", "=A1", '="x"']))
FORMATS = st.sampled_from(["General", "0", "0.00", "0.0%", "#,##0", '0 "đ"', "@",
                           "dd/mm/yyyy", "mm:ss", "[h]:mm", "yyyy"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(grid=st.lists(st.lists(st.tuples(CELL, FORMATS), min_size=1, max_size=5), min_size=1,
                     max_size=6),
       hidden=st.booleans())
def test_random_workbooks_are_read_the_same_both_ways(tmp_path, grid, hidden):
    def fill(ws):
        for r, row in enumerate(grid, start=1):
            for c, (value, number_format) in enumerate(row, start=1):
                ws.cell(r, c, value).number_format = number_format

    def build(book_path: Path) -> None:
        book = openpyxl.Workbook()
        fill(book.active)
        extra = book.create_sheet("Trang ẩn & 2")
        extra["B3"] = "ghi chú"
        extra.sheet_state = "hidden" if hidden else "visible"
        book.save(book_path)

    path = tmp_path / "random.xlsx"
    build(path)
    plain, general, needed = both_ways(path)
    assert plain is not None  # openpyxl's files are plain: at worst one sheet goes general
    event("a sheet read the general way" if needed else "read in one pass")
    assert_same(plain, general)
