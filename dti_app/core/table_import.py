"""Reading a consolidated table: one row per unit, one column per sub-indicator code.

The header row is the first row (within the first 20) that names at least one leaf code. The unit
is found from a code column or a name column (any of the spellings the register knows). Every
value goes through ``parse_value`` (after ``hidden_cells`` has looked behind a cell that may hide
a formula without a result, an error value or a number shown as a date); every problem keeps its
cell reference.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from dti_app.core.criteria import Criteria
from dti_app.core.hidden_cells import HiddenCells
from dti_app.core.issues import Issue, IssueCode, cell_ref
from dti_app.core.names import loose_key
from dti_app.core.spreadsheet import Sheet
from dti_app.core.units import UnitRegister
from dti_app.core.values import parse_value

__all__ = ["TableRows", "read_table", "find_header"]

C = IssueCode
CODE_HEADERS = {loose_key(h) for h in ("code", "mã", "mã tỉnh", "mã đơn vị", "ma_tinh",
                                       "unit code", "mã số")}
NAME_HEADERS = {loose_key(h) for h in ("name", "tên", "tên đơn vị", "đơn vị", "unit", "tỉnh",
                                       "tỉnh/thành phố", "tỉnh, thành phố", "địa phương",
                                       "province", "name_vi", "tên tỉnh")}
META_HEADERS = {loose_key(h) for h in ("stt", "no", "region", "vùng", "ghi chú", "note",
                                       "name_en", "year", "năm")}


@dataclass
class TableRows:
    """Units read from one table sheet: per unit, the row's values, cells and raw text."""

    rows: dict[str, tuple[list[float], list[str], list[str]]] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)


def find_header(sheet: Sheet, leaves: set[str]) -> int | None:
    for r, row in enumerate(sheet.rows[:20]):
        if any(str(v).strip() in leaves for v in row if v is not None):
            return r
    return None


def read_table(sheet: Sheet, header_row: int, criteria: Criteria, register: UnitRegister,
               filename: str) -> TableRows:
    out = TableRows()
    leaves = list(criteria.leaves)
    header = [str(v).strip() if v is not None else "" for v in sheet.rows[header_row]]
    col_of = {}
    code_col = name_col = None
    for j, title in enumerate(header):
        key = loose_key(title)
        if title in criteria.by_code and criteria.by_code[title].is_leaf:
            col_of.setdefault(title, j)
        elif key in CODE_HEADERS and code_col is None:
            code_col = j
        elif key in NAME_HEADERS and name_col is None:
            name_col = j
        elif title and key not in META_HEADERS:
            out.issues.append(Issue.warning(C.TABLE_UNKNOWN_COLUMN, file=filename,
                                            sheet=sheet.name, cell=cell_ref(header_row, j),
                                            value=title))
    if code_col is None and name_col is None:
        out.issues.append(Issue.error(C.TABLE_NO_UNIT_COLUMN, file=filename, sheet=sheet.name,
                                      cell=cell_ref(header_row, 0)))
        return out
    for leaf in leaves:
        if leaf not in col_of:
            out.issues.append(Issue.error(C.ROW_MISSING, file=filename, sheet=sheet.name,
                                          node=leaf))
    seen: dict[str, list[int]] = {}
    percent_cells: dict[str, list[tuple[float, object, str]]] = {
        leaf: [] for leaf in col_of if criteria.by_code[leaf].unit.strip() == "%"}
    hidden_cells = HiddenCells(sheet)
    for r in range(header_row + 1, len(sheet.rows)):
        row = sheet.rows[r]
        if all(v is None or str(v).strip() == "" for v in row):
            continue
        key_col = code_col if code_col is not None and _cell(row, code_col) else name_col
        if key_col is None:
            key_col = code_col
        text = _cell(row, key_col)
        resolution = register.resolve(text)
        if resolution.unit is None:
            issue = resolution.issue
            out.issues.append(Issue(issue.severity, issue.code, file=filename, sheet=sheet.name,
                                    cell=cell_ref(r, key_col), value=issue.value,
                                    params=issue.params))
            continue
        unit = resolution.unit.code
        seen.setdefault(unit, []).append(r)
        values, cells, raws = [], [], []
        for leaf in leaves:
            j = col_of.get(leaf)
            if j is None:
                values.append(np.nan)
                cells.append("")
                raws.append("")
                continue
            raw = row[j] if j < len(row) else None
            ref = cell_ref(r, j)
            cells.append(ref)
            raws.append("" if raw is None else str(raw))
            raw, hidden = hidden_cells.true_value(ref, raw, criteria.by_code[leaf])
            if hidden is not None:
                make = Issue.error if hidden.severity == "error" else Issue.warning
                out.issues.append(make(hidden.code, file=filename, sheet=sheet.name, cell=ref,
                                       unit=unit, node=leaf, value=hidden.shown,
                                       params=hidden.params))
                if hidden.severity == "error":
                    values.append(np.nan)
                    continue
            value, issues = parse_value(raw, criteria.by_code[leaf], file=filename,
                                        sheet=sheet.name, cell=ref, unit=unit)
            out.issues.extend(issues)
            values.append(value)
            if leaf in percent_cells:
                percent_cells[leaf].append((value, raw, ref))
        out.rows[unit] = (values, cells, raws)
    for leaf, found in percent_cells.items():
        out.issues.extend(_fraction_column(leaf, found, filename, sheet.name,
                                           cell_ref(header_row, col_of[leaf])))
    for unit, rows in seen.items():
        if len(rows) > 1:
            out.issues.append(Issue.error(
                C.UNIT_DUPLICATE, file=filename, sheet=sheet.name, unit=unit,
                cell=", ".join(cell_ref(r, 0) for r in rows),
                params={"files": f"{filename} (dòng/rows {', '.join(str(r + 1) for r in rows)})",
                        "unit_label": register.by_code[unit].label}))
            out.rows.pop(unit, None)
    return out


def _fraction_column(leaf: str, found: list[tuple[float, object, str]], filename: str,
                     sheet: str, header: str) -> list[Issue]:
    """A warning when a percentage column's numbers (numeric cells; text says what it means)
    all lie between -1 and 1, not all 0 or 1: a column formatted as % in Excel stores 85,5 % as
    0.855, and a table is read as written (though 0.5 may also be a real 0,5 %)."""
    plain = [(v, ref) for v, raw, ref in found
             if v == v and isinstance(raw, (int, float)) and not isinstance(raw, bool)]
    if len(plain) < 2 or any(abs(v) > 1 for v, _ in plain) or all(v in (0, 1) for v, _ in plain):
        return []
    example, ref = next((v, ref) for v, ref in plain if v not in (0, 1))
    return [Issue.warning(C.TABLE_PERCENT_FRACTIONS, file=filename, sheet=sheet, cell=header,
                          node=leaf, params={"count": len(plain), "example": example,
                                             "example_cell": ref})]


def _cell(row: list, j: int | None) -> str:
    if j is None or j >= len(row) or row[j] is None:
        return ""
    value = row[j]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()
