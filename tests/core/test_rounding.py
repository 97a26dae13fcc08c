"""Rounding to the shown value: half away from zero on the decimal a reader sees, at any number
of decimals; ranks on the shown value; ``decimals`` up to 12 in a criteria file."""

from __future__ import annotations

import math
import time
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dti_app.core.criteria_load import parse_criteria
from dti_app.core.errors import CriteriaError
from dti_app.core.export_text import shown_text
from dti_app.core.ranking import competition_rank, round_shown


def reference(value: float, decimals: int) -> float:
    """What a person does: write the number out (its shortest form), round half away from 0."""
    exact = Decimal(repr(abs(float(value)))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    return math.copysign(float(exact), float(value)) + 0.0


@pytest.mark.parametrize("value, shown", [
    (98.76543244, 98.765432),      # ...44 is below the half: down (was rounded up before)
    (98.76543249999, 98.765432),   # just below the half: down
    (98.7654325, 98.765433),       # the half: away from zero
    (98.76543251, 98.765433),
    (-98.76543244, -98.765432),
    (-98.7654325, -98.765433),     # negative half: away from zero too
    (0.0000004, 0.0),
    (0.0000005, 0.000001),
])
def test_six_decimals_on_a_0_to_100_scale(value, shown):
    assert round_shown(value, 6) == shown
    assert shown_text(value, 6) == f"{shown:.6f}"


@pytest.mark.parametrize("value, shown", [
    (0.12345678904, 0.123456789),
    (0.123456789049999, 0.123456789),
    (0.12345678905, 0.1234567891),
    (12.34567890124, 12.3456789012),
    (12.34567890125, 12.3456789013),
    (-12.34567890125, -12.3456789013),
    (-12.34567890124, -12.3456789012),
])
def test_ten_decimals(value, shown):
    assert round_shown(value, 10) == shown


def test_the_number_a_reader_sees_is_rounded_not_its_binary_neighbour():
    # 0.80025 is stored as 0.80024999999999996…: a reader sees 0.80025 and expects 0.8003
    assert round_shown(0.80025, 4) == 0.8003
    assert round_shown(2.675, 2) == 2.68 and round(2.675, 2) == 2.67   # Python's round differs
    assert round_shown(0.1 + 0.2, 1) == 0.3
    assert round_shown(0.1 + 0.2, 16 - 1) == 0.3                       # 0.300000000000000
    assert round_shown(2.5, 0) == 3.0 and round_shown(-2.5, 0) == -3.0


def test_a_value_rounding_to_zero_is_never_negative_zero():
    out = round_shown(np.array([-0.00004, -0.0]), 4)
    assert [math.copysign(1.0, v) for v in out] == [1.0, 1.0]
    assert shown_text(-0.00004, 4) == "0.0000"


def test_every_kind_of_input_keeps_its_kind_and_missing_values():
    series = pd.Series([0.80025, np.nan], index=["a", "b"], name="x")
    out = round_shown(series, 4)
    assert out.index.tolist() == ["a", "b"] and out.name == "x"
    assert out["a"] == 0.8003 and np.isnan(out["b"])
    frame = round_shown(pd.DataFrame({"p": [0.125, 0.135]}), 2)
    assert frame["p"].tolist() == [0.13, 0.14]
    assert round_shown(pd.Series([0.125, None], dtype="Float64"), 2).tolist()[0] == 0.13
    assert round_shown(np.array([[0.5, 1.5], [2.5, -0.5]]), 0).tolist() == [[1, 2], [3, -1]]
    assert isinstance(round_shown(0.5, 0), float)
    with pytest.raises(ValueError):
        round_shown(1.0, 16)


@given(st.lists(st.floats(min_value=-200, max_value=200, allow_nan=False), min_size=1,
                max_size=40), st.integers(min_value=0, max_value=12))
def test_vectorised_rounding_equals_rounding_each_written_number(values, decimals):
    got = round_shown(np.array(values), decimals)
    assert got.tolist() == [reference(v, decimals) for v in values]


@pytest.mark.parametrize("decimals", [2, 4, 6, 10, 12])
def test_exact_halves_at_every_precision(decimals):
    rng = np.random.default_rng(decimals)
    digits = rng.integers(0, 10 ** min(decimals + 2, 15), 2000)
    halves = np.array([float(Decimal(int(d) * 10 + 5).scaleb(-(decimals + 1))) for d in digits])
    for scale in (1.0, -1.0):
        values = halves * scale
        assert round_shown(values, decimals).tolist() == [reference(v, decimals) for v in values]


def test_ranks_use_the_shown_value():
    # at 6 decimals both show 98.765432: they share rank 1 (rounding ...44 up split them)
    shown = round_shown(pd.Series({"A": 98.76543244, "B": 98.765432, "C": 98.7654315}), 6)
    assert shown.tolist() == [98.765432, 98.765432, 98.765432]
    shown = round_shown(pd.Series({"A": 98.76543244, "B": 98.7654325, "C": 98.765431}), 6)
    assert competition_rank(shown).tolist() == [2, 1, 3]


def test_ten_thousand_values_round_fast():
    values = np.random.default_rng(1).random(10_000) * 100
    values[::10] = np.round(values[::10], 3) + 0.0005           # 1,000 exact halves at 4 d.p.
    start = time.perf_counter()
    for _ in range(10):
        round_shown(values, 4)
    assert (time.perf_counter() - start) / 10 < 0.05


CRITERIA = """
framework: {{id: chinh-xac, version: '1', name: {{vi: Chính xác, en: Exact}}}}
index: {{scale: 100, decimals: {decimals}}}
nodes:
- {{code: A, name: {{vi: A}}}}
- {{code: A.1, parent: A, name: {{vi: A1}}, points: 3, rule: yes_no}}
"""


def test_twelve_decimals_are_accepted_and_thirteen_refused():
    assert parse_criteria(CRITERIA.format(decimals=12), "c.yaml").decimals == 12
    with pytest.raises(CriteriaError) as refused:
        parse_criteria(CRITERIA.format(decimals=13), "c.yaml")
    text = refused.value.render("vi")
    assert "c.yaml" in text and "decimals=13" in text and "từ 0 đến 12" in text
    assert "0 to 12" in refused.value.render("en")
