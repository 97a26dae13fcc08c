"""The checks before python-calamine: every sheet it will read is measured, whatever its path or
spelling, and what readers would read differently is refused, each with one clear issue.

Files that would make calamine allocate a huge grid are read in a child process
(``reader_files.read_in_child``): without the check the whole process aborts (exit 134), and an
abort must not take the test run down with it.
"""

from __future__ import annotations

import json
import struct
import zipfile
from pathlib import Path

import pytest
from file_builders import biff_workbook, write_xls
from reader_files import NS, REL, Book, cells, read_in_child, sheet

from dti_app.core.errors import InputFileError
from dti_app.core.spreadsheet import open_sheets

FAR = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
SHEET = "xl/worksheets/sheet1.xml"
RELS = "xl/_rels/workbook.xml.rels"


def refusal(path: Path) -> tuple[str, str]:
    """(reason code, sheet) of the one issue reading ``path`` gives."""
    with pytest.raises(InputFileError) as caught:
        for found in open_sheets(path):
            _ = found.rows
    issues = caught.value.issues
    assert len(issues) == 1, issues
    return issues[0].code.value, issues[0].sheet


def _far_book(data: str = cells(1, ["a", 1]) + FAR) -> Book:
    return Book({"Bang": data})


# --- a far cell, wherever the sheet is and however the cell is written -----------------------
def _moved(to: str, target: str):
    return lambda b: b.move(SHEET, to).edit(RELS, "worksheets/sheet1.xml", target)


PLACES = {
    "upper-case folder and name": _moved("xl/Worksheets/Sheet1.xml", "Worksheets/Sheet1.xml"),
    "a sub-folder": _moved("xl/worksheets/sub/sheet1.xml", "worksheets/sub/sheet1.xml"),
    "an absolute target": _moved("xl/worksheets/sheet1.xml", "/xl/worksheets/sheet1.xml"),
    "a target in another case": _moved("xl/WORKSHEETS/SHEET1.XML", "worksheets/sheet1.xml"),
    "outside xl/": _moved("data/sheet1.xml", "/data/sheet1.xml"),
    "a part no sheet points to": lambda b: b.parts.__setitem__(
        "xl/worksheets/sheet9.xml", sheet(FAR).encode()),
}


@pytest.mark.parametrize("place", PLACES, ids=list(PLACES))
def test_a_far_cell_in_a_sheet_stored_anywhere_is_refused_not_allocated(tmp_path, place):
    book = _far_book() if place != "a part no sheet points to" else Book()
    PLACES[place](book)
    status, printed = read_in_child(book.save(tmp_path / "far.xlsx"))
    assert status == 0, printed                     # no abort
    code, where = json.loads(printed)["issues"][0]
    assert code == "file_sheet_too_large"
    assert where in ("Bang", "xl/worksheets/sheet9.xml")


SPELLINGS = {
    "lower-case reference": '<row r="1048576"><c r="xfd1048576"><v>1</v></c></row>',
    "single quotes": "<row r='1048576'><c r='XFD1048576'><v>1</v></c></row>",
    "spaces around =": '<row r = "1048576"><c r = "XFD1048576"><v>1</v></c></row>',
    "style first": '<row r="1048576"><c s="0" t="n" r="XFD1048576"><v>1</v></c></row>',
    "no references": '<row r="1048576"><c><v>1</v></c></row>' + "<row>" + "<c/>" * 20 + "</row>",
    "'>' in an attribute before r": '<row r="9"><c x="a>b" r="XFD1048576"><v>1</v></c></row>',
    "a prefix bound to the main namespace": (
        f'<x:row xmlns:x="{NS}" r="1048576"><x:c r="XFD1048576"><x:v>1</x:v></x:c></x:row>'),
    "a comment holding a false end tag": '<!-- </sheetData> --><row r="1048576"><c '
                                         'r="XFD1048576"><v>1</v></c></row>',
    "a row number past 32 bits": '<row r="1"><c r="B4294967297"><v>1</v></c></row>',
}


@pytest.mark.parametrize("spelling", SPELLINGS, ids=list(SPELLINGS))
def test_a_far_cell_however_it_is_written_is_refused(tmp_path, spelling):
    path = _far_book(cells(1, ["a", 1]) + SPELLINGS[spelling]).save(tmp_path / "far.xlsx")
    status, printed = read_in_child(path)
    assert status == 0, printed
    assert json.loads(printed)["issues"][0] == ["file_sheet_too_large", "Bang"]


