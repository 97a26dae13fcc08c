"""Reading a ranking workbook written by this tool back as a previous year's results.

Registered in ``previous.PREVIOUS_READERS`` for ``.xlsx`` when this module is imported
(``exports`` imports it), so ``previous.load_previous("xep_hang_DTI_2023.xlsx")`` works. The
ranking sheet is found by its title in Vietnamese or English, its columns by their headers; the
"about" sheet gives the code set, the criteria and the year. The file is opened through
``spreadsheet.open_sheets`` (checked, read-only), like any input.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dti_app.core.campaign_schema import campaign_error
from dti_app.core.errors import InputFileError
from dti_app.core.export_text import LABELS
from dti_app.core.previous import PREVIOUS_READERS, PreviousResults
from dti_app.core.spreadsheet import Sheet, open_sheets

__all__ = ["read_ranking_workbook"]


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
    header = [str(v).strip().lower() if v is not None else "" for v in ranking.rows[0]]
    columns = {}
    for key in ("code", "rank", "index"):
        found = [j for j, title in enumerate(header) if title in _both(key)]
        if not found:
            raise campaign_error("previous_unreadable", path=path,
                                 why=" / ".join(LABELS[key]))
        columns[key] = found[0]
    codes, ranks, scores = [], [], []
    for row in ranking.rows[1:]:
        cells = [row[columns[k]] if columns[k] < len(row) else None
                 for k in ("code", "rank", "index")]
        code, rank, score = cells
        if code is None or rank is None or str(rank).strip() == "":
            continue                                   # not ranked: not submitted or invalid
        if isinstance(code, float) and code.is_integer():
            code = int(code)
        codes.append(str(code).strip())
        ranks.append(int(float(rank)))
        scores.append(float(pd.to_numeric(score, errors="coerce")))
    index = pd.Index(codes, name="code", dtype=object)
    table = pd.DataFrame({"score": pd.Series(scores, index=index, dtype=float),
                          "rank": pd.Series(ranks, index=index, dtype="Int64")})
    about = _about(sheets)
    criteria = _pick(about, "criteria_id")
    version = _pick(about, "criteria_version")
    year = _pick(about, "year")
    return PreviousResults(source=str(path), code_set=_pick(about, "code_set"),
                           criteria=f"{criteria} v{version}" if criteria else "",
                           year=int(float(year)) if year.replace(".", "", 1).isdigit() else None,
                           table=table)


PREVIOUS_READERS.setdefault(".xlsx", read_ranking_workbook)
