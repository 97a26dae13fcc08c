"""A corpus of damaged and hostile workbooks, built here from the real template, in one batch.

Each case writes one file next to two valid workbooks (Hà Nội 01, Hà Giang 02). The whole folder
is imported once, as a user would drop it; every case must show its exact reason code at its
exact sheet and cell, and the valid workbooks (and the cases that only warn) must still be scored.
"""

from __future__ import annotations

import random
import shutil
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from workbook_kit import YEAR, edit, rewrite_zip, sheet_part

from dti_app.core.criteria_load import load_criteria
from dti_app.core.importer import import_inputs
from dti_app.core.sample_data import generate_values
from dti_app.core.scoring import score_units
from dti_app.core.template import template_bytes
from dti_app.core.template_layout import COVER_SHEET, DATA_SHEET, template_filename

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
VALID = ("01", "02")


@dataclass
class Case:
    name: str                       # the file's name
    build: Callable                 # build(path, unit_code, kit) writes the file
    code: str                       # the reason code the user must see for this file
    sheet: str = ""
    cell: str = ""
    severity: str = "error"
    template: bool = False          # made from a unit's filled template (gets its own unit)
    scored: bool = False            # the unit is still scored (the problem is only a warning)


class Kit:
    """What the builders need: the criteria, the register and each unit's filled template."""

    def __init__(self, criteria, register):
        self.criteria, self.register = criteria, register
        self.values = generate_values(criteria, register, seed=11)

    def template(self, path: Path, code: str, criteria=None) -> None:
        criteria = criteria or self.criteria
        values = {k: float(v) for k, v in self.values.loc[code].items()} \
            if criteria is self.criteria else None
        path.write_bytes(template_bytes(criteria, self.register.by_code[code], "63", YEAR,
                                        values=values))


# --- byte-level helpers ----------------------------------------------------------------------
def _patch_central(path: Path, change: Callable[[str, dict], None]) -> None:
    """Edit central-directory fields (flags, uncompressed size) of a zip in place."""
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        flags, = struct.unpack_from("<H", data, at + 8)
        size, = struct.unpack_from("<I", data, at + 24)
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, at + 28)
        name = bytes(data[at + 46:at + 46 + name_len]).decode("utf-8")
        fields = {"flags": flags, "size": size}
        change(name, fields)
        struct.pack_into("<H", data, at + 8, fields["flags"])
        struct.pack_into("<I", data, at + 24, fields["size"])
        at = data.find(b"PK\x01\x02", at + 46 + name_len + extra_len + comment_len)
    path.write_bytes(bytes(data))


def _sheet_xml(path: Path, change: Callable[[bytes], bytes]) -> None:
    part = sheet_part(path)
    rewrite_zip(path, lambda name, data: change(data) if name == part else data)


def _data_sheet(path: Path, change: Callable[[openpyxl.worksheet.worksheet.Worksheet], None]):
    edit(path, lambda wb: change(wb[DATA_SHEET]))


def _cover(path: Path, **cells) -> None:
    def change(wb):
        for ref, value in cells.items():
            wb[COVER_SHEET][ref] = value
    edit(path, change)


# --- builders --------------------------------------------------------------------------------
def garbage(path, code, kit):
    path.write_bytes(random.Random(1).randbytes(64 * 1024))


def truncated(path, code, kit):
    kit.template(path, "04")
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def empty(path, code, kit):
    path.write_bytes(b"")


def ole_encrypted(path, code, kit):
    names = "".join(f"{n}\0" for n in ("EncryptionInfo", "EncryptedPackage")).encode("utf-16-le")
    path.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504) + names + bytes(4096))


def zip_encrypted(path, code, kit):
    kit.template(path, "04")
    _patch_central(path, lambda name, f: f.update(flags=f["flags"] | 1))


def ratio_bomb(path, code, kit):
    kit.template(path, "04")
    zeros = b"\0" * (20 * 1024 * 1024)                      # 20 MB → about 20 KB
    rewrite_zip(path, lambda name, data: data, extra={"xl/media/image1.bin": zeros})


def declared_bomb(path, code, kit):
    kit.template(path, "04")
    part = sheet_part(path)
    _patch_central(path, lambda name, f: f.update(size=0xFFFFFFF0) if name == part else None)


