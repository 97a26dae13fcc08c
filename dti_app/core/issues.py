"""Problems found in inputs, as rows of one table.

Every problem the core finds (in a criteria file, a unit register, an input workbook, a value) is an
``Issue``: a severity, a reason code from ``IssueCode``, where it is (file, sheet, cell, unit, node)
and the parameters its message needs. The sentence itself is made from the code by
``dti_app.core.messages``, in Vietnamese or English, so the core never stores prose.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any

__all__ = ["Severity", "IssueCode", "Issue", "Verification", "issues_frame", "cell_ref",
           "has_errors"]


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


class IssueCode(str, Enum):
    # criteria file
    CRITERIA_UNREADABLE = "criteria_unreadable"
    CRITERIA_SYNTAX = "criteria_syntax"
    CRITERIA_MISSING_FIELD = "criteria_missing_field"
    CRITERIA_UNKNOWN_KEY = "criteria_unknown_key"
    CRITERIA_BAD_VALUE = "criteria_bad_value"
    CRITERIA_EMPTY = "criteria_empty"
    CRITERIA_DUPLICATE_CODE = "criteria_duplicate_code"
    CRITERIA_UNKNOWN_PARENT = "criteria_unknown_parent"
    CRITERIA_CYCLE = "criteria_cycle"
    CRITERIA_NEGATIVE_WEIGHT = "criteria_negative_weight"
    CRITERIA_MISSING_POINTS = "criteria_missing_points"
    CRITERIA_POINTS_MISMATCH = "criteria_points_mismatch"
    CRITERIA_UNKNOWN_AGGREGATION = "criteria_unknown_aggregation"
    CRITERIA_UNKNOWN_MISSING_POLICY = "criteria_unknown_missing_policy"
    CRITERIA_UNKNOWN_RULE = "criteria_unknown_rule"
    CRITERIA_RULE_PARAMETER = "criteria_rule_parameter"
    CRITERIA_LEAF_WITHOUT_RULE = "criteria_leaf_without_rule"
    CRITERIA_GOALPOSTS_REVERSED = "criteria_goalposts_reversed"
    CRITERIA_LOG_NONPOSITIVE = "criteria_log_nonpositive"
    CRITERIA_BANDS_UNORDERED = "criteria_bands_unordered"
    CRITERIA_BAD_DIRECTION = "criteria_bad_direction"
    CRITERIA_BAD_RANGE = "criteria_bad_range"
    CRITERIA_PILLAR_UNKNOWN_INDICATOR = "criteria_pillar_unknown_indicator"
    CRITERIA_PILLAR_NOT_MAIN = "criteria_pillar_not_main"
    CRITERIA_BAD_SCALE = "criteria_bad_scale"
    # unit register and unit names
    REGISTER_UNREADABLE = "register_unreadable"
    REGISTER_MISSING_COLUMN = "register_missing_column"
    REGISTER_DUPLICATE_CODE = "register_duplicate_code"
    REGISTER_EMPTY_FIELD = "register_empty_field"
    REGISTER_NAME_CLASH = "register_name_clash"
    UNIT_UNKNOWN = "unit_unknown"
    UNIT_AMBIGUOUS = "unit_ambiguous"
    UNIT_FORMER = "unit_former"
    UNIT_MISSING = "unit_missing"
    UNIT_FILENAME_MISMATCH = "unit_filename_mismatch"
    UNIT_DUPLICATE = "unit_duplicate"
    # input files
    FILE_NOT_FOUND = "file_not_found"
    FILE_UNSUPPORTED = "file_unsupported"
    FILE_EMPTY = "file_empty"
    FILE_CORRUPT = "file_corrupt"
    FILE_ENCRYPTED = "file_encrypted"
    FILE_TOO_LARGE = "file_too_large"
    FILE_NOT_TEMPLATE = "file_not_template"
    SHEET_MISSING = "sheet_missing"
    YEAR_MISSING = "year_missing"
    YEAR_MISMATCH = "year_mismatch"
    CRITERIA_VERSION_MISMATCH = "criteria_version_mismatch"
    CRITERIA_VERSION_MAPPED = "criteria_version_mapped"
    TABLE_NO_UNIT_COLUMN = "table_no_unit_column"
    TABLE_UNKNOWN_COLUMN = "table_unknown_column"
    TABLE_PERCENT_FRACTIONS = "table_percent_fractions"
    ROW_MISSING = "row_missing"
    ROW_DUPLICATE = "row_duplicate"
    ROW_MOVED = "row_moved"
    ROW_UNKNOWN_CODE = "row_unknown_code"
    # values
    VALUE_MISSING = "value_missing"
    VALUE_NOT_NUMBER = "value_not_number"
    VALUE_AMBIGUOUS_NUMBER = "value_ambiguous_number"
    VALUE_NOT_YES_NO = "value_not_yes_no"
    VALUE_OUT_OF_RANGE = "value_out_of_range"
    VALUE_TRAILING_TEXT = "value_trailing_text"
    VALUE_FORMULA_NO_CACHE = "value_formula_no_cache"
    VALUE_CLEANED = "value_cleaned"
    VALUE_PERCENT_SCALED = "value_percent_scaled"
    VALUE_PERCENT_AS_TYPED = "value_percent_as_typed"
    VALUE_READ_BY_RANGE = "value_read_by_range"
    VALUE_NOTATION_SUMMARY = "value_notation_summary"
    VALUE_CLOCK_TIME = "value_clock_time"
    # scoring and export
    SCORE_MISSING_REQUIRED = "score_missing_required"
    EXPORT_CHARACTER_REMOVED = "export_character_removed"
    EXPORT_TEXT_TRUNCATED = "export_text_truncated"
    # self-assessment workbooks and hostile files
    FILE_NOT_SPREADSHEET = "file_not_spreadsheet"
    FILE_HTML_DISGUISED = "file_html_disguised"
    FILE_UNSAFE_XML = "file_unsafe_xml"
    FILE_UNSAFE_MEMBER = "file_unsafe_member"
    FILE_COMPRESSION_BOMB = "file_compression_bomb"
    FILE_SHEET_TOO_LARGE = "file_sheet_too_large"
    FILE_AMBIGUOUS_CONTENT = "file_ambiguous_content"
    TEMPLATE_NO_META = "template_no_meta"
    UNIT_NOT_STATED = "unit_not_stated"
    UNIT_CODE_NAME_MISMATCH = "unit_code_name_mismatch"
    CRITERIA_VERSION_UNKNOWN = "criteria_version_unknown"
    # analysis (trends across years, 63 -> 34 projection)
    TREND_CODE_SET_CHANGED = "trend_code_set_changed"
    TREND_CRITERIA_CHANGED = "trend_criteria_changed"
    TREND_NOT_PROJECTED = "trend_not_projected"
    MERGE_PARTIAL = "merge_partial"
    # criteria file (appended)
    CRITERIA_PILLAR_POINTS_TOO_LOW = "criteria_pillar_points_too_low"


@dataclass(frozen=True)
class Verification:
    """An assessor's verified value for one unit's sub-indicator, which replaces the value an
    issue is about (see ``standing``)."""

    unit: str
    value: float
    note: str


@dataclass(frozen=True)
class Issue:
    """One problem, where it is, and what its message needs.

    ``verified``: the verified values that settle it (``standing.assess`` fills it in); an issue
    with ``verified`` no longer counts against its unit.
    """

    severity: Severity
    code: IssueCode
    file: str = ""
    sheet: str = ""
    cell: str = ""
    unit: str = ""
    node: str = ""
    value: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    verified: tuple[Verification, ...] = ()

    @property
    def resolved(self) -> bool:
        """Settled by a verified value (see ``standing``)."""
        return bool(self.verified)

    @classmethod
    def error(cls, code: IssueCode, **kw: Any) -> Issue:
        return cls(Severity.ERROR, code, **kw)

    @classmethod
    def warning(cls, code: IssueCode, **kw: Any) -> Issue:
        return cls(Severity.WARNING, code, **kw)

    def place(self) -> str:
        """'file › sheet › B17' with the parts that are known."""
        return " › ".join(p for p in (self.file, self.sheet, self.cell) if p)

    def to_dict(self) -> dict[str, Any]:
        row = asdict(self)
        row["severity"] = self.severity.value
        row["code"] = self.code.value
        return row


def has_errors(issues: list[Issue]) -> bool:
    return any(issue.severity is Severity.ERROR for issue in issues)


def cell_ref(row: int, col: int) -> str:
    """Excel reference of a 0-based (row, col): (16, 1) -> 'B17'."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row + 1}"


def issues_frame(issues: list[Issue], lang: str = "vi"):
    """The issues as one tidy DataFrame with a rendered message column."""
    import pandas as pd

    from dti_app.core.messages import render_issue

    columns = ["severity", "code", "file", "sheet", "cell", "unit", "node", "value", "message"]
    rows = [
        {**{k: v for k, v in issue.to_dict().items() if k != "params"},
         "message": render_issue(issue, lang)}
        for issue in issues
    ]
    return pd.DataFrame(rows, columns=columns)
