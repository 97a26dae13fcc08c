"""Reading one typed-in value: numbers, percentages and yes/no in the spellings people use.

``parse_value`` turns whatever a cell holds into a float (yes = 1, no = 0; NaN when unusable) and
the issues found, each already carrying its place. Every value goes through the same rules:

- text is NFC-normalised first ("Có" typed on a Mac arrives decomposed) and trimmed;
- a number written unambiguously is read, and said as a warning when it needed cleaning (decimal
  comma, thousands separators, percent sign, "x" for yes); each such warning names its notation
  (``number_text``), so that ``value_notes`` can say it once for a file written consistently;
- one separator followed by three digits (``62.879``) is settled by the sub-indicator's valid
  range when only one reading is in it, and refused as ambiguous when both are (or there is none);
- text after the number, or text where a number belongs, is an error and the value is not used;
- nothing is rounded: the value is the number typed.

Percentages: ``percent_storage`` says how the source stores a cell of a "%" sub-indicator.
``TYPED`` (consolidated tables, CSV, a verified value): as written, 85.5 is 85.5 %. ``FRACTION``
(our template, whose ``_meta`` says so): the cell is formatted as a percentage and stores 85.5 %
as 0.855, so the value is the stored number × 100, which is what the officer sees (1.5 is "150 %",
out of a 0–100 range: an error quoting 150 %). ``UNKNOWN`` (a workbook without ``_meta``): the
cell's format cannot be known, so a number between -1 and 1 is read as a fraction (0.855 → 85.5 %)
and any other as typed, each with a warning naming the reading; text is always read as typed.
"""

from __future__ import annotations

import math
import unicodedata
from datetime import date, datetime, time, timedelta

from dti_app.core.criteria import Node
from dti_app.core.issues import Issue, IssueCode
from dti_app.core.number_text import PLAIN, Spelling, plain_number, shift_decimal, spell

__all__ = ["parse_value", "YES_WORDS", "NO_WORDS", "typed_text", "shown_value", "counts_clock_time",
           "TYPED",
           "FRACTION", "UNKNOWN", "PERCENT_FRACTION", "PERCENT_TYPED"]

C = IssueCode
TYPED, FRACTION, UNKNOWN = "typed", "fraction", "unknown"
PERCENT_FRACTION, PERCENT_TYPED = "percent_fraction", "percent_typed"  # notations, see value_notes
YES_WORDS = frozenset({"có", "co", "c", "yes", "y", "x", "true", "đúng", "dung", "đạt", "dat", "1",
                       "✓", "v"})
NO_WORDS = frozenset({"không", "khong", "ko", "k", "no", "n", "false", "sai", "chưa", "chua", "0",
                      "-"})
_TEMPLATE_WORDS = ("có", "không")  # the template's own choices: no warning
_DAY = timedelta(days=1)
_CLOCK_UNITS = frozenset({"giờ", "phút", "giây", "h", "hour", "hours", "min", "minute", "minutes",
                          "s", "second", "seconds"})


def counts_clock_time(node: Node) -> bool:
    """True for a sub-indicator counted in hours, minutes or seconds. A time or duration cell
    there shows a clock reading (4:30) while it stores days (0.1875): neither is surely the
    number of hours meant, so such a cell is refused (``VALUE_CLOCK_TIME``)."""
    return typed_text(node.unit).lower() in _CLOCK_UNITS


def typed_text(raw: str) -> str:
    """Text as the person typed it, in one Unicode form: NFC, no-break spaces made spaces,
    trimmed."""
    return unicodedata.normalize("NFC", raw).replace("\u00a0", " ").replace("\u202f", " ").strip()


class _Cell:
    """The value being read, its sub-indicator and its place: makes its issues."""

    __slots__ = ("raw", "node", "place")

    def __init__(self, raw: object, node: Node, place: dict[str, str]):
        self.raw, self.node, self.place = raw, node, place

    def issue(self, severity: str, code: IssueCode, shown: str | None = None,
              **params: object) -> Issue:
        make = Issue.error if severity == "error" else Issue.warning
        value = shown_value(self.raw) if shown is None else shown
        return make(code, node=self.node.code, value=value, params=params, **self.place)

    def checked(self, value: float, issues: list[Issue], seen: str = ""
                ) -> tuple[float, list[Issue]]:
        """``value`` when in the valid range, else NaN and an out-of-range error quoting the
        value as typed or, when ``seen`` is given (' %'), as the cell shows it: '150 %'."""
        bounds = self.node.valid_range
        if bounds is None or bounds[0] <= value <= bounds[1]:
            return value, issues
        shown = plain_number(value) + seen if seen else None
        return math.nan, issues + [self.issue("error", C.VALUE_OUT_OF_RANGE, shown,
                                              low=bounds[0], high=bounds[1],
                                              measure=_measure(self.node))]


