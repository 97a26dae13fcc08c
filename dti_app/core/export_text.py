"""The words used in exports (workbook headers, chart titles, scorecards), Vietnamese and English.

``label(key, lang, **fields)`` returns the Vietnamese text unless ``lang == "en"``; fields are
formatted into it. ``framework_line`` is the subtitle every chart and scorecard carries: the
framework, the year and the code set, so a figure cut out of a report still says what it shows.
When the weights were edited and not saved as a new criteria version, ``framework_line`` says so
and ``edited_line`` says which (code, the file's value → the value used); ``criteria_text`` and
``version_text`` never give the file's version alone for edited weights.
"""

from __future__ import annotations

from dti_app.core.criteria import Criteria
from dti_app.core.ranking import round_shown

__all__ = ["LABELS", "label", "status_text", "aggregation_text", "missing_text",
           "framework_line", "edited_line", "edit_text", "criteria_text", "version_text",
           "year_text", "number_format", "shown_text"]

LABELS: dict[str, tuple[str, str]] = {
    # sheet titles (at most 31 characters)
    "sheet_ranking": ("Xếp hạng", "Ranking"),
    "sheet_indicators": ("Chỉ số chính", "Main indicators"),
    "sheet_points": ("Điểm chỉ số thành phần", "Sub-indicator points"),
    "sheet_values": ("Giá trị tự đánh giá, thẩm định", "Self-assessed, verified values"),
    "sheet_final_values": ("Giá trị chỉ số thành phần", "Sub-indicator values"),
    "sheet_issues": ("Vấn đề dữ liệu", "Issues"),
    "sheet_criteria": ("Tiêu chí và trọng số", "Criteria and weights"),
    "sheet_charts": ("Biểu đồ", "Charts"),
    "sheet_about": ("Thông tin", "About"),
    # column headers
    "rank": ("Hạng", "Rank"),
    "code": ("Mã", "Code"),
    "unit": ("Đơn vị", "Unit"),
    "region": ("Vùng", "Region"),
    "index": ("Chỉ số", "Index"),
    "total_points": ("Tổng điểm", "Total points"),
    "region_rank": ("Hạng trong vùng", "Rank in region"),
    "status": ("Trạng thái", "Status"),
    "score_of": ("Điểm {name}", "{name} score"),
    "rank_of": ("Hạng {name}", "{name} rank"),
    "previous_rank": ("Hạng năm trước", "Previous rank"),
    "rank_change": ("Thay đổi hạng", "Rank change"),
    "previous_score": ("Chỉ số năm trước", "Previous index"),
    "score_change": ("Thay đổi chỉ số", "Index change"),
    "leaf": ("Chỉ số thành phần", "Sub-indicator"),
    "leaf_name": ("Tên chỉ số thành phần", "Sub-indicator name"),
    "self_value": ("Giá trị tự đánh giá", "Self-assessed value"),
    "verified_value": ("Giá trị thẩm định", "Verified value"),
    "final_value": ("Giá trị cuối cùng", "Final value"),
    "points": ("Điểm đạt", "Points achieved"),
    "max_points": ("Điểm tối đa", "Max points"),
    "severity": ("Mức độ", "Severity"),
    "reason_code": ("Mã lý do", "Reason code"),
    "file": ("Tệp", "File"),
    "sheet": ("Trang tính", "Sheet"),
    "cell": ("Ô", "Cell"),
    "node": ("Chỉ tiêu", "Indicator"),
    "value": ("Giá trị", "Value"),
    "message": ("Nội dung", "Message"),
    "error": ("Lỗi", "Error"),
    "warning": ("Cảnh báo", "Warning"),
    "parent": ("Mã cha", "Parent"),
    "level": ("Cấp", "Level"),
    "name_vi": ("Tên (tiếng Việt)", "Name (Vietnamese)"),
    "name_en": ("Tên (tiếng Anh)", "Name (English)"),
    "weight": ("Trọng số", "Weight"),
    "aggregation": ("Cách tổng hợp", "Aggregation"),
    "missing_policy": ("Khi thiếu dữ liệu", "Missing values"),
    "rule": ("Quy tắc chấm", "Scoring rule"),
    "rule_params": ("Tham số quy tắc", "Rule parameters"),
    "direction": ("Chiều", "Direction"),
    "measure": ("Đơn vị đo", "Unit of measure"),
    "valid_range": ("Khoảng hợp lệ", "Valid range"),
    "required": ("Bắt buộc", "Required"),
    "pillar": ("Trụ cột", "Pillar"),
    "pillar_indicators": ("Gồm các chỉ số chính", "Main indicators included"),
    "denominator": ("Mẫu số (điểm tối đa)", "Denominator (max points)"),
    "index_settings": ("Cách tính chỉ số", "How the index is computed"),
    "scale": ("Thang chỉ số", "Index scale"),
    "decimals": ("Số chữ số thập phân", "Decimals"),
    "yes": ("có", "yes"),
    "no": ("không", "no"),
    "higher": ("càng cao càng tốt", "higher is better"),
    "lower": ("càng thấp càng tốt", "lower is better"),
    # about sheet
    "about_item": ("Mục", "Item"),
    "about_value": ("Nội dung", "Value"),
    "tool": ("Công cụ", "Tool"),
    "tool_version": ("Phiên bản công cụ", "Tool version"),
    "criteria_id": ("Mã bộ tiêu chí", "Criteria id"),
    "criteria_version": ("Phiên bản bộ tiêu chí", "Criteria version"),
    "criteria_name": ("Tên bộ tiêu chí", "Criteria name"),
    "criteria_sha": ("SHA-256 bộ tiêu chí", "Criteria SHA-256"),
    "illustrative": ("Ghi chú về bộ tiêu chí", "Note on the criteria"),
    "code_set": ("Bộ mã đơn vị", "Unit code set"),
    "year": ("Năm đánh giá", "Assessment year"),
    "year_unknown": ("chưa rõ (các tệp đầu vào không ghi năm)",
                     "not stated (no input file states a year)"),
    "year_none": ("chưa rõ", "not stated"),
    "year_conflict": ("Các tệp đầu vào ghi những năm đánh giá khác nhau: {years}. Hãy chọn một "
                      "năm (đợt đánh giá có năm, hoặc --year) rồi xuất lại; chưa ghi tệp nào.",
                      "The input files state different assessment years: {years}. Choose one "
                      "year (a campaign with a year, or --year) and export again; nothing was "
                      "written."),
    "weights": ("Trọng số", "Weights"),
    "weights_named": ("theo đúng tệp tiêu chí", "as in the criteria file"),
    "weights_edited": ("ĐÃ SỬA, khác tệp tiêu chí {criteria} ở {n} chỉ tiêu (xem bảng dưới)",
                       "EDITED: {n} node(s) differ from the criteria file {criteria} (see the "
                       "table below)"),
    "criteria_sha_named": ("SHA-256 tệp tiêu chí gốc", "SHA-256 of the criteria file"),
    "version_edited": ("trọng số đã sửa từ phiên bản {version}, chưa lưu thành phiên bản mới "
                       "(không phải phiên bản {version})",
                       "weights edited from version {version}, not saved as a new version "
                       "(not version {version})"),
    "criteria_edited": ("{id} (trọng số đã sửa từ v{version})",
                        "{id} (weights edited from v{version})"),
    "edits_table": ("Các chỉ tiêu có điểm hoặc trọng số khác tệp tiêu chí",
                    "Nodes whose points or weight differ from the criteria file"),
    "edit_field": ("Thông số", "Setting"),
    "official_value": ("Trong tệp tiêu chí", "In the criteria file"),
    "used_value": ("Đã dùng", "Used"),
    "official_points": ("Điểm tối đa trong tệp tiêu chí", "Max points in the criteria file"),
    "official_weight": ("Trọng số trong tệp tiêu chí", "Weight in the criteria file"),
    "edited": ("Đã sửa", "Edited"),
    "edited_banner": ("TRỌNG SỐ ĐÃ SỬA: không phải bộ tiêu chí {criteria}. {changes}",
                      "EDITED WEIGHTS: not the criteria {criteria}. {changes}"),
    "edited_line": ("Trọng số đã sửa, khác {criteria}: {changes}",
                    "Weights edited, not those of {criteria}: {changes}"),
    "edited_mark": ("trọng số đã sửa", "edited weights"),
    "edit_points": ("{code} {old} → {new} điểm", "{code} {old} → {new} points"),
    "edit_weight": ("{code} trọng số {old} → {new}", "{code} weight {old} → {new}"),
    "edit_total": ("tổng {old} → {new} điểm", "total {old} → {new} points"),
    "edit_more": ("và {n} thay đổi khác", "and {n} more"),
    "total_points_edited": ("Tổng điểm / {total} (đã sửa)", "Total points / {total} (edited)"),
    "exported_at": ("Thời điểm xuất", "Exported at"),
    "units_count": ("Số đơn vị (đã chấm / tạm tính / chưa nộp / không hợp lệ)",
                    "Units (scored / provisional / not submitted / invalid)"),
    "strict_ranking": ("Xếp hạng nghiêm ngặt (không xếp hạng đơn vị tạm tính)",
                       "Strict ranking (provisional units not ranked)"),
    "issue_counts": ("Vấn đề dữ liệu (lỗi / cảnh báo chưa giải quyết / đã giải quyết bằng "
                     "thẩm định)", "Issues (unresolved errors / unresolved warnings / resolved "
                     "by verification)"),
    "input_files": ("Tệp đầu vào", "Input files"),
    "file_name": ("Tên tệp", "File name"),
    "sha256": ("SHA-256", "SHA-256"),
    "file_kind": ("Loại", "Kind"),
    "file_units": ("Đơn vị trong tệp", "Units in the file"),
    "file_ok": ("Đọc được", "Readable"),
    "tool_name": ("DTI Scorer", "DTI Scorer"),
    # statuses
    "scored": ("đã chấm", "scored"),
    "provisional": ("tạm tính (còn lỗi)", "provisional (errors)"),
    "provisional_unranked": ("tạm tính, không xếp hạng", "provisional, not ranked"),
    "missing": ("chưa nộp", "not submitted"),
    "invalid": ("không hợp lệ", "invalid"),
    "provisional_legend": ("* Tạm tính: đơn vị được xếp hạng nhưng một số giá trị đầu vào còn lỗi "
                           "chưa giải quyết (tính như thiếu), nên điểm và hạng có thể thay đổi; "
                           "xem trang «Vấn đề dữ liệu».",
                           "* Provisional: ranked, but some input values still have unresolved "
                           "errors (counted as missing), so the score and rank may change; see "
                           "the «Issues» sheet."),
    "unranked_legend": ("Tạm tính, không xếp hạng: một số giá trị đầu vào còn lỗi chưa giải "
                        "quyết; theo cách xếp hạng nghiêm ngặt, đơn vị vẫn có điểm nhưng không "
                        "được xếp hạng, hạng của các đơn vị khác được dồn lên.",
                        "Provisional, not ranked: some input values still have unresolved "
                        "errors; under strict ranking the unit keeps its score but is not "
                        "ranked, and the others' ranks close up."),
    "resolved": ("đã giải quyết", "resolved"),
    "resolution": ("Giải quyết", "Resolution"),
    "unit_errors": ("Lỗi chưa giải quyết", "Unresolved errors"),
    # aggregations and missing policies
    "agg_sum": ("cộng điểm", "sum of points"),
    "agg_mean": ("trung bình cộng có trọng số", "weighted arithmetic mean"),
    "agg_geomean": ("trung bình nhân có trọng số", "weighted geometric mean"),
    "miss_zero": ("tính 0 điểm", "zero points"),
    "miss_skip": ("bỏ qua, chia lại trọng số", "skip and re-weight"),
    "miss_error": ("báo lỗi, không chấm", "error, not scored"),
    # charts
    "subtitle": ("{framework} · năm {year} · bộ mã {code_set} ({n} đơn vị)",
                 "{framework} · year {year} · code set {code_set} ({n} units)"),
    "illustrative_mark": ("(tiêu chí minh họa)", "(illustrative criteria)"),
    "chart_ranking": ("Xếp hạng chỉ số chuyển đổi số", "Digital transformation index ranking"),
    "chart_pillars": ("Điểm các trụ cột theo đơn vị", "Pillar scores by unit"),
    "chart_radar": ("{unit}: các chỉ số chính so với trung bình",
                    "{unit}: main indicators against the averages"),
    "chart_heatmap": ("Điểm các chỉ số chính (0–1)", "Main indicator scores (0–1)"),
    "chart_map": ("Bản đồ chỉ số chuyển đổi số", "Map of the digital transformation index"),
    "chart_rank_change": ("Thay đổi thứ hạng so với năm trước",
                          "Change in rank against the previous year"),
    "national_mean": ("Trung bình cả nước", "National mean"),
    "regional_mean": ("Trung bình vùng", "Regional mean"),
    "no_data": ("Chưa có dữ liệu", "No data"),
    "hoang_sa": ("Quần đảo Hoàng Sa (Đà Nẵng)", "Hoàng Sa archipelago (Đà Nẵng)"),
    "truong_sa": ("Quần đảo Trường Sa (Khánh Hòa)", "Trường Sa archipelago (Khánh Hòa)"),
    "east_sea": ("Biển Đông", "Biển Đông (East Sea)"),
    "moved_up": ("tăng hạng", "moved up"),
    "moved_down": ("giảm hạng", "moved down"),
    "no_previous": ("không có hạng năm trước", "no previous rank"),
    # scorecards
    "card_rank": ("Xếp hạng {rank}/{n}", "Rank {rank} of {n}"),
    "card_region_rank": ("hạng {rank} trong vùng", "rank {rank} in the region"),
    "card_not_ranked": ("Không xếp hạng: {status}", "Not ranked: {status}"),
    "card_unranked_strict": ("Không xếp hạng (xếp hạng nghiêm ngặt)",
                             "Not ranked (strict ranking)"),
    "card_provisional_short": ("TẠM TÍNH: còn {n} lỗi chưa giải quyết",
                               "PROVISIONAL: {n} unresolved error(s)"),
    "card_provisional": ("TẠM TÍNH: còn {n} lỗi đầu vào chưa giải quyết (tính như thiếu); điểm "
                         "và hạng có thể thay đổi",
                         "PROVISIONAL: {n} input error(s) unresolved (counted as missing); the "
                         "score and rank may change"),
    "card_strongest": ("Chỉ số chính mạnh nhất", "Strongest main indicators"),
    "card_weakest": ("Chỉ số chính yếu nhất", "Weakest main indicators"),
    "card_gain": ("Năm chỉ số thành phần còn nhiều điểm nhất có thể tăng",
                  "Five sub-indicators with the most points still to gain"),
    "card_gain_cols": ("Mã|Chỉ số thành phần|Điểm đạt/tối đa|Còn thiếu|Giá trị|Để đạt tối đa",
                       "Code|Sub-indicator|Points/max|To gain|Value|For full points"),
    "card_issues": ("Vấn đề dữ liệu đã phát hiện ({n})", "Data problems found ({n})"),
    "card_no_issues": ("Không phát hiện vấn đề dữ liệu.", "No data problems found."),
    "card_more_issues": ("… và {n} vấn đề khác (xem trang «Vấn đề dữ liệu» của bảng xếp hạng)",
                         "… and {n} more (see the «Issues» sheet of the ranking workbook)"),
    "card_pillars": ("Trụ cột", "Pillars"),
    "card_national": ("TB cả nước", "National mean"),
    "card_footer": ("DTI Scorer {version} · tiêu chí {criteria} · SHA-256 {sha}",
                    "DTI Scorer {version} · criteria {criteria} · SHA-256 {sha}"),
}


