"""Typed values: what is read, what is cleaned with a warning and what is refused, as said."""

from __future__ import annotations

import math
import unicodedata
from datetime import time, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dti_app.core.criteria import Node, Rule
from dti_app.core.messages import render_issue
from dti_app.core.number_text import shift_decimal
from dti_app.core.values import FRACTION, NO_WORDS, UNKNOWN, YES_WORDS, parse_value


def leaf(low: float | None, high: float | None, unit: str = "số lượng") -> Node:
    """A numeric sub-indicator with the given valid range (None: no range)."""
    bounds = None if low is None else (low, high)
    return Node("X.1", "X", "Chỉ tiêu thử", "Test", points=10, rule=Rule("target", {"target": 1}),
                unit=unit, valid_range=bounds)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def said(issue, lang: str = "vi") -> str:
    return render_issue(issue, lang)


# --- yes/no typed on a Mac (decomposed Unicode) ---------------------------------------------

@pytest.mark.parametrize("word,value", [("Có", 1.0), ("Không", 0.0), ("KHÔNG", 0.0),
                                        ("có.", 1.0)])
def test_yes_no_typed_decomposed_reads_like_the_template_choice(dti2022, word, value):
    node = dti2022.by_code["NTS.01"]
    assert nfd(word) != word                    # really another sequence of code points
    assert parse_value(nfd(word), node, cell="F6") == (value, [])


@pytest.mark.parametrize("word,value,cleaned", [("đạt", 1.0, "Có"), ("chưa", 0.0, "Không"),
                                                ("Đúng", 1.0, "Có")])
def test_other_yes_no_words_decomposed_are_cleaned_and_said(dti2022, word, value, cleaned):
    got, [issue] = parse_value(nfd(word), dti2022.by_code["NTS.01"], cell="F6")
    assert got == value
    assert said(issue) == f"Đã hiểu '{word}' là {cleaned} (chỉ tiêu NTS.01)"


def test_the_word_lists_are_in_one_unicode_form():
    assert all(unicodedata.is_normalized("NFC", w) for w in YES_WORDS | NO_WORDS)


def test_a_number_typed_decomposed_is_a_number(dti2022):
    # NFD changes nothing for digits, but "85,5 %" with a decomposed no-break space around still
    # reads; text after the number is still refused
    assert parse_value("\u00a085,5\u00a0%", dti2022.by_code["HTS.01"])[0] == 85.5
    value, [issue] = parse_value(nfd("5 (ước tính)"), dti2022.by_code["NTS.06"])
    assert math.isnan(value) and issue.code.value == "value_trailing_text"


# --- percentages as the officer sees them ---------------------------------------------------

def test_150_typed_in_a_percent_cell_is_an_error_quoting_150_percent(dti2022):
    value, [issue] = parse_value(1.5, dti2022.by_code["HTS.01"], percent_storage=FRACTION,
                                 file="48.xlsx", sheet="Chỉ số", cell="F25", unit="48")
    assert math.isnan(value)
    assert (issue.severity.value, issue.code.value, issue.cell, issue.value) == \
        ("error", "value_out_of_range", "F25", "150 %")
    assert said(issue) == "Giá trị 150 % của chỉ tiêu HTS.01 nằm ngoài khoảng cho phép 0–100 %"
    assert said(issue, "en") == \
        "Value 150 % of sub-indicator HTS.01 is outside the allowed range 0–100 %"


def test_a_stored_fraction_is_the_percentage_shown_exactly(dti2022):
    node = dti2022.by_code["HTS.01"]
    assert 0.145 * 100 != 14.5                          # what binary multiplication gives
    assert parse_value(0.145, node, percent_storage=FRACTION) == (14.5, [])
    assert parse_value(0.855, node, percent_storage=FRACTION) == (85.5, [])
    assert parse_value(1.0, node, percent_storage=FRACTION) == (100.0, [])
    # what was a warning ("read as 85.5 %") is now what the cell shows: 8550 %
    value, [issue] = parse_value(85.5, node, percent_storage=FRACTION)
    assert math.isnan(value) and issue.value == "8550 %"


