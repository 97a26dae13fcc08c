"""Writing self-assessment templates: one workbook per unit, generated from the criteria.

A template has a cover sheet (unit, code set, year, criteria id/version/SHA-256, contact fields),
an instructions sheet, the "Thông tin chung" sheet (collected, not scored), the indicator sheet
(one row per sub-indicator, grouped under its main indicator, with data validation on the input
cells) and a hidden ``_meta`` sheet that records the format version, the criteria, the unit, the
year, how percentages are stored and the expected cell of every sub-indicator, so the reader can
tell when rows were moved, deleted or duplicated. Structure cells are locked (sheet protection
without a password); input cells are not. Layout constants live in ``template_layout``, the input
cells' formats and checks in ``template_inputs``, the instructions in ``template_guide``.

``write_template`` can also fill the values (used for the sample workbooks and for tests).
Every file is written atomically.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dti_app import __version__
from dti_app.core.atomic import atomic_write_bytes
from dti_app.core.criteria import Criteria
from dti_app.core.template_guide import guide_lines
from dti_app.core.template_inputs import (
    Validations,
    cell_value,
    is_percent,
    range_text,
)
from dti_app.core.template_layout import (
    COLUMNS,
    COVER_FIELDS,
    COVER_SHEET,
    DATA_HEADERS,
    DATA_SHEET,
    FORMAT,
    FORMAT_VERSION,
    GENERAL_FIELDS,
    GENERAL_SHEET,
    GUIDE_SHEET,
    HEADER_ROW,
    META_SHEET,
    PERCENT_FORMAT,
    SYNTHETIC_NOTE,
    template_filename,
)
from dti_app.core.units import Unit, UnitRegister

__all__ = ["write_template", "write_templates", "template_bytes", "leaf_cells", "row_order"]

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
GREY = Font(italic=True, color="666666")
RED = Font(bold=True, color="C00000")
GROUP_FILL = PatternFill("solid", fgColor="DDEBF7")
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
HEAD_FILL = PatternFill("solid", fgColor="BDD7EE")
WRAP = Alignment(wrap_text=True, vertical="top")
UNLOCKED = Protection(locked=False)


def _put(ws: Worksheet, row: int, col: int, value: object) -> Cell:
    """Write a value; text is always text (never a formula), without characters Excel refuses."""
    cell = ws.cell(row, col)
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"
    else:
        cell.value = value
    return cell


def _protect(ws: Worksheet, landscape: bool = False) -> None:
    """Lock the sheet (no password: it guards against slips, not people); print one page wide."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False   # widths may still be changed
    ws.protection.formatRows = False
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _cover(wb: Workbook, criteria: Criteria, unit: Unit, code_set: str, year: int,
           contact: Mapping[str, str], synthetic: bool) -> None:
    ws = wb.active
    ws.title = COVER_SHEET
    ws["A1"] = "PHIẾU TỰ ĐÁNH GIÁ CHỈ SỐ CHUYỂN ĐỔI SỐ"
    ws["A1"].font = TITLE
    ws["A2"] = f"{criteria.name('vi')} — {criteria.name('en')}"
    ws["A2"].font = GREY
    if synthetic:
        ws["A3"] = SYNTHETIC_NOTE
        ws["A3"].font = RED
    known = {"unit_name": unit.name_vi, "unit_code": unit.code, "code_set": code_set,
             "year": year, "criteria_name": criteria.name("vi"), "criteria_id": criteria.id,
             "criteria_version": criteria.version, "criteria_sha256": criteria.sha256,
             "data_note": SYNTHETIC_NOTE if synthetic else ""}
    for i, (key, vi, en, editable) in enumerate(COVER_FIELDS):
        row = 5 + i
        ws.cell(row, 1, vi).font = BOLD
        value = contact.get(key) if editable else known.get(key)
        cell = _put(ws, row, 2, value if value not in ("", None) else None)
        cell.alignment = WRAP
        if editable:
            cell.protection = UNLOCKED
            cell.fill = INPUT_FILL
        if key == "data_note" and synthetic:
            cell.font = RED
        ws.cell(row, 3, en).font = GREY
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].width = 22
    _protect(ws)


