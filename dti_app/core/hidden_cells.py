"""What a cell really holds when the value python-calamine gives hides it.

calamine gives a cell as Excel shows it. Three things are lost on the way, and a reader must not
take what is left at face value:

- a formula without a stored result comes back as '' (the file was saved by a program that does
  not calculate): ``VALUE_FORMULA_NO_CACHE``, an error;
- an error value (#DIV/0!, #N/A, #VALUE! ...) comes back as '': ``VALUE_NOT_NUMBER`` quoting the
  error, so it is never taken for a blank cell;
- a number in a date-, time- or duration-formatted cell comes back as a date, time or timedelta
  (1 as 1900-01-01, 0.855 as 20:31:12, rounded to the millisecond): a time, a duration, or a date
  before 1910 (a stored number below 3653) is the number the cell stores, read exactly from the
  sheet's XML where there is one, with a warning (``VALUE_CLEANED``); a later date was typed as a
  date and stays one (the value reader then reports it as not a number). A duration of a day or
  more in an ODS file comes back as its text ('PT36H00M00S') and is taken as that duration. A
  time or duration for a sub-indicator counted in hours or minutes stays one (``parse_value``
  refuses it: 4:30 stores 0.1875 days, which is not surely the 4.5 hours meant).

The sheet's XML is only read (``Sheet.stored``) when such a cell is met, and only in a sheet the
file check found formulas or error values in. ODS and XLS sheets tell nothing more than calamine
gives (their formulas always carry a result).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from dti_app.core.criteria import Node
from dti_app.core.issues import IssueCode
from dti_app.core.sheet import Sheet
from dti_app.core.values import counts_clock_time, shown_value
from dti_app.core.xlsx_cells import StoredCell

__all__ = ["HiddenCells", "Hidden", "excel_serial", "ods_duration", "EARLIEST_DATE_SERIAL",
           "HIDING_TYPES"]

C = IssueCode
EARLIEST_DATE_SERIAL = 3653  # 1910-01-01: a "date" before it is a number in a date-formatted cell
_NOTHING = StoredCell(False, None)
HIDING_TYPES = (date, time, timedelta)   # values behind which a number may hide ('' aside)
_ODS_DURATION = re.compile(r"(-?)PT(\d+)H(\d+)M(\d+(?:\.\d+)?)S")


@dataclass(frozen=True)
class Hidden:
    """What was found behind a cell's value: the issue to report about it."""

    severity: str                   # "error" (the value is not used) | "warning"
    code: IssueCode
    shown: str                      # what the cell shows or stores, for the message
    params: dict = field(default_factory=dict)


class HiddenCells:
    """The cells of one sheet, looked behind when their value may hide something."""

    def __init__(self, sheet: Sheet):
        self.sheet = sheet
        self._stored: dict[str, StoredCell] | None = None

    def stored(self, ref: str) -> StoredCell:
        if self._stored is None:
            self._stored = self.sheet.stored()
        return self._stored.get(ref, _NOTHING)

    def true_value(self, ref: str, raw: object, node: Node | None = None
                   ) -> tuple[object, Hidden | None]:
        """(the value to read, what was hidden or None) for the cell ``ref`` showing ``raw``,
        read for the sub-indicator ``node`` (None: the cell alone, no unit of measure)."""
        if self.sheet.kind == "ods" and isinstance(raw, str):
            raw = ods_duration(raw)
        if raw is None or raw == "":
            if not self.sheet.may_hide:
                return raw, None
            stored = self.stored(ref)
            if stored.kind == "e":
                return raw, Hidden("error", C.VALUE_NOT_NUMBER, stored.value or "#?")
            if stored.formula and not stored.value and stored.kind != "str":  # str: an empty text
                return raw, Hidden("error", C.VALUE_FORMULA_NO_CACHE, "")
            return raw, None
        if isinstance(raw, (time, timedelta)) and node is not None and counts_clock_time(node):
            return raw, None
        if isinstance(raw, HIDING_TYPES):
            return self._undated(ref, raw)
        return raw, None

    def _undated(self, ref: str, raw: date | time | timedelta) -> tuple[object, Hidden | None]:
        stored = self.stored(ref)
        number = None
        if stored.kind == "n" and stored.value:
            try:
                number = float(stored.value)
            except ValueError:
                number = None
        if number is None:
            number = excel_serial(raw)
        is_date = isinstance(raw, date)
        if number is None or (is_date and not 0 <= number < EARLIEST_DATE_SERIAL):
            return raw, None
        return number, Hidden("warning", C.VALUE_CLEANED, shown_value(raw), {"cleaned": number})


def ods_duration(text: str) -> str | timedelta:
    """An ODS duration of a day or more, which calamine gives as its text ('PT36H00M00S'), as
    the duration it is; any other text unchanged."""
    match = _ODS_DURATION.fullmatch(text)
    if match is None:
        return text
    sign, hours, minutes, seconds = match.groups()
    span = timedelta(hours=int(hours), minutes=int(minutes), seconds=float(seconds))
    return -span if sign else span


def excel_serial(value: date | time | timedelta) -> float | None:
    """The Excel (1900 system) serial number a date, datetime, time or duration shows."""
    if isinstance(value, timedelta):
        return value / timedelta(days=1)
    if isinstance(value, time):
        return (value.hour * 3600 + value.minute * 60 + value.second
                + value.microsecond / 1e6) / 86400.0
    day = value.date() if isinstance(value, datetime) else value
    base = date(1899, 12, 31) if day < date(1900, 3, 1) else date(1899, 12, 30)
    serial = float((day - base).days)
    if isinstance(value, datetime):
        serial += excel_serial(value.time()) or 0.0
    return serial