def label(key: str, lang: str = "vi", **fields: object) -> str:
    vi, en = LABELS[key]
    text = en if lang == "en" else vi
    return text.format(**fields) if fields else text


def status_text(status: str, lang: str = "vi", ranked: bool = True) -> str:
    """A unit status in words; ``ranked=False`` for a provisional unit left out by strict
    ranking."""
    if status == "provisional" and not ranked:
        return label("provisional_unranked", lang)
    return label(status, lang) if status in ("scored", "provisional", "missing", "invalid") \
        else status


def aggregation_text(kind: str, lang: str = "vi") -> str:
    key = f"agg_{kind}"
    return label(key, lang) if key in LABELS else kind


def missing_text(policy: str, lang: str = "vi") -> str:
    key = f"miss_{policy}"
    return label(key, lang) if key in LABELS else policy


def year_text(year: int | None, lang: str = "vi") -> str:
    """The assessment year, or that it is not stated (never the criteria file's year)."""
    return str(year) if year is not None else label("year_unknown", lang)


def framework_line(criteria: Criteria, code_set: str, n_units: int, lang: str = "vi",
                   year: int | None = None) -> str:
    """'<framework> · năm 2022 · bộ mã 63 (63 đơn vị)', marked when the criteria are
    illustrative and when the weights are edited."""
    shown_year = year if year is not None else label("year_none", lang)
    text = label("subtitle", lang, framework=criteria.name(lang), year=shown_year,
                 code_set=code_set, n=n_units)
    if criteria.edited:
        text += " · " + label("edited_mark", lang).upper()
    if criteria.illustrative:
        text += " " + label("illustrative_mark", lang)
    return text


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.6g}"