def understated(path, code, kit):
    kit.template(path, "04")
    part = sheet_part(path)
    _patch_central(path, lambda name, f: f.update(size=100) if name == part else None)


def million_rows(path, code, kit):
    kit.template(path, "04")
    rows = b"<row><c><v>1</v></c></row>" * 1_000_000
    _sheet_xml(path, lambda xml: xml.replace(b"</sheetData>", rows + b"</sheetData>"))


def far_cell(path, code, kit):
    kit.template(path, "04")
    cell = b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row>'
    _sheet_xml(path, lambda xml: xml.replace(b"</sheetData>", cell + b"</sheetData>"))


def ods_million_rows(path, code, kit):
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns}>'
               '<office:body><office:spreadsheet><table:table table:name="Chỉ số">'
               '<table:table-row table:number-rows-repeated="1000000"><table:table-cell '
               'office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>'
               '</table:table-row></table:table></office:spreadsheet></office:body>'
               '</office:document-content>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content)
        zf.writestr("META-INF/manifest.xml", '<?xml version="1.0"?><manifest:manifest '
                    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>')


def billion_laughs(path, code, kit):
    kit.template(path, "04")
    dtd = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;")
                                                  * 10) for i in range(1, 10)) + b"]>")
    rewrite_zip(path, lambda name, data: dtd + data.split(b"?>", 1)[-1]
                if name == "xl/workbook.xml" else data)


def external_entity(path, code, kit):
    kit.template(path, "04")
    dtd = b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    _sheet_xml(path, lambda xml: dtd + xml)


def traversal(path, code, kit):
    kit.template(path, "04")
    rewrite_zip(path, lambda name, data: data, extra={"../../dti_evil.txt": b"x"})


def absolute(path, code, kit):
    kit.template(path, "04")
    rewrite_zip(path, lambda name, data: data, extra={"/tmp/dti_evil.xml": b"<x/>"})


def html_xls(path, code, kit):
    path.write_text('<html><head><meta charset="utf-8"></head><body><table><tr><td>Mã</td>'
                    "<td>NTS.01</td></tr></table></body></html>", encoding="utf-8")


def xml2003_xls(path, code, kit):
    path.write_text('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:'
                    'spreadsheet"><Worksheet ss:Name="Chỉ số"/></Workbook>', encoding="utf-8")


def other_zip(path, code, kit):
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")


def not_template(path, code, kit):
    wb = openpyxl.Workbook()
    wb.active.append(["Báo cáo", "không theo mẫu"])
    wb.save(path)


def csv_binary(path, code, kit):
    path.write_bytes(b"code,NTS.01\n01,\0\0\0\n")


def fixture(name):
    def build(path, code, kit):
        shutil.copyfile(FIXTURES / name, path)
    return build


def unknown_unit(path, code, kit):
    kit.template(path, code)
    _cover(path, B5="Tỉnh Mới", B6=None)


def no_unit(path, code, kit):
    kit.template(path, code)
    _cover(path, B5=None, B6=None)
    edit(path, lambda wb: wb.remove(wb["_meta"]))


def code_name_clash(path, code, kit):
    kit.template(path, code)
    _cover(path, B5="Cà Mau")


def renamed(path, code, kit):
    kit.template(path, code)


def wrong_year(path, code, kit):
    kit.template(path, code)
    _cover(path, B8=2021)


def other_framework(path, code, kit):
    kit.template(path, code, load_criteria(ROOT / "criteria" / "dti_2024.yaml"))


def row_deleted(path, code, kit):
    kit.template(path, code)
    _data_sheet(path, lambda ws: ws.delete_rows(8))             # NTS.03


def row_twice(path, code, kit):
    kit.template(path, code)

    def copy(ws):
        ws.append([c.value for c in ws[10]])                    # NTS.05 again, at the end
    _data_sheet(path, copy)


def rows_swapped(path, code, kit):
    kit.template(path, code)

    def swap(ws):
        first, second = [c.value for c in ws[6]], [c.value for c in ws[7]]
        for j, (a, b) in enumerate(zip(first, second), start=1):
            ws.cell(6, j, b)
            ws.cell(7, j, a)
    _data_sheet(path, swap)


def unknown_code(path, code, kit):
    kit.template(path, code)
    _data_sheet(path, lambda ws: ws.append(["NTS.99", "Chỉ tiêu tự thêm", "%", "", "", 0.5]))