def test_a_percentage_range_above_100_takes_150_percent():
    growth = leaf(0, 500, unit="%")
    assert parse_value(1.5, growth, percent_storage=FRACTION) == (150.0, [])
    value, [issue] = parse_value(6, growth, percent_storage=FRACTION)
    assert math.isnan(value)
    assert said(issue) == "Giá trị 600 % của chỉ tiêu X.1 nằm ngoài khoảng cho phép 0–500 %"


def test_a_table_value_is_a_percentage_as_written(dti2022):
    node = dti2022.by_code["HTS.01"]
    assert parse_value(0.855, node) == (0.855, [])        # 0,855 %, as typed
    assert parse_value(85.5, node) == (85.5, [])
    value, issues = parse_value("150%", node, cell="D7")
    assert math.isnan(value)
    assert said(issues[-1]) == \
        "Giá trị 150% của chỉ tiêu HTS.01 nằm ngoài khoảng cho phép 0–100 %"


def test_without_meta_a_fraction_and_a_percentage_are_each_said(dti2022):
    node = dti2022.by_code["HTS.01"]
    value, [issue] = parse_value(0.855, node, percent_storage=UNKNOWN, cell="F25")
    assert value == 85.5 and issue.code.value == "value_percent_scaled"
    assert "ô lưu số 0,855" in said(issue) and "đã đọc là 85,5 %" in said(issue)
    value, [issue] = parse_value(85.5, node, percent_storage=UNKNOWN, cell="F25")
    assert value == 85.5 and issue.code.value == "value_percent_as_typed"
    assert "thì ô hiển thị 8550 %" in said(issue)
    value, [issue] = parse_value(1.5, node, percent_storage=UNKNOWN, cell="F25")
    assert value == 1.5 and "ô hiển thị 150 %" in said(issue)   # visible, not silent
    # text is read as typed, whatever the storage
    assert parse_value("85,5", node, percent_storage=UNKNOWN)[0] == 85.5


# --- the valid range settles number spellings -----------------------------------------------

@pytest.mark.parametrize("text,low,high,value,other", [
    ("62.879", 0, 120, 62.879, "62879"),          # HDI-like: the thousands reading is too big
    ("2,500", 0, 10, 2.5, "2500"),
    ("62.879", 1000, 100000, 62879.0, "62,879"),  # the decimal reading is too small
    ("-1.234", -5, 5, -1.234, "-1234"),
])
def test_the_range_settles_one_separator_and_three_digits(text, low, high, value, other):
    got, [issue] = parse_value(text, leaf(low, high), cell="C7")
    assert got == value
    assert issue.severity.value == "warning" and issue.code.value == "value_read_by_range"
    number = f"{value:g}".replace(".", ",") if value % 1 else f"{value:.0f}"
    assert said(issue) == (f"Đã đọc '{text}' là {number}: cách đọc kia, {other}, nằm ngoài "
                           f"khoảng cho phép {low}–{high} số lượng của chỉ tiêu X.1")


@pytest.mark.parametrize("text,lead,tail,sep,decimal_vi,decimal_en,thousands", [
    ("1.234", "1", "234", ".", "1,234", "1.234", "1234"),
    ("2,500", "2", "500", ",", "2,5", "2.5", "2500"),
])
def test_both_readings_in_range_is_refused_in_words(text, lead, tail, sep, decimal_vi,
                                                    decimal_en, thousands):
    for node in (leaf(0, 100000), leaf(None, None)):
        value, [issue] = parse_value(text, node, cell="F11")
        assert math.isnan(value)
        assert (issue.severity.value, issue.code.value, issue.cell) == \
            ("error", "value_ambiguous_number", "F11")
        assert said(issue) == (
            f"Chỉ tiêu X.1: không rõ '{text}' là số nào: {lead} nghìn {tail} ({thousands}) nếu "
            f"dấu '{sep}' tách hàng nghìn, hay {lead} phẩy {tail} ({decimal_vi}) nếu dấu '{sep}' "
            "là dấu thập phân; cả hai đều có thể với chỉ tiêu này. Hãy ghi lại số không dùng "
            "dấu tách hàng nghìn")
        assert f"{lead} thousand {tail} ({thousands})" in said(issue, "en")
        assert f"{lead} point {tail} ({decimal_en})" in said(issue, "en")