def test_a_wide_but_small_sheet_is_read(tmp_path):
    data = cells(1, ["a", 1]) + '<row r="2"><c r="AB2"><v>7</v></c></row>'
    found = open_sheets(_far_book(data).save(tmp_path / "wide.xlsx"))
    assert found[0].rows[1][27] == 7.0


# --- content calamine would read differently from a namespace-aware reader --------------------
AMBIGUOUS = {
    "a cell in another namespace": lambda b: b.edit(
        SHEET, "</row>", '<o:c xmlns:o="urn:o" r="C1"><o:v>7</o:v></o:c></row>'),
    "a default namespace changed on a cell": lambda b: b.edit(
        SHEET, "</row>", '<c xmlns="urn:o" r="C1"><v>7</v></c></row>'),
    "a value in another namespace": lambda b: b.edit(
        SHEET, "<v>1</v>", '<v>1</v><o:f xmlns:o="urn:o"/>'),
    "a sheet without the SpreadsheetML namespace": lambda b: b.edit(
        SHEET, f'xmlns="{NS}"', 'xmlns="urn:other"'),
    "a CDATA section in a value": lambda b: b.edit(SHEET, "<v>1</v>", "<v><![CDATA[1]]></v>"),
    "a UTF-16 sheet": lambda b: b.parts.__setitem__(
        SHEET, b"\xff\xfe" + b.parts[SHEET].decode().replace("UTF-8", "UTF-16")
        .encode("utf-16-le")),
    "a sheet declared in Latin-1": lambda b: b.edit(SHEET, 'encoding="UTF-8"',
                                                    'encoding="ISO-8859-1"'),
    "two members whose names differ in case": lambda b: b.parts.__setitem__(
        "xl/worksheets/Sheet1.xml", b.parts[SHEET]),
    "a character reference in a target": lambda b: b.edit(RELS, "sheet1.xml", "sheet&#49;.xml"),
    "a relationship in another namespace": lambda b: b.edit(
        RELS, "</Relationships>", '<o:Relationship xmlns:o="urn:o" Id="rId1" Type="x/worksheet" '
        'Target="worksheets/other.xml"/></Relationships>'),
    "a sheet outside the sheet list": lambda b: b.edit(
        "xl/workbook.xml", "</workbook>", '<extLst><sheet name="X" sheetId="9" r:id="rId1"/>'
        "</extLst></workbook>"),
    "date settings written with a prefix": lambda b: b.edit(
        "xl/workbook.xml", "<sheets>", f'<x:workbookPr xmlns:x="{NS}" date1904="1"/><sheets>'),
}


@pytest.mark.parametrize("case", AMBIGUOUS, ids=list(AMBIGUOUS))
def test_content_readers_disagree_on_is_refused_with_one_issue(tmp_path, case):
    book = Book()
    AMBIGUOUS[case](book)
    assert refusal(book.save(tmp_path / "mo_ho.xlsx"))[0] == "file_ambiguous_content"


def test_shared_strings_and_styles_outside_their_namespace_are_refused(tmp_path):
    strings = Book({"Bang": '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'}, strings=["1"])
    strings.edit("xl/sharedStrings.xml", "<t>1</t>", '<t>1</t><o:t xmlns:o="urn:o">0</o:t>')
    assert refusal(strings.save(tmp_path / "chuoi.xlsx"))[0] == "file_ambiguous_content"
    from reader_files import styles

    dated = Book({"Bang": '<row r="1"><c r="A1" s="1"><v>45000</v></c></row>'},
                 styles=styles((0, None), (14, None)))
    dated.edit("xl/styles.xml", "<cellXfs count=\"2\">",
               '<cellXfs count="2"><o:xf xmlns:o="urn:o" numFmtId="0"/>')
    assert refusal(dated.save(tmp_path / "kieu.xlsx"))[0] == "file_ambiguous_content"


def test_a_lone_surrogate_is_refused_at_its_sheet_and_the_json_is_written(tmp_path):
    from dti_app.cli.main import main

    book = Book({"Bang": '<row r="1"><c r="A1" t="inlineStr"><is><t>a&#xD800;b</t></is></c>'
                         "</row>"})
    folder = tmp_path / "vao"
    folder.mkdir()
    book.save(folder / "thay_the.xlsx")
    assert refusal(folder / "thay_the.xlsx") == ("file_corrupt", "Bang")
    out = tmp_path / "ket_qua.json"
    status = main(["validate", str(folder), "--json", str(out)])
    assert status in (1, 2)
    written = json.loads(out.read_text(encoding="utf-8"))
    assert [i["code"] for i in written["issues"] if i["file"] == "thay_the.xlsx"] == \
        ["file_corrupt"]


