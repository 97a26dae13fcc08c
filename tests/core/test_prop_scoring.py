"""Properties of the scoring engine on random criteria files and random value tables.

Criteria files are generated as YAML text within the documented schema: 1 to 3 levels, every
aggregation (sum, mean, geomean) and missing-value policy (zero, skip, error) at any node and at
the index, every rule type in both directions, points and weights including zeros, overlapping
pillars with and without their own denominator, scale 1 or 100, 0 to 6 decimals. Value tables
have 1 to 12 units, with ties, missing values and values far outside the goalposts.

Whatever the draw: the loader accepts the file; scoring raises nothing; every node's points lie in
[0, its maximum]; the index and pillars lie in [0, scale]; every rank is a competition rank on the
shown value (1 + the number of units shown strictly higher); the result does not depend on the
order of the units; re-scoring from the kept leaf fractions gives the same result; and the JSON
document is always writable.
"""

from __future__ import annotations

import itertools
import json
import math

import numpy as np
import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from dti_app.core.criteria_load import parse_criteria
from dti_app.core.errors import CriteriaError
from dti_app.core.report import result_document
from dti_app.core.scoring import score_units
from dti_app.core.units import parse_register

SETTINGS = settings(max_examples=80, deadline=None)
AGGREGATIONS = st.sampled_from(["sum", "mean", "geomean"])
POLICIES = st.sampled_from(["zero", "skip", "error"])
POINTS = st.sampled_from([0, 0.5, 1, 2.5, 4, 10, 30, 120])
WEIGHTS = st.sampled_from([0, 0.25, 1, 1, 2, 3.5])
NUMBERS = st.sampled_from([-5, 0, 0.1, 1, 2, 5, 10, 50, 80, 100, 1000])
DIRECTION = st.sampled_from([None, "higher", "lower"])


@st.composite
def rules(draw) -> dict | str:
    kind = draw(st.sampled_from(["yes_no", "goalposts", "goalposts_log", "target", "bands",
                                 "minmax"]))
    direction = draw(DIRECTION)
    if kind == "yes_no":
        rule: dict = {"type": "yes_no"}
    elif kind.startswith("goalposts"):
        log = kind.endswith("log")
        low, high = sorted(draw(st.lists(st.sampled_from([0.5, 1, 2, 10, 60, 100, 1000]) if log
                                         else NUMBERS, min_size=2, max_size=2, unique=True)))
        rule = {"type": "goalposts", "low": low, "high": high, **({"log": True} if log else {})}
    elif kind == "target":
        rule = {"type": "target", "target": draw(st.sampled_from([0.5, 1, 10, 80, 100]))}
    elif kind == "bands":
        at = sorted(draw(st.lists(NUMBERS, min_size=1, max_size=4, unique=True)))
        fractions = draw(st.lists(st.sampled_from([0, 0.25, 0.5, 0.8, 1]), min_size=len(at),
                                  max_size=len(at)))
        rule = {"type": "bands", "bands": [[a, f] for a, f in zip(at, fractions)]}
    else:
        lo, hi = sorted(draw(st.lists(st.sampled_from([0, 0.2, 0.5, 1]), min_size=2,
                                      max_size=2, unique=True)))
        rule = {"type": "minmax", **({"range": [lo, hi]} if draw(st.booleans()) else {})}
    if direction:
        rule["direction"] = direction
    return "yes_no" if rule == {"type": "yes_no"} and draw(st.booleans()) else rule