def test_out_of_range_whichever_reading_is_out_of_range():
    value, [issue] = parse_value("5.432", leaf(0, 3), cell="F11")
    assert math.isnan(value) and issue.code.value == "value_out_of_range"
    assert issue.value == "5.432"


# --- notations ------------------------------------------------------------------------------

@pytest.mark.parametrize("text,value,notation", [
    ("0,125", 0.125, "comma"), ("85,5", 85.5, "comma"), ("1.234,5", 1234.5, "comma"),
    ("7.500,25", 7500.25, "comma"), ("1.234.567", 1234567.0, "comma"),
    ("1,234.5", 1234.5, "point"), ("1,234,567", 1234567.0, "point"),
    ("12 345", 12345.0, "plain"), ("12'345", 12345.0, "plain"), ("1 234,5", 1234.5, "comma"),
    ("1,5E+3", 1500.0, "comma"), ("−3,5", -3.5, "comma"),
])
def test_unambiguous_spellings_are_read_and_said_with_their_notation(text, value, notation):
    got, [issue] = parse_value(text, leaf(-10 ** 7, 10 ** 7), cell="F11")
    assert got == value
    assert (issue.severity.value, issue.code.value) == ("warning", "value_cleaned")
    assert issue.params["notation"] == notation
    shown = f"{value:.10g}".replace(".", ",")
    assert said(issue) == f"Đã hiểu '{text}' là {shown} (chỉ tiêu X.1)"


@pytest.mark.parametrize("text,value", [("2e-06", 2e-06), ("2E-06", 2e-06), ("12.5", 12.5),
                                        ("1.5e3", 1500.0), ("-0", 0.0), (".5", 0.5)])
def test_plain_and_exponent_notation_are_numbers_without_a_word(text, value):
    assert parse_value(text, leaf(-10 ** 7, 10 ** 7)) == (value, [])


@pytest.mark.parametrize("text", ["1.23.4", "..5", "1,2.5", "12 34", "1.234,5,6", "1 2",
                                  "1.234.5e3", "9" * 400, "e5", "%"])
def test_malformed_groups_are_not_numbers(text):
    value, [issue] = parse_value(text, leaf(None, None), cell="F11")
    assert math.isnan(value) and issue.code.value == "value_not_number"


def _vietnamese(whole: int, fraction: str) -> str:
    grouped = f"{whole:,}".replace(",", ".")
    return grouped + ("," + fraction if fraction else "")


def _english(whole: int, fraction: str) -> str:
    return f"{whole:,}" + ("." + fraction if fraction else "")


@settings(max_examples=400, deadline=None)
@given(whole=st.integers(0, 10 ** 9), fraction=st.text("0123456789", max_size=6),
       style=st.sampled_from([_vietnamese, _english]), negative=st.booleans(),
       margin=st.sampled_from([0, 1, 10 ** 12]))
