"""What ``dti-scorer analyse`` prints: its sentences (Vietnamese first) and plain-text tables."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pandas as pd

from dti_app.cli.common import out
from dti_app.cli.text import language
from dti_app.core.analysis_text import column_label
from dti_app.core.export_text import shown_text

__all__ = ["say", "print_table", "records", "number"]

TEXT: dict[str, tuple[str, str]] = {
    "analyse": ("phân tích kết quả / analysis", "analysis of the results"),
    "stability": ("Độ ổn định thứ hạng: {runs} lần chạy, trọng số ±{spread:.0%}, hạt giống {seed}"
                  "{agg} — {units} đơn vị, {seconds:.2f} giây.",
                  "Rank stability: {runs} runs, weights ±{spread:.0%}, seed {seed}{agg} — "
                  "{units} units, {seconds:.2f} s."),
    "stability_agg": (", đổi cách tổng hợp ở {n} lần chạy", ", other aggregation in {n} runs"),
    "pairs": ("Các cặp không phân biệt được (khoảng hạng 5–95 % chồng nhau): {n}",
              "Pairs that cannot be told apart (5–95 % rank intervals overlap): {n}"),
    "pair": ("  {a} (hạng {ra}, {ia}) ~ {b} (hạng {rb}, {ib})",
             "  {a} (rank {ra}, {ia}) ~ {b} (rank {rb}, {ib})"),
    "more_errors": ("  … và {n} lỗi nữa (xem tất cả bằng dti-scorer validate)",
                    "  … and {n} more errors (see them all with dti-scorer validate)"),
    "more": ("  … và {n} dòng nữa (xem --json)", "  … and {n} more (see --json)"),
    "unit_line": ("Đơn vị: {name} ({code}) — chỉ số {index}, hạng {rank}/{total}",
                  "Unit: {name} ({code}) — index {index}, rank {rank} of {total}"),
    "gain_head": ("Điểm còn có thể đạt, theo mức tăng chỉ số:",
                  "Points still available, by index gain:"),
    "gain_total": ("Tổng điểm còn thiếu: {points}; {n} chỉ số thành phần chưa đạt tối đa.",
                   "Points still missing: {points}; {n} sub-indicator(s) below full points."),
    "gain_none": ("Đơn vị đã đạt điểm tối đa ở mọi chỉ số thành phần.",
                  "The unit has full points on every sub-indicator."),
    "target_done": ("Đơn vị đã ở hạng {rank}, không cần cải thiện để đạt hạng {target}.",
                    "The unit is already ranked {rank}; nothing is needed to reach rank {target}."),
    "target_plan": ("Để đạt hạng {target}: {n} chỉ số thành phần cần đạt tối đa → chỉ số {index}, "
                    "hạng {rank} (chọn dần chỉ số tăng nhiều nhất; cách chọn tham lam, có thể "
                    "không phải ít nhất khi các chỉ số tác động lẫn nhau).",
                    "To reach rank {target}: {n} sub-indicator(s) at full points → index {index}, "
                    "rank {rank} (greedy, largest gain first; may not be the fewest when "
                    "indicators interact)."),
    "target_unreachable": ("Không thể đạt hạng {target}: kể cả khi mọi chỉ số thành phần đạt tối "
                           "đa, chỉ số là {index}, hạng {rank}.",
                           "Rank {target} cannot be reached: with every sub-indicator at full "
                           "points the index is {index}, rank {rank}."),
    "merge_head": ("Kết quả quy đổi sang 34 đơn vị (trung bình cộng từng chỉ số chính của các "
                   "tỉnh cũ, rồi tính chỉ số):",
                   "Results projected onto the 34 units (each main indicator averaged over the "
                   "former provinces, then the index):"),
    "merge_formers": ("Tỉnh cũ", "Former provinces"),
    "merge_counts": ("{scored} đơn vị đủ dữ liệu, {partial} thiếu tỉnh cũ (không xếp hạng), "
                     "{missing} không có dữ liệu.",
                     "{scored} unit(s) complete, {partial} incomplete (not ranked), "
                     "{missing} without data."),
    "merge_counts_ranked": ("{scored} đơn vị đủ dữ liệu, {partial} thiếu tỉnh cũ (vẫn xếp hạng "
                            "theo yêu cầu), {missing} không có dữ liệu.",
                            "{scored} unit(s) complete, {partial} incomplete (ranked as asked), "
                            "{missing} without data."),
    "strength_head": ("So sánh với trung bình cả nước ({n} đơn vị) và vùng {region} ({m} đơn vị):",
                      "Compared with the national mean ({n} units) and the {region} region "
                      "({m} units):"),
    "strong_leaves": ("Chỉ số thành phần nổi trội (≥ {z} độ lệch chuẩn):",
                      "Outstanding sub-indicators (≥ {z} SD):"),
    "weak_leaves": ("Chỉ số thành phần yếu (≤ −{z} độ lệch chuẩn):",
                    "Weak sub-indicators (≤ −{z} SD):"),
    "none": ("  (không có)", "  (none)"),
    "trends_head": ("Chỉ số qua các năm (hạng trong ngoặc):", "Index over the years (rank in "
                    "brackets):"),
    "unit_unknown": ("Không tìm thấy đơn vị '{unit}': {reason}", "Unit '{unit}' not found: "
                     "{reason}"),
    "unit_not_scored": ("Đơn vị {name} ({code}) chưa có kết quả (trạng thái: {status}).",
                        "{name} ({code}) has no result (status: {status})."),
    "need_63": ("Quy đổi 63 → 34 cần kết quả của bộ 63 tỉnh (--units 63), không phải bộ "
                "'{code_set}'.",
                "The 63 → 34 projection needs a result of the 63 provinces (--units 63), not of "
                "the '{code_set}' set."),
    "bad_year_input": ("Đầu vào '{arg}' phải có dạng NĂM=TỆP (TỆP: .json, .dticampaign, .xlsx).",
                       "Input '{arg}' must look like YEAR=FILE (FILE: .json, .dticampaign, "
                       ".xlsx)."),
    "bad_json": ("Không đọc được '{path}': {reason}", "Cannot read '{path}': {reason}"),
    "chart_format": ("Biểu đồ phải là .png, .svg hoặc .pdf: {path}",
                     "The chart must be .png, .svg or .pdf: {path}"),
    "verdict_strength": ("mạnh", "strength"),
    "verdict_weakness": ("yếu", "weakness"),
    "yes": ("có", "yes"),
    "no": ("không", "no"),
}


def say(key: str, **params: object) -> str:
    vi, en = TEXT[key]
    return (en if language() == "en" else vi).format(**params)


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def number(value: Any, decimals: int = 4) -> str:
    """A number as printed, rounded as every result is (``round_shown``, half away from
    zero): '—' when missing, an integer when ``decimals`` is 0."""
    if _missing(value):
        return "—"
    return shown_text(float(value), decimals)


def _cell(value: Any, decimals: int | None) -> str:
    if decimals is None:
        return "—" if _missing(value) else str(value)
    return number(value, decimals)


def print_table(frame: pd.DataFrame, columns: Sequence[tuple[str, int | None]],
                headings: dict[str, str] | None = None, width: int = 34) -> None:
    """Print ``frame``'s ``columns`` (name, decimals or None for text) under headings from
    ``analysis_text``; numbers right-aligned, text left-aligned and cut at ``width``."""
    headings = headings or {}
    lang = language()
    names = [c for c, _ in columns]
    cells = [[_cell(row[c], d) for c, d in columns] for _, row in frame.iterrows()]
    cells = [[v if len(v) <= width else v[:width - 1] + "…" for v in row] for row in cells]
    heads = [headings.get(c) or column_label(c, lang) for c in names]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(heads)]
    numeric = [d is not None for _, d in columns]

    def line(values: list[str]) -> str:
        return "  ".join(v.rjust(w) if num else v.ljust(w)
                         for v, w, num in zip(values, widths, numeric)).rstrip()

    out(line(heads))
    for row in cells:
        out(line(row))


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as JSON-ready dicts (NaN and <NA> become null, numpy numbers plain numbers)."""
    rows = []
    for row in frame.to_dict(orient="records"):
        clean = {}
        for key, value in row.items():
            if _missing(value):
                clean[str(key)] = None
            elif hasattr(value, "item"):
                clean[str(key)] = value.item()
            else:
                clean[str(key)] = value
        rows.append(clean)
    return rows
