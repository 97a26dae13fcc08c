"""Reading a self-assessment workbook made from our template (xlsx, xlsm, xls, ods).

The reader is registered in ``importer.READERS`` before the consolidated-table reader. For each
file it finds the unit, the year and the criteria the file was made for (``workbook_cover``), then
the indicator sheet by its column headers and every sub-indicator row **by its code**, never by
position. It reports, each with file, sheet and cell:

- rows missing (``ROW_MISSING``), duplicated (``ROW_DUPLICATE``, no value used), moved from the
  cell recorded in ``_meta`` (``ROW_MOVED``, once per block of rows moved together, values still
  read by code) and codes the criteria does not know that carry a value (``ROW_UNKNOWN_CODE``);
- a template of another criteria version: values mapped by code when every required
  sub-indicator is there with the same name and unit (``CRITERIA_VERSION_MAPPED``), else the
  file is not used (``CRITERIA_VERSION_MISMATCH``): a code alone may mean something else in
  another version;
- every value through ``values.parse_value`` (percentages stored as fractions, see
  ``template_layout``); formulas without a stored result (``VALUE_FORMULA_NO_CACHE``); an error
  value such as #DIV/0! (``VALUE_NOT_NUMBER``, quoting it: calamine gives it as an empty cell); a
  number in a date-, time- or duration-formatted cell read as the number it stores, with a warning
  (``hidden_cells``).

A file for another year than the campaign's, of another criteria that cannot be mapped, or whose
unit cannot be told gives no values (its unit is then "invalid" unless another file serves it).
"""

from __future__ import annotations

import math

from dti_app.core.criteria import Criteria
from dti_app.core.hidden_cells import HiddenCells
from dti_app.core.importer import READERS, ReadContext, Reader, Submission
from dti_app.core.issues import Issue, IssueCode, cell_ref
from dti_app.core.names import loose_key
from dti_app.core.spreadsheet import Sheet
from dti_app.core.template_layout import DATA_SHEET, META_SHEET, header_key
from dti_app.core.values import FRACTION, TYPED, UNKNOWN, parse_value
from dti_app.core.workbook_cover import (
    WorkbookHead,
    as_text,
    find_unit,
    find_year,
    is_meta_sheet,
    read_head,
)

__all__ = ["detect_workbook", "read_workbook", "WORKBOOK_READER"]

C = IssueCode
HEADER_SEARCH_ROWS = 40
HEADER_FIRST_LOOK = 8


def _find_header(sheet: Sheet, first_look: int = HEADER_FIRST_LOOK
                 ) -> tuple[int, dict[str, int]] | None:
    """(row index, column index of each known header) of the indicator table, if any.

    The first ``first_look`` rows are looked at first (the header is near the top), then up to
    ``HEADER_SEARCH_ROWS``.
    """
    searched = 0
    for limit in (min(first_look, HEADER_SEARCH_ROWS), HEADER_SEARCH_ROWS):
        rows = sheet.head(limit)
        for r in range(searched, len(rows)):
            columns: dict[str, int] = {}
            for j, value in enumerate(rows[r]):
                key = header_key(value)
                if key and key not in columns:
                    columns[key] = j
            if "code" in columns and "value" in columns:
                return r, columns
        searched = len(rows)
    return None


def detect_workbook(sheets: list[Sheet], criteria: Criteria) -> bool:
    """True for a workbook that has our ``_meta`` sheet or our indicator table header."""
    by_name = sorted(sheets, key=lambda s: (s.name != META_SHEET, s.name != DATA_SHEET))
    return any(is_meta_sheet(s) for s in by_name) or \
        any(_find_header(s) is not None for s in by_name)


def _data_sheet(sheets: list[Sheet], head: WorkbookHead
                ) -> tuple[Sheet, int, dict[str, int]] | None:
    wanted = (head.meta or {}).get("data_sheet", DATA_SHEET)
    recorded = (head.meta or {}).get("header_row", "")  # the row _meta says the header is on
    first_look = int(recorded) if recorded.isdigit() and int(recorded) > 0 else HEADER_FIRST_LOOK
    for sheet in sorted(sheets, key=lambda s: (s.name != wanted, s.name != DATA_SHEET)):
        found = _find_header(sheet, first_look)
        if found is not None:
            return sheet, found[0], found[1]
    return None