def formula_no_cache(path, code, kit):
    kit.template(path, code)
    _data_sheet(path, lambda ws: ws.__setitem__("F11", "=5+5"))   # NTS.06


def cell_value(ref, value):
    def build(path, code, kit):
        kit.template(path, code)
        _data_sheet(path, lambda ws: ws.__setitem__(ref, value))
    return build


def no_meta(path, code, kit):
    kit.template(path, code)
    edit(path, lambda wb: wb.remove(wb["_meta"]))


def header_gone(path, code, kit):
    kit.template(path, code)
    _data_sheet(path, lambda ws: ws.delete_rows(4))


def twice(path, code, kit):
    kit.template(path, "95")


C = Case
CASES = [
    C("rac.xlsx", garbage, "file_not_spreadsheet"),
    C("cat_doi.xlsx", truncated, "file_corrupt"),
    C("rong.xlsx", empty, "file_empty"),
    C("mat_khau_ole.xlsx", ole_encrypted, "file_encrypted"),
    C("mat_khau_zip.xlsx", zip_encrypted, "file_encrypted"),
    C("mat_khau.xls", fixture("mat_khau.xls"), "file_encrypted"),
    C("mat_khau.ods", fixture("mat_khau.ods"), "file_encrypted"),
    C("bom_ti_le.xlsx", ratio_bomb, "file_compression_bomb"),
    C("bom_khai_lon.xlsx", declared_bomb, "file_compression_bomb"),
    C("khai_nho.xlsx", understated, "file_corrupt"),
    C("trieu_dong.xlsx", million_rows, "file_sheet_too_large", DATA_SHEET),
    C("o_xfd.xlsx", far_cell, "file_sheet_too_large", DATA_SHEET),
    C("trieu_dong.ods", ods_million_rows, "file_sheet_too_large", DATA_SHEET),
    C("tiec_cuoi.xlsx", billion_laughs, "file_unsafe_xml"),
    C("thuc_the_ngoai.xlsx", external_entity, "file_unsafe_xml"),
    C("duong_dan.xlsx", traversal, "file_unsafe_member"),
    C("duong_dan_tuyet_doi.xlsx", absolute, "file_unsafe_member"),
    C("xuat_web.xls", html_xls, "file_html_disguised"),
    C("xml_2003.xls", xml2003_xls, "file_html_disguised"),
    C("zip_khac.xlsx", other_zip, "file_not_spreadsheet"),
    C("khong_theo_mau.xlsx", not_template, "file_not_template"),
    C("nhi_phan.csv", csv_binary, "file_not_spreadsheet"),
    C("don_vi_la.xlsx", unknown_unit, "unit_unknown", COVER_SHEET, "B5", template=True),
    C("khong_ghi_don_vi.xlsx", no_unit, "unit_not_stated", COVER_SHEET, "B6", template=True),
    C("ma_ten_lech.xlsx", code_name_clash, "unit_code_name_mismatch", COVER_SHEET, "B5",
      template=True),
    C("DTI2022_01_Ha_Noi_nham.xlsx", renamed, "unit_filename_mismatch", COVER_SHEET, "B5",
      "warning", True, True),
    C("nam_2021.xlsx", wrong_year, "year_mismatch", COVER_SHEET, "B8", template=True),
    C("mau_2024.xlsx", other_framework, "criteria_version_mismatch", COVER_SHEET, "B11",
      template=True),
    C("xoa_dong.xlsx", row_deleted, "row_missing", DATA_SHEET, "F8", template=True,
      scored=True),
    C("dong_lap.xlsx", row_twice, "row_duplicate", DATA_SHEET, "F10, F112", template=True,
      scored=True),
    C("doi_cho.xlsx", rows_swapped, "row_moved", DATA_SHEET, "F7", "warning", True, True),
    C("ma_la.xlsx", unknown_code, "row_unknown_code", DATA_SHEET, "A112", "warning", True, True),
    C("cong_thuc.xlsx", formula_no_cache, "value_formula_no_cache", DATA_SHEET, "F11",
      template=True, scored=True),
    C("chu.xlsx", cell_value("F11", "mười"), "value_not_number", DATA_SHEET, "F11",
      template=True, scored=True),
    C("qua_lon.xlsx", cell_value("F11", 200000), "value_out_of_range", DATA_SHEET, "F11",
      template=True, scored=True),
    C("uoc_tinh.xlsx", cell_value("F11", "5 (ước tính)"), "value_trailing_text", DATA_SHEET,
      "F11", template=True, scored=True),
    C("bo_trong.xlsx", cell_value("F6", None), "value_missing", DATA_SHEET, "F6",
      template=True, scored=True),
    C("co_le.xlsx", cell_value("F6", "có lẽ"), "value_not_yes_no", DATA_SHEET, "F6",
      template=True, scored=True),
    C("khong_meta.xlsx", no_meta, "template_no_meta", "", "", "warning", True, True),
    C("mat_tieu_de.xlsx", header_gone, "sheet_missing", DATA_SHEET, template=True),
    C("DTI2022_95_Bac_Lieu.xlsx", twice, "unit_duplicate", DATA_SHEET),
    C("DTI2022_95_Bac_Lieu_lan_2.xlsx", twice, "unit_duplicate", DATA_SHEET),
]


