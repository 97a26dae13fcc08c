"""Putting values into export cells so that nothing a province typed can become a formula or link.

Every value written to an exported workbook goes through ``put``:
- a string is always stored as a string cell (``t="inlineStr"``), never as a formula, whatever it
  starts with; one that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return also gets
  Excel's "quote prefix" (what typing an apostrophe does), so editing the cell in Excel later does
  not turn it into a formula either;
- characters Excel cannot store (control characters) are removed and text over Excel's 32,767
  characters per cell is cut short, each reported once as a warning ``Issue``;
- NaN, ±inf, ``None`` and ``pd.NA`` become empty cells; numpy scalars become Python numbers.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime

import numpy as np
import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet.worksheet import Worksheet

from dti_app.core.issues import Issue, IssueCode, cell_ref

__all__ = ["FORMULA_TRIGGERS", "MAX_CELL_CHARS", "ExportWarnings", "put", "plain_value",
           "safe_sheet_title"]

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_CHARS = 32767
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")


@dataclass
class ExportWarnings:
    """Warnings found while writing one export file (one per distinct cleaned text)."""

    file: str = ""
    issues: list[Issue] = field(default_factory=list)
    _seen: set[tuple[str, str]] = field(default_factory=set, repr=False)

    def add(self, code: IssueCode, sheet: str, cell: str, text: str, **params: object) -> None:
        # a message quoting a value already reported (same row of the issues sheet) is not
        # reported again
        if any(c == code.value and seen in text for c, seen in self._seen):
            return
        self._seen.add((code.value, text))
        shown = text if len(text) <= 60 else text[:57] + "…"
        self.issues.append(Issue.warning(code, file=self.file, sheet=sheet, cell=cell,
                                         value=shown, params=dict(params)))


def plain_value(value: object) -> object:
    """A Python value openpyxl can store: numpy scalars unwrapped, missing values as ``None``."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        number = float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, (str, datetime, date)):
        return value
    try:
        if value != value:  # NaT and other missing markers
            return None
    except (TypeError, ValueError):
        pass
    return str(value)


def put(ws: Worksheet, row: int, col: int, value: object, warnings: ExportWarnings,
        number_format: str | None = None):
    """Write one value at (row, col) (1-based) safely; return the cell."""
    value = plain_value(value)
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        text = value
        if ILLEGAL_CHARACTERS_RE.search(text):
            text = ILLEGAL_CHARACTERS_RE.sub("", text)
            warnings.add(IssueCode.EXPORT_CHARACTER_REMOVED, ws.title,
                         cell_ref(row - 1, col - 1), text)
        if len(text) > MAX_CELL_CHARS:
            text = text[:MAX_CELL_CHARS]
            warnings.add(IssueCode.EXPORT_TEXT_TRUNCATED, ws.title, cell_ref(row - 1, col - 1),
                         text, limit=MAX_CELL_CHARS)
        cell.value = text
        cell.data_type = "s"  # never "f", whatever the text starts with
        if text.startswith(FORMULA_TRIGGERS):
            cell.quotePrefix = True
        return cell
    cell.value = value
    if number_format and isinstance(value, (int, float)) and not isinstance(value, bool):
        cell.number_format = number_format
    return cell


def safe_sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unused sheet title: no ``[]:*?/\\``, no control characters, at most 31 chars."""
    title = _BAD_TITLE.sub(" ", ILLEGAL_CHARACTERS_RE.sub("", str(name)))
    title = re.sub(r"\s+", " ", title).strip().strip("'")
    title = (title or "Sheet")[:31]
    base, n = title, 2
    while title.lower() in {t.lower() for t in taken}:
        suffix = f" ({n})"
        title = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(title)
    return title
