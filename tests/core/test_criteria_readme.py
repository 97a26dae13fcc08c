"""The worked example in criteria/README.md scores exactly as the README says."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from dti_app.core.criteria_load import parse_criteria
from dti_app.core.scoring import score_units


def test_readme_worked_example(repo):
    text = (repo / "criteria" / "README.md").read_text(encoding="utf-8")
    example = text.split("## Worked example")[1]
    yaml_text = re.search(r"```yaml\n(.*?)```", example, re.S).group(1)
    criteria = parse_criteria(yaml_text, "README.md")
    school = pd.DataFrame({"HT.1": [100.0], "HT.2": [1.0], "DH.1": [60.0], "DH.2": [np.nan]},
                          index=["s1"])
    result = score_units(criteria, school)
    assert result.node_points.at["s1", "HT.1"] == pytest.approx(3.0)
    assert result.node_fraction.at["s1", "HT"] == pytest.approx(0.70)
    assert result.node_fraction.at["s1", "DH"] == pytest.approx(0.75)
    assert result.shown["s1"] == pytest.approx(71.7)
    assert result.pillar_shown.at["s1", "DH-P"] == pytest.approx(75.0)
    assert "**71.7**" in example