def test_a_processing_instruction_or_extension_list_plants_nothing(tmp_path):
    pi = '<?fake <c r="B1"><v>99</v></c>?>'
    ext = '<extLst><ext uri="x"><c r="C1"><v>98</v></c></ext></extLst>'
    book = Book({"Bang": cells(1, ["a", 1]) + pi})
    book.parts[SHEET] = sheet(cells(1, ["a", 1]) + pi, after=ext).encode()
    rows = open_sheets(book.save(tmp_path / "gia.xlsx"))[0].rows
    assert rows == [["a", 1.0]]


# --- .xls: the container through olefile -----------------------------------------------------
def test_an_xls_whose_cells_mention_encryptioninfo_is_read(tmp_path):
    text = "EncryptionInfo EncryptedPackage".encode("utf-16-le")
    stream = biff_workbook("Bang", [(0, 0, 4.0), (1, 1, 2.5)])
    stream = stream[:-4] + struct.pack("<HH", 0x7FFE, len(text)) + text + stream[-4:]
    found = open_sheets(write_xls(tmp_path / "chu.xls", stream))
    assert found[0].rows == [[4.0, ""], ["", 2.5]]


def test_an_xls_with_a_filepass_record_is_encrypted(tmp_path):
    stream = biff_workbook("Bang", [(0, 0, 4.0)])
    at = stream.index(struct.pack("<H", 0x0042))                 # after BOF, before CODEPAGE
    stream = stream[:at] + struct.pack("<HH", 0x002F, 6) + bytes(6) + stream[at:]
    assert refusal(write_xls(tmp_path / "khoa.xls", stream))[0] == "file_encrypted"


def test_a_sparse_xls_is_refused_before_it_is_loaded(tmp_path):
    path = write_xls(tmp_path / "thua.xls", biff_workbook("Bang", [(0, 0, 1.0),
                                                                  (65535, 255, 2.0)]))
    status, printed = read_in_child(path)
    assert status == 0 and json.loads(printed)["issues"] == [["file_sheet_too_large", "Bang"]]


# --- the zip container -------------------------------------------------------------------------
def test_duplicate_member_names_are_refused(tmp_path):
    path = Book().save(tmp_path / "trung.xlsx")
    with zipfile.ZipFile(path, "a") as zf, pytest.warns(UserWarning):
        zf.writestr(SHEET, sheet(FAR))
    assert refusal(path)[0] == "file_ambiguous_content"


def test_a_member_that_inflates_beyond_its_declared_size_is_refused(tmp_path):
    path = Book({"Bang": cells(1, ["x" * 5000, 1])}).save(tmp_path / "khai.xlsx")
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46:at + 46 + name_len]) == SHEET.encode():
            struct.pack_into("<I", data, at + 24, 100)              # declares 100 bytes
        at = data.find(b"PK\x01\x02", at + 46)
    path.write_bytes(bytes(data))
    assert refusal(path)[0] in ("file_corrupt", "file_compression_bomb")


def test_a_file_both_ods_and_xlsx_is_refused(tmp_path):
    book = Book()
    book.parts["mimetype"] = b"application/vnd.oasis.opendocument.spreadsheet"
    assert refusal(book.save(tmp_path / "hai.xlsx"))[0] == "file_ambiguous_content"


def test_the_relationships_id_can_carry_any_prefix_as_calamine_reads_it(tmp_path):
    book = Book()
    book.edit("xl/workbook.xml", f'xmlns:r="{REL}"', f'xmlns:r="{REL}" xmlns:q="{REL}"')
    book.edit("xl/workbook.xml", 'r:id="rId1"', 'q:id="rId1"')
    assert open_sheets(book.save(tmp_path / "q.xlsx"))[0].rows == [["a", 1.0]]


# --- what calamine hides: an error value is never a blank cell ---------------------------------
@pytest.mark.parametrize("suffix", ["xlsx", "ods", "xls"])
def test_an_error_value_in_a_table_is_reported_not_read_as_blank(tmp_path, suffix):
    """B.2 is optional (a blank would be scored as missing, silently); #DIV/0! in it is an error
    at its cell, in every format (the .ods and .xls made by LibreOffice from the .xlsx)."""
    from hostile import CRITERIA_YAML
    from workbook_kit import has_soffice, soffice_convert

    from dti_app.core.criteria_load import parse_criteria
    from dti_app.core.importer import import_inputs
    from dti_app.core.units import builtin_register

    criteria = parse_criteria(CRITERIA_YAML, "criteria.yaml")
    source = Book({"Bang": cells(1, ["code", "name", "A.1", "A.2", "B.1", "B.2"])
                   + cells(2, ["01", "Hà Nội", "có", 80, "có"])[:-6]
                   + '<c r="F2" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>'})
    path = source.save(tmp_path / "bang.xlsx")
    if suffix != "xlsx":
        if not has_soffice():
            pytest.skip("LibreOffice (soffice) is not installed")
        path = soffice_convert([path], suffix, tmp_path / "lo")[0]
    result = import_inputs([path], criteria, builtin_register("63"))
    found = [(i.code.value, i.cell, i.value) for i in result.issues if i.severity.value == "error"]
    assert found == [("value_not_number", "F2", "#DIV/0!")]


