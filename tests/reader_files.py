"""Workbooks for the reader tests, built part by part so that every byte is what a test asks for.

``Book`` holds the parts of a minimal .xlsx (package relationships, workbook, its relationships,
one or more sheets, optional shared strings and styles) and writes them with ``save``; ``edit``
replaces bytes in one part. ``cells`` writes a row of cells the usual way; a test can then bend
any part (prefixes, quotes, attribute order, paths, names). ``project_cells`` reads a file
through the project's own reading entry point (``open_sheets``, then ``hidden_cells`` for what
calamine hides) and ``openpyxl_cells`` the same file with openpyxl, both as {sheet: {ref: value}}
in the values a user would see, normalised as the comparison rules say (see
``tests/core/test_reader_vs_openpyxl.py``).
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from file_builders import _col

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
MAIN_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"


class Book:
    """The parts of a small .xlsx (see the module docstring)."""

    def __init__(self, sheets: dict[str, str] | None = None, strings: list[str] | None = None,
                 styles: str | None = None):
        sheets = sheets if sheets is not None else {"Bang": cells(1, ["a", 1])}
        self.parts: dict[str, bytes] = {}
        self.sheet_paths: list[str] = []
        entries, rels, overrides = [], [], []
        for i, (name, data) in enumerate(sheets.items(), start=1):
            path = f"xl/worksheets/sheet{i}.xml"
            self.sheet_paths.append(path)
            entries.append(f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>')
            rels.append(f'<Relationship Id="rId{i}" Type="{REL}/worksheet" '
                        f'Target="worksheets/sheet{i}.xml"/>')
            overrides.append(f'<Override PartName="/{path}" '
                             f'ContentType="{MAIN_TYPE}.worksheet+xml"/>')
            self.parts[path] = sheet(data).encode()
        extra = len(sheets)
        for kind, name, content in (("sharedStrings", "sharedStrings.xml",
                                     None if strings is None else shared_strings(strings)),
                                    ("styles", "styles.xml", styles)):
            if content is None:
                continue
            extra += 1
            rels.append(f'<Relationship Id="rId{extra}" Type="{REL}/{kind}" Target="{name}"/>')
            overrides.append(f'<Override PartName="/xl/{name}" '
                             f'ContentType="{MAIN_TYPE}.{kind}+xml"/>')
            self.parts[f"xl/{name}"] = content.encode()
        self.parts["[Content_Types].xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{TYPES_NS}">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{MAIN_TYPE}.sheet.main+xml"/>'
            + "".join(overrides) + "</Types>").encode()
        self.parts["_rels/.rels"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}"><Relationship '
            f'Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>").encode()
        self.parts["xl/workbook.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" xmlns:r="{REL}">'
            f'<sheets>{"".join(entries)}</sheets></workbook>').encode()
        self.parts["xl/_rels/workbook.xml.rels"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
            + "".join(rels) + "</Relationships>").encode()

    def edit(self, part: str, old: str | bytes, new: str | bytes) -> Book:
        """Replace ``old`` by ``new`` in ``part`` (which must hold it)."""
        old_b = old.encode() if isinstance(old, str) else old
        new_b = new.encode() if isinstance(new, str) else new
        assert old_b in self.parts[part], (part, old_b)
        self.parts[part] = self.parts[part].replace(old_b, new_b)
        return self

    def move(self, part: str, to: str) -> Book:
        """Store ``part`` under another member name (the relationships are not changed)."""
        self.parts[to] = self.parts.pop(part)
        return self

    def save(self, path: Path) -> Path:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in self.parts.items():
                zf.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), data,
                            zipfile.ZIP_DEFLATED)
        return Path(path)


def sheet(data: str, before: str = "", after: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{NS}" '
            f'xmlns:r="{REL}">{before}<sheetData>{data}</sheetData>{after}</worksheet>')


def shared_strings(strings: list[str]) -> str:
    items = "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
    return (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{NS}" count="{len(strings)}" '
            f'uniqueCount="{len(strings)}">{items}</sst>')


def styles(*formats: tuple[int, str | None]) -> str:
    """A styles part whose cellXfs are the given (numFmtId, custom format code or None)."""
    custom = [(n, code) for n, code in formats if code is not None]
    num_fmts = "".join(f'<numFmt numFmtId="{n}" formatCode="{escape(code)}"/>'
                       for n, code in custom)
    xfs = "".join(f'<xf numFmtId="{n}" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/>'
                  for n, _ in formats)
    return (f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{NS}">'
            f'<numFmts count="{len(custom)}">{num_fmts}</numFmts>'
            '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
            '</borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(formats)}">{xfs}</cellXfs></styleSheet>')


def cells(row: int, values: list[object], style: int | None = None) -> str:
    """One <row> of cells the usual way: numbers as <v>, text as inline strings."""
    out = []
    s = f' s="{style}"' if style is not None else ""
    for j, value in enumerate(values):
        ref = f"{_col(j)}{row}"
        if value is None:
            continue
        if isinstance(value, bool):
            out.append(f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>')
        elif isinstance(value, (int, float)):
            out.append(f'<c r="{ref}"{s}><v>{value!r}</v></c>')
        else:
            out.append(f'<c r="{ref}"{s} t="inlineStr"><is><t>{escape(str(value))}</t></is></c>')
    return f'<row r="{row}">{"".join(out)}</row>'


def labelled_book(path: Path, rows: list[tuple[str, object, str]], title: str,
                  epoch: object = None) -> Path:
    """An openpyxl workbook: one row per (label, value, number format) in A:B, and a hidden
    second sheet with a note."""
    import openpyxl

    book = openpyxl.Workbook()
    if epoch is not None:
        book.epoch = epoch
    ws = book.active
    ws.title = title
    for r, (label, value, number_format) in enumerate(rows, start=1):
        ws.cell(r, 1, label)
        ws.cell(r, 2, value).number_format = number_format
    hidden = book.create_sheet("Ẩn")
    hidden["B2"] = "ghi chú"
    hidden.sheet_state = "hidden"
    book.save(path)
    return Path(path)


# --- reading a file both ways ---------------------------------------------------------------
FORMULA_NO_RESULT = "<formula without a stored result>"


def project_cells(path: Path) -> dict[str, dict[str, object]]:
    """What the project reads: every non-empty cell of every sheet, by reference, after
    ``hidden_cells`` (an error value as its text, a formula without a result as
    ``FORMULA_NO_RESULT``, a number shown as a time, duration or early date as that number)."""
    from dti_app.core.hidden_cells import HiddenCells
    from dti_app.core.issues import IssueCode, cell_ref
    from dti_app.core.spreadsheet import open_sheets

    out: dict[str, dict[str, object]] = {}
    for found in open_sheets(path):
        hidden = HiddenCells(found)
        values: dict[str, object] = {}
        grid = {cell_ref(r, j): raw for r, row in enumerate(found.rows)
                for j, raw in enumerate(row)}
        if found.may_hide:      # a formula without a result may lie beyond the values' grid
            grid.update({ref: None for ref in found.stored() if ref not in grid})
        for ref, raw in grid.items():
            value, issue = hidden.true_value(ref, raw)
            if issue is not None and issue.code is IssueCode.VALUE_FORMULA_NO_CACHE:
                value = FORMULA_NO_RESULT
            elif issue is not None and issue.code is IssueCode.VALUE_NOT_NUMBER:
                value = issue.shown
            value = normalised(value)
            if value is not None:
                values[ref] = value
        out[found.name] = values
    return out


def openpyxl_cells(path: Path) -> dict[str, dict[str, object]]:
    """What openpyxl reads (stored values), with the same normalisation; a formula without a
    stored result as ``FORMULA_NO_RESULT``."""
    import openpyxl
    from openpyxl.utils.datetime import to_excel

    stored = openpyxl.load_workbook(path, data_only=True)
    written = openpyxl.load_workbook(path, data_only=False)
    out: dict[str, dict[str, object]] = {}
    for ws in stored.worksheets:
        values: dict[str, object] = {}
        formulas = written[ws.title]
        epoch = stored.epoch
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if value is None and str(formulas[cell.coordinate].value or "").startswith("="):
                    value = FORMULA_NO_RESULT
                elif isinstance(value, dt.timedelta | dt.time) or (
                        isinstance(value, dt.datetime) and to_excel(value, epoch) < 3653):
                    value = float(to_excel(value, epoch))
                value = normalised(value)
                if value is not None:
                    values[cell.coordinate] = value
        out[ws.title] = values
    return out


def normalised(value: object) -> object:
    """The comparison rules: no value and '' are the same; numbers are floats, a yes/no is 1 or 0
    (LibreOffice's .ods stores TRUE as the number 1, and the project reads a yes/no from either);
    text is compared without surrounding spaces; a date is a datetime at midnight."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    return value


# --- reading in a child process (a reader that aborts cannot take the tests down) -------------
CHILD = """
import json, sys
from pathlib import Path
from dti_app.core.errors import InputFileError
from dti_app.core.spreadsheet import open_sheets
try:
    sheets = open_sheets(Path(sys.argv[1]))
    print(json.dumps({"rows": {s.name: len(s.rows) for s in sheets}}))
except InputFileError as exc:
    print(json.dumps({"issues": [[i.code.value, i.sheet] for i in exc.issues]}))
"""


def read_in_child(path: Path, timeout: float = 120) -> tuple[int, str]:
    """(exit status, what the child printed) for reading ``path`` with ``open_sheets``."""
    done = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True,
                          text=True, timeout=timeout,
                          cwd=str(Path(__file__).resolve().parents[1]))
    return done.returncode, done.stdout.strip() or done.stderr.strip()[-500:]
