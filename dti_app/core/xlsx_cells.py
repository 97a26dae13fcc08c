"""What the cells of an .xlsx/.xlsm sheet really store, read from the sheet's XML.

python-calamine gives each cell's value as Excel shows it, which hides two things the reader must
know: a formula with no stored result (``<f>`` without ``<v>``) comes back as an empty string, and
a number in a date- or time-formatted cell comes back as a date or time (1 as 1900-01-01, 0.855
as 20:31:12, rounded to the millisecond). ``stored_cells`` reads, for one sheet, each cell's
formula flag, type and stored text, so the reader can report the first and recover the exact
number in the second. It is called only when such a cell is met, on a file that
``file_safety.inspect_spreadsheet`` has accepted (no DTD, bounded size). ODS and XLS always store
a formula's result, so they need no such look.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

from dti_app.core.file_safety import xlsx_sheet_parts

__all__ = ["StoredCell", "stored_cells"]


@dataclass(frozen=True)
class StoredCell:
    formula: bool          # the cell holds a formula
    value: str | None      # the stored <v> (or inline string) text; None when there is none
    kind: str = "n"        # the cell's t attribute: n (number), s, str, inlineStr, b, e, d


def stored_cells(path: Path, sheet_name: str) -> dict[str, StoredCell]:
    """Every cell of one sheet by reference ('F17'); {} when the sheet cannot be found."""
    try:
        with zipfile.ZipFile(path) as zf:
            parts = {name: part for part, name in xlsx_sheet_parts(zf).items()}
            part = parts.get(sheet_name)
            if part is None:
                return {}
            with zf.open(part) as member:
                data = member.read()
        return _scan(data)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, expat.ExpatError):
        return {}


def _scan(data: bytes) -> dict[str, StoredCell]:
    found: dict[str, StoredCell] = {}
    state: dict = {"ref": "", "kind": "n", "formula": False, "text": None, "in_value": False}

    def start(name: str, attrs: dict) -> None:
        local = name.rpartition("|")[2]
        if local == "c":
            state.update(ref=attrs.get("r", ""), kind=attrs.get("t", "n"), formula=False,
                         text=None, in_value=False)
        elif local == "f":
            state["formula"] = True
        elif local in ("v", "is"):
            state["in_value"] = True

    def text(data: str) -> None:
        if state["in_value"]:
            state["text"] = (state["text"] or "") + data

    def end(name: str) -> None:
        local = name.rpartition("|")[2]
        if local in ("v", "is"):
            state["in_value"] = False
        elif local == "c" and state["ref"]:
            stored = state["text"] if state["text"] and state["text"].strip() else None
            ref = str(state["ref"]).replace("$", "").upper()
            found[ref] = StoredCell(state["formula"], stored, state["kind"])

    parser = expat.ParserCreate(namespace_separator="|")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.Parse(data, True)
    return found
