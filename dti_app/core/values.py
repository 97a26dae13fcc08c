"""Reading one typed-in value: numbers, percentages and yes/no in the spellings people use.

``parse_value`` turns whatever a cell holds into a float (yes = 1, no = 0; NaN when unusable) and
the issues found, each already carrying its place. What is unambiguous is cleaned and said as a
warning (decimal comma, percent sign, thousands separators, "x" for yes); what is not (text after
the number, text where a number belongs) is an error and the value is not used.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time

from dti_app.core.criteria import Node
from dti_app.core.issues import Issue, IssueCode

__all__ = ["parse_value", "YES_WORDS", "NO_WORDS", "parse_number_text"]

C = IssueCode
YES_WORDS = {"có", "co", "c", "yes", "y", "x", "true", "đúng", "dung", "đạt", "dat", "1", "✓",
             "v"}
NO_WORDS = {"không", "khong", "ko", "k", "no", "n", "false", "sai", "chưa", "chua", "0", "-"}
# one separator followed by exactly three digits: "1.234" is 1234 in Vietnamese, 1.234 in English
_AMBIGUOUS = re.compile(r"^[+-]?([1-9]\d{0,2})([.,])(\d{3})$")
_NUMBER = re.compile(r"^([+-]?)([\d.,' ]*\d|\d)\s*(%?)\s*(.*)$", re.S)


def parse_number_text(text: str) -> tuple[float | None, bool, str]:
    """('85,5 %') -> (85.5, True, ''): value, had a percent sign, trailing text."""
    match = _NUMBER.match(text)
    if not match:
        return None, False, text
    sign, digits, percent, rest = match.groups()
    digits = digits.replace(" ", "").replace("'", "")
    commas, dots = digits.count(","), digits.count(".")
    if commas and dots:
        decimal = "," if digits.rfind(",") > digits.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        digits = digits.replace(thousands, "").replace(decimal, ".")
    elif commas > 1 or dots > 1:
        digits = digits.replace("," if commas else ".", "")
    elif commas == 1:
        digits = digits.replace(",", ".")
    try:
        value = float(sign + digits)
    except ValueError:
        return None, False, text
    return value, bool(percent), rest.strip()


def parse_value(raw: object, node: Node, *, percent_as_fraction: bool = False,
                **place: str) -> tuple[float, list[Issue]]:
    """The value of a cell for a leaf, and the issues found (with ``place`` fields).

    ``percent_as_fraction``: the source stores percentages as fractions (0.855 for 85.5 %), as a
    percent-formatted template cell does; a value above 1 there is taken as already in percent.
    """
    is_yes_no = node.rule is not None and node.rule.kind == "yes_no"
    if raw.__class__ is float and not is_yes_no and math.isfinite(raw):
        # the common case, a plain number (a percentage stored as a fraction scaled as below):
        # no issue when in range
        scaled = percent_as_fraction and node.unit.strip() == "%"
        if not scaled or abs(raw) <= 1:
            value = round(raw * 100 if scaled else raw, 9)
            if node.valid_range is None or node.valid_range[0] <= value <= node.valid_range[1]:
                return value, []
    elif is_yes_no and raw.__class__ is str:
        word = raw.strip().lower()
        if word == "có" or word == "không":  # the template's own choices
            return (1.0 if word == "có" else 0.0), []

    def issue(severity: str, code: IssueCode, **params: object) -> Issue:
        make = Issue.error if severity == "error" else Issue.warning
        return make(code, node=node.code, value=_shown(raw), params=params, **place)

    if raw is None or (isinstance(raw, str) and not raw.strip()) or \
            (isinstance(raw, float) and math.isnan(raw)):
        return math.nan, ([issue("error", C.VALUE_MISSING)] if node.required else [])
    if is_yes_no:
        return _yes_no(raw, issue)
    if isinstance(raw, bool) or isinstance(raw, (datetime, date, time)):
        return math.nan, [issue("error", C.VALUE_NOT_NUMBER)]
    issues: list[Issue] = []
    is_percent = node.unit.strip() == "%"
    if isinstance(raw, (int, float)):
        value = float(raw)
        if not math.isfinite(value):
            return math.nan, [issue("error", C.VALUE_NOT_NUMBER)]
        if is_percent and percent_as_fraction:
            if abs(value) <= 1:
                value *= 100
            else:
                issues.append(issue("warning", C.VALUE_PERCENT_SCALED, cleaned=_fmt(value)))
    else:
        text = str(raw).replace("\u00a0", " ").replace("\u202f", " ").strip()
        value, had_percent, rest = parse_number_text(text)
        if value is None or not math.isfinite(value):  # "9" * 400 overflows to inf
            return math.nan, [issue("error", C.VALUE_NOT_NUMBER)]
        grouped = _AMBIGUOUS.match(text.split("%")[0].strip())
        if grouped and not rest:
            whole = float(grouped.group(1) + grouped.group(3))
            return math.nan, [issue("error", C.VALUE_AMBIGUOUS_NUMBER,
                                    as_decimal=_fmt(value), as_thousands=_fmt(whole))]
        if rest:
            return math.nan, [issue("error", C.VALUE_TRAILING_TEXT)]
        if had_percent and not is_percent:
            return math.nan, [issue("error", C.VALUE_NOT_NUMBER)]
        if re.search(r"[,%\s']", text) or text.count(".") > 1:
            issues.append(issue("warning", C.VALUE_CLEANED, cleaned=_fmt(value)))
    value = round(value, 9)
    if node.valid_range is not None:
        low, high = node.valid_range
        if not low <= value <= high:
            return math.nan, issues + [issue("error", C.VALUE_OUT_OF_RANGE, low=_fmt(low),
                                             high=_fmt(high))]
    return value, issues


def _yes_no(raw: object, issue) -> tuple[float, list[Issue]]:
    if isinstance(raw, bool):
        return float(raw), []
    if isinstance(raw, (int, float)) and raw in (0, 1):
        return float(raw), []
    word = str(raw).replace("\u00a0", " ").strip().lower().rstrip(".")
    if word in YES_WORDS or word in NO_WORDS:
        value = 1.0 if word in YES_WORDS else 0.0
        if word not in ("có", "không"):
            return value, [issue("warning", C.VALUE_CLEANED, cleaned="Có" if value else "Không")]
        return value, []
    return math.nan, [issue("error", C.VALUE_NOT_YES_NO)]


def _shown(raw: object) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float):
        return _fmt(raw)
    text = str(raw)
    return text if len(text) <= 80 else text[:77] + "…"


def _fmt(value: float) -> str:
    if math.isnan(value):
        return ""
    return f"{value:.10g}"
