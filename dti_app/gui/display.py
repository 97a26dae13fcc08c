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
           "severity_labels", "search_key", "error_text", "fmt_value", "provisional_text",
           "counts_text", "DASH"]

DASH = "–"

_COLORS = {
    "missing": QColor("#eeeeee"),
    "valid": QColor("#e3f4e1"),
    "warning": QColor("#fff3cd"),
    "error": QColor("#f8d7da"),
    "invalid": QColor("#f8d7da"),
    "provisional": QColor("#fde0c2"),
    "verified": QColor("#dbe9f9"),
    "resolved": QColor("#dbe9f9"),
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
    """A label for each of ``Session.UNIT_STATUSES``."""
    return {
        "missing": QCoreApplication.translate("Status", "not submitted"),
        "valid": QCoreApplication.translate("Status", "valid"),
        "warning": QCoreApplication.translate("Status", "warnings"),
        "invalid": QCoreApplication.translate("Status", "invalid"),
        "provisional": QCoreApplication.translate("Status", "provisional"),
        "verified": QCoreApplication.translate("Status", "verified"),
    }


def provisional_text(errors: int, ranked: bool) -> str:
    """'provisional (2 errors)' or, when strict leaves it out, 'provisional, not ranked (…)';
    the errors are the unit's unresolved ones."""
    text = (QCoreApplication.translate("Status", "provisional (%1 errors)") if ranked
            else QCoreApplication.translate("Status", "provisional, not ranked (%1 errors)"))
    return text.replace("%1", str(errors))


def severity_labels() -> dict[str, str]:
    return {"error": QCoreApplication.translate("Status", "error"),
            "warning": QCoreApplication.translate("Status", "warning")}


def status_color(status: str) -> QColor | None:
    return _COLORS.get(status)


def counts_text(counts) -> str:
    """The one issue count (``IssueCounts``): '9 errors, 446 warnings; 2 resolved by
    verification' (the last part only when there are some)."""
    text = (QCoreApplication.translate("Status", "%1 errors, %2 warnings")
            .replace("%1", str(counts.errors)).replace("%2", str(counts.warnings)))
    if counts.resolved:
        text += QCoreApplication.translate("Status", "; %1 resolved by verification") \
            .replace("%1", str(counts.resolved))
    return text


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
