"""Typed values: what is cleaned with a warning and what is refused."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


class _Text(str):
    """A str subclass: parse_value's short paths (exact float, exact str) do not take it."""


@settings(max_examples=300, deadline=None)
@given(raw=st.one_of(st.floats(allow_nan=True, allow_infinity=True),
                     st.sampled_from([0.0, 1.0, 0.5, -0.2, 1.5, 100.0, 101.0, 1e-12])),
       fraction=st.booleans(), which=st.integers(0, 97))
def test_the_short_path_for_numbers_gives_what_the_general_rules_give(dti2022, raw, fraction,
                                                                       which):
    node = dti2022.by_code[dti2022.leaves[which]]
    place = {"file": "f.xlsx", "sheet": "Chỉ số", "cell": "F6", "unit": "48"}
    short = parse_value(raw, node, percent_as_fraction=fraction, **place)
    general = parse_value(np.float64(raw), node, percent_as_fraction=fraction, **place)
    assert (short[0] == general[0]) or (math.isnan(short[0]) and math.isnan(general[0]))
    assert short[1] == general[1]


@pytest.mark.parametrize("word", ["Có", "Không", " có ", "KHÔNG", "x", "có thể"])
def test_the_short_path_for_yes_no_gives_what_the_general_rules_give(dti2022, word):
    node = dti2022.by_code["NTS.01"]
    assert node.rule.kind == "yes_no"
    short = parse_value(word, node, cell="F6")
    general = parse_value(_Text(word), node, cell="F6")
    assert (short[0] == general[0]) or (math.isnan(short[0]) and math.isnan(general[0]))
    assert short[1] == general[1]