def test_any_number_in_either_notation_reads_back_as_itself(whole, fraction, style, negative,
                                                             margin):
    """A number written with Vietnamese or English separators, in a range that holds it, reads
    back as the float nearest its decimal value, or is refused as ambiguous exactly when the
    other reading of one separator and three digits is in the range too."""
    exact = Decimal(f"{whole}.{fraction or '0'}") * (-1 if negative else 1)
    text = ("-" if negative else "") + style(whole, fraction)
    low, high = float(exact) - margin, float(exact) + margin
    value, issues = parse_value(text, leaf(low, high), cell="F11")
    digits = text.lstrip("-")
    one_separator = sum(digits.count(c) for c in ".,") == 1
    lead, _, tail = digits.replace(",", ".").partition(".")
    if one_separator and len(tail) == 3 and lead[0] != "0" and len(lead) <= 3:
        other = float(Decimal(lead + tail) if len(fraction) == 3 else Decimal(f"{lead}.{tail}"))
        other = -other if negative else other
        if low <= other <= high and other != float(exact):
            assert math.isnan(value)
            assert [i.code.value for i in issues] == ["value_ambiguous_number"]
            return
    assert value == float(exact)
    assert all(i.severity.value == "warning" for i in issues)


# --- durations, no rounding -----------------------------------------------------------------

def test_a_duration_is_the_number_it_stores_said_as_shown(dti2022):
    value, [issue] = parse_value(timedelta(days=1, hours=12), dti2022.by_code["NTS.06"],
                                 cell="F11")
    assert value == 1.5
    assert (issue.code.value, issue.value) == ("value_cleaned", "36:00:00")
    assert said(issue) == "Đã hiểu '36:00:00' là 1,5 (chỉ tiêu NTS.06)"


@pytest.mark.parametrize("raw,shown", [(time(4, 30), "04:30:00"),
                                       (timedelta(hours=30), "30:00:00")])
def test_a_time_where_hours_are_counted_is_refused(dti2022, raw, shown):
    node = dti2022.by_code["ATTT.12"]                     # hours to recover from an incident
    assert node.unit == "giờ"
    value, [issue] = parse_value(raw, node, cell="F60")
    assert math.isnan(value)
    assert (issue.severity.value, issue.code.value, issue.value) == \
        ("error", "value_clock_time", shown)
    assert said(issue) == (f"Chỉ tiêu ATTT.12 tính theo giờ nhưng ô chứa thời gian '{shown}' "
                           "(Excel lưu thời gian theo ngày); hãy ghi một số giờ, ví dụ 4,5 chứ "
                           "không phải 4:30")


@pytest.mark.parametrize("raw", [0.1234567890123, 12.345678901234567, 1e-12, 99999.99999999999])
def test_values_are_not_rounded(dti2022, raw):
    assert parse_value(raw, dti2022.by_code["NTS.06"]) == (raw, [])
    assert parse_value(repr(raw), dti2022.by_code["NTS.06"])[0] == raw


def test_a_percentage_is_not_rounded_either(dti2022):
    node = dti2022.by_code["HTS.01"]
    assert parse_value(0.123456789012345, node, percent_storage=FRACTION)[0] == 12.3456789012345
    assert shift_decimal(12.3456789012345, -2) == 0.123456789012345


def test_a_verified_value_typed_on_a_mac_is_understood(dti2022):
    from dti_app.core.errors import CampaignError
    from dti_app.core.verification import checked_value

    assert checked_value(dti2022, "48", "NTS.01", nfd("Có")) == 1.0
    assert checked_value(dti2022, "48", "NTS.01", nfd("Không")) == 0.0
    assert checked_value(dti2022, "48", "HTS.01", "62.879") == 62.879
    with pytest.raises(CampaignError) as refused:
        checked_value(dti2022, "48", "NTS.06", "1.234")
    assert "1 nghìn 234 (1234)" in str(refused.value)


@pytest.mark.parametrize("text,value", [("1.234,5", 1234.5), ("1,234.5", 1234.5), ("12,5", 12.5),
                                        ("2e-06", 2e-06), (nfd(" 400 "), 400.0), ("1.000", None),
                                        ("12 abc", None), ("85%", None), ("1.2.3", None)])
def test_a_number_typed_into_the_app_has_one_meaning_or_none(text, value):
    from dti_app.core.number_text import read_number

    assert read_number(text) == value