def edit_text(criteria: Criteria, lang: str = "vi", limit: int = 3) -> str:
    """'HDCQS 200 → 210 điểm; tổng 1000 → 1010 điểm': the main edits (at most ``limit``),
    the total when it changed, and how many more."""
    edits = criteria.main_edits
    parts = [label("edit_points" if e.field == "points" else "edit_weight", lang, code=e.code,
                   old=_number(e.official), new=_number(e.used)) for e in edits[:limit]]
    if len(edits) > limit:
        parts.append(label("edit_more", lang, n=len(edits) - limit))
    before, after = criteria.named.total_points, criteria.total_points
    if before != after:
        parts.append(label("edit_total", lang, old=_number(before), new=_number(after)))
    return "; ".join(parts)


def edited_line(criteria: Criteria, lang: str = "vi", limit: int = 3) -> str:
    """'' for named criteria; else 'Trọng số đã sửa, khác dti-tinh-2022 v1.0: …'."""
    if not criteria.edited:
        return ""
    named = criteria.named
    return label("edited_line", lang, criteria=f"{named.id} v{named.version}",
                 changes=edit_text(criteria, lang, limit))


def criteria_text(criteria: Criteria, lang: str = "vi") -> str:
    """'dti-tinh-2022 v1.0', or 'dti-tinh-2022 (trọng số đã sửa từ v1.0)' for edited weights."""
    if not criteria.edited:
        return f"{criteria.id} v{criteria.version}"
    return label("criteria_edited", lang, id=criteria.id, version=criteria.named.version)


def version_text(criteria: Criteria, lang: str = "vi") -> str:
    """The version to show: the file's, or that the weights were edited from it."""
    if not criteria.edited:
        return criteria.version
    return label("version_edited", lang, version=criteria.named.version)


def shown_text(value: float, decimals: int) -> str:
    """A result as shown: rounded by ``round_shown`` (half away from zero), then written with
    exactly ``decimals`` places; '—' for a missing value."""
    if value is None or value != value:
        return "—"
    return f"{round_shown(float(value), decimals):.{decimals}f}"


def number_format(decimals: int) -> str:
    """Excel number format showing ``decimals`` places: 4 -> '0.0000'."""
    return "0" if decimals <= 0 else "0." + "0" * decimals
