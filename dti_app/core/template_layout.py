"""Where things are in a self-assessment workbook: sheet names, columns, labels, metadata keys.

The template writer (``template``) and the workbook reader (``workbook_import``) share these, so a
change of layout is made in one place. The reader never relies on positions alone: it finds the
cover fields by their labels, the sub-indicator rows by their codes and the columns by their
headers, and uses the positions recorded in the hidden ``_meta`` sheet only to say when a row was
moved.

Percentages: a percentage cell is formatted as a percentage and stores a fraction (85,5 % is
stored as 0.855), as Excel and LibreOffice do when someone types ``85,5%`` or, in a percentage
cell, ``85,5``. ``_meta`` records this as ``percent_storage = fraction``; the reader scales such
values back to 0–100, to what the cell shows (a stored 1.5 is 150 %; see ``values``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from dti_app.core.names import loose_key
from dti_app.core.units import Unit

__all__ = [
    "FORMAT", "FORMAT_VERSION", "COVER_SHEET", "GUIDE_SHEET", "GENERAL_SHEET", "DATA_SHEET",
    "META_SHEET", "COVER_FIELDS", "COVER_LABEL_KEYS", "GENERAL_FIELDS", "DATA_HEADERS",
    "HEADER_ROW", "COLUMNS", "header_key", "label_key", "template_filename", "ascii_slug", "YES",
    "NO", "PERCENT_FORMAT", "SYNTHETIC_NOTE",
]

FORMAT = "dti-scorer-template"
FORMAT_VERSION = 1

COVER_SHEET = "Bìa"
GUIDE_SHEET = "Hướng dẫn"
GENERAL_SHEET = "Thông tin chung"
DATA_SHEET = "Chỉ số"
META_SHEET = "_meta"

YES, NO = "Có", "Không"
PERCENT_FORMAT = "0.0%"
SYNTHETIC_NOTE = ("DỮ LIỆU MẪU TỔNG HỢP (SYNTHETIC) – không phải số liệu thật của địa phương / "
                  "synthetic sample data, not real figures")

# Cover sheet: (key, Vietnamese label, English label, filled by the unit?)
COVER_FIELDS: tuple[tuple[str, str, str, bool], ...] = (
    ("unit_name", "Đơn vị", "Unit", False),
    ("unit_code", "Mã đơn vị", "Unit code", False),
    ("code_set", "Bộ mã đơn vị", "Unit code set", False),
    ("year", "Năm đánh giá", "Assessment year", False),
    ("criteria_name", "Bộ tiêu chí", "Criteria framework", False),
    ("criteria_id", "Mã bộ tiêu chí", "Criteria id", False),
    ("criteria_version", "Phiên bản bộ tiêu chí", "Criteria version", False),
    ("criteria_sha256", "SHA-256 bộ tiêu chí", "Criteria SHA-256", False),
    ("data_note", "Ghi chú dữ liệu", "Data note", False),
    ("contact_agency", "Cơ quan đầu mối", "Focal agency", True),
    ("contact_name", "Người liên hệ", "Contact person", True),
    ("contact_title", "Chức vụ", "Position", True),
    ("contact_phone", "Điện thoại", "Phone", True),
    ("contact_email", "Thư điện tử", "E-mail", True),
    ("completed_on", "Ngày hoàn thành", "Date completed", True),
)
COVER_LABEL_KEYS: dict[str, str] = {}
for _key, _vi, _en, _ in COVER_FIELDS:
    COVER_LABEL_KEYS[loose_key(_vi)] = _key
    COVER_LABEL_KEYS[loose_key(_en)] = _key
COVER_LABEL_KEYS[loose_key("Tỉnh, thành phố")] = "unit_name"
COVER_LABEL_KEYS[loose_key("Năm")] = "year"

# "Thông tin chung": general information, collected but not scored. (code, vi, en, unit)
GENERAL_FIELDS: tuple[tuple[str, str, str, str], ...] = (
    ("TT.01", "Số đơn vị hành chính cấp huyện", "District-level administrative units", "số"),
    ("TT.02", "Số đơn vị hành chính cấp xã", "Commune-level administrative units", "số"),
    ("TT.03", "Số cơ quan chuyên môn thuộc UBND tỉnh", "Specialised agencies of the "
     "provincial people's committee", "số"),
    ("TT.04", "Số cán bộ, công chức, viên chức", "Civil servants and public employees", "người"),
    ("TT.05", "Tổng chi ngân sách cho chuyển đổi số trong năm", "Budget spent on digital "
     "transformation in the year", "triệu đồng"),
    ("TT.06", "Ghi chú khác", "Other notes", ""),
)

# Indicator sheet columns (1-based for openpyxl) and their headers: key -> (column, vi, en)
COLUMNS: dict[str, int] = {"code": 1, "name": 2, "unit": 3, "range": 4, "points": 5, "value": 6,
                           "evidence": 7}
DATA_HEADERS: dict[str, tuple[str, str]] = {
    "code": ("Mã chỉ tiêu", "Code"),
    "name": ("Tên chỉ tiêu", "Indicator"),
    "unit": ("Đơn vị tính", "Unit"),
    "range": ("Giá trị cho phép", "Allowed values"),
    "points": ("Điểm tối đa", "Max points"),
    "value": ("Giá trị tự đánh giá", "Self-assessed value"),
    "evidence": ("Minh chứng", "Evidence"),
}
HEADER_ROW = 4  # 1-based row of the indicator sheet's header


_HEADER_KEYS = {loose_key(label): name for name, labels in DATA_HEADERS.items()
                for label in labels}


@lru_cache(maxsize=4096)
def _header_key(first: str) -> str | None:
    return _HEADER_KEYS.get(loose_key(first))


@lru_cache(maxsize=4096)
def _label_key(text: str) -> str | None:
    return COVER_LABEL_KEYS.get(loose_key(text.rstrip(": ")))


def header_key(text: object) -> str | None:
    """Which column a header cell names ('Mã chỉ tiêu\\n(Code)' -> 'code'), or None."""
    if not isinstance(text, str):
        return None
    first = re.split(r"[\n(/]", text, maxsplit=1)[0]
    if len(first) > 40:  # every header is short; long text is an indicator's name
        return None
    return _header_key(first)


def label_key(text: object) -> str | None:
    """Which cover field a label names ('Mã đơn vị' -> 'unit_code'), or None."""
    if not isinstance(text, str) or not text or len(text) > 40:
        return None
    return _label_key(text)


def ascii_slug(text: str) -> str:
    """'Thừa Thiên - Huế' -> 'Thua_Thien_Hue': ASCII letters, digits and single underscores."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_")
    return text or "don_vi"


def template_filename(unit: Unit, year: int, prefix: str = "DTI") -> str:
    """'DTI2022_48_Da_Nang.xlsx': no diacritics, safe on every file system."""
    return f"{prefix}{year}_{ascii_slug(unit.code)}_{ascii_slug(unit.name_vi)}.xlsx"
