"""Who, when and which criteria a self-assessment workbook is for: its cover, ``_meta`` and name.

``read_meta`` reads the hidden ``_meta`` sheet (format, criteria, unit, year, percent storage and
the expected cell of every sub-indicator); ``read_cover`` finds the cover fields by their labels,
wherever they are. ``find_unit`` decides the unit from the cover (code, then name; ``_meta`` only
when the cover is blank) and checks it against the file name, which is only ever a hint;
``find_year`` reads the year. Each returns the issues found, with the cover cell they concern.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from dti_app.core.issues import Issue, IssueCode, cell_ref
from dti_app.core.names import loose_key
from dti_app.core.spreadsheet import Sheet
from dti_app.core.template_layout import COVER_SHEET, FORMAT, META_SHEET, label_key
from dti_app.core.units import Unit, UnitRegister

__all__ = ["WorkbookHead", "read_head", "find_unit", "find_year", "unit_from_filename",
           "as_text", "is_meta_sheet"]

C = IssueCode
META_FIELDS_LOOK = 24  # rows of _meta looked at for its fields (20 in ours) before reading all
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d|21\d\d)(?!\d)")
_FILENAME = re.compile(r"^DTI\d{4}[_ -]+([A-Za-z0-9]+)[_ -]+(.+)$", re.I)


def as_text(value: object) -> str:
    """A cell as trimmed text; whole floats without '.0' (48.0 -> '48')."""
    if value.__class__ is str:  # the common case first: this runs for every cell read
        return value.replace("\u00a0", " ").strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\u00a0", " ").strip()


@dataclass
class WorkbookHead:
    """What the cover and ``_meta`` say. ``cover``: key -> (value, cell).

    ``recorded_cells()`` gives the cell ``_meta`` records for every sub-indicator (that part of
    ``_meta`` is read when first asked).
    """

    meta: dict[str, str] | None
    cover_sheet: str = ""
    cover: dict[str, tuple[object, str]] = field(default_factory=dict)
    meta_sheet: Sheet | None = None
    _cells: dict[str, str] | None = field(default=None, init=False, repr=False)

    def recorded_cells(self) -> dict[str, str]:
        if self._cells is None:
            self._cells = _read_meta(self.meta_sheet)[1] if self.meta_sheet is not None else {}
        return self._cells

    def get(self, key: str, fallback: bool = True) -> tuple[str, str, str]:
        """(text, sheet, cell) of a field: the cover's when filled, else ``_meta``'s."""
        value, cell = self.cover.get(key, (None, ""))
        if as_text(value) or not fallback:
            return as_text(value), self.cover_sheet, cell
        recorded = (self.meta or {}).get(key, "")
        if recorded:
            return recorded, META_SHEET, ""
        return "", self.cover_sheet, cell


def is_meta_sheet(sheet: Sheet) -> bool:
    """True for our hidden metadata sheet (A1 'format', B1 the format name)."""
    rows = sheet.head(META_FIELDS_LOOK)[:1]  # the rows its fields are read from next
    return bool(rows) and len(rows[0]) > 1 and as_text(rows[0][0]) == "format" \
        and as_text(rows[0][1]) == FORMAT


def read_head(sheets: list[Sheet]) -> WorkbookHead:
    meta_sheet = next((s for s in sheets if s.name == META_SHEET and is_meta_sheet(s)), None) or \
        next((s for s in sheets if is_meta_sheet(s)), None)
    head = WorkbookHead(meta=None, meta_sheet=meta_sheet)
    if meta_sheet is not None:
        head.meta = _read_meta_fields(meta_sheet)
    wanted = (head.meta or {}).get("cover_sheet", COVER_SHEET)
    ordered = sorted(sheets, key=lambda s: (s.name != wanted, s.name != COVER_SHEET))
    for sheet in ordered:
        if sheet is meta_sheet:
            continue
        fields = _cover_fields(sheet)
        if sheet.name in (wanted, COVER_SHEET) or len(fields) >= 2:
            head.cover_sheet, head.cover = sheet.name, fields
            break
    return head


def _read_meta_fields(sheet: Sheet) -> dict[str, str]:
    """The fields at the top of ``_meta`` (the sub-indicator cells follow the "leaf" row)."""
    meta: dict[str, str] = {}
    for row in sheet.head(META_FIELDS_LOOK):
        key = as_text(row[0]) if row else ""
        value = as_text(row[1]) if len(row) > 1 else ""
        if key == "leaf" and value == "cell":
            return meta
        if key:
            meta[key] = value
    return _read_meta(sheet)[0]  # the fields go on further down: read the whole sheet


def _read_meta(sheet: Sheet) -> tuple[dict[str, str], dict[str, str]]:
    meta: dict[str, str] = {}
    cells: dict[str, str] = {}
    in_leaves = False
    keys, values = sheet.column(0), sheet.column(1)
    for r, raw in enumerate(keys):
        key = as_text(raw)
        if not key:
            continue
        value = as_text(values[r]) if r < len(values) else ""
        if key == "leaf" and value == "cell":
            in_leaves = True
        elif in_leaves:
            cells[key] = value.upper()
        else:
            meta[key] = value
    return meta, cells


def _cover_fields(sheet: Sheet) -> dict[str, tuple[object, str]]:
    fields: dict[str, tuple[object, str]] = {}
    for r, row in enumerate(sheet.head(60)):
        for j, value in enumerate(row[:4]):
            key = label_key(value)
            if key and key not in fields:
                fields[key] = (row[j + 1] if j + 1 < len(row) else None, cell_ref(r, j + 1))
                break
    return fields


def find_unit(head: WorkbookHead, register: UnitRegister, filename: str
              ) -> tuple[Unit | None, list[Issue]]:
    """The unit the workbook is for, and the issues (placed on the cover cells)."""
    # the cover's code and name go together: ``_meta`` speaks only when both are blank
    on_cover = any(as_text(head.cover.get(k, (None, ""))[0]) for k in ("unit_code", "unit_name"))
    code, code_sheet, code_cell = head.get("unit_code", fallback=not on_cover)
    name, name_sheet, name_cell = head.get("unit_name", fallback=not on_cover)
    code_set = head.get("code_set")[0]

    def placed(issue: Issue, sheet: str, cell: str) -> Issue:
        return Issue(issue.severity, issue.code, file=filename, sheet=sheet, cell=cell,
                     value=issue.value, params=issue.params)

    by_code = None
    if code and code_set in ("", register.code_set):
        by_code = register.resolve(code).unit
    by_name = register.resolve(name) if name else None
    if by_code is not None and by_name is not None and by_name.unit is not None \
            and by_name.unit.code != by_code.code:
        return None, [Issue.error(C.UNIT_CODE_NAME_MISMATCH, file=filename, sheet=name_sheet,
                                  cell=name_cell, value=name,
                                  params={"unit": by_code.label, "other": by_name.unit.label})]
    unit = by_code or (by_name.unit if by_name is not None else None)
    if unit is None:
        if by_name is not None and by_name.issue is not None:
            return None, [placed(by_name.issue, name_sheet, name_cell)]
        if code:
            issue = Issue.error(C.UNIT_UNKNOWN, value=code, params={"code_set": register.code_set})
            return None, [placed(issue, code_sheet, code_cell)]
        return None, [Issue.error(C.UNIT_NOT_STATED, file=filename, sheet=code_sheet,
                                  cell=code_cell)]
    issues = []
    hint = unit_from_filename(filename, register)
    if hint is not None and hint.code != unit.code:
        issues.append(Issue.warning(C.UNIT_FILENAME_MISMATCH, file=filename, sheet=name_sheet,
                                    cell=name_cell, unit=unit.code,
                                    params={"filename_unit": hint.label, "unit": unit.label}))
    return unit, issues


_NAME_INDEX: dict[int, tuple[UnitRegister, list[tuple[str, str]]]] = {}


def _loose_names(register: UnitRegister) -> list[tuple[str, str]]:
    cached = _NAME_INDEX.get(id(register))
    if cached is None or cached[0] is not register:
        keys = {(loose_key(n), u.code) for u in register.units
                for n in (u.name_vi, u.name_en, *u.variants) if n}
        names = sorted((k for k in keys if len(k[0]) >= 4), key=lambda item: -len(item[0]))
        cached = (register, names)
        _NAME_INDEX[id(register)] = cached
    return cached[1]


def unit_from_filename(filename: str, register: UnitRegister) -> Unit | None:
    """The unit a file name points to ('DTI2022_48_Da_Nang.xlsx' -> Đà Nẵng), if clearly one."""
    stem = Path(filename).stem
    match = _FILENAME.match(stem)
    if match:
        resolution = register.resolve(match.group(2).replace("_", " "))
        if resolution.unit is not None:
            return resolution.unit
    key = loose_key(stem.replace("_", " "))
    hits = [(name, code) for name, code in _loose_names(register) if name in key]
    if not hits:
        return None
    longest = len(hits[0][0])
    codes = {code for name, code in hits if len(name) == longest}
    return register.by_code[codes.pop()] if len(codes) == 1 else None


def find_year(head: WorkbookHead, expected: int | None, filename: str, unit: str
              ) -> tuple[int | None, list[Issue]]:
    """The year the workbook states; ``YEAR_MISSING`` (warning) or ``YEAR_MISMATCH`` (error)."""
    text, sheet, cell = head.get("year")
    match = _YEAR.search(text)
    if match is None:
        return None, [Issue.warning(C.YEAR_MISSING, file=filename, sheet=sheet, cell=cell,
                                    unit=unit, value=text)]
    year = int(match.group(1))
    if expected is not None and year != expected:
        return year, [Issue.error(C.YEAR_MISMATCH, file=filename, sheet=sheet, cell=cell,
                                  unit=unit, value=str(year), params={"expected": expected})]
    return year, []
