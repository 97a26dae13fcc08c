"""Typed values: what is cleaned with a warning and what is refused."""

from __future__ import annotations

import math

import pytest

from dti_app.core.messages import render_issue
from dti_app.core.values import parse_value


@pytest.mark.parametrize("text,expected", [("1.234", (1.234, 1234)), ("2,500", (2.5, 2500))])
def test_one_separator_then_three_digits_is_ambiguous_and_not_used(dti2022, text, expected):
    value, issues = parse_value(text, dti2022.by_code["NTS.06"], cell="F11")
    assert math.isnan(value)
    [issue] = issues
    assert (issue.code.value, issue.cell) == ("value_ambiguous_number", "F11")
    assert f"{expected[0]:g}" in render_issue(issue) and f"{expected[1]:g}" in render_issue(issue)


@pytest.mark.parametrize("text,value,leaf", [
    ("0,125", 0.125, "HTS.01"), ("85,5", 85.5, "HTS.01"), ("1.234,5", 1234.5, "NTS.06"),
    ("12.5", 12.5, "HTS.01"), ("85,5 %", 85.5, "HTS.01"), ("7.500,25", 7500.25, "NTS.06")])
def test_unambiguous_numbers_are_read(dti2022, text, value, leaf):
    got, issues = parse_value(text, dti2022.by_code[leaf])
    assert got == pytest.approx(value)
    assert all(i.severity.value == "warning" for i in issues)