def parse_value(raw: object, node: Node, *, percent_storage: str = TYPED,
                **place: str) -> tuple[float, list[Issue]]:
    """The value of a cell for a leaf, and the issues found (with ``place`` fields).

    ``percent_storage``: ``TYPED``, ``FRACTION`` or ``UNKNOWN`` (see the module docstring).
    """
    cell = _Cell(raw, node, place)
    yes_no = node.rule is not None and node.rule.kind == "yes_no"
    if isinstance(raw, str):
        text = typed_text(raw)
        if not text:
            return _missing(cell)
        return _yes_no_text(text, cell) if yes_no else _number_text(text, cell)
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return _missing(cell)
    if yes_no:
        if isinstance(raw, (int, float, datetime, date, time, timedelta)):  # bool is an int
            if raw in (0, 1):
                return float(raw), []
            return math.nan, [cell.issue("error", C.VALUE_NOT_YES_NO)]
        return _yes_no_text(typed_text(str(raw)), cell)
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return _number(float(raw), cell, percent_storage)
    if isinstance(raw, (time, timedelta)) and counts_clock_time(node):
        return math.nan, [cell.issue("error", C.VALUE_CLOCK_TIME, measure=node.unit.strip())]
    if isinstance(raw, timedelta):  # a duration-formatted number: the days it stores
        number = raw / _DAY
        note = cell.issue("warning", C.VALUE_CLEANED, cleaned=number)
        return cell.checked(number, [note])
    if isinstance(raw, (bool, datetime, date, time)):
        return math.nan, [cell.issue("error", C.VALUE_NOT_NUMBER)]
    return _number_text(typed_text(str(raw)), cell)


def _missing(cell: _Cell) -> tuple[float, list[Issue]]:
    return math.nan, ([cell.issue("error", C.VALUE_MISSING)] if cell.node.required else [])


def _yes_no_text(text: str, cell: _Cell) -> tuple[float, list[Issue]]:
    word = text.lower().rstrip(".").rstrip()
    if word in YES_WORDS or word in NO_WORDS:
        value = 1.0 if word in YES_WORDS else 0.0
        if word in _TEMPLATE_WORDS:
            return value, []
        return value, [cell.issue("warning", C.VALUE_CLEANED, cleaned="Có" if value else "Không")]
    return math.nan, [cell.issue("error", C.VALUE_NOT_YES_NO)]


def _number(value: float, cell: _Cell, storage: str) -> tuple[float, list[Issue]]:
    """A number stored as a number (a spreadsheet cell)."""
    if not math.isfinite(value):
        return math.nan, [cell.issue("error", C.VALUE_NOT_NUMBER)]
    if storage == TYPED or value == 0 or cell.node.unit.strip() != "%":
        return cell.checked(value, [])
    if storage == FRACTION or abs(value) <= 1:
        seen = shift_decimal(value, 2)
        issues = [] if storage == FRACTION else [
            cell.issue("warning", C.VALUE_PERCENT_SCALED, stored=value, number=seen,
                       notation=PERCENT_FRACTION)]
        return cell.checked(seen, issues, " %")
    note = cell.issue("warning", C.VALUE_PERCENT_AS_TYPED, stored=value,
                      if_formatted=shift_decimal(value, 2), notation=PERCENT_TYPED)
    return cell.checked(value, [note])


def _number_text(text: str, cell: _Cell) -> tuple[float, list[Issue]]:
    """A number written as text, in any notation ``number_text`` reads."""
    spelling = spell(text)
    if spelling is None or not all(math.isfinite(r.value) for r in spelling.readings):
        return math.nan, [cell.issue("error", C.VALUE_NOT_NUMBER)]  # "9" * 400 is inf
    if spelling.rest:
        return math.nan, [cell.issue("error", C.VALUE_TRAILING_TEXT)]
    if spelling.percent and cell.node.unit.strip() != "%":
        return math.nan, [cell.issue("error", C.VALUE_NOT_NUMBER)]
    if len(spelling.readings) == 2:
        return _two_readings(spelling, cell)
    reading = spelling.readings[0]
    notation = reading.notation or (PLAIN if spelling.percent else "")
    issues = [cell.issue("warning", C.VALUE_CLEANED, cleaned=reading.value,
                         notation=notation)] if notation else []
    return cell.checked(reading.value, issues)


def _two_readings(spelling: Spelling, cell: _Cell) -> tuple[float, list[Issue]]:
    """'1.234': the reading the valid range allows, or an error when it allows both."""
    decimal, thousands = spelling.readings
    bounds = cell.node.valid_range
    fits = [r for r in spelling.readings
            if bounds is not None and bounds[0] <= r.value <= bounds[1]]
    if len(fits) == 1:
        [taken] = fits
        other = thousands if taken is decimal else decimal
        return taken.value, [cell.issue("warning", C.VALUE_READ_BY_RANGE, number=taken.value,
                                        other=other.value, low=bounds[0], high=bounds[1],
                                        measure=_measure(cell.node), notation=taken.notation)]
    if bounds is not None and not fits:  # out of range whichever it means
        return cell.checked(decimal.value, [])
    return math.nan, [cell.issue("error", C.VALUE_AMBIGUOUS_NUMBER, lead=spelling.lead,
                                 separator=spelling.separator, tail=spelling.tail,
                                 as_decimal=decimal.value, as_thousands=thousands.value)]


def _measure(node: Node) -> str:
    """' %' after a range of percentages, ' giờ' after one of hours; '' without a unit."""
    unit = node.unit.strip()
    return f" {unit}" if unit else ""


def shown_value(raw: object) -> str:
    """A cell's value as an issue quotes it: text as typed, a number exactly, a duration as
    ``[h]:mm:ss`` shows it (36:00:00)."""
    if raw is None:
        return ""
    if isinstance(raw, float):
        return plain_number(raw)
    if isinstance(raw, timedelta):
        seconds = round(raw.total_seconds())
        hours, rest = divmod(abs(seconds), 3600)
        return f"{'-' if seconds < 0 else ''}{hours}:{rest // 60:02d}:{rest % 60:02d}"
    text = typed_text(raw) if isinstance(raw, str) else str(raw)
    return text if len(text) <= 80 else text[:77] + "…"