@st.composite
def criteria_texts(draw) -> str:
    """A criteria file (YAML text) within the schema."""
    depth = draw(st.integers(1, 3))
    counter = itertools.count(1)
    nodes: list[dict] = []

    def add(parent: str | None, parent_agg: str, level: int) -> tuple[str, float]:
        """Add a node and its subtree; return its code and its (derived) points, 0 for none."""
        code = f"N{next(counter)}" if parent is None else f"{parent}.{next(counter)}"
        entry: dict = {"code": code, "name": {"vi": f"Chỉ tiêu {code}", "en": f"Item {code}"}}
        if parent is not None:
            entry["parent"] = parent
        leaf = level == depth or (level > 1 and draw(st.integers(0, 3)) == 0)
        agg = None if leaf else draw(AGGREGATIONS)
        if parent_agg == "sum":
            if leaf or agg != "sum":
                entry["points"] = draw(POINTS)
        else:
            entry["weight"] = draw(WEIGHTS)
            if draw(st.booleans()) and (leaf or agg != "sum"):
                entry["points"] = draw(POINTS)
        nodes.append(entry)
        if leaf:
            entry["rule"] = draw(rules())
            if draw(st.integers(0, 3)) == 0:
                entry["required"] = False
            return code, entry.get("points", 0)
        entry["aggregation"] = agg
        if draw(st.booleans()):
            entry["missing"] = draw(POLICIES)
        kids = [add(code, agg, level + 1) for _ in range(draw(st.integers(1, 3)))]
        return code, sum(p for _, p in kids) if agg == "sum" else entry.get("points", 0)

    index_agg = draw(AGGREGATIONS)
    mains = dict(add(None, index_agg, 1) for _ in range(draw(st.integers(1, 4))))
    doc: dict = {
        "framework": {"id": "ngau-nhien", "version": "1", "name": {"vi": "Ngẫu nhiên"}},
        "index": {"scale": draw(st.sampled_from([1, 100])), "decimals": draw(st.integers(0, 6)),
                  "aggregation": index_agg, "missing": draw(POLICIES)},
        "nodes": nodes,
    }
    if draw(st.booleans()):
        doc["defaults"] = {"aggregation": draw(AGGREGATIONS), "missing": draw(POLICIES)}
    pillars = []
    for i in range(draw(st.integers(0, 3))):
        chosen = draw(st.lists(st.sampled_from(list(mains)), min_size=1, unique=True))
        pillar: dict = {"code": f"P{i}", "name": {"vi": f"Trụ cột {i}"}, "indicators": chosen}
        if draw(st.integers(0, 2)) == 0:   # a denominator of at least the indicators' points
            pillar["points"] = sum(mains[c] for c in chosen) + draw(st.sampled_from([0, 0.5, 50]))
        pillars.append(pillar)
    if pillars:
        doc["pillars"] = pillars
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


def _column(kind: str):
    if kind == "yes_no":
        return st.sampled_from([0.0, 1.0, math.nan])
    return st.one_of(NUMBERS.map(float), st.just(math.nan),
                     st.floats(-1e9, 1e9, allow_nan=False, allow_infinity=False))


@st.composite
def scored_cases(draw):
    criteria = parse_criteria(draw(criteria_texts()), "ngau_nhien.yaml")
    n = draw(st.integers(1, 12))
    codes = [f"U{i:02d}" for i in range(1, n + 1)]
    data = {leaf: draw(st.lists(_column(criteria.by_code[leaf].rule.kind), min_size=n,
                                max_size=n))
            for leaf in criteria.leaves}
    values = pd.DataFrame(data, index=pd.Index(codes, name="code"), dtype=float)
    regions = draw(st.lists(st.sampled_from(["Bắc", "Trung", "Nam"]), min_size=n, max_size=n))
    register = parse_register("code,name_vi,region_vi\n" + "".join(
        f"{c},Đơn vị {c},{r}\n" for c, r in zip(codes, regions)), "ngau-nhien")
    return criteria, values, register


def _assert_competition_rank(shown: pd.Series, rank: pd.Series) -> None:
    present = shown.dropna()
    for unit, value in shown.items():
        if pd.isna(value):
            assert pd.isna(rank[unit])
        else:
            assert rank[unit] == 1 + int((present > value).sum()), (unit, value)


def _assert_within(frame: pd.DataFrame | pd.Series, high) -> None:
    arr = np.asarray(frame, dtype=float)
    high = np.broadcast_to(np.asarray(high, dtype=float), arr.shape)
    ok = np.isnan(arr) | ((arr >= 0) & (arr <= high * (1 + 1e-12) + 1e-12))
    assert ok.all(), arr[~ok]


def check_bounds(criteria, values, result) -> None:
    """Every node's points in [0, its maximum]; index, pillars and shown values in [0, scale]."""
    maxima = np.array([criteria.max_points(c) for c in result.node_points.columns])
    _assert_within(result.node_points, maxima[None, :])
    _assert_within(result.node_fraction, 1.0)
    _assert_within(result.leaf_fraction, 1.0)
    _assert_within(result.index, criteria.scale)
    _assert_within(result.pillar_fraction, 1.0)
    _assert_within(result.shown, criteria.scale)
    scored = result.status == "scored"
    for column in result.leaf_fraction.columns:     # a leaf without a value has no points
        raw = values[column].reindex(result.leaf_fraction.index)
        assert (result.leaf_fraction[column][scored].isna() == raw[scored].isna()).all(), column


def check_ranks(result, register) -> None:
    """Competition ranks on the shown value, for the index, pillars, indicators and regions."""
    _assert_competition_rank(result.shown, result.rank)
    for frame, ranks in ((result.pillar_shown, result.pillar_rank),
                         (result.indicator_shown, result.indicator_rank)):
        for column in frame.columns:
            _assert_competition_rank(frame[column], ranks[column])
    assert result.shown[result.status != "scored"].isna().all()
    regions = {u.code: u.region_vi for u in register.units}
    shown = result.shown.dropna()
    for unit, value in shown.items():
        same = [v for u, v in shown.items() if regions[u] == regions[unit]]
        assert result.region_rank[unit] == 1 + sum(v > value for v in same), unit