# --- one XML parser setup ----------------------------------------------------------------------
def test_every_xml_parse_goes_through_the_projects_defusedxml_setup():
    """No module of the tool imports an XML parser but ``safe_xml`` (which uses defusedxml);
    SAX handler base classes and escaping helpers are not parsers."""
    import ast

    root = Path(__file__).resolve().parents[2] / "dti_app"
    allowed = {"xml.sax.handler", "xml.sax.saxutils"}
    offenders = []
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            for name in names:
                parser = name.split(".")[0] in ("lxml", "defusedxml", "xml") and \
                    name not in allowed and not (name == "xml.sax" and path.name == "safe_xml.py")
                if parser and path.name != "safe_xml.py" or name.startswith(("xml.etree",
                                                                               "xml.dom",
                                                                               "xml.parsers")):
                    offenders.append(f"{path.relative_to(root)}: {name}")
    assert offenders == []


def test_a_number_written_1_0_is_never_read_as_10(tmp_path):
    """Python's float() reads '1_0' as 10 (and so does openpyxl); calamine gives the text, and
    the value reader refuses it at its cell."""
    from hostile import CRITERIA_YAML

    from dti_app.core.criteria_load import parse_criteria
    from dti_app.core.importer import import_inputs
    from dti_app.core.units import builtin_register

    criteria = parse_criteria(CRITERIA_YAML, "criteria.yaml")
    book = Book({"Bang": cells(1, ["code", "name", "A.1", "A.2", "B.1", "B.2"])
                 + cells(2, ["01", "Hà Nội", "có", 80, "có"])[:-6]
                 + '<c r="F2"><v>1_0</v></c></row>'})
    result = import_inputs([book.save(tmp_path / "bang.xlsx")], criteria, builtin_register("63"))
    errors = [(i.cell, i.value) for i in result.issues if i.severity.value == "error"]
    assert errors == [("F2", "1_0")]
    assert result.values.loc["01", "B.2"] != result.values.loc["01", "B.2"]   # NaN, not 10


@pytest.mark.parametrize("part", ["docProps/core.xml", "xl/styles.xml", SHEET,
                                  "[Content_Types].xml"])
def test_a_declaration_in_any_xml_part_is_refused(tmp_path, part):
    from reader_files import styles

    book = Book(styles=styles((0, None)))
    book.parts.setdefault("docProps/core.xml", b'<?xml version="1.0"?><cp:coreProperties '
                          b'xmlns:cp="urn:cp"/>')
    body = book.parts[part]
    at = body.index(b"?>") + 2 if body.startswith(b"<?xml") else 0
    book.parts[part] = body[:at] + b'<!DOCTYPE x [<!ENTITY a "b">]>' + body[at:]
    assert refusal(book.save(tmp_path / "dtd.xlsx")) == ("file_unsafe_xml", "")


@pytest.mark.parametrize("where", ["name", "body"])
def test_a_damaged_member_is_refused(tmp_path, where):
    path = Book({"Bang": cells(1, ["x" * 300, 1])}).save(tmp_path / "hong.xlsx")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(SHEET)
    at = info.header_offset + (34 if where == "name" else 30 + len(SHEET) + 20)
    data[at] ^= 0x55              # the member's name in its local header, or its deflated data
    path.write_bytes(bytes(data))
    assert refusal(path)[0] == "file_corrupt"


def test_the_dimension_a_sheet_declares_allocates_nothing(tmp_path):
    """calamine builds its grid from the cells, not from <dimension>: a sheet declaring
    A1:XFD1048576 with one cell is read at once, as its one cell."""
    book = Book()
    book.parts[SHEET] = sheet(cells(1, ["a", 1]),
                              before='<dimension ref="A1:XFD1048576"/>').encode()
    status, printed = read_in_child(book.save(tmp_path / "dim.xlsx"), timeout=30)
    assert status == 0 and json.loads(printed) == {"rows": {"Bang": 1}}
