"""The JSON result gives, per unit, the unrounded index and every node of the tree (leaves
included) with its unrounded value on the index scale and its rank on the shown value.

The small framework of ``export_testdata`` on a 0–100 scale with 1 decimal, A.1 raised from 30 to
60 points (130 in all). By hand, on the index scale:
    D1  index 126/130 = 96.923…  shown 96.9   A = (60 + 16)/80 = 95   A.1 100   A.2 80   B 100
    D3  index  90/130 = 69.230…  shown 69.2   A = 80/80 = 100        A.1 100   A.2 100  B 20
    D2  index  35/130 = 26.923…  shown 26.9   A = 10/80 = 12.5       A.1 0     A.2 50   B 50
Ranks of A: D3 1, D1 2, D2 3; of A.1: D1 and D3 share 1, D2 is 3 (competition ranking).
"""

from __future__ import annotations

import json

import pytest
from export_testdata import SMALL_CRITERIA, small_case

from dti_app.core.criteria_load import parse_criteria
from dti_app.core.report import result_document, write_json
from dti_app.core.scoring import score_units


@pytest.fixture
def document(tmp_path):
    _, register, imported, _, issues = small_case(tmp_path)
    criteria = parse_criteria(SMALL_CRITERIA.replace("scale: 1, decimals: 4",
                                                     "scale: 100, decimals: 1"))
    criteria = criteria.with_weights(points={"A.1": 60})
    result = score_units(criteria, imported.values, register, imported.invalid)
    path = tmp_path / "ket_qua.json"
    write_json(result_document(result, register, issues, year=2025), path)
    return json.loads(path.read_text(encoding="utf-8"))


def test_unrounded_index_beside_the_shown_one(document):
    units = {u["code"]: u for u in document["units"]}
    assert units["D1"]["score"] == 96.9 and units["D1"]["score_exact"] == 126 / 130 * 100
    assert units["D3"]["score"] == 69.2 and units["D3"]["score_exact"] == 90 / 130 * 100
    assert units["D2"]["score"] == 26.9 and units["D2"]["score_exact"] == 35 / 130 * 100
    assert units["D4"]["score_exact"] is None and units["D5"]["score_exact"] is None
    assert document["year"] == 2025


def test_every_node_with_its_value_on_the_index_scale_and_its_rank(document):
    units = {u["code"]: u for u in document["units"]}
    assert list(units["D1"]["nodes"]) == ["A", "A.1", "A.2", "B", "B.1"]
    got = {code: {n: (v["score"], v["rank"]) for n, v in units[code]["nodes"].items()}
           for code in ("D1", "D2", "D3")}
    assert got["D1"] == {"A": (95.0, 2), "A.1": (100.0, 1), "A.2": (80.0, 2), "B": (100.0, 1),
                         "B.1": (100.0, 1)}
    assert got["D3"] == {"A": (100.0, 1), "A.1": (100.0, 1), "A.2": (100.0, 1), "B": (20.0, 3),
                         "B.1": (20.0, 3)}
    assert got["D2"] == {"A": (12.5, 3), "A.1": (0.0, 3), "A.2": (50.0, 3), "B": (50.0, 2),
                         "B.1": (50.0, 2)}
    for code in ("D4", "D5"):                       # not submitted, invalid: nothing to show
        assert all(v == {"score": None, "rank": None} for v in units[code]["nodes"].values())
    # the main indicators' ranks in ``nodes`` are those of the shown indicator values
    assert units["D1"]["indicators"] == {"A": 95.0, "B": 100.0}


def test_ranks_in_nodes_are_on_the_shown_value(tmp_path):
    """Two units 0.04 apart on a node shown with 1 decimal share its rank."""
    _, register, imported, _, issues = small_case(tmp_path)
    criteria = parse_criteria(SMALL_CRITERIA.replace("scale: 1, decimals: 4",
                                                     "scale: 100, decimals: 0"))
    values = imported.values.copy()
    values.loc["D1", "B.1"], values.loc["D2", "B.1"] = 5.0, 5.04      # 50 % and 50.4 %
    result = score_units(criteria, values, register, imported.invalid)
    doc = result_document(result, register, issues)
    nodes = {u["code"]: u["nodes"]["B.1"] for u in doc["units"] if u["status"] == "scored"}
    assert nodes["D1"]["score"] == 50.0 and nodes["D2"]["score"] == pytest.approx(50.4)
    assert nodes["D1"]["rank"] == nodes["D2"]["rank"] == 1 and nodes["D3"]["rank"] == 3
    assert doc["year"] is None
