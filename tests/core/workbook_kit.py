"""Helpers for the workbook tests: blank and filled templates, edits as a person or a program
would make them, LibreOffice conversions, and reading back what a user would see."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl

from dti_app.core.criteria import Criteria
from dti_app.core.file_safety import inspect_spreadsheet
from dti_app.core.importer import import_inputs
from dti_app.core.number_text import shift_decimal
from dti_app.core.template import leaf_cells, write_template
from dti_app.core.template_inputs import is_percent, is_yes_no
from dti_app.core.template_layout import DATA_SHEET, template_filename
from dti_app.core.units import UnitRegister

YEAR = 2022


def blank(folder: Path, criteria: Criteria, register: UnitRegister, code: str,
          year: int = YEAR, name: str | None = None) -> Path:
    unit = register.by_code[code]
    path = Path(folder) / (name or template_filename(unit, year))
    write_template(criteria, unit, register.code_set, year, path)
    return path


def typed(criteria: Criteria, leaf: str, value: float) -> object:
    """What a person enters for a raw value: 'Có'/'Không', a percentage cell's fraction, a number."""
    node = criteria.by_code[leaf]
    if is_yes_no(node):
        return "Có" if value >= 0.5 else "Không"
    if is_percent(node):
        return shift_decimal(value, -2)  # 85,5 typed in a % cell: the float nearest 0.855
    return int(value) if float(value).is_integer() else value


def fill(path: Path, criteria: Criteria, values: dict[str, float]) -> None:
    """Type the values into a template's input cells with openpyxl (as a filled-in file)."""
    cells = leaf_cells(criteria)

    def enter(wb: openpyxl.Workbook) -> None:
        ws = wb[DATA_SHEET]
        for leaf, value in values.items():
            if value == value:  # not NaN
                ws[cells[leaf]] = typed(criteria, leaf, value)

    edit(path, enter)


def edit(path: Path, change: Callable[[openpyxl.Workbook], None]) -> None:
    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)


def rewrite_zip(path: Path, change: Callable[[str, bytes], bytes | None],
                extra: dict[str, bytes] | None = None) -> None:
    """Rewrite members (return None to drop one) and add ``extra`` members."""
    source = zipfile.ZipFile(io.BytesIO(Path(path).read_bytes()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = change(info.filename, source.read(info.filename))
            if data is not None:
                out.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            out.writestr(name, data)


def sheet_part(path: Path, sheet: str = DATA_SHEET) -> str:
    """The zip member that holds a sheet ('xl/worksheets/sheet4.xml')."""
    return inspect_spreadsheet(Path(path)).sheets[sheet]


def import_one(path: Path | list[Path], criteria: Criteria, register: UnitRegister,
               year: int | None = YEAR):
    paths = path if isinstance(path, list) else [path]
    return import_inputs(paths, criteria, register, year)


def issues_of(result, file: str) -> list[tuple[str, str, str, str]]:
    """(severity, code, sheet, cell) of one file's issues."""
    return [(i.severity.value, i.code.value, i.sheet, i.cell) for i in result.issues
            if i.file == file]


def soffice_convert(sources: list[Path], fmt: str, out_dir: Path) -> list[Path]:
    """Convert with LibreOffice (headless, private profile); the files made."""
    profile = Path(tempfile.mkdtemp(prefix="lo_profile_"))
    try:
        subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                        "--norestore", "--convert-to", fmt, "--outdir", str(out_dir),
                        *map(str, sources)], check=True, capture_output=True, timeout=180)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    made = [Path(out_dir) / f"{s.stem}.{fmt}" for s in sources]
    return [p for p in made if p.exists()]


def has_soffice() -> bool:
    return shutil.which("soffice") is not None
