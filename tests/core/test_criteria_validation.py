"""The criteria validator rejects broken files with a message naming the file, node and problem."""

from __future__ import annotations

import pytest

from dti_app.core.criteria_load import load_criteria, parse_criteria, save_criteria
from dti_app.core.errors import CriteriaError

GOOD = """
framework: {id: ok, version: '1', name: {vi: Tốt, en: Good}}
index: {scale: 1, decimals: 4}
nodes:
  - {code: A, name: A}
  - {code: A1, parent: A, name: A1, points: 10, rule: yes_no}
  - {code: A2, parent: A, name: A2, points: 10, rule: {type: target, target: 80}, range: [0, 100]}
pillars:
  - {code: P, name: P, indicators: [A]}
"""


def problems(text: str) -> list[tuple[str, str, str]]:
    with pytest.raises(CriteriaError) as info:
        parse_criteria(text, "broken.yaml")
    return [(i.code.value, i.node, i.file) for i in info.value.issues]


def codes(text: str) -> set[str]:
    return {code for code, _, _ in problems(text)}


def test_the_good_file_loads():
    c = parse_criteria(GOOD)
    assert c.leaves == ("A1", "A2") and c.max_points() == 20


BROKEN = [
    ("duplicate code", GOOD.replace("code: A2,", "code: A1,"), "criteria_duplicate_code", "A1"),
    ("unknown parent", GOOD.replace("parent: A, name: A2", "parent: Z, name: A2"),
     "criteria_unknown_parent", "A2"),
    ("negative points", GOOD.replace("points: 10, rule: yes_no", "points: -5, rule: yes_no"),
     "criteria_negative_weight", "A1"),
    ("pillar names a missing indicator", GOOD.replace("indicators: [A]", "indicators: [A, Q]"),
     "criteria_pillar_unknown_indicator", "P"),
    ("pillar names a sub-indicator", GOOD.replace("indicators: [A]", "indicators: [A1]"),
     "criteria_pillar_not_main", "P"),
    ("unknown rule", GOOD.replace("rule: yes_no", "rule: coin_flip"), "criteria_unknown_rule", "A1"),
    ("goalposts reversed", GOOD.replace("rule: yes_no", "rule: {type: goalposts, low: 9, high: 1}"),
     "criteria_goalposts_reversed", "A1"),
    ("log with a zero goalpost",
     GOOD.replace("rule: yes_no", "rule: {type: goalposts, low: 0, high: 9, log: true}"),
     "criteria_log_nonpositive", "A1"),
    ("bands not increasing",
     GOOD.replace("rule: yes_no", "rule: {type: bands, bands: [[5, 1.0], [2, 0.5]]}"),
     "criteria_bands_unordered", "A1"),
    ("bad direction", GOOD.replace("target: 80}", "target: 80, direction: up}"),
     "criteria_bad_direction", "A2"),
    ("target missing", GOOD.replace("target: 80}", "}").replace("target, }", "target}"),
     "criteria_rule_parameter", "A2"),
    ("unknown aggregation", GOOD.replace("{code: A, name: A}", "{code: A, name: A, aggregation: median}"),
     "criteria_unknown_aggregation", "A"),
    ("unknown missing policy", GOOD.replace("{code: A, name: A}", "{code: A, name: A, missing: guess}"),
     "criteria_unknown_missing_policy", "A"),
    ("leaf without a rule", GOOD.replace(", rule: yes_no", ""), "criteria_leaf_without_rule", "A1"),
    ("points do not add up", GOOD.replace("{code: A, name: A}", "{code: A, name: A, points: 50}"),
     "criteria_points_mismatch", "A"),
    ("a leaf of a sum node without points", GOOD.replace("points: 10, rule: yes_no", "rule: yes_no"),
     "criteria_missing_points", "A1"),
    ("range reversed", GOOD.replace("range: [0, 100]", "range: [100, 0]"), "criteria_bad_range", "A2"),
    ("misspelt key", GOOD.replace("name: A1,", "nmae: A1,"), "criteria_unknown_key", "A1"),
    ("scale not 1 or 100", GOOD.replace("scale: 1,", "scale: 10,"), "criteria_bad_scale", ""),
    ("cycle", GOOD.replace("{code: A, name: A}", "{code: A, parent: A2, name: A}"),
     "criteria_cycle", None),
]


@pytest.mark.parametrize("label,text,code,node", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_files_are_rejected_with_the_problem_named(label, text, code, node):
    found = problems(text)
    matching = [f for f in found if f[0] == code]
    assert matching, f"{label}: expected {code}, got {found}"
    if node is not None:
        assert any(n == node for _, n, _ in matching)
    assert all(file == "broken.yaml" for _, _, file in found)


def test_every_problem_is_reported_not_just_the_first():
    text = GOOD.replace("rule: yes_no", "rule: coin_flip").replace("indicators: [A]",
                                                                   "indicators: [Q]")
    assert {"criteria_unknown_rule", "criteria_pillar_unknown_indicator"} <= codes(text)


def test_yaml_syntax_error_gives_the_line():
    with pytest.raises(CriteriaError) as info:
        parse_criteria("framework: {id: x\nnodes: [", "bad.yaml")
    [issue] = info.value.issues
    assert issue.code.value == "criteria_syntax"
    assert "dòng" in str(info.value) and "bad.yaml" in str(info.value)


def test_messages_are_vietnamese_and_english():
    with pytest.raises(CriteriaError) as info:
        parse_criteria(GOOD.replace("code: A2,", "code: A1,"), "f.yaml")
    assert "Mã 'A1' bị trùng" in info.value.render("vi")
    assert "Code 'A1' is duplicated" in info.value.render("en")


def test_unreadable_and_empty_files(tmp_path):
    with pytest.raises(CriteriaError) as info:
        load_criteria(tmp_path / "none.yaml")
    assert info.value.issues[0].code.value == "criteria_unreadable"
    (tmp_path / "empty.yaml").write_text("framework: {id: e, version: '1', name: E}\nnodes: []\n")
    with pytest.raises(CriteriaError) as info:
        load_criteria(tmp_path / "empty.yaml")
    assert info.value.issues[0].code.value == "criteria_empty"


def test_sha256_ignores_formatting_and_comments_but_not_content():
    a = parse_criteria(GOOD)
    b = parse_criteria("# a comment\n" + GOOD.replace("{code: A, name: A}", "{ code: A,  name: A }"))
    c = parse_criteria(GOOD.replace("target: 80", "target: 70"))
    assert a.sha256 == b.sha256 != c.sha256
    assert len(a.sha256) == 64


def test_saved_edited_criteria_load_back_identically(tmp_path, dti2022):
    edited = dti2022.with_weights(points={"NTS.01": 20}, version="1.1")
    save_criteria(edited, tmp_path / "v11.yaml")
    again = load_criteria(tmp_path / "v11.yaml")
    assert again.sha256 == edited.sha256
    assert again.version == "1.1" and again.max_points("NTS") == 110
