"""Self-assessment workbooks for the provisional-status tests (core, CLI and app).

Five units of the 63 (DTI 2022 criteria, year 2022) send filled templates with seeded synthetic
values. Bắc Kạn (06) sends a workbook with two errors an officer really makes:

    NTS.01 (yes/no, 10 points)   left blank                    -> value_missing
    NTS.06 (count, target 10)    "khoảng 20" ("about 20")      -> value_not_number

Both cells count as missing (0 points), so Bắc Kạn's index is up to 20 points (0.02) too low: it
must be ``provisional``. ``TWIN`` holds the values an assessor verifies (có, 20); ``write_twin``
writes the same workbook with them typed in, to compare the verified score with.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

from dti_app.core.sample_data import generate_values
from dti_app.core.template import leaf_cells, template_bytes
from dti_app.core.template_layout import DATA_SHEET, template_filename

YEAR = 2022
UNITS = ("01", "02", "04", "06", "08")
BAD = "06"
BLANK, VAGUE = "NTS.01", "NTS.06"
TWIN = {BLANK: ("có", 1.0), VAGUE: ("20", 20.0)}   # typed text, value


def _values(criteria, register, code: str) -> dict[str, float]:
    values = generate_values(criteria, register, seed=11).loc[code]
    return {k: float(v) for k, v in values.items()}


def _write(path: Path, criteria, register, code: str, values: dict[str, float]) -> Path:
    path.write_bytes(template_bytes(criteria, register.by_code[code], "63", YEAR, values=values))
    return path


def write_with_errors(path: Path, criteria, register, code: str = BAD) -> Path:
    """Unit ``code``'s filled workbook with NTS.01 blank and "khoảng 20" for NTS.06."""
    values = _values(criteria, register, code)
    values.update({BLANK: 1.0, VAGUE: 5.0})
    _write(path, criteria, register, code, values)
    where = leaf_cells(criteria)
    wb = openpyxl.load_workbook(path)
    wb[DATA_SHEET][where[BLANK]] = None
    wb[DATA_SHEET][where[VAGUE]] = "khoảng 20"
    wb.save(path)
    return path


def write_inputs(folder: Path, criteria, register) -> Path:
    """The five workbooks in ``folder``; Bắc Kạn's with the two errors. Returns ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for code in UNITS:
        path = folder / template_filename(register.by_code[code], YEAR)
        if code == BAD:
            write_with_errors(path, criteria, register)
        else:
            _write(path, criteria, register, code, _values(criteria, register, code))
    return folder


def write_twin(folder: Path, criteria, register) -> Path:
    """Bắc Kạn's workbook as it would be with the verified values typed in."""
    folder.mkdir(parents=True, exist_ok=True)
    values = _values(criteria, register, BAD)
    values.update({leaf: value for leaf, (_text, value) in TWIN.items()})
    return _write(folder / template_filename(register.by_code[BAD], YEAR), criteria, register,
                  BAD, values)


def cells(criteria) -> dict[str, str]:
    """The cells of the two bad values ('NTS.01' -> 'F6')."""
    where = leaf_cells(criteria)
    return {BLANK: where[BLANK], VAGUE: where[VAGUE]}
