"""The analysis as extra sheets of the ranking workbook: rank stability, 63 → 34, strengths.

``analysis_sheets`` returns (sheet title, table) pairs for ``write_ranking_workbook``'s
``extra_sheets``: the Monte Carlo rank intervals (seeded, so the same inputs give the same
sheet), the projection onto the 34 merged units when the results are for the 63 provinces, and
every unit's main indicators far above or below its region and the nation.
"""

from __future__ import annotations

import pandas as pd

from dti_app.core.analysis_text import labelled
from dti_app.core.scoring import ScoreResult
from dti_app.core.units import UnitRegister

__all__ = ["analysis_sheets", "SHEET_TITLES"]

SHEET_TITLES = {
    "stability": ("Độ ổn định thứ hạng", "Rank stability"),
    "merge34": ("Quy đổi 34 đơn vị", "Projected onto 34 units"),
    "composition": ("Thành phần 34 đơn vị", "Units of the 34"),
    "strengths": ("Điểm mạnh, điểm yếu", "Strengths and weaknesses"),
}


def _title(key: str, lang: str) -> str:
    vi, en = SHEET_TITLES[key]
    return en if lang == "en" else vi


def analysis_sheets(result: ScoreResult, register: UnitRegister, lang: str = "vi", *,
                    runs: int = 1000, spread: float = 0.2, seed: int = 0
                    ) -> list[tuple[str, pd.DataFrame]]:
    """Extra sheets for the ranking workbook (none when fewer than two units were scored)."""
    from dti_app.core.merge34 import merge_to_34
    from dti_app.core.sensitivity import rank_stability
    from dti_app.core.strengths import strengths_table

    scored = result.scored
    if len(scored) < 2:
        return []
    sheets: list[tuple[str, pd.DataFrame]] = []
    stability = rank_stability(result.criteria, result.leaf_fraction.loc[scored], register,
                               runs=runs, spread=spread, seed=seed)
    sheets.append((_title("stability", lang), labelled(stability.table.reset_index(), lang)))
    if register.code_set == "63":
        merged = merge_to_34(result)
        sheets.append((_title("merge34", lang), labelled(merged.table.reset_index(), lang)))
        sheets.append((_title("composition", lang), labelled(merged.composition, lang)))
    # main indicators: one readable sheet at any scale (sub-indicators are in the app's and the
    # CLI's per-unit view, ``dti-scorer analyse strengths --unit``)
    strengths = strengths_table(result, register, levels=("main",), lang=lang)
    notable = strengths[strengths["verdict"].astype(str) != ""]
    sheets.append((_title("strengths", lang), labelled(notable.reset_index(drop=True), lang)))
    return sheets
