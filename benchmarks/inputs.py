"""Benchmark inputs: filled self-assessment workbooks made with the project's own generator.

The values come from ``dti_app.core.sample_data.generate_values`` and the layout from
``dti_app.core.template.template_bytes``. Writing 10,000 workbooks with openpyxl would take
longer than the benchmark itself, so ``write_workbooks`` renders the template once for a
placeholder unit and then, per unit, rewrites only the cells that differ (unit name and code,
input values) inside the zip. Every file is a complete workbook that Excel and the importer read
like any other template.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape

import pandas as pd

from dti_app.core.criteria import Criteria
from dti_app.core.template import leaf_cells, template_bytes
from dti_app.core.template_inputs import cell_value
from dti_app.core.template_layout import template_filename
from dti_app.core.units import Unit, UnitRegister

__all__ = ["write_workbooks"]

PLACEHOLDER_CODE = "ZZ9999999"
PLACEHOLDER_NAME = "ZZ Đơn vị mẫu"


def _parts(criteria: Criteria, code_set: str, year: int) -> dict[str, bytes]:
    unit = Unit(code=PLACEHOLDER_CODE, name_vi=PLACEHOLDER_NAME, code_set=code_set)
    data = template_bytes(criteria, unit, code_set, year, synthetic=True)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def _cell_xml(ref: str, style: str, stored: object) -> str:
    """The cell as the template stores ``cell_value``'s result (text, number or empty)."""
    if stored is None or (isinstance(stored, float) and pd.isna(stored)):
        return f'<c r="{ref}"{style} />'
    if isinstance(stored, str):
        return f'<c r="{ref}"{style} t="inlineStr"><is><t>{escape(stored)}</t></is></c>'
    return f'<c r="{ref}"{style} t="n"><v>{float(stored):.10g}</v></c>'


def write_workbooks(criteria: Criteria, register: UnitRegister, values: pd.DataFrame,
                    year: int, out_dir: Path, units: Iterable[Unit] | None = None) -> list[Path]:
    """One filled workbook per unit in ``out_dir``; returns the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    parts = _parts(criteria, register.code_set, year)
    cells = leaf_cells(criteria)
    first_cell = f'<c r="{cells[criteria.leaves[0]]}"'.encode()
    data_part = next(name for name, body in parts.items()
                     if name.startswith("xl/worksheets/") and first_cell in body)
    template = parts[data_part].decode("utf-8")
    refs = "|".join(re.escape(c) for c in cells.values())
    pattern = re.compile(rf'<c r="({refs})"( s="\d+")?(?: t="\w+")?(?: />|>.*?</c>)', re.S)
    leaf_of_cell = {cell: leaf for leaf, cell in cells.items()}
    paths = []
    for unit in units if units is not None else register.units:
        row = values.loc[unit.code]

        def fill(match: re.Match, row=row) -> str:
            leaf = leaf_of_cell[match.group(1)]
            stored = cell_value(criteria.by_code[leaf], row[leaf])
            return _cell_xml(match.group(1), match.group(2) or "", stored)

        sheet = pattern.sub(fill, template)
        name, code = escape(unit.name_vi).encode(), escape(unit.code).encode()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
            for part, body in parts.items():
                if part == data_part:
                    body = sheet.encode("utf-8")
                body = body.replace(PLACEHOLDER_NAME.encode(), name)
                body = body.replace(PLACEHOLDER_CODE.encode(), code)
                z.writestr(part, body)
        path = out_dir / template_filename(unit, year)
        path.write_bytes(buffer.getvalue())
        paths.append(path)
    return paths
