"""The template's input cells: how a value is written, its allowed values, its data validation.

Yes/no cells hold "Có"/"Không" and get a drop-down list; percentage cells are formatted as
percentages and store fractions (see ``template_layout``); numbers get an Excel "decimal between"
check from the leaf's valid range. One validation object covers all the cells of one kind.
"""

from __future__ import annotations

import math

from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from dti_app.core.criteria import Node
from dti_app.core.number_text import shift_decimal
from dti_app.core.template_layout import NO, YES

__all__ = ["is_percent", "is_yes_no", "range_text", "cell_value", "Validations"]


def is_percent(node: Node) -> bool:
    return node.unit.strip() == "%"


def is_yes_no(node: Node) -> bool:
    return node.rule is not None and node.rule.kind == "yes_no"


def range_text(node: Node) -> str:
    """What the template shows as allowed: 'Có / Không', '0 – 100 %', '0 – 50'."""
    if is_yes_no(node):
        return f"{YES} / {NO}"
    if node.valid_range is None:
        return ""
    low, high = node.valid_range
    suffix = " %" if is_percent(node) else ""
    return f"{low:g} – {high:g}{suffix}"


def cell_value(node: Node, value: float | None) -> object:
    """A raw value (yes = 1, percentages 0–100) as the template's cell stores it."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if is_yes_no(node):
        return YES if value >= 0.5 else NO
    if is_percent(node):  # the fraction Excel stores when the percentage is typed: exact
        return shift_decimal(float(value), -2)
    return int(value) if float(value).is_integer() else float(value)


class Validations:
    """One data validation per kind of input, each covering all its cells."""

    def __init__(self, ws: Worksheet):
        self.ws = ws
        self.by_key: dict[tuple, DataValidation] = {}

    def add(self, node: Node, ref: str) -> None:
        if is_yes_no(node):
            key: tuple = ("list",)
        elif node.valid_range is not None:
            low, high = node.valid_range
            if is_percent(node):
                low, high = low / 100.0, high / 100.0
            key = ("decimal", low, high, is_percent(node))
        else:
            return
        dv = self.by_key.get(key)
        if dv is None:
            dv = self._make(key)
            self.by_key[key] = dv
            self.ws.add_data_validation(dv)
        dv.add(ref)

    @staticmethod
    def _make(key: tuple) -> DataValidation:
        if key[0] == "list":
            return DataValidation(
                type="list", formula1=f'"{YES},{NO}"', allow_blank=True, showErrorMessage=True,
                errorTitle="Giá trị không hợp lệ", error=f"Chọn '{YES}' hoặc '{NO}'.",
                promptTitle="Có / Không", prompt=f"Chọn '{YES}' hoặc '{NO}'.",
                showInputMessage=True)
        _, low, high, percent = key
        shown = f"{low * 100:g}% – {high * 100:g}%" if percent else f"{low:g} – {high:g}"
        return DataValidation(
            type="decimal", operator="between", formula1=f"{low:g}", formula2=f"{high:g}",
            allow_blank=True, showErrorMessage=True, errorTitle="Giá trị không hợp lệ",
            error=f"Nhập một số trong khoảng {shown}.", promptTitle="Giá trị cho phép",
            prompt=shown, showInputMessage=True)