@pytest.fixture(scope="module")
def batch(tmp_path_factory, dti2022, units63):
    folder = tmp_path_factory.mktemp("hostile")
    kit = Kit(dti2022, units63)
    for code in VALID:
        kit.template(folder / template_filename(units63.by_code[code], YEAR), code)
    pool = iter(c for c in units63.codes if c not in (*VALID, "95"))
    units = {}
    for case in CASES:
        units[case.name] = next(pool) if case.template else ""
        case.build(folder / case.name, units[case.name], kit)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = import_inputs([folder], dti2022, units63, YEAR)
    scores = score_units(dti2022, result.values, units63, result.invalid)
    after = {p.name: p.read_bytes() for p in folder.iterdir()}
    return result, scores, units, kit, before == after


def test_corpus_is_large_enough():
    assert len(CASES) >= 25
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_file_reports_its_reason_at_its_cell(batch, case):
    result, scores, units, _, _ = batch
    found = [(i.severity.value, i.code.value, i.sheet, i.cell) for i in result.issues
             if i.file == case.name]
    assert (case.severity, case.code, case.sheet, case.cell) in found, found
    unit = units[case.name]
    if case.scored:
        assert scores.status[unit] == "scored"
    elif unit:
        assert scores.status[unit] in ("missing", "invalid")


def test_file_level_refusals_say_nothing_else(batch):
    result = batch[0]
    for case in CASES:
        if not case.template and case.code.startswith("file_"):
            issues = [i for i in result.issues if i.file == case.name]
            assert len(issues) == 1, (case.name, issues)


def test_valid_files_in_the_same_batch_are_scored(batch):
    result, scores, _, kit, _ = batch
    for code in VALID:
        assert scores.status[code] == "scored"
        assert result.values.loc[code].equals(kit.values.loc[code].rename(code))
        assert 0 < scores.shown[code] < 1


def test_unusable_units_are_invalid_not_silently_missing(batch):
    _, scores, units, _, _ = batch
    assert scores.status[units["nam_2021.xlsx"]] == "invalid"
    assert scores.status[units["mau_2024.xlsx"]] == "invalid"
    assert scores.status["95"] == "invalid"                    # sent twice, nobody chose


def test_input_files_are_never_changed(batch):
    assert batch[4]


def test_messages_are_vietnamese_sentences_without_gaps(batch):
    from dti_app.core.messages import render_issue

    for issue in batch[0].issues:
        for lang in ("vi", "en"):
            text = render_issue(issue, lang)
            assert "?" not in text.replace("(?)", ""), (issue.code, text)
    bomb = next(i for i in batch[0].issues if i.file == "bom_ti_le.xlsx")
    assert render_issue(bomb).startswith("Tệp nén bất thường")


def test_bombs_are_refused_before_inflating(tmp_path, dti2022, units63):
    """A 4 GB declared member is refused from the zip directory, in well under a second."""
    import time

    path = tmp_path / "bom.xlsx"
    declared_bomb(path, "", Kit(dti2022, units63))
    started = time.perf_counter()
    result = import_inputs([path], dti2022, units63, YEAR)
    assert time.perf_counter() - started < 1.0
    assert [i.code.value for i in result.issues] == ["file_compression_bomb"]
