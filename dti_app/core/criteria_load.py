"""Read a criteria file (YAML), check it, and build a ``Criteria``; or write one back.

Every problem is collected (not just the first) and raised together as ``CriteriaError``, each
naming the file, the node and the problem. The format is documented in ``criteria/README.md``.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import yaml

from dti_app.core.aggregation import AGGREGATIONS, MISSING_POLICIES
from dti_app.core.criteria import Criteria, Node, Pillar, Rule
from dti_app.core.errors import CriteriaError
from dti_app.core.issues import Issue, IssueCode
from dti_app.core.rules import DIRECTIONS, RULES

__all__ = ["load_criteria", "parse_criteria", "criteria_to_document", "save_criteria"]

C = IssueCode
TOP_KEYS = {"framework", "index", "defaults", "nodes", "pillars"}
FRAMEWORK_KEYS = {"id", "version", "name", "year", "illustrative", "note"}
INDEX_KEYS = {"scale", "decimals", "aggregation", "missing"}
NODE_KEYS = {"code", "parent", "name", "points", "weight", "aggregation", "missing", "rule",
             "unit", "range", "required"}
PILLAR_KEYS = {"code", "name", "indicators", "points"}
MAX_BYTES = 5_000_000
# 12 decimals on a 0–100 index are 14 significant digits: every float still shows them exactly
MAX_DECIMALS = 12


def load_criteria(path: str | Path) -> Criteria:
    """Load and check a criteria file; raise ``CriteriaError`` listing every problem."""
    path = Path(path)
    try:
        raw = path.read_bytes()
        if len(raw) > MAX_BYTES:
            raise ValueError(f"{len(raw)} bytes")
        text = raw.decode("utf-8-sig")
    except (OSError, ValueError) as exc:
        raise CriteriaError([Issue.error(C.CRITERIA_UNREADABLE, file=path.name,
                                         params={"reason": exc})]) from None
    return parse_criteria(text, path.name)


def parse_criteria(text: str, filename: str = "") -> Criteria:
    try:
        doc = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else "?"
        reason = getattr(exc, "problem", None) or str(exc)
        raise CriteriaError([Issue.error(C.CRITERIA_SYNTAX, file=filename,
                                         params={"line": line, "reason": reason})]) from None
    checker = _Checker(filename)
    criteria = checker.build(doc, text)
    if checker.issues:
        raise CriteriaError(checker.issues)
    return criteria


class _Checker:
    def __init__(self, filename: str):
        self.file = filename
        self.issues: list[Issue] = []

    def add(self, code: IssueCode, node: str = "", **params: Any) -> None:
        self.issues.append(Issue.error(code, file=self.file, node=node, params=params))

    # --- helpers ----------------------------------------------------------------------------
    def keys(self, mapping: dict, allowed: set[str], where: str, node: str = "") -> None:
        for key in mapping:
            if key not in allowed:
                self.add(C.CRITERIA_UNKNOWN_KEY, node, field=key, where=where)

    def mapping(self, value: Any, field: str, where: str) -> dict:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.add(C.CRITERIA_BAD_VALUE, field=field, where=where, value=value)
            return {}
        return value

    def names(self, value: Any, where: str, node: str = "") -> tuple[str, str]:
        if isinstance(value, str) and value.strip():
            return value.strip(), value.strip()
        if isinstance(value, dict) and str(value.get("vi", "")).strip():
            vi = str(value["vi"]).strip()
            return vi, str(value.get("en") or vi).strip()
        self.add(C.CRITERIA_MISSING_FIELD, node, field="name.vi", where=where)
        return node or "?", node or "?"

    def number(self, value: Any, field: str, where: str, node: str = "") -> float | None:
        if value is None:
            return None
        if type(value) not in (int, float) or not math.isfinite(value):  # not bool, .inf, .nan
            self.add(C.CRITERIA_BAD_VALUE, node, field=field, where=where, value=value)
            return None
        if value < 0:
            self.add(C.CRITERIA_NEGATIVE_WEIGHT, node, field=field, value=value)
            return None
        return float(value)

    def choice(self, value: Any, allowed: tuple, code: IssueCode, node: str, default: str) -> str:
        if value is None:
            return default
        if value not in allowed:
            self.add(code, node, value=value, allowed=", ".join(allowed))
            return default
        return str(value)

    # --- the document -----------------------------------------------------------------------
    def build(self, doc: Any, text: str) -> Criteria:
        if not isinstance(doc, dict):
            self.add(C.CRITERIA_MISSING_FIELD, field="framework", where="tệp/file")
            raise CriteriaError(self.issues)
        self.keys(doc, TOP_KEYS, "tệp/file")
        fw = self.mapping(doc.get("framework"), "framework", "tệp/file")
        if not fw:
            self.add(C.CRITERIA_MISSING_FIELD, field="framework", where="tệp/file")
        self.keys(fw, FRAMEWORK_KEYS, "framework")
        for key in ("id", "version"):
            if not str(fw.get(key, "") or "").strip():
                self.add(C.CRITERIA_MISSING_FIELD, field=key, where="framework")
        name_vi, name_en = self.names(fw.get("name"), "framework") if fw else ("?", "?")
        note = fw.get("note") or {}
        note = note if isinstance(note, str) else self.mapping(note, "note", "framework")
        note_vi, note_en = (note, note) if isinstance(note, str) else (
            str(note.get("vi", "")), str(note.get("en", "") or note.get("vi", "")))

        index = self.mapping(doc.get("index"), "index", "tệp/file")
        self.keys(index, INDEX_KEYS, "index")
        scale, decimals = index.get("scale", 1), index.get("decimals", 4)
        if scale not in (1, 100) or isinstance(scale, bool) or not isinstance(decimals, int) \
                or isinstance(decimals, bool) or not 0 <= decimals <= MAX_DECIMALS:
            self.add(C.CRITERIA_BAD_SCALE, value=f"scale={scale}, decimals={decimals}")
            scale, decimals = 1, 4
        defaults = self.mapping(doc.get("defaults"), "defaults", "tệp/file")
        self.keys(defaults, {"aggregation", "missing"}, "defaults")
        default_agg = self.choice(defaults.get("aggregation"), tuple(AGGREGATIONS),
                                  C.CRITERIA_UNKNOWN_AGGREGATION, "defaults", "sum")
        default_missing = self.choice(defaults.get("missing"), MISSING_POLICIES,
                                      C.CRITERIA_UNKNOWN_MISSING_POLICY, "defaults", "zero")
        root_agg = self.choice(index.get("aggregation"), tuple(AGGREGATIONS),
                               C.CRITERIA_UNKNOWN_AGGREGATION, "index", default_agg)
        root_missing = self.choice(index.get("missing"), MISSING_POLICIES,
                                   C.CRITERIA_UNKNOWN_MISSING_POLICY, "index", default_missing)

        raw_nodes = doc.get("nodes")
        if not isinstance(raw_nodes, list) or not raw_nodes:
            self.add(C.CRITERIA_EMPTY)
            raise CriteriaError(self.issues)
        nodes = self.nodes(raw_nodes, default_agg, default_missing)
        nodes = self.structure(nodes, root_agg)
        pillars = self.pillars(doc.get("pillars"), nodes)
        year = fw.get("year")
        return Criteria(
            id=str(fw.get("id", "")).strip(), version=str(fw.get("version", "")).strip(),
            name_vi=name_vi, name_en=name_en, nodes=tuple(nodes), pillars=tuple(pillars),
            scale=float(scale), decimals=int(decimals), aggregation=root_agg,
            missing=root_missing, year=int(year) if isinstance(year, int) else None,
            illustrative=bool(fw.get("illustrative", False)), note_vi=note_vi, note_en=note_en,
            source=text,
        )

    def nodes(self, raw_nodes: list, default_agg: str, default_missing: str) -> list[Node]:
        out: list[Node] = []
        for i, raw in enumerate(raw_nodes, start=1):
            where = f"nodes[{i}]"
            if not isinstance(raw, dict) or not str(raw.get("code", "") or "").strip():
                self.add(C.CRITERIA_MISSING_FIELD, field="code", where=where)
                continue
            code = str(raw["code"]).strip()
            self.keys(raw, NODE_KEYS, where, code)
            name_vi, name_en = self.names(raw.get("name"), where, code)
            parent = raw.get("parent")
            parent = None if parent in (None, "") else str(parent).strip()
            points = self.number(raw.get("points"), "points", where, code)
            weight = self.number(raw.get("weight", 1), "weight", where, code)
            agg = self.choice(raw.get("aggregation"), tuple(AGGREGATIONS),
                              C.CRITERIA_UNKNOWN_AGGREGATION, code, default_agg)
            missing = self.choice(raw.get("missing"), MISSING_POLICIES,
                                  C.CRITERIA_UNKNOWN_MISSING_POLICY, code, default_missing)
            out.append(Node(
                code=code, parent=parent, name_vi=name_vi, name_en=name_en, points=points,
                weight=1.0 if weight is None else weight, aggregation=agg, missing=missing,
                rule=self.rule(raw.get("rule"), code), unit=str(raw.get("unit") or ""),
                valid_range=self.valid_range(raw.get("range"), code),
                required=bool(raw.get("required", True)),
            ))
        return out

    def rule(self, raw: Any, code: str) -> Rule | None:
        if raw is None:
            return None
        if isinstance(raw, str):
            kind, params = raw, {}
        elif isinstance(raw, dict) and "type" in raw:
            kind = str(raw["type"])
            params = {k: v for k, v in raw.items() if k != "type"}
        else:
            self.add(C.CRITERIA_UNKNOWN_RULE, code, value=raw, allowed=", ".join(RULES))
            return Rule("yes_no")
        spec = RULES.get(kind)
        if spec is None:
            self.add(C.CRITERIA_UNKNOWN_RULE, code, value=kind, allowed=", ".join(RULES))
            return Rule("yes_no")
        for key in params:
            if key not in spec.params:
                self.add(C.CRITERIA_UNKNOWN_KEY, code, field=key, where=f"rule {kind}")
        if params.get("direction", "higher") not in DIRECTIONS:
            self.add(C.CRITERIA_BAD_DIRECTION, code, value=params["direction"])
        for issue_code, extra in spec.check(params):
            self.add(issue_code, code, rule=kind, **extra)
        return Rule(kind, dict(params))

    def valid_range(self, raw: Any, code: str) -> tuple[float, float] | None:
        if raw is None:
            return None
        ok = (isinstance(raw, list) and len(raw) == 2
              and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in raw)
              and raw[0] < raw[1])
        if not ok:
            self.add(C.CRITERIA_BAD_RANGE, code, value=raw)
            return None
        return float(raw[0]), float(raw[1])

    def structure(self, nodes: list[Node], root_agg: str) -> list[Node]:
        codes: dict[str, int] = {}
        for n in nodes:
            codes[n.code] = codes.get(n.code, 0) + 1
        for code, count in codes.items():
            if count > 1:
                self.add(C.CRITERIA_DUPLICATE_CODE, code, count=count)
        by_code = {n.code: n for n in nodes}
        for n in nodes:
            if n.parent is not None and n.parent not in by_code:
                self.add(C.CRITERIA_UNKNOWN_PARENT, n.code, parent=n.parent)
        for n in nodes:  # cycles: walking up must reach the top
            seen, cur = set(), n
            while cur is not None and cur.parent is not None and cur.parent in by_code:
                if cur.code in seen:
                    self.add(C.CRITERIA_CYCLE, n.code)
                    raise CriteriaError(self.issues)
                seen.add(cur.code)
                cur = by_code[cur.parent]
        if self.issues and any(i.code in (C.CRITERIA_DUPLICATE_CODE, C.CRITERIA_UNKNOWN_PARENT)
                               for i in self.issues):
            raise CriteriaError(self.issues)
        children: dict[str | None, list[str]] = {}
        for n in nodes:
            children.setdefault(n.parent, []).append(n.code)
        if not children.get(None):
            self.add(C.CRITERIA_EMPTY)
            raise CriteriaError(self.issues)
        for n in nodes:
            kids = children.get(n.code, [])
            if kids and n.rule is not None:
                self.add(C.CRITERIA_BAD_VALUE, n.code, field="rule", where=n.code,
                         value="rule on a node with children")
            if not kids and n.rule is None:
                self.add(C.CRITERIA_LEAF_WITHOUT_RULE, n.code)
            parent_agg = root_agg if n.parent is None else by_code[n.parent].aggregation
            if parent_agg == "sum" and n.points is None and (n.rule is not None or
                                                             by_code[n.code].aggregation != "sum"):
                self.add(C.CRITERIA_MISSING_POINTS, n.code)
        # derive the points of sum nodes bottom-up, checking declared totals
        derived: dict[str, float | None] = {}

        def total(code: str) -> float | None:
            if code in derived:
                return derived[code]
            n = by_code[code]
            kids = children.get(code, [])
            if not kids or n.aggregation != "sum":
                for k in kids:
                    total(k)
                derived[code] = n.points
                return n.points
            parts = [total(k) for k in kids]
            value = None if any(p is None for p in parts) else float(sum(parts))
            if n.points is not None and value is not None and abs(n.points - value) > 1e-6:
                self.add(C.CRITERIA_POINTS_MISMATCH, code, declared=_fmt(n.points),
                         total=_fmt(value))
            derived[code] = value if value is not None else n.points
            return derived[code]

        out = []
        for n in nodes:
            points = total(n.code)
            out.append(n if points == n.points else _with_points(n, points))
        return out

    def pillars(self, raw: Any, nodes: list[Node]) -> list[Pillar]:
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.add(C.CRITERIA_BAD_VALUE, field="pillars", where="tệp/file", value=raw)
            return []
        by_code = {n.code: n for n in nodes}
        out = []
        for i, p in enumerate(raw, start=1):
            where = f"pillars[{i}]"
            if not isinstance(p, dict) or not str(p.get("code", "") or "").strip():
                self.add(C.CRITERIA_MISSING_FIELD, field="code", where=where)
                continue
            code = str(p["code"]).strip()
            self.keys(p, PILLAR_KEYS, where, code)
            name_vi, name_en = self.names(p.get("name"), where, code)
            indicators = p.get("indicators")
            if not isinstance(indicators, list) or not indicators:
                self.add(C.CRITERIA_MISSING_FIELD, code, field="indicators", where=where)
                continue
            for ind in indicators:
                if str(ind) not in by_code:
                    self.add(C.CRITERIA_PILLAR_UNKNOWN_INDICATOR, code, indicator=ind)
                elif by_code[str(ind)].parent is not None:
                    self.add(C.CRITERIA_PILLAR_NOT_MAIN, code, indicator=ind)
            if code in by_code or code in [q.code for q in out]:
                self.add(C.CRITERIA_DUPLICATE_CODE, code, count=2)
            points = self.number(p.get("points"), "points", where, code)
            total = sum(by_code[str(i)].points or 0.0 for i in indicators if str(i) in by_code)
            if points is not None and points < total - 1e-9:
                self.add(C.CRITERIA_PILLAR_POINTS_TOO_LOW, code, declared=_fmt(points),
                         total=_fmt(total))
            out.append(Pillar(code, name_vi, name_en, tuple(str(i) for i in indicators), points))
        return out


def _with_points(node: Node, points: float | None) -> Node:
    from dataclasses import replace

    return replace(node, points=points)


def _fmt(value: float) -> str:
    return f"{value:g}"


# --- writing ----------------------------------------------------------------------------------
def criteria_to_document(c: Criteria) -> dict[str, Any]:
    fw: dict[str, Any] = {"id": c.id, "version": c.version,
                          "name": {"vi": c.name_vi, "en": c.name_en}}
    if c.year is not None:
        fw["year"] = c.year
    if c.illustrative:
        fw["illustrative"] = True
    if c.note_vi or c.note_en:
        fw["note"] = {"vi": c.note_vi, "en": c.note_en}
    doc: dict[str, Any] = {
        "framework": fw,
        "index": {"scale": int(c.scale), "decimals": c.decimals, "aggregation": c.aggregation,
                  "missing": c.missing},
        "nodes": [],
    }
    for n in c.nodes:
        row: dict[str, Any] = {"code": n.code}
        if n.parent is not None:
            row["parent"] = n.parent
        row["name"] = {"vi": n.name_vi, "en": n.name_en}
        if n.points is not None:
            row["points"] = _plain(n.points)
        if n.weight != 1.0:
            row["weight"] = _plain(n.weight)
        if not n.is_leaf:
            row["aggregation"] = n.aggregation
        row["missing"] = n.missing
        if n.rule is not None:
            row["rule"] = {"type": n.rule.kind, **n.rule.params}
        if n.unit:
            row["unit"] = n.unit
        if n.valid_range is not None:
            row["range"] = [_plain(v) for v in n.valid_range]
        if not n.required:
            row["required"] = False
        doc["nodes"].append(row)
    if c.pillars:
        doc["pillars"] = []
        for p in c.pillars:
            row = {"code": p.code, "name": {"vi": p.name_vi, "en": p.name_en},
                   "indicators": list(p.indicators)}
            if p.points is not None:
                row["points"] = _plain(p.points)
            doc["pillars"].append(row)
    return doc


def _plain(value: float) -> int | float:
    return int(value) if float(value).is_integer() else float(value)


def save_criteria(c: Criteria, path: str | Path) -> None:
    """Write the framework as YAML, atomically (a temporary file moved into place)."""
    from dti_app.core.atomic import atomic_write_bytes

    text = yaml.safe_dump(criteria_to_document(c), allow_unicode=True, sort_keys=False,
                          width=100)
    atomic_write_bytes(Path(path), text.encode("utf-8"))