def _guide(wb: Workbook, unit: Unit, year: int, criteria: Criteria) -> None:
    ws = wb.create_sheet(GUIDE_SHEET)
    for row, (style, text) in enumerate(guide_lines(unit.label, year, criteria.label), start=1):
        cell = ws.cell(row, 1, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.font = TITLE if style == "title" else BOLD if style == "head" else Font()
    ws.column_dimensions["A"].width = 110
    _protect(ws)


def _general(wb: Workbook, general: Mapping[str, object]) -> None:
    ws = wb.create_sheet(GENERAL_SHEET)
    ws["A1"] = "THÔNG TIN CHUNG (thu thập, không tính điểm / collected, not scored)"
    ws["A1"].font = TITLE
    for j, title in enumerate(("Mã", "Nội dung", "Đơn vị tính", "Giá trị", "English"), start=1):
        ws.cell(3, j, title).font = BOLD
        ws.cell(3, j).fill = HEAD_FILL
    for i, (code, vi, en, unit) in enumerate(GENERAL_FIELDS):
        row = 4 + i
        ws.cell(row, 1, code)
        ws.cell(row, 2, vi).alignment = WRAP
        ws.cell(row, 3, unit)
        cell = _put(ws, row, 4, general.get(code))
        cell.protection = UNLOCKED
        cell.fill = INPUT_FILL
        ws.cell(row, 5, en).font = GREY
    for col, width in zip("ABCDE", (8, 50, 14, 20, 40)):
        ws.column_dimensions[col].width = width
    _protect(ws)


def row_order(criteria: Criteria) -> list[str]:
    """Node codes in the order of the indicator sheet's rows: each group, then its children."""
    order: list[str] = []

    def visit(code: str) -> None:
        order.append(code)
        for child in criteria.children.get(code, ()):
            visit(child)

    for top in criteria.main_indicators:
        visit(top)
    return order


def leaf_cells(criteria: Criteria) -> dict[str, str]:
    """Where each sub-indicator's input cell is in a fresh template ('NTS.01' -> 'F6')."""
    letter = get_column_letter(COLUMNS["value"])
    return {code: f"{letter}{row}" for row, code in enumerate(row_order(criteria),
                                                              start=HEADER_ROW + 1)
            if criteria.by_code[code].is_leaf}


def _data(wb: Workbook, criteria: Criteria, unit: Unit, year: int,
          values: Mapping[str, float], evidence: Mapping[str, str]) -> dict[str, int]:
    """Write the indicator sheet; return the row of every leaf."""
    ws = wb.create_sheet(DATA_SHEET)
    ws["A1"] = f"CHỈ SỐ ĐÁNH GIÁ — {unit.name_vi} ({unit.code}) — năm {year}"
    ws["A1"].font = TITLE
    value_col = get_column_letter(COLUMNS["value"])
    ws["A2"] = (f"Nhập giá trị vào cột {value_col} (ô màu vàng), minh chứng vào cột "
                f"{get_column_letter(COLUMNS['evidence'])}. Không chèn, xóa hay sắp xếp dòng.")
    ws["A2"].font = GREY
    for key, col in COLUMNS.items():
        vi, en = DATA_HEADERS[key]
        cell = ws.cell(HEADER_ROW, col, f"{vi}\n({en})")
        cell.font, cell.fill, cell.alignment = BOLD, HEAD_FILL, WRAP
    validations = Validations(ws)
    rows: dict[str, int] = {}
    for row, code in enumerate(row_order(criteria), start=HEADER_ROW + 1):
        node = criteria.by_code[code]
        if not node.is_leaf:
            ws.cell(row, COLUMNS["code"], code).font = BOLD
            _put(ws, row, COLUMNS["name"], node.name_vi).font = BOLD
            ws.cell(row, COLUMNS["points"], criteria.max_points(code)).font = BOLD
            for col in COLUMNS.values():
                ws.cell(row, col).fill = GROUP_FILL
            continue
        ws.cell(row, COLUMNS["code"], code)
        _put(ws, row, COLUMNS["name"], node.name_vi).alignment = WRAP
        ws.cell(row, COLUMNS["unit"], node.unit)
        ws.cell(row, COLUMNS["range"], range_text(node))
        ws.cell(row, COLUMNS["points"], criteria.max_points(code))
        cell = ws.cell(row, COLUMNS["value"], cell_value(node, values.get(code)))
        cell.protection, cell.fill = UNLOCKED, INPUT_FILL
        if is_percent(node):
            cell.number_format = PERCENT_FORMAT
        note = _put(ws, row, COLUMNS["evidence"], evidence.get(code) or None)
        note.protection, note.fill, note.alignment = UNLOCKED, INPUT_FILL, WRAP
        validations.add(node, cell.coordinate)
        rows[code] = row
    for key, width in (("code", 11), ("name", 62), ("unit", 13), ("range", 15), ("points", 9),
                       ("value", 16), ("evidence", 40)):
        ws.column_dimensions[get_column_letter(COLUMNS[key])].width = width
    ws.row_dimensions[HEADER_ROW].height = 48
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, COLUMNS["unit"])
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    _protect(ws, landscape=True)
    return rows


