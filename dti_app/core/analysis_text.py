"""Words of the analysis tables and charts, Vietnamese first, English available.

The analysis modules (``sensitivity``, ``gain``, ``merge34``, ``trends``, ``strengths``) return
DataFrames whose columns have short English names (data, not prose). ``labelled`` renames them
for people, and ``text`` gives the charts' titles and legends, so an export or a screen shows the
same words everywhere.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["COLUMNS", "TEXT", "column_label", "labelled", "text"]

COLUMNS: dict[str, tuple[str, str]] = {
    "code": ("Mã", "Code"),
    "name": ("Đơn vị", "Unit"),
    "region": ("Vùng", "Region"),
    "status": ("Trạng thái", "Status"),
    # stability
    "nominal_index": ("Chỉ số", "Index"),
    "nominal_rank": ("Hạng", "Rank"),
    "median_rank": ("Hạng trung vị", "Median rank"),
    "rank_p05": ("Hạng tốt (5 %)", "Rank, 5th percentile"),
    "rank_p95": ("Hạng kém (95 %)", "Rank, 95th percentile"),
    "best_rank": ("Hạng tốt nhất", "Best rank"),
    "worst_rank": ("Hạng kém nhất", "Worst rank"),
    "share_nominal": ("Tỷ lệ lần chạy giữ hạng", "Share of runs at this rank"),
    "n_overlapping": ("Số đơn vị không phân biệt được", "Units not distinguishable"),
    "unit_a": ("Đơn vị A", "Unit A"),
    "unit_b": ("Đơn vị B", "Unit B"),
    "rank_a": ("Hạng A", "Rank A"),
    "rank_b": ("Hạng B", "Rank B"),
    "interval_a": ("Khoảng hạng A", "Rank interval A"),
    "interval_b": ("Khoảng hạng B", "Rank interval B"),
    # points to gain
    "leaf": ("Chỉ số thành phần", "Sub-indicator"),
    "main": ("Chỉ số chính", "Main indicator"),
    "leaf_name": ("Tên chỉ số thành phần", "Sub-indicator name"),
    "max_points": ("Điểm tối đa", "Maximum points"),
    "achieved": ("Điểm đạt", "Points achieved"),
    "available": ("Điểm còn thiếu", "Points still available"),
    "value": ("Giá trị hiện tại", "Current value"),
    "best_value": ("Giá trị đạt điểm tối đa", "Value earning full points"),
    "index_gain": ("Chỉ số tăng thêm", "Index gain"),
    "new_index": ("Chỉ số mới", "New index"),
    "new_rank": ("Hạng mới", "New rank"),
    "step": ("Bước", "Step"),
    # 63 -> 34
    "n_former": ("Số tỉnh cũ", "Former provinces"),
    "n_scored": ("Số tỉnh cũ có kết quả", "Former provinces with a result"),
    "index": ("Chỉ số", "Index"),
    "rank": ("Hạng", "Rank"),
    "new_code": ("Mã đơn vị mới", "New unit code"),
    "new_name": ("Đơn vị mới", "New unit"),
    "former_code": ("Mã tỉnh cũ", "Former province code"),
    "former_name": ("Tỉnh cũ", "Former province"),
    "former_status": ("Trạng thái tỉnh cũ", "Former province status"),
    "former_index": ("Chỉ số tỉnh cũ", "Former province index"),
    "former_rank": ("Hạng tỉnh cũ (63)", "Former province rank (63)"),
    "new_unit_index": ("Chỉ số đơn vị mới", "New unit index"),
    "new_unit_rank": ("Hạng đơn vị mới (34)", "New unit rank (34)"),
    "projected_index": ("Chỉ số quy đổi từ 63", "Index projected from the 63"),
    "projected_rank": ("Hạng quy đổi từ 63", "Rank projected from the 63"),
    # trends
    "year": ("Năm", "Year"),
    "code_set": ("Bộ mã", "Code set"),
    "level": ("Cấp", "Level"),
    "measure": ("Chỉ tiêu", "Measure"),
    "score": ("Điểm", "Score"),
    "projected": ("Quy đổi", "Projected"),
    # strengths
    "node": ("Chỉ số", "Indicator"),
    "node_name": ("Tên chỉ số", "Indicator name"),
    "nation_mean": ("TB cả nước", "National mean"),
    "nation_sd": ("Độ lệch chuẩn cả nước", "National SD"),
    "diff_nation": ("Chênh so với cả nước", "Difference from the nation"),
    "z_nation": ("Số độ lệch chuẩn (cả nước)", "SDs from the nation"),
    "region_mean": ("TB vùng", "Regional mean"),
    "region_sd": ("Độ lệch chuẩn vùng", "Regional SD"),
    "diff_region": ("Chênh so với vùng", "Difference from the region"),
    "z_region": ("Số độ lệch chuẩn (vùng)", "SDs from the region"),
    "verdict": ("Nhận định", "Verdict"),
}

TEXT: dict[str, tuple[str, str]] = {
    "stability_title": ("Độ ổn định thứ hạng khi trọng số thay đổi ±{spread:.0%} ({runs} lần chạy)",
                        "Rank stability under ±{spread:.0%} weight changes ({runs} runs)"),
    "stability_more": (" — {shown}/{total} đơn vị đứng đầu", " — top {shown} of {total} units"),
    "stability_interval": ("Khoảng hạng 5–95 %", "5–95 % rank interval"),
    "stability_median": ("Hạng trung vị", "Median rank"),
    "stability_nominal": ("Hạng theo trọng số gốc", "Rank with the criteria's weights"),
    "rank_axis": ("Thứ hạng", "Rank"),
    "index_axis": ("Chỉ số", "Index"),
    "year_axis": ("Năm", "Year"),
    "trend_title": ("Chỉ số qua các năm", "Index over the years"),
    "bump_title": ("Thứ hạng qua các năm", "Rank over the years"),
    "code_set_label": ("bộ {code_set}", "{code_set} set"),
    "projected_note": ("(quy đổi 63 → 34)", "(projected 63 → 34)"),
    "strength": ("điểm mạnh", "strength"),
    "weakness": ("điểm yếu", "weakness"),
    "main_level": ("chỉ số chính", "main indicator"),
    "leaf_level": ("chỉ số thành phần", "sub-indicator"),
    "index_level": ("chỉ số tổng hợp", "index"),
    "pillar_level": ("trụ cột", "pillar"),
    "scored": ("đã chấm", "scored"),
    "provisional": ("tạm tính (còn lỗi)", "provisional (errors)"),
    "partial": ("thiếu tỉnh cũ", "incomplete"),
    "missing": ("chưa nộp", "missing"),
    "invalid": ("không hợp lệ", "invalid"),
}


def column_label(column: str, lang: str = "vi") -> str:
    pair = COLUMNS.get(column)
    if pair is None:
        return column
    return pair[1] if lang == "en" else pair[0]


def labelled(frame: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """A copy of ``frame`` with column headings for people (unknown columns keep their name)."""
    return frame.rename(columns={c: column_label(c, lang) for c in frame.columns})


def text(key: str, lang: str = "vi", **params: object) -> str:
    vi, en = TEXT[key]
    return (en if lang == "en" else vi).format(**params)
