"""Reading a number as a person typed it, in the notations people use, and showing one exactly.

``spell(text)`` finds the number at the start of a cell's text and says how it was written. People
write numbers in two notations that use the same two characters the other way round:

- Vietnamese (and most of Europe): ``1.234.567,5``, a decimal comma and dots between thousands;
- English: ``1,234,567.5``, a decimal point and commas between thousands.

Most spellings can only mean one thing (``85,5``, ``1.234,5``, ``1,234.5``, ``12 345``, ``2e-06``,
``1,5E+3``). One separator followed by exactly three digits (``1.234``, ``62.879``, ``2,500``) has
two readings, the decimal one and the thousands one; ``Spelling.readings`` then holds both and the
caller decides (by the sub-indicator's valid range). Groups of thousands must have three digits:
``1.23.4`` or ``..5`` is not a number.

Each reading carries the notation it implies: ``COMMA`` (Vietnamese), ``POINT`` (English),
``PLAIN`` (cleaned but neutral: spaces between thousands, a percent sign) or ``""`` (a plain
number as Python writes it, ``12.5``, which needs no word).

``read_number`` is the one number a short text means, or None (for numbers typed into the app).
``shift_decimal`` multiplies by a power of ten in decimal (0.145 → 14.5, where 0.145 * 100 gives
14.499999999999998); ``plain_number`` writes a float exactly, without exponent when it is readable.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["COMMA", "POINT", "PLAIN", "Reading", "Spelling", "spell", "read_number",
           "shift_decimal", "plain_number"]

COMMA, POINT, PLAIN = "comma", "point", "plain"
_NUMBER = re.compile(r"([+-]?)\s*([\d.,' ]*\d)(?:\s*[eE]([+-]?\d+))?\s*(%?)\s*(.*)", re.S)
_SPACED = re.compile(r"(\d{1,3}(?:[ ']\d{3})+)(?:([.,])(\d+))?")
_LEAD = re.compile(r"[1-9]\d{0,2}")
_GROUPED = {".": re.compile(r"\d{1,3}(?:\.\d{3})+"), ",": re.compile(r"\d{1,3}(?:,\d{3})+")}


@dataclass(frozen=True)
class Reading:
    value: float
    notation: str


@dataclass(frozen=True)
class Spelling:
    """What a cell's text says: one reading, or two (decimal first, then thousands)."""

    readings: tuple[Reading, ...]
    percent: bool        # a percent sign follows the number
    rest: str            # text after the number ('' when none)
    lead: str = ""       # with two readings: the digits before the separator ('1' of '1.234'),
    separator: str = ""  # the separator ('.'),
    tail: str = ""       # and the three digits after it ('234')


def spell(text: str) -> Spelling | None:
    """The number at the start of ``text`` (already trimmed), or None when there is none.

    ``spell('85,5 %')`` → one reading 85.5 (COMMA), percent sign, no rest;
    ``spell('1.234')`` → two readings, 1.234 (POINT) and 1234 (COMMA).
    """
    match = _NUMBER.fullmatch(text.replace("\u2212", "-"))
    if match is None:
        return None
    sign, digits, exponent, percent, rest = match.groups()
    readings = _readings(sign, digits, exponent)
    if readings is None:
        return None
    spelling = Spelling(readings, bool(percent), rest.strip())
    if len(readings) == 2:
        lead, separator, tail = digits[:-4], digits[-4], digits[-3:]
        spelling = Spelling(readings, bool(percent), rest.strip(), sign + lead, separator, tail)
    return spelling


def _readings(sign: str, digits: str, exponent: str | None) -> tuple[Reading, ...] | None:
    def reading(body: str, notation: str) -> Reading:
        suffix = f"e{exponent}" if exponent is not None else ""
        return Reading(float(sign + body + suffix), notation)

    if " " in digits or "'" in digits:  # spaces (or apostrophes) between thousands
        spaced = _SPACED.fullmatch(digits)
        if spaced is None or exponent is not None:
            return None
        whole, mark, fraction = spaced.groups()
        body = whole.replace(" ", "").replace("'", "") + (f".{fraction}" if mark else "")
        return (reading(body, COMMA if mark == "," else PLAIN),)
    commas, dots = digits.count(","), digits.count(".")
    if not commas and not dots:
        return (reading(digits, ""),)
    if commas and dots:  # the last one is the decimal mark, the other separates thousands
        mark = "," if digits.rfind(",") > digits.rfind(".") else "."
        group = "." if mark == "," else ","
        whole, _, fraction = digits.rpartition(mark)
        if exponent is not None or _GROUPED[group].fullmatch(whole) is None:
            return None
        return (reading(whole.replace(group, "") + "." + fraction, COMMA if mark == "," else
                        POINT),)
    mark = "," if commas else "."
    if commas + dots > 1:  # one kind, several times: thousands
        if exponent is not None or _GROUPED[mark].fullmatch(digits) is None:
            return None
        return (reading(digits.replace(mark, ""), POINT if mark == "," else COMMA),)
    whole, _, fraction = digits.partition(mark)
    decimal = reading(whole + "." + fraction, COMMA if mark == "," else "")
    if exponent is None and len(fraction) == 3 and _LEAD.fullmatch(whole):
        decimal = Reading(decimal.value, COMMA if mark == "," else POINT)
        return decimal, reading(whole + fraction, POINT if mark == "," else COMMA)
    return (decimal,)


def read_number(text: str) -> float | None:
    """The one number a short text means in either notation ('1.234,5', '12,5', '2e-06'), or
    None when it is no number, has anything after it (a % sign too), or could mean two
    ('1.000': one or a thousand)."""
    spelling = spell(unicodedata.normalize("NFC", text).replace("\u00a0", " ").strip())
    if spelling is None or spelling.rest or spelling.percent or len(spelling.readings) != 1:
        return None
    value = spelling.readings[0].value
    return value if math.isfinite(value) else None


def shift_decimal(value: float, places: int) -> float:
    """``value`` × 10**``places`` done in decimal, on the shortest text that gives ``value``.

    A percentage cell stores 85,5 % as the float nearest 0.855; this gives back the float nearest
    85.5, which binary multiplication does not always do (0.145 * 100 is 14.499999999999998).
    """
    if not math.isfinite(value) or value == 0:
        return value
    text = repr(value)
    if "e" in text:
        return float(Decimal(text).scaleb(places))
    return float(f"{text}e{places}")


def plain_number(value: float) -> str:
    """A float written exactly, with a decimal point: 85.5, 1234, 0.000002, 1.5e+300."""
    if math.isnan(value):
        return ""
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    text = repr(value)
    if "e" in text:
        exact = Decimal(text)
        if -12 <= exact.adjusted() < 16:
            return format(exact, "f")
    return text