def _meta(wb: Workbook, criteria: Criteria, unit: Unit, code_set: str, year: int,
          rows: dict[str, int], synthetic: bool) -> None:
    ws = wb.create_sheet(META_SHEET)
    value_col = get_column_letter(COLUMNS["value"])
    pairs: list[tuple[str, object]] = [
        ("format", FORMAT), ("format_version", FORMAT_VERSION),
        ("criteria_id", criteria.id), ("criteria_version", criteria.version),
        ("criteria_sha256", criteria.sha256), ("code_set", code_set), ("unit_code", unit.code),
        ("unit_name", unit.name_vi), ("year", year), ("percent_storage", "fraction"),
        ("cover_sheet", COVER_SHEET), ("data_sheet", DATA_SHEET), ("header_row", HEADER_ROW),
        ("code_column", get_column_letter(COLUMNS["code"])), ("value_column", value_col),
        ("evidence_column", get_column_letter(COLUMNS["evidence"])),
        ("synthetic", 1 if synthetic else 0), ("generator", f"dti-scorer {__version__}"),
    ]
    for i, (key, value) in enumerate(pairs, start=1):
        ws.cell(i, 1, key)
        ws.cell(i, 2, value)
    start = len(pairs) + 2
    for j, title in enumerate(("leaf", "cell", "unit"), start=1):
        ws.cell(start, j, title)
    for i, (code, row) in enumerate(rows.items(), start=start + 1):
        ws.cell(i, 1, code)
        ws.cell(i, 2, f"{value_col}{row}")
        ws.cell(i, 3, criteria.by_code[code].unit)
    ws.sheet_state = "hidden"
    _protect(ws)


def template_bytes(criteria: Criteria, unit: Unit, code_set: str, year: int, *,
                   values: Mapping[str, float] | None = None,
                   evidence: Mapping[str, str] | None = None,
                   contact: Mapping[str, str] | None = None,
                   general: Mapping[str, object] | None = None, synthetic: bool = False,
                   when: datetime | None = None) -> bytes:
    """The template as .xlsx bytes (see ``write_template``)."""
    wb = Workbook()
    _cover(wb, criteria, unit, code_set, year, contact or {}, synthetic)
    _guide(wb, unit, year, criteria)
    _general(wb, general or {})
    rows = _data(wb, criteria, unit, year, values or {}, evidence or {})
    _meta(wb, criteria, unit, code_set, year, rows, synthetic)
    wb.active = wb.sheetnames.index(DATA_SHEET)
    wb.properties.creator = f"dti-scorer {__version__}"
    wb.properties.title = f"DTI {year} – {unit.name_vi}"
    buffer = io.BytesIO()
    wb.save(buffer)
    return _stamped(buffer.getvalue(), when or datetime.now().replace(microsecond=0))


def _stamped(data: bytes, when: datetime) -> bytes:
    """The same zip with every timestamp set to ``when``: equal inputs give equal bytes."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                for tag in (b"dcterms:created", b"dcterms:modified"):
                    head = content.find(b">", content.find(b"<" + tag)) + 1
                    tail = content.find(b"</" + tag, head)
                    if head > 0 and tail > head:
                        content = content[:head] + stamp + content[tail:]
            item = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            item.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(item, content)
    return out.getvalue()


def write_template(criteria: Criteria, unit: Unit, code_set: str, year: int, path: Path, *,
                   values: Mapping[str, float] | None = None,
                   evidence: Mapping[str, str] | None = None,
                   contact: Mapping[str, str] | None = None,
                   general: Mapping[str, object] | None = None, synthetic: bool = False,
                   when: datetime | None = None) -> None:
    """Write one unit's template to ``path`` (atomically).

    ``values`` (leaf code -> raw value: yes = 1, percentages 0–100) fills the input cells;
    ``synthetic`` marks the file as synthetic sample data on its cover; ``when`` fixes every
    timestamp inside the file so that the same inputs give the same bytes.
    """
    data = template_bytes(criteria, unit, code_set, year, values=values, evidence=evidence,
                          contact=contact, general=general, synthetic=synthetic, when=when)
    atomic_write_bytes(Path(path), data)


def write_templates(criteria: Criteria, register: UnitRegister, year: int, out_dir: Path,
                    progress: Callable[[int, int], None] | None = None,
                    cancelled: Callable[[], bool] | None = None) -> list[Path]:
    """One blank template per unit of ``register`` in ``out_dir``; the paths written."""
    out_dir = Path(out_dir)
    written: list[Path] = []
    total = len(register)
    for done, unit in enumerate(register.units, start=1):
        if cancelled is not None and cancelled():
            break
        path = out_dir / template_filename(unit, year)
        write_template(criteria, unit, register.code_set, year, path)
        written.append(path)
        if progress is not None:
            progress(done, total)
    return written
