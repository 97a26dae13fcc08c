"""How values are shown in the UI: numbers, ranks, rank changes, unit statuses and severities.

Small pure helpers shared by the panels, so a score looks the same everywhere (the criteria's
decimals, a dash for nothing) and a status has one label and one colour.
"""

from __future__ import annotations

import math

import pandas as pd
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from dti_app.core.names import loose_key

__all__ = ["fmt_number", "fmt_rank", "fmt_change", "status_labels", "status_color",
           "severity_labels", "search_key", "error_text", "fmt_value", "DASH"]

DASH = "–"

_COLORS = {
    "missing": QColor("#eeeeee"),
    "valid": QColor("#e3f4e1"),
    "warning": QColor("#fff3cd"),
    "error": QColor("#f8d7da"),
    "verified": QColor("#dbe9f9"),
}


def _missing(value: object) -> bool:
    if value is None or value is pd.NA:
        return True
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return True


def fmt_number(value: object, decimals: int = 4) -> str:
    return "" if _missing(value) else f"{float(value):.{decimals}f}"


def fmt_rank(value: object) -> str:
    return "" if _missing(value) else str(int(value))


def fmt_change(value: object) -> str:
    """+2 → '▲2', -1 → '▼1', 0 → '=', missing → ''."""
    if _missing(value):
        return ""
    value = int(value)
    if value > 0:
        return f"▲{value}"
    if value < 0:
        return f"▼{-value}"
    return "="


def fmt_value(value: object, yes_no: bool = False) -> str:
    """A raw sub-indicator value as typed: "có"/"không" for a yes/no one, else a plain number."""
    if _missing(value):
        return ""
    if yes_no:
        return (QCoreApplication.translate("Status", "yes") if float(value) >= 0.5
                else QCoreApplication.translate("Status", "no"))
    return f"{float(value):g}"


def status_labels() -> dict[str, str]:
    return {
        "missing": QCoreApplication.translate("Status", "not submitted"),
        "valid": QCoreApplication.translate("Status", "valid"),
        "warning": QCoreApplication.translate("Status", "warnings"),
        "error": QCoreApplication.translate("Status", "errors"),
        "verified": QCoreApplication.translate("Status", "verified"),
    }


def severity_labels() -> dict[str, str]:
    return {"error": QCoreApplication.translate("Status", "error"),
            "warning": QCoreApplication.translate("Status", "warning")}


def status_color(status: str) -> QColor | None:
    return _COLORS.get(status)


def search_key(*texts: str) -> str:
    """Text to search in: without case, diacritics or spaces ('Đà Nẵng' → 'danang')."""
    return " ".join(loose_key(t) for t in texts if t) + " " + " ".join(
        str(t).lower() for t in texts if t)


def error_text(error: BaseException, lang: str = "vi") -> str:
    """A core error's message in ``lang``: issues rendered, or the half of "vi / en" wanted."""
    render = getattr(error, "render", None)
    if callable(render):
        return render(lang)
    text = str(error)
    if " / " in text:
        vi, en = text.split(" / ", 1)
        return en if lang == "en" else vi
    return text
