"""Reading a ranking workbook written by this tool back as a previous year's results.

Registered in ``previous.PREVIOUS_READERS`` for ``.xlsx`` when this module is imported
(``exports`` imports it), so ``previous.load_previous("xep_hang_DTI_2023.xlsx")`` works. The
ranking sheet is found by its title in Vietnamese or English, its columns by their headers; the
"about" sheet gives the code set, the criteria and the year. The file is opened through
``spreadsheet.open_sheets`` (checked, read-only), like any input. The ranking table's header is
the first of the top rows that names the code, rank and index columns (row 3 when a banner says
the weights were edited). Codes are read as the text they were written as ("01", not 1).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dti_app.core.campaign_schema import campaign_error
from dti_app.core.errors import InputFileError
from dti_app.core.export_text import LABELS
from dti_app.core.previous import PREVIOUS_READERS, PreviousResults
from dti_app.core.spreadsheet import Sheet, open_sheets
from dti_app.core.units import builtin_register

__all__ = ["read_ranking_workbook"]

HEADER_ROWS = 5


def _both(key: str) -> set[str]:
    return {text.strip().lower() for text in LABELS[key]}


def _about(sheets: list[Sheet]) -> dict[str, str]:
    for sheet in sheets:
        if sheet.name.strip().lower() in _both("sheet_about"):
            return {str(row[0]).strip().lower(): str(row[1]).strip() for row in sheet.rows
                    if len(row) >= 2 and row[0] is not None and row[1] is not None}
    return {}


def _pick(about: dict[str, str], key: str) -> str:
    return next((about[k] for k in _both(key) if k in about), "")


def _header(ranking: Sheet, path: Path) -> tuple[int, dict[str, int]]:
    """The header row and the column of the code, the rank and the index."""
    missing = "code"
    for r, row in enumerate(ranking.rows[:HEADER_ROWS]):
        header = [str(v).strip().lower() if v is not None else "" for v in row]
        columns = {}
        for key in ("code", "rank", "index"):
            found = [j for j, title in enumerate(header) if title in _both(key)]
            if found:
                columns[key] = found[0]
        if len(columns) == 3:
            units = [j for j, title in enumerate(header) if title in _both("unit")]
            columns["unit"] = units[0] if units else -1
            return r, columns
        if columns:
            missing = next(k for k in ("code", "rank", "index") if k not in columns)
    raise campaign_error("previous_unreadable", path=path, why=" / ".join(LABELS[missing]))


def _codes_of(code_set: str) -> dict[str, str]:
    """For the built-in 63 and 34: a code written as a number (1, re-saved by a spreadsheet)
    → the register's code ("01")."""
    if code_set not in ("63", "34"):
        return {}
    return {str(int(c)): c for c in builtin_register(code_set).codes if c.isdigit()}


def read_ranking_workbook(path: Path) -> PreviousResults:
    """Codes, ranks and index values from the ranking sheet of an exported workbook."""
    path = Path(path)
    try:
        sheets = open_sheets(path)
    except InputFileError as exc:
        raise campaign_error("previous_unreadable", path=path, why=exc.render("vi")) from None
    ranking = next((s for s in sheets if s.name.strip().lower() in _both("sheet_ranking")), None)
    if ranking is None or not ranking.rows:
        raise campaign_error("previous_unreadable", path=path,
                             why=" / ".join(LABELS["sheet_ranking"]))
    top, columns = _header(ranking, path)
    about = _about(sheets)
    code_set = _pick(about, "code_set")
    canonical = _codes_of(code_set)
    codes, ranks, scores, names = [], [], [], []
    for row in ranking.rows[top + 1:]:
        cells = [row[columns[k]] if 0 <= columns[k] < len(row) else None
                 for k in ("code", "rank", "index", "unit")]
        code, rank, score, name = cells
        if code is None or rank is None or str(rank).strip() == "":
            continue                                   # not ranked: not submitted or invalid
        if isinstance(code, float) and code.is_integer():
            code = int(code)
        code = str(code).strip()
        codes.append(canonical.get(code, code))
        ranks.append(int(float(rank)))
        scores.append(float(pd.to_numeric(score, errors="coerce")))
        names.append(str(name).strip() if name is not None else "")
    index = pd.Index(codes, name="code", dtype=object)
    table = pd.DataFrame({"score": pd.Series(scores, index=index, dtype=float),
                          "rank": pd.Series(ranks, index=index, dtype="Int64"),
                          "name": pd.Series(names, index=index, dtype=object)})
    criteria = _pick(about, "criteria_id")
    version = _pick(about, "criteria_version")
    year = _pick(about, "year")
    return PreviousResults(source=str(path), code_set=code_set,
                           criteria=f"{criteria} v{version}" if criteria else "",
                           year=int(float(year)) if year.replace(".", "", 1).isdigit() else None,
                           table=table)


PREVIOUS_READERS.setdefault(".xlsx", read_ranking_workbook)