class _WorkbookRead:
    """One file being read; collects its issues in ``ctx.issues``."""

    def __init__(self, sheets: list[Sheet], ctx: ReadContext):
        self.sheets, self.ctx = sheets, ctx
        self.criteria = ctx.criteria
        self.file = ctx.path.name
        self.unit = ""
        self.sheet_name = ""
        self.leaf_cells: dict[str, str] = {}

    def issue(self, severity: str, code: IssueCode, **kw: object) -> None:
        make = Issue.error if severity == "error" else Issue.warning
        kw.setdefault("sheet", self.sheet_name)
        self.ctx.issues.append(make(code, file=self.file, unit=self.unit, **kw))

    def run(self) -> list[Submission]:
        head = read_head(self.sheets)
        if head.meta is None:
            self.issue("warning", C.TEMPLATE_NO_META, sheet="")
        unit, issues = find_unit(head, self.ctx.register, self.file)
        self.ctx.issues.extend(issues)
        if unit is None:
            return self._unusable()
        self.unit = unit.code
        self.ctx.source.units = [unit.code]
        year, issues = find_year(head, self.ctx.year, self.file, unit.code)
        self.ctx.source.year = year
        self.ctx.issues.extend(issues)
        if any(i.severity.value == "error" for i in issues):
            return self._unusable()
        found = _data_sheet(self.sheets, head)
        if found is None:
            self.issue("error", C.SHEET_MISSING, sheet=(head.meta or {}).get("data_sheet",
                                                                                DATA_SHEET))
            return self._unusable()
        sheet, header, columns = found
        self.sheet_name = sheet.name
        rows = self._rows(sheet, header, columns)
        mapped = self._criteria(head, rows, sheet, columns)
        if mapped is None:
            return self._unusable()
        if not mapped:
            self._unknown_codes(sheet, columns)
        self.leaf_cells = head.recorded_cells()
        self._moved(rows, columns["value"])
        values, cells, raws = self._values(head, sheet, rows, columns["value"])
        return [Submission(unit.code, values, cells, raws, sheet.name, self.ctx.source)]

    def _unusable(self) -> list[Submission]:
        self.ctx.source.ok = False
        return []

    def _rows(self, sheet: Sheet, header: int, columns: dict[str, int]) -> dict[str, list[int]]:
        """Leaf code -> the row indices where it appears (codes matched without case).

        Also keeps each row's code text (``self.codes``) for ``_unknown_codes``.
        """
        by_fold = {code.casefold(): code for code in self.criteria.leaves}
        found: dict[str, list[int]] = {}
        column = sheet.column(columns["code"])
        self.codes = codes = {}
        for r in range(header + 1, len(column)):
            text = as_text(column[r])
            if not text:
                continue
            codes[r] = text
            code = by_fold.get(text.casefold())
            if code is not None:
                found.setdefault(code, []).append(r)
        return found

    def _criteria(self, head: WorkbookHead, rows: dict[str, list[int]], sheet: Sheet,
                  columns: dict[str, int]) -> bool | None:
        """False: same criteria; True: mapped by code; None: cannot be used."""
        c = self.criteria
        fid, _, _ = head.get("criteria_id")
        version, vsheet, vcell = head.get("criteria_version")
        label = f"{fid} v{version}" if fid else ""
        self.ctx.source.criteria = label
        if fid == c.id and version == c.version:
            return False
        if not fid:
            self.issue("warning", C.CRITERIA_VERSION_UNKNOWN, sheet=vsheet, cell=vcell,
                       params={"expected": c.label})
            return False
        missing = [leaf for leaf in c.leaves if c.by_code[leaf].required and leaf not in rows]
        clash = [leaf for leaf, hits in rows.items()
                 if not self._same_meaning(sheet.rows[hits[0]], leaf, columns)]
        params = {"expected": c.label, "missing": len(missing), "clash": len(clash)}
        if missing or clash:
            self.issue("error", C.CRITERIA_VERSION_MISMATCH, sheet=vsheet, cell=vcell,
                       value=label, params=params)
            return None
        self.issue("warning", C.CRITERIA_VERSION_MAPPED, sheet=vsheet, cell=vcell, value=label,
                   params=params)
        return True

    def _same_meaning(self, row: list, leaf: str, columns: dict[str, int]) -> bool:
        """The file's row states the same name and unit as the criteria's leaf of that code."""
        node = self.criteria.by_code[leaf]
        for key, expected in (("name", node.name_vi), ("unit", node.unit)):
            col = columns.get(key)
            stated = as_text(row[col]) if col is not None and col < len(row) else ""
            if stated and loose_key(stated) != loose_key(expected):
                return False
        return True

    def _unknown_codes(self, sheet: Sheet, columns: dict[str, int]) -> None:
        known = {code.casefold() for code in self.criteria.by_code}
        code_col, values = columns["code"], sheet.column(columns["value"])
        for r, code in self.codes.items():
            if code.casefold() in known:
                continue
            if r < len(values) and as_text(values[r]):
                self.issue("warning", C.ROW_UNKNOWN_CODE, cell=cell_ref(r, code_col), value=code)

    def _moved(self, rows: dict[str, list[int]], value_col: int) -> None:
        """One ROW_MOVED per block of rows that moved together (same shift)."""
        value_letters = cell_ref(0, value_col)[:-1]
        expected = []
        for leaf, ref in self.leaf_cells.items():
            hits = rows.get(leaf)
            if hits and len(hits) == 1 and ref:
                if ref == f"{value_letters}{hits[0] + 1}":
                    expected.append((hits[0] + 1, leaf, ref, hits[0], value_letters))
                    continue  # where the template put it
                letters, row = _split_ref(ref)
                expected.append((row, leaf, ref, hits[0], letters))
        previous = None
        for row, leaf, ref, found, letters in sorted(expected):
            shift = (found + 1 - row, letters != value_letters)
            if shift != (0, False) and shift != previous:
                self.issue("warning", C.ROW_MOVED, cell=cell_ref(found, value_col), node=leaf,
                           params={"expected": ref})
            previous = shift

    def _values(self, head: WorkbookHead, sheet: Sheet, rows: dict[str, list[int]],
                value_col: int) -> tuple[list[float], list[str], list[str]]:
        # our template stores percentages as fractions; a file without _meta cannot say
        storage = {"fraction": FRACTION, "typed": TYPED}.get(
            (head.meta or {}).get("percent_storage", ""), UNKNOWN)
        value_letters = cell_ref(0, value_col)[:-1]
        column = sheet.column(value_col)
        hidden_cells = HiddenCells(sheet)
        values: list[float] = []
        cells: list[str] = []
        raws: list[str] = []
        for leaf in self.criteria.leaves:
            node = self.criteria.by_code[leaf]
            hits = rows.get(leaf, [])
            if len(hits) != 1:
                refs = [cell_ref(r, value_col) for r in hits]
                if hits:
                    self.issue("error", C.ROW_DUPLICATE, cell=", ".join(refs), node=leaf,
                               params={"rows": ", ".join(str(r + 1) for r in hits)})
                else:
                    self.issue("error" if node.required else "warning", C.ROW_MISSING,
                               cell=self.leaf_cells.get(leaf, ""), node=leaf)
                values.append(math.nan)
                cells.append("")
                raws.append("")
                continue
            r = hits[0]
            ref = f"{value_letters}{r + 1}"
            raw = column[r] if r < len(column) else None
            text = as_text(raw)
            cells.append(ref)
            raws.append(text)
            raw, hidden = hidden_cells.true_value(ref, raw, node)
            if hidden is not None:
                self.issue(hidden.severity, hidden.code, cell=ref, node=leaf, value=hidden.shown,
                           params=hidden.params)
                if hidden.severity == "error":
                    values.append(math.nan)
                    continue
            value, found = parse_value(raw, node, percent_storage=storage,
                                       file=self.file, sheet=sheet.name, cell=ref, unit=self.unit)
            if found:
                self.ctx.issues.extend(found)
            values.append(value)
        return values, cells, raws


def _split_ref(ref: str) -> tuple[str, int]:
    """'F17' -> ('F', 17)."""
    letters = ref.rstrip("0123456789")
    digits = ref[len(letters):]
    return letters, int(digits) if digits else 0


def read_workbook(sheets: list[Sheet], ctx: ReadContext) -> list[Submission]:
    """The unit's values from one template workbook (see the module docstring)."""
    return _WorkbookRead(sheets, ctx).run()


WORKBOOK_READER = Reader("workbook", detect_workbook, read_workbook)

if not any(reader.kind == WORKBOOK_READER.kind for reader in READERS):
    _table = next((i for i, r in enumerate(READERS) if r.kind == "table"), len(READERS))
    READERS.insert(_table, WORKBOOK_READER)
