"""Assessor verification: a checked value per (unit, sub-indicator), each with a required note.

The ``verification`` table of a campaign is append-only. Setting a value adds a ``set`` row,
clearing one adds a ``clear`` row; the latest row of a (unit, leaf) decides whether it has a
verified value. Nothing is ever deleted, so ``verification_log`` shows every change with its note,
its author and its time.

    final value = verified value where there is one, else the self-assessed value

A verified value is read like a typed-in cell (``parse_value``, as typed: 85,5 is 85,5 %): "có"/
"không" for yes/no (in any Unicode form), a decimal comma, a percent sign; a value outside the
sub-indicator's valid range, or ambiguous in it ("1.234"), is refused.

A verified value also settles the import issues about the cell it replaces (``standing``):
``current_verifications`` gives each one with its note for that.
"""

from __future__ import annotations

import math
import sqlite3

import numpy as np
import pandas as pd

from dti_app.core.campaign_schema import add_event, campaign_error
from dti_app.core.criteria import Criteria
from dti_app.core.issues import Severity
from dti_app.core.messages import render_issue
from dti_app.core.values import parse_value

__all__ = [
    "checked_value", "checked_note", "record_verification", "current_verified",
    "current_verifications",
    "verified_frame", "final_frame", "verification_log",
]

LOG_COLUMNS = ["id", "time", "unit", "leaf", "action", "value", "note", "who"]


def checked_note(note: str | None, unit: str, leaf: str, action: str = "set") -> str:
    """The note, stripped; an empty note is refused."""
    text = (note or "").strip()
    if not text:
        vi, en = ("đặt", "set") if action == "set" else ("xóa", "clear")
        raise campaign_error("note_required", unit=unit, leaf=leaf, action=vi, action_en=en)
    return text


def checked_value(criteria: Criteria, unit: str, leaf: str, value: float | str) -> float:
    """The value as a number for ``leaf``, or ``CampaignError`` saying why it cannot be used."""
    node = criteria.by_code.get(leaf)
    if node is None or not node.is_leaf:
        raise campaign_error("not_leaf", leaf=leaf, criteria=criteria.label)
    parsed, issues = parse_value(value, node, unit=unit)
    errors = [i for i in issues if i.severity is Severity.ERROR]
    if errors or math.isnan(parsed):
        if not errors:
            raise campaign_error("bad_value", unit=unit, leaf=leaf, vi=value, en=value)
        raise campaign_error("bad_value", unit=unit, leaf=leaf,
                             vi=render_issue(errors[0], "vi"), en=render_issue(errors[0], "en"))
    return float(parsed)


def current_verifications(conn: sqlite3.Connection) -> dict[tuple[str, str], tuple[float, str]]:
    """(unit, leaf) → (verified value, note), for the pairs whose latest row is a ``set``."""
    rows = conn.execute(
        "SELECT v.unit, v.leaf, v.value, v.note, v.action FROM verification v JOIN "
        "(SELECT MAX(id) AS id FROM verification GROUP BY unit, leaf) last ON last.id = v.id"
    ).fetchall()
    return {(unit, leaf): (float(value), str(note or ""))
            for unit, leaf, value, note, action in rows if action == "set"}


def current_verified(conn: sqlite3.Connection) -> dict[tuple[str, str], float]:
    """(unit, leaf) → verified value, for the pairs whose latest row is a ``set``."""
    return {key: value for key, (value, _note) in current_verifications(conn).items()}


def record_verification(conn: sqlite3.Connection, unit: str, leaf: str, value: float | None,
                        note: str, who: str, created: str) -> int:
    """Append a ``set`` (value given) or ``clear`` (value None) row and its history event."""
    action = "set" if value is not None else "clear"
    cursor = conn.execute(
        "INSERT INTO verification (unit, leaf, value, action, note, who, created) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)", (unit, leaf, value, action, note, who, created))
    row_id = int(cursor.lastrowid)
    add_event(conn, "verify" if value is not None else "clear", created=created, unit=unit,
              leaf=leaf, value=value, note=note, who=who, ref=row_id)
    return row_id


def verified_frame(verified: dict[tuple[str, str], float], units: list[str],
                   leaves: list[str]) -> pd.DataFrame:
    """Units × leaves with the verified values, NaN where there is none."""
    frame = pd.DataFrame(np.nan, index=pd.Index(units, name="code"), columns=leaves, dtype=float)
    col = {leaf: j for j, leaf in enumerate(leaves)}
    row = {unit: i for i, unit in enumerate(units)}
    data = frame.to_numpy(copy=True)
    for (unit, leaf), value in verified.items():
        if unit in row and leaf in col:
            data[row[unit], col[leaf]] = value
    return pd.DataFrame(data, index=frame.index, columns=leaves)


def final_frame(self_assessed: pd.DataFrame, verified: pd.DataFrame) -> pd.DataFrame:
    """Verified where present, else self-assessed (same shape as ``self_assessed``)."""
    checked = verified.reindex(index=self_assessed.index, columns=self_assessed.columns)
    return self_assessed.where(checked.isna(), checked).astype(float)


def verification_log(conn: sqlite3.Connection, unit: str | None = None) -> pd.DataFrame:
    """Every set and clear, oldest first: id, time, unit, leaf, action, value, note, who."""
    sql = "SELECT id, created, unit, leaf, action, value, note, who FROM verification"
    params: tuple = ()
    if unit is not None:
        sql, params = sql + " WHERE unit = ?", (unit,)
    rows = conn.execute(sql + " ORDER BY id", params).fetchall()
    frame = pd.DataFrame(rows, columns=LOG_COLUMNS)
    frame["value"] = frame["value"].astype(float)
    return frame
