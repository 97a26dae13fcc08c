"""Synthetic sample values: deterministic, plausible, valid, varied, and fast at commune scale."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest

from dti_app.core.sample_data import generate_values, synthetic_register, unit_maturity
from dti_app.core.scoring import score_units


@pytest.fixture(scope="module")
def values(dti2022, units63) -> pd.DataFrame:
    return generate_values(dti2022, units63)


def test_same_seed_same_values_other_seed_other_values(dti2022, units63, values):
    pd.testing.assert_frame_equal(values, generate_values(dti2022, units63))
    other = generate_values(dti2022, units63, seed=1)
    assert (other != values).to_numpy().mean() > 0.3


def test_values_are_valid_inputs(dti2022, values):
    assert values.shape == (63, 98)
    for leaf in dti2022.leaves:
        node = dti2022.by_code[leaf]
        column = values[leaf]
        if node.required:
            assert column.notna().all(), leaf
        present = column.dropna()
        if node.rule.kind == "yes_no":
            assert set(present) <= {0.0, 1.0}, leaf
        if node.valid_range is not None:
            low, high = node.valid_range
            assert present.between(low, high).all(), leaf
        if node.unit in ("số lượng", "sự cố"):
            assert (present == present.round()).all(), leaf
    assert values[[c for c in dti2022.leaves if c.startswith("DTTM")]].isna().any().any()


def test_strong_and_weak_units_and_regional_differences(dti2022, units63, values):
    scores = score_units(dti2022, values, units63)
    index = scores.shown
    assert index.max() - index.min() > 0.4                  # strong and weak provinces
    assert 0.5 < index.mean() < 0.65                        # 2022's real mean was 0.5763
    region = pd.Series({u.code: u.region_vi for u in units63})
    by_region = index.groupby(region).mean()
    assert by_region["Đồng bằng sông Hồng"] > by_region["Trung du và miền núi phía Bắc"] + 0.1
    cities = [u.code for u in units63 if u.is_city]
    assert index[cities].mean() > index.drop(cities).mean()
    maturity = unit_maturity(units63)
    assert maturity.rank().corr(index.rank()) > 0.8          # values follow the latent maturity


def test_ten_thousand_units_in_well_under_a_second(dti2022):
    register = synthetic_register(10_000)
    assert len(register) == 10_000 and register.codes[0] == "X00001"
    assert len(register.regions) == 6
    started = time.perf_counter()
    values = generate_values(dti2022, register)
    seconds = time.perf_counter() - started
    assert values.shape == (10_000, 98) and seconds < 1.0
    scores = score_units(dti2022, values, register)
    assert (scores.status == "scored").all()
    assert np.isfinite(scores.index).all()
