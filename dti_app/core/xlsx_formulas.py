"""Finding formula cells that have no stored result in an .xlsx/.xlsm sheet.

A workbook written by a program other than Excel (or saved with calculation off) can hold
formulas (``<f>``) with no cached value (``<v>``); a reader then sees an empty cell. python-calamine
returns an empty string for such a cell, so the reader asks here, only for the sheet it needs and
only when input cells are empty, which of them are really formulas to be recalculated.

Only called on a file that ``file_safety.inspect_spreadsheet`` has accepted (no DTD, bounded size).
ODS and XLS always store a formula's result, so they need no such check.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.parsers import expat

from dti_app.core.file_safety import xlsx_sheet_parts

__all__ = ["formulas_without_value"]


def formulas_without_value(path: Path, sheet_name: str) -> set[str]:
    """Cell references ('F17') of formulas without a cached value in one sheet ({} if none)."""
    try:
        with zipfile.ZipFile(path) as zf:
            parts = {name: part for part, name in xlsx_sheet_parts(zf).items()}
            part = parts.get(sheet_name)
            if part is None:
                return set()
            with zf.open(part) as member:
                data = member.read()
    except (OSError, zipfile.BadZipFile, KeyError, ValueError):
        return set()
    if not re.search(rb"<(?:[\w.-]+:)?f[\s/>]", data):
        return set()
    try:
        return _scan(data)
    except expat.ExpatError:
        return set()


def _scan(data: bytes) -> set[str]:
    found: set[str] = set()
    state = {"cell": "", "formula": False, "value": False, "in_v": False}

    def start(name: str, attrs: dict) -> None:
        local = name.rpartition("|")[2]
        if local == "c":
            state.update(cell=attrs.get("r", ""), formula=False, value=False, in_v=False)
        elif local == "f":
            state["formula"] = True
        elif local in ("v", "is"):
            state["in_v"] = True

    def text(data: str) -> None:
        if state["in_v"] and data.strip():
            state["value"] = True

    def end(name: str) -> None:
        local = name.rpartition("|")[2]
        if local in ("v", "is"):
            state["in_v"] = False
        elif local == "c" and state["formula"] and not state["value"] and state["cell"]:
            found.add(str(state["cell"]).replace("$", "").upper())

    parser = expat.ParserCreate(namespace_separator="|")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.Parse(data, True)
    return found
