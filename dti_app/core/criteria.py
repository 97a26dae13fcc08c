"""The criteria framework as data: nodes in a hierarchy, pillars as views, the index's scale.

A ``Criteria`` is immutable. ``load_criteria`` (in ``criteria_load``) builds one from a YAML file
and checks it; ``with_weights`` returns a changed copy for the weights editor; ``to_document``
gives back a YAML-ready dict so an edited framework can be saved as a new version.

Edited weights know where they come from: a copy made by ``with_weights`` keeps the named
criteria (the file's id, version and SHA-256) in ``named`` and lists what differs in ``edits``
(code, points or weight, the file's value, the value used), so every export can say so; its
``label`` says "edited". ``with_weights(version=...)`` (saving as a new version) makes a named
criteria again.

Points and weights: every node may have ``points`` (its maximum points) and ``weight`` (its weight
in a ``mean``/``geomean`` parent). A node that aggregates by ``sum`` has as many points as its
children together; children of a ``sum`` node are weighted by their points.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

__all__ = ["Rule", "Node", "Pillar", "Criteria", "WeightEdit"]


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
class WeightEdit:
    """One node whose points or weight differ from the named criteria file."""

    code: str
    field: str                  # "points" | "weight"
    official: float | None      # in the named file
    used: float | None          # in the criteria used


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
    base: Criteria | None = field(default=None, compare=False, repr=False)  # when edited

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
        """'dti-tinh-2022 v1.0'; edited weights: 'dti-tinh-2022 v1.0 (đã sửa trọng số / edited)'."""
        text = f"{self.id} v{self.version}"
        return f"{text} (đã sửa trọng số / edited)" if self.edited else text

    # --- origin -----------------------------------------------------------------------------
    @property
    def named(self) -> Criteria:
        """The named criteria (a file, or a saved version) these were edited from, or self."""
        return self.base if self.base is not None else self

    @cached_property
    def edits(self) -> tuple[WeightEdit, ...]:
        """Every node whose points or weight differ from the named criteria, in file order."""
        if self.base is None:
            return ()
        out = []
        for node in self.nodes:
            before = self.base.by_code[node.code]
            if node.points != before.points:
                out.append(WeightEdit(node.code, "points", before.points, node.points))
            if node.weight != before.weight:
                out.append(WeightEdit(node.code, "weight", before.weight, node.weight))
        return tuple(out)

    @property
    def edited(self) -> bool:
        """True when the weights or points differ from the named criteria file."""
        return bool(self.edits)

    @cached_property
    def main_edits(self) -> tuple[WeightEdit, ...]:
        """The edits at the top of each changed branch (a node whose parent did not change):
        what a title can name. The points of a ``sum`` node follow its children, so a
        changed sub-indicator shows as its changed main indicator."""
        changed = {e.code for e in self.edits}
        return tuple(e for e in self.edits
                     if self.by_code[e.code].parent not in changed)

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

        Without ``version`` the copy is *edited*: it keeps the named criteria (``named``) and
        lists what differs (``edits``); when nothing differs any more it is the named criteria
        itself. With ``version`` it is a new named version (``ValueError`` if that is the
        named criteria's own version while the weights differ).
        """
        named = self.named
        nodes = dict(self.by_code)
        for code, value in (weights or {}).items():
            nodes[code] = replace(nodes[code], weight=float(value))
        for code, value in (points or {}).items():
            _set_points(nodes, self.children, code, float(value))
        _derive_sum_points(nodes, self.children, self.bottom_up)
        _snap_to(nodes, named.by_code)      # a value put back is the file's value, bit for bit
        _derive_sum_points(nodes, self.children, self.bottom_up)
        edited = replace(self, nodes=tuple(nodes[n.code] for n in self.nodes), base=named)
        if version is None:
            return edited if edited.edits else named
        if version == named.version and edited.edits:
            raise ValueError(f"version {version!r} is the named criteria's own: choose another")
        return replace(edited, version=version, base=None)

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
            share = value * kid_points / old if old > 0 else value / len(kids)
            _set_points(nodes, children, kid, share)
    nodes[code] = replace(nodes[code], points=value)


def _derive_sum_points(nodes: dict[str, Node], children: dict, bottom_up: tuple[str, ...]) -> None:
    """The points of each ``sum`` node: its children's added up, as the loader adds them (not
    rounded: a total is as exact as its parts)."""
    for code in bottom_up:
        node = nodes[code]
        if node.aggregation == "sum":
            total = float(sum(float(nodes[k].points or 0.0) for k in children.get(code, ())))
            nodes[code] = replace(node, points=total)


def _snap_to(nodes: dict[str, Node], named: dict[str, Node]) -> None:
    """Points or weights within float noise of the named file's (a rescaling undone) become
    exactly the file's."""
    for code, node in nodes.items():
        before = named[code]
        if node.points != before.points and _close(node.points, before.points):
            node = nodes[code] = replace(node, points=before.points)
        if node.weight != before.weight and _close(node.weight, before.weight):
            nodes[code] = replace(node, weight=before.weight)


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)
