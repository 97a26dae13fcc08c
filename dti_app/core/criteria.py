"""The criteria framework as data: nodes in a hierarchy, pillars as views, the index's scale.

A ``Criteria`` is immutable. ``load_criteria`` (in ``criteria_load``) builds one from a YAML file
and checks it; ``with_weights`` returns a changed copy for the weights editor; ``to_document``
gives back a YAML-ready dict so an edited framework can be saved as a new version.

Points and weights: every node may have ``points`` (its maximum points) and ``weight`` (its weight
in a ``mean``/``geomean`` parent). A node that aggregates by ``sum`` has as many points as its
children together; children of a ``sum`` node are weighted by their points.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

__all__ = ["Rule", "Node", "Pillar", "Criteria"]


@dataclass(frozen=True)
class Rule:
    kind: str
    params: dict[str, Any] = field(default_factory=dict)

    def __hash__(self) -> int:  # params is a dict; identity of content is enough here
        return hash((self.kind, json.dumps(self.params, sort_keys=True, default=str)))


@dataclass(frozen=True)
class Node:
    code: str
    parent: str | None
    name_vi: str
    name_en: str
    points: float | None = None
    weight: float = 1.0
    aggregation: str = "sum"
    missing: str = "zero"
    rule: Rule | None = None
    unit: str = ""
    valid_range: tuple[float, float] | None = None
    required: bool = True

    @property
    def is_leaf(self) -> bool:
        return self.rule is not None

    def name(self, lang: str = "vi") -> str:
        return self.name_en if lang == "en" and self.name_en else self.name_vi


@dataclass(frozen=True)
class Pillar:
    code: str
    name_vi: str
    name_en: str
    indicators: tuple[str, ...]
    points: float | None = None

    def name(self, lang: str = "vi") -> str:
        return self.name_en if lang == "en" and self.name_en else self.name_vi


@dataclass(frozen=True)
class Criteria:
    id: str
    version: str
    name_vi: str
    name_en: str
    nodes: tuple[Node, ...]
    pillars: tuple[Pillar, ...] = ()
    scale: float = 1.0
    decimals: int = 4
    aggregation: str = "sum"
    missing: str = "zero"
    year: int | None = None
    illustrative: bool = False
    note_vi: str = ""
    note_en: str = ""
    source: str = ""

    # --- structure --------------------------------------------------------------------------
    @cached_property
    def by_code(self) -> dict[str, Node]:
        return {n.code: n for n in self.nodes}

    @cached_property
    def children(self) -> dict[str | None, tuple[str, ...]]:
        out: dict[str | None, list[str]] = {}
        for n in self.nodes:
            out.setdefault(n.parent, []).append(n.code)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def leaves(self) -> tuple[str, ...]:
        """Leaf codes in file order."""
        return tuple(n.code for n in self.nodes if n.is_leaf)

    @cached_property
    def main_indicators(self) -> tuple[str, ...]:
        """Top-level nodes (children of the index) in file order."""
        return self.children.get(None, ())

    def main_of(self, code: str) -> str:
        """The main indicator a node belongs to."""
        node = self.by_code[code]
        while node.parent is not None:
            node = self.by_code[node.parent]
        return node.code

    @cached_property
    def bottom_up(self) -> tuple[str, ...]:
        """Non-leaf node codes, every node after all of its descendants."""
        order: list[str] = []

        def visit(code: str) -> None:
            for child in self.children.get(code, ()):
                visit(child)
            if not self.by_code[code].is_leaf:
                order.append(code)

        for top in self.main_indicators:
            visit(top)
        return tuple(order)

    def name(self, lang: str = "vi") -> str:
        return self.name_en if lang == "en" and self.name_en else self.name_vi

    @property
    def label(self) -> str:
        return f"{self.id} v{self.version}"

    # --- points -----------------------------------------------------------------------------
    def max_points(self, code: str | None = None) -> float:
        """Maximum points of a node (``None``: the whole index), 0 if it has none."""
        if code is None:
            return float(self.total_points or 0.0)
        return float(self.by_code[code].points or 0.0)

    @property
    def total_points(self) -> float | None:
        tops = [self.by_code[c].points for c in self.main_indicators]
        return None if any(p is None for p in tops) else float(sum(tops))

    def child_weight(self, code: str) -> float:
        """The weight a node has in its parent's aggregation."""
        node = self.by_code[code]
        parent = None if node.parent is None else self.by_code[node.parent]
        parent_agg = self.aggregation if parent is None else parent.aggregation
        return float(node.points or 0.0) if parent_agg == "sum" else float(node.weight)

    def pillar_points(self, pillar: Pillar) -> float:
        if pillar.points is not None:
            return float(pillar.points)
        return float(sum(self.max_points(c) for c in pillar.indicators))

    # --- editing ----------------------------------------------------------------------------
    def with_weights(self, points: dict[str, float] | None = None,
                     weights: dict[str, float] | None = None,
                     version: str | None = None) -> Criteria:
        """A copy with some nodes' points or weights changed.

        Changing the points of a ``sum`` node rescales its descendants' points in proportion;
        the points of every ``sum`` node are then recomputed from its children.
        """
        nodes = dict(self.by_code)
        for code, value in (weights or {}).items():
            nodes[code] = replace(nodes[code], weight=float(value))
        for code, value in (points or {}).items():
            _set_points(nodes, self.children, code, float(value))
        _derive_sum_points(nodes, self.children, self.bottom_up)
        return replace(self, nodes=tuple(nodes[n.code] for n in self.nodes),
                       version=version or self.version)

    # --- identity ---------------------------------------------------------------------------
    def to_document(self) -> dict[str, Any]:
        """The framework as a plain dict, in the criteria-file format."""
        from dti_app.core.criteria_load import criteria_to_document

        return criteria_to_document(self)

    @cached_property
    def sha256(self) -> str:
        """SHA-256 of the canonical content: formatting and comments do not change it."""
        doc = self.to_document()
        text = json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _set_points(nodes: dict[str, Node], children: dict, code: str, value: float) -> None:
    node = nodes[code]
    kids = children.get(code, ())
    if not node.is_leaf and node.aggregation == "sum" and kids:
        old = sum(float(nodes[k].points or 0.0) for k in kids)
        for kid in kids:
            kid_points = float(nodes[kid].points or 0.0)
            share = kid_points / old if old > 0 else 1.0 / len(kids)
            _set_points(nodes, children, kid, value * share)
    nodes[code] = replace(nodes[code], points=value)


def _derive_sum_points(nodes: dict[str, Node], children: dict, bottom_up: tuple[str, ...]) -> None:
    for code in bottom_up:
        node = nodes[code]
        if node.aggregation == "sum":
            total = sum(float(nodes[k].points or 0.0) for k in children.get(code, ()))
            nodes[code] = replace(node, points=round(total, 9))
