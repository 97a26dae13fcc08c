"""Damaged and hostile workbooks built from the real template, for ``test_hostile_files``.

Each builder ``f(path, code, kit)`` writes one file for unit ``code``: garbage, truncated or
encrypted zips, bombs, entity tricks, unsafe member names, disguised formats, and templates
edited the ways returned files go wrong (unknown unit, wrong year, rows moved, deleted or doubled,
formulas without a stored result…). ``Kit`` renders filled templates for the units.
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
from file_builders import cfb_bytes
from workbook_kit import YEAR, edit, rewrite_zip, sheet_part

from dti_app.core.criteria_load import load_criteria
from dti_app.core.sample_data import generate_values
from dti_app.core.template import template_bytes
from dti_app.core.template_layout import COVER_SHEET, DATA_SHEET

ROOT = Path(__file__).resolve().parents[1]
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
    scored: bool = False            # the unit still gets a score (provisional for an error)


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
    """An OLE container holding an encrypted OOXML package, as Office writes a workbook with an
    opening password: the streams EncryptionInfo and EncryptedPackage."""
    path.write_bytes(cfb_bytes({"EncryptionInfo": random.Random(1).randbytes(300),
                                "EncryptedPackage": random.Random(2).randbytes(6000)}))


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
