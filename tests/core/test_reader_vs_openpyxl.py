"""What the project reads, compared cell by cell with what openpyxl reads of the same file.

The project's side goes through its own reading entry point (``open_sheets``: the file checks,
then python-calamine) and ``hidden_cells`` (what calamine hides); openpyxl reads the stored
values (``data_only``). Both are put in the values a user would see, by the same rules
(``reader_files.normalised``):

- an empty cell and an empty text are the same; numbers are floats; text is compared without
  surrounding spaces (calamine trims a ``<t>`` without ``xml:space="preserve"``, openpyxl keeps
  it; the readers of this project strip every text anyway);
- a date is a datetime (calamine gives a ``date`` when there is no time part);
- a number shown as a time, a duration or a date before 1910 is the number the cell stores
  (openpyxl's value is turned back into its serial with the file's date system);
- an error value is its text ("#DIV/0!"); a formula without a stored result is marked as such;
- ``_xHHHH_`` escapes in text are decoded, as Excel shows them (openpyxl leaves them as written):
  no workbook here uses them, a test below states the rule.

Workbooks come from openpyxl, xlsxwriter, LibreOffice (fixtures converted from one source, so
the .ods and .xls are compared with openpyxl's reading of LibreOffice's .xlsx of the same
document) and from hand-edited XML (``reader_files.Book``).
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from reader_files import (
    FORMULA_NO_RESULT,
    NS,
    Book,
    cells,
    labelled_book,
    openpyxl_cells,
    project_cells,
    styles,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SHEET = "xl/worksheets/sheet1.xml"


def assert_same(path: Path, expected: dict | None = None) -> dict:
    ours = project_cells(path)
    theirs = openpyxl_cells(path) if expected is None else expected
    assert ours.keys() == theirs.keys()
    for name in ours:
        assert ours[name].keys() == theirs[name].keys(), name
        for ref, value in ours[name].items():
            other = theirs[name][ref]
            if isinstance(value, float) and isinstance(other, float):
                # openpyxl rounds a date's time to the millisecond (1.16e-8 of a day) before we
                # turn it back into a number; the project reads the number stored
                assert math.isclose(value, other, rel_tol=1e-12, abs_tol=1.2e-8), (name, ref)
            else:
                assert value == other, (name, ref)
    return ours


# --- written by openpyxl -------------------------------------------------------------------
VALUES = [
    ("whole", 48, "General"), ("decimal", 62.879, "0.000"), ("negative", -3.5, "General"),
    ("tiny", 1e-9, "0.00E+00"), ("large", 123456789012.0, "#,##0"), ("percent", 0.855, "0.0%"),
    ("text", "Có", "General"), ("spaces", "  lề  ", "@"), ("lines", "dòng 1\ndòng 2", "General"),
    ("yes", True, "General"), ("date", dt.datetime(2024, 5, 17), "dd/mm/yyyy"),
    ("datetime", dt.datetime(2023, 12, 31, 18, 30), "yyyy-mm-dd hh:mm"),
    ("time", dt.time(20, 31, 12), "hh:mm:ss"), ("duration", dt.timedelta(hours=36), "[h]:mm:ss"),
    ("early date", dt.datetime(1900, 1, 5), "dd/mm/yyyy"), ("number as date", 45.0, "d/m/yyyy"),
    ("formula", "=B2*2", "General"), ("markup", "a & <b> \"c\"", "General"),
]


def _openpyxl_book(path: Path, epoch=None) -> Path:
    return labelled_book(path, VALUES, "Bảng", epoch)


def test_a_workbook_written_by_openpyxl(tmp_path):
    ours = assert_same(_openpyxl_book(tmp_path / "openpyxl.xlsx"))
    assert ours["Bảng"]["B17"] == FORMULA_NO_RESULT            # openpyxl stores no result
    assert ours["Bảng"]["B13"] == pytest.approx(20 / 24 + 31 / 1440 + 12 / 86400)


def test_the_1904_date_system(tmp_path):
    ours = assert_same(_openpyxl_book(tmp_path / "mac.xlsx", CALENDAR_MAC_1904))
    assert ours["Bảng"]["B11"] == dt.datetime(2024, 5, 17)


# --- written by xlsxwriter -----------------------------------------------------------------
def _xlsxwriter_book(path: Path, date_1904: bool = False) -> Path:
    book = xlsxwriter.Workbook(str(path), {"date_1904": date_1904})
    ws = book.add_worksheet("Bang")
    bold, day = book.add_format({"bold": True}), book.add_format({"num_format": "dd/mm/yyyy"})
    ws.write_number(0, 0, 1.5)
    ws.write_string(0, 1, "Không")
    ws.write_rich_string(0, 2, "ab ", bold, "cd")
    ws.write_formula(0, 3, "=1/0", None, "#DIV/0!")
    ws.write_formula(0, 4, "=1+1", None, 2)
    ws.write_datetime(0, 5, dt.datetime(2024, 5, 17), day)
    ws.write_boolean(0, 6, True)
    ws.write_string(1, 0, "dùng chung")                          # shared strings, twice
    ws.write_string(2, 0, "dùng chung")
    ws.write_number(2, 3, 0.25, book.add_format({"num_format": "0%"}))
    ws.write_formula(3, 0, "=NA()", None, "#N/A")
    book.close()
    return path


@pytest.mark.parametrize("date_1904", [False, True])
def test_a_workbook_written_by_xlsxwriter(tmp_path, date_1904):
    ours = assert_same(_xlsxwriter_book(tmp_path / "xw.xlsx", date_1904))
    assert ours["Bang"]["D1"] == "#DIV/0!" and ours["Bang"]["A4"] == "#N/A"
    assert ours["Bang"]["C1"] == "ab cd"


# --- written by LibreOffice (committed fixtures, see tests/fixtures/README.md) ---------------
def test_libreoffice_xlsx_reads_the_same():
    assert_same(FIXTURES / "lo_values.xlsx")


@pytest.mark.parametrize("suffix", ["ods", "xls"])
def test_libreoffice_ods_and_xls_read_as_its_xlsx_of_the_same_document(suffix):
    expected = openpyxl_cells(FIXTURES / "lo_values.xlsx")
    assert_same(FIXTURES / f"lo_values.{suffix}", expected)


def test_the_sample_workbook_libreoffice_saved_reads_the_same():
    assert_same(FIXTURES / "DTI2022_48_Da_Nang_libreoffice.xlsx")


# --- hand-edited XML --------------------------------------------------------------------------
DATE_STYLES = styles((0, None), (14, None), (164, "0.0"))


def _edited(tmp_path: Path, change, data: str | None = None, **book) -> Path:
    style = 1 if "styles" in book else None
    made = Book({"Bang": data if data is not None else cells(1, ["a", 45000], style=style)},
                **book)
    change(made)
    return made.save(tmp_path / "edited.xlsx")


EDITS = {
    "inline strings": (lambda b: None, None, {}),
    "rich text inline": (lambda b: b.edit(SHEET, "<is><t>a</t></is>",
                                          "<is><r><t>a</t></r><r><rPr><b/></rPr>"
                                          '<t xml:space="preserve"> b</t></r></is>'), None, {}),
    "shared strings with rich text and phonetic runs": (
        lambda b: b.edit("xl/sharedStrings.xml", "<si><t>y</t></si>",
                         '<si><r><t>y</t></r><r><t xml:space="preserve"> z</t></r>'
                         '<rPh sb="0" eb="1"><t>ph</t></rPh></si>'),
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>',
        {"strings": ["x", "y"]}),
    "a processing instruction before the shared strings": (
        lambda b: b.edit("xl/sharedStrings.xml", "<sst", '<?mso-application progid="x"?><sst'),
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>',
        {"strings": ["x", "y"]}),
    "cells prefixed with the main namespace": (
        lambda b: b.edit(SHEET, '<c r="B1" s="1"><v>45000</v></c>',
                         f'<x:c xmlns:x="{NS}" r="B1" s="1"><x:v>45000</x:v></x:c>'),
        None, {"styles": DATE_STYLES}),
    "attributes in another order, single quotes": (
        lambda b: b.edit(SHEET, '<c r="B1" s="1"><v>45000</v></c>',
                         "<c s='1' r = 'B1' t='n'><v>45000</v></c>"), None,
        {"styles": DATE_STYLES}),
    "a style index written s=\"01\"": (lambda b: b.edit(SHEET, 's="1"', 's="01"'), None,
                                       {"styles": DATE_STYLES}),
    "styles with single quotes and spaces around =": (
        lambda b: b.edit("xl/styles.xml", '<xf numFmtId="14"', "<xf numFmtId = '14'"),
        None, {"styles": DATE_STYLES}),
    "a custom number format that is not a date": (
        lambda b: b.edit(SHEET, 's="1"', 's="2"'), None, {"styles": DATE_STYLES}),
    "shared formulas with their results": (
        lambda b: None, '<row r="1"><c r="A1"><v>2</v></c><c r="B1"><f t="shared" ref="B1:B2" '
        'si="0">A1*2</f><v>4</v></c></row><row r="2"><c r="B2"><f t="shared" si="0"/><v>6</v>'
        "</c></row>", {}),
    "a fake cell in a processing instruction and in extLst": (
        lambda b: b.parts.__setitem__(SHEET, b.parts[SHEET].replace(
            b"</sheetData>", b'<?x <c r="C1"><v>9</v></c>?></sheetData><extLst><ext uri="u">'
            b'<c r="D1"><v>8</v></c></ext></extLst>')), None, {}),
    "cells without references": (
        lambda b: None, '<row><c><v>1</v></c><c t="inlineStr"><is><t>b</t></is></c></row>'
        '<row r="4"><c><v>3</v></c></row>', {}),
    "booleans and errors": (
        lambda b: None, '<row r="1"><c r="A1" t="b"><v>0</v></c><c r="B1" t="e"><v>#VALUE!</v>'
        '</c><c r="C1" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>', {}),
}


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_hand_edited_xml_reads_the_same(tmp_path, edit):
    change, data, extra = EDITS[edit]
    assert_same(_edited(tmp_path, change, data, **extra))


# Part names are case-insensitive, as Excel reads them: a styles part named xl/Styles.xml is the
# styles part (openpyxl only ever looks for xl/styles.xml, so it is not the reference here).
STYLES_PART = (
    lambda b: b.move("xl/styles.xml", "xl/Styles.xml").edit(
        "xl/_rels/workbook.xml.rels", 'Target="styles.xml"', 'Target="Styles.xml"'),
    None, {"styles": DATE_STYLES})


def test_dated_styles_found_whatever_their_spelling(tmp_path):
    """The cases the one-pass reader read as plain numbers: each is a date (45000 is
    2023-03-15), for openpyxl too where it reads the file (``EDITS``)."""
    cases = {edit: EDITS[edit] for edit in (
        "cells prefixed with the main namespace", "a style index written s=\"01\"",
        "styles with single quotes and spaces around =")}
    cases["the styles part named xl/Styles.xml"] = STYLES_PART
    for edit, (change, data, extra) in cases.items():
        ours = project_cells(_edited(tmp_path, change, data, **extra))
        assert ours["Bang"]["B1"] == dt.datetime(2023, 3, 15), edit


def test_escapes_are_decoded_as_excel_shows_them(tmp_path):
    """openpyxl leaves '_x000D_' as written; Excel shows a carriage return, and so do we."""
    path = _edited(tmp_path, lambda b: None, '<row r="1"><c r="A1" t="inlineStr"><is>'
                   "<t>a_x000D_b</t></is></c></row>")
    assert project_cells(path)["Bang"]["A1"] == "a\rb"
    assert openpyxl_cells(path)["Bang"]["A1"] == "a_x000D_b"


# --- the bundled samples, and random workbooks ------------------------------------------------
def test_sample_workbooks_read_the_same():
    from dti_app.core.bundled import bundled_dir

    paths = sorted(bundled_dir("sample_workbooks").glob("*.xlsx"))
    for path in paths[:: len(paths) // 4]:
        assert_same(path)


TEXT = st.text(alphabet=st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyẠảẤầẬ 0123456789"
                                             "&<>\"'%,.;:-_/\n\t()")), max_size=12)
CELL = st.one_of(
    st.none(), TEXT, st.sampled_from(["", " ", " a ", "\xa0", "x\ny"]),
    # numbers a date format can show (openpyxl gives '#VALUE!' beyond year 9999; see below)
    st.integers(-10**5, 2_958_465), st.booleans(),
    st.floats(min_value=-1e5, max_value=2_958_465, allow_nan=False, width=64),
    st.dates(min_value=dt.date(1910, 1, 1), max_value=dt.date(2100, 1, 1)),
    st.sampled_from(["=1+1", "=A1", '="x"']))
FORMATS = st.sampled_from(["General", "0", "0.00", "0.0%", "#,##0", '0 "đ"', "@", "dd/mm/yyyy",
                           "mm:ss", "[h]:mm", "yyyy"])


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(grid=st.lists(st.lists(st.tuples(CELL, FORMATS), min_size=1, max_size=5), min_size=1,
                     max_size=6))
def test_random_workbooks_read_the_same(tmp_path, grid):
    import openpyxl

    book = openpyxl.Workbook()
    for r, row in enumerate(grid, start=1):
        for c, (value, number_format) in enumerate(row, start=1):
            book.active.cell(r, c, value).number_format = number_format
    book.save(tmp_path / "random.xlsx")
    assert_same(tmp_path / "random.xlsx")


def test_a_number_beyond_the_date_range_in_a_date_cell_refuses_its_sheet_by_name(tmp_path):
    """python-calamine cannot turn a number of more than about 10^11 days into a date and stops
    (a Rust panic, caught): the sheet is refused, named; nothing crashes. (openpyxl gives
    '#VALUE!' for any number outside years 1-9999 in a date cell; within calamine's range the
    project reads the number the cell stores.)"""
    from dti_app.core.errors import InputFileError

    path = _edited(tmp_path, lambda b: b.edit(SHEET, "<v>45000</v>", "<v>-1e12</v>"), None,
                   styles=DATE_STYLES)
    with pytest.raises(InputFileError) as caught:
        project_cells(path)
    assert [(i.code.value, i.sheet) for i in caught.value.issues] == [("file_corrupt", "Bang")]
