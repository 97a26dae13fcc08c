"""The CLI's own sentences, Vietnamese first, English with ``--lang en``."""

from __future__ import annotations

__all__ = ["say", "set_language"]

_LANG = ["vi"]

TEXT: dict[str, tuple[str, str]] = {
    "prog": ("Chấm điểm và xếp hạng chỉ số chuyển đổi số (DTI), ngoại tuyến.",
             "Score and rank the digital transformation index (DTI), offline."),
    "criteria_ok": ("Tệp tiêu chí hợp lệ: {label} — {name}",
                    "Criteria file is valid: {label} — {name}"),
    "criteria_summary": ("{mains} chỉ số chính, {leaves} chỉ số thành phần, tổng {points} "
                         "điểm; trụ cột: {pillars}; SHA-256 {sha}",
                         "{mains} main indicators, {leaves} sub-indicators, {points} points in "
                         "all; pillars: {pillars}; SHA-256 {sha}"),
    "illustrative": ("Lưu ý: {note}", "Note: {note}"),
    "criteria_bad": ("Tệp tiêu chí có {n} lỗi:", "The criteria file has {n} problem(s):"),
    "register_bad": ("Danh sách đơn vị có lỗi:", "The unit register has problems:"),
    "no_inputs": ("Không có tệp đầu vào nào đọc được.", "No readable input files."),
    "summary": ("{files} tệp; {scored} đơn vị được chấm, {missing} chưa nộp, "
                "{invalid} không hợp lệ; {errors} lỗi, {warnings} cảnh báo.",
                "{files} file(s); {scored} unit(s) scored, {missing} missing, {invalid} invalid; "
                "{errors} error(s), {warnings} warning(s)."),
    "summary_provisional": ("Trong đó {n} đơn vị tạm tính (xếp hạng, còn lỗi chưa giải quyết).",
                            "Of these, {n} provisional (ranked, with unresolved errors)."),
    "summary_unranked": ("Trong đó {n} đơn vị tạm tính không được xếp hạng (--strict).",
                         "Of these, {n} provisional unit(s) left out of the ranking (--strict)."),
    "summary_resolved": ("{n} vấn đề đã giải quyết bằng giá trị thẩm định.",
                         "{n} issue(s) resolved by verified values."),
    "resolved_mark": ("ĐÃ GIẢI QUYẾT", "RESOLVED"),
    "provisional_legend": ("* tạm tính: được xếp hạng, nhưng có giá trị đầu vào còn lỗi chưa "
                           "giải quyết (tính như thiếu), nên điểm có thể thay đổi; --strict "
                           "không xếp hạng các đơn vị này.",
                           "* provisional: ranked, but some input values still have unresolved "
                           "errors (counted as missing), so the score may change; --strict "
                           "leaves such units out of the ranking."),
    "provisional_row": ("tạm tính: {n} lỗi", "provisional: {n} error(s)"),
    "unranked_list": ("Tạm tính, không xếp hạng (--strict) ({n}): {names}",
                      "Provisional, not ranked (--strict) ({n}): {names}"),
    "ranking_head": ("Hạng  Mã  Đơn vị                         Chỉ số",
                     "Rank  Code Unit                           Index"),
    "written": ("Đã ghi: {path}", "Written: {path}"),
    "issues_of": ("Tệp {file}:", "File {file}:"),
    "issues_general": ("Chung:", "General:"),
    "no_issues": ("Không có lỗi hay cảnh báo.", "No errors or warnings."),
    "interrupted": ("Đã dừng theo yêu cầu.", "Stopped on request."),
    "unexpected": ("Lỗi không mong đợi ({kind}): {msg}. Chạy lại với --debug để xem chi tiết.",
                   "Unexpected error ({kind}): {msg}. Run again with --debug for details."),
    "error": ("Lỗi: {msg}", "Error: {msg}"),
    "charts_progress": ("Biểu đồ", "Charts"),
    "scorecards_progress": ("Phiếu kết quả", "Scorecards"),
    "previous_code_set": ("Kết quả năm trước thuộc bộ mã {theirs}, đợt này dùng bộ mã {ours}; "
                          "không so sánh được", "The previous results use code set {theirs}, "
                          "this round uses {ours}; they cannot be compared"),
    "missing_list": ("Chưa nộp ({n}): {names}", "Missing ({n}): {names}"),
    "template_written": ("Đã tạo {n} mẫu phiếu ({criteria}, năm {year}, bộ mã {code_set}) "
                         "trong {folder}",
                         "Wrote {n} template(s) ({criteria}, year {year}, code set {code_set}) "
                         "to {folder}"),
    "demo_source": ("Dữ liệu mẫu TỔNG HỢP (không phải số liệu thật): {folder}",
                    "SYNTHETIC sample data (not real figures): {folder}"),
    "demo_missing": ("Không tìm thấy thư mục phiếu mẫu: {folder}",
                     "The sample workbooks folder was not found: {folder}"),
    "demo_top": ("{n} đơn vị đứng đầu:", "Top {n} units:"),
    "year_conflict": ("Các tệp đầu vào ghi những năm đánh giá khác nhau: {years}. Hãy chọn năm "
                      "bằng --year YYYY (tệp của năm khác khi đó bị báo lỗi). Chưa ghi tệp nào.",
                      "The input files state different assessment years: {years}. Choose one "
                      "with --year YYYY (files of another year are then reported as errors). "
                      "Nothing was written."),
    "year_from_inputs": ("Năm đánh giá: {year} (năm ghi trên các tệp đầu vào).",
                         "Assessment year: {year} (the year the input files state)."),
    "year_not_stated": ("Năm đánh giá: chưa rõ (không tệp đầu vào nào ghi năm); thêm --year YYYY "
                        "để ghi năm lên kết quả.",
                        "Assessment year: not stated (no input file states one); add --year "
                        "YYYY to put it on the results."),
    "template_year_other": ("Lưu ý: bộ tiêu chí {criteria} được viết cho năm {criteria_year}, "
                            "mẫu phiếu này cho năm {year}.",
                            "Note: the criteria {criteria} were written for {criteria_year}; "
                            "these templates are for {year}."),
    "template_year_from_criteria": ("Năm đánh giá {year}: năm ghi trong bộ tiêu chí {criteria} "
                                    "(không có --year).",
                                    "Assessment year {year}: the year the criteria {criteria} "
                                    "state (no --year given)."),
    "template_year_needed": ("Cần --year YYYY: bộ tiêu chí {criteria} không ghi năm đánh giá, "
                             "mà năm được ghi lên từng mẫu phiếu.",
                             "--year YYYY is needed: the criteria {criteria} state no year, and "
                             "the year is written on every template."),
}


def set_language(lang: str) -> None:
    _LANG[0] = "en" if lang == "en" else "vi"


def language() -> str:
    return _LANG[0]


def say(key: str, **params: object) -> str:
    vi, en = TEXT[key]
    return (en if _LANG[0] == "en" else vi).format(**params)