def check_json(criteria, result, register) -> None:
    """The result document is valid JSON (no NaN), one entry per unit, scores on the scale."""
    document = result_document(result, register, result.issues)
    back = json.loads(json.dumps(document, ensure_ascii=False, allow_nan=False))
    assert [u["code"] for u in back["units"]] == register.codes
    for unit in back["units"]:
        assert (unit["score"] is None) == (unit["rank"] is None)
        if unit["score"] is not None:
            assert 0 <= unit["score"] <= criteria.scale
            assert unit["status"] == "scored"


def check_same(first, second) -> None:
    for name in ("status", "index", "shown", "rank", "region_rank"):
        pd.testing.assert_series_equal(getattr(first, name), getattr(second, name),
                                       check_exact=True, obj=name)
    for name in ("node_points", "pillar_shown", "pillar_rank", "indicator_rank"):
        pd.testing.assert_frame_equal(getattr(first, name), getattr(second, name),
                                      check_exact=True, obj=name)
    assert sorted(repr(i) for i in first.issues) == sorted(repr(i) for i in second.issues)


@SETTINGS
@given(case=scored_cases())
def test_scores_stay_in_bounds_ranks_are_competition_ranks_and_json_is_writable(case):
    criteria, values, register = case
    result = score_units(criteria, values, register)
    check_bounds(criteria, values, result)
    check_ranks(result, register)
    check_json(criteria, result, register)


@settings(max_examples=50, deadline=None)
@given(case=scored_cases(), data=st.data())
def test_scores_do_not_depend_on_unit_order_nor_on_rescoring_from_kept_fractions(case, data):
    criteria, values, register = case
    first = score_units(criteria, values, register)
    order = data.draw(st.permutations(list(values.index)))
    check_same(first, score_units(criteria, values.loc[order], register))
    check_same(first, score_units(criteria, values, register,
                                  leaf_fraction=first.leaf_fraction.loc[values.index]))


@settings(max_examples=40, deadline=None)
@given(text=criteria_texts())
def test_generated_files_are_valid_and_survive_a_save_and_reload(text):
    criteria = parse_criteria(text, "ngau_nhien.yaml")
    again = parse_criteria(yaml.safe_dump(criteria.to_document(), allow_unicode=True),
                           "lai.yaml")
    assert again.sha256 == criteria.sha256
    assert again.leaves == criteria.leaves


def test_a_pillar_declaring_fewer_points_than_its_indicators_is_refused():
    text = """\
framework: {id: t, version: "1", name: {vi: Thử}}
nodes:
  - {code: A, name: {vi: A}, points: 30, rule: yes_no}
  - {code: B, name: {vi: B}, points: 20, rule: yes_no}
pillars:
  - {code: P, name: {vi: Trụ cột}, indicators: [A, B], points: 40}
"""
    with pytest.raises(CriteriaError) as caught:
        parse_criteria(text, "tru_cot.yaml")
    (issue,) = caught.value.issues
    assert (issue.code.value, issue.node) == ("criteria_pillar_points_too_low", "P")
    assert "40" in caught.value.render("vi") and "50" in caught.value.render("vi")
    assert parse_criteria(text.replace("points: 40", "points: 50")).pillars[0].points == 50


ODD = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.text(max_size=4),
              st.sampled_from([math.inf, -math.inf, math.nan, 1e300, -0.0, "yes_no", "sum"])),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.sampled_from(["vi", "en", "type", "low", "high",
                                                             "target", "bands", "range"]),
                                            inner, max_size=3)),
    max_leaves=6)


def _places(doc, path=()):
    yield path
    children = doc.items() if isinstance(doc, dict) else enumerate(doc) \
        if isinstance(doc, list) else ()
    for key, value in children:
        yield from _places(value, (*path, key))


@settings(max_examples=100, deadline=None)
@given(text=criteria_texts(), data=st.data())
def test_a_damaged_criteria_file_is_a_criteria_error_never_a_crash(text, data):
    """Any field replaced by any YAML value: the loader reports it; what loads still scores."""
    doc = yaml.safe_load(text)
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from([p for p in _places(doc) if p]))
        target = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = data.draw(ODD)
    try:
        criteria = parse_criteria(yaml.safe_dump(doc, allow_unicode=True), "hong.yaml")
    except CriteriaError as error:
        assert error.issues and all(i.file == "hong.yaml" for i in error.issues)
        assert error.render("vi") and error.render("en")
        return
    assert all(math.isfinite(n.points) for n in criteria.nodes if n.points is not None)
    assert all(math.isfinite(n.weight) for n in criteria.nodes)
    values = pd.DataFrame(1.0, index=pd.Index(["U1", "U2"], name="code"),
                          columns=list(criteria.leaves))
    result = score_units(criteria, values)
    _assert_within(result.shown, criteria.scale)
