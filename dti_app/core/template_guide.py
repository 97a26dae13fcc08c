"""The instructions sheet of the self-assessment template, in Vietnamese (English after it)."""

from __future__ import annotations

from dti_app.core.template_layout import COLUMNS, DATA_SHEET, GENERAL_SHEET, NO, YES

__all__ = ["guide_lines"]


def _letter(key: str) -> str:
    return chr(ord("A") + COLUMNS[key] - 1)


def guide_lines(unit_label: str, year: int, criteria_label: str) -> list[tuple[str, str]]:
    """(style, text) lines: style is 'title', 'head' or '' (plain)."""
    value, evidence = _letter("value"), _letter("evidence")
    return [
        ("title", "HƯỚNG DẪN ĐIỀN PHIẾU TỰ ĐÁNH GIÁ"),
        ("", f"Đơn vị: {unit_label}. Năm đánh giá: {year}. Bộ tiêu chí: {criteria_label}."),
        ("head", "1. Điền gì, ở đâu"),
        ("", f"• Trang '{DATA_SHEET}': nhập giá trị tự đánh giá vào cột {value} (ô màu vàng) và "
             f"minh chứng (số, ngày văn bản, đường dẫn) vào cột {evidence}."),
        ("", f"• Trang '{GENERAL_SHEET}': thông tin chung về địa phương (được thu thập, không "
             "tính điểm)."),
        ("", "• Trang 'Bìa': thông tin người liên hệ. Tên đơn vị, năm và bộ tiêu chí đã được "
             "điền sẵn, không sửa."),
        ("head", "2. Cách nhập giá trị"),
        ("", f"• Chỉ tiêu Có/Không: chọn '{YES}' hoặc '{NO}' trong danh sách."),
        ("", "• Chỉ tiêu tỷ lệ (%): nhập số phần trăm, ví dụ 85,5 hoặc 85,5% (ô đã định dạng %, "
             "Excel lưu là 0,855). Không nhập số lớn hơn 100."),
        ("", "• Chỉ tiêu số lượng: nhập một số, không kèm chữ. Ghi chú (ví dụ 'ước tính') để ở "
             "cột minh chứng."),
        ("", "• Giá trị phải nằm trong cột 'Giá trị cho phép'; Excel sẽ báo nếu nhập sai."),
        ("", "• Nếu dùng công thức, hãy mở và lưu lại tệp bằng Excel hoặc LibreOffice trước khi "
             "gửi để kết quả được lưu trong tệp."),
        ("head", "3. Không thay đổi cấu trúc"),
        ("", "• Không xóa, chèn, sắp xếp lại dòng, không đổi mã chỉ tiêu và không đổi tên trang. "
             "Các trang đã được khóa (không đặt mật khẩu) để tránh sửa nhầm."),
        ("", "• Không đặt mật khẩu cho tệp. Gửi lại đúng tệp này (định dạng .xlsx; .xls và "
             ".ods cũng đọc được)."),
        ("head", "4. Sau khi nộp"),
        ("", "• Phần mềm kiểm tra từng ô và báo lỗi kèm tên trang và địa chỉ ô (ví dụ F17). "
             "Giá trị sau thẩm định có thể khác giá trị tự đánh giá; cả hai đều được lưu."),
        ("head", "Instructions (English)"),
        ("", f"Enter each self-assessed value in column {value} of '{DATA_SHEET}' (yellow cells) "
             f"and its evidence in column {evidence}. Yes/no: choose '{YES}' (yes) or '{NO}' "
             "(no). Percentages: type 85.5 or 85.5% (the cell is percent-formatted). Numbers "
             "only, no text. Do not insert, delete or reorder rows, change codes or rename "
             "sheets. Do not set a password. If you use formulas, open and save the file in "
             "Excel or LibreOffice before sending it."),
    ]
