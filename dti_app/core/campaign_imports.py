"""Imports kept in a campaign: every file read, every unit's submissions, the issues found.

``write_import`` stores one ``ImportResult`` (inside the caller's transaction): its files (name,
path, SHA-256), the issues, and per unit a new submission holding each raw value with its sheet
and cell. The new submission becomes the unit's current one; earlier ones stay in the history and
``restore`` makes one of them current again. A submission whose values, cells and typed text are
the same as the unit's current one is not stored twice (the unit is reported as unchanged).
"""

from __future__ import annotations

import json
import math
import sqlite3
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from dti_app.core.campaign_schema import add_event, campaign_error
from dti_app.core.imported import ImportResult, SourceFile
from dti_app.core.issues import Issue, IssueCode, Severity

__all__ = ["ImportRecord", "write_import", "current_frames", "submissions_frame", "restore",
           "stored_issues", "invalid_units", "source_files", "submission_values"]

SUBMISSION_COLUMNS = ["id", "unit", "file", "sheet", "sha256", "path", "imported", "current",
                      "batch"]


@dataclass
class ImportRecord:
    """What one ``record_import`` changed."""

    batch_id: int
    new: dict[str, int] = field(default_factory=dict)   # unit → its new (current) submission
    unchanged: list[str] = field(default_factory=list)  # same values as the current submission
    files: int = 0
    issues: list[Issue] = field(default_factory=list)


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)



def _current_rows(conn: sqlite3.Connection) -> dict[str, dict[str, tuple]]:
    out: dict[str, dict[str, tuple]] = {}
    for unit, leaf, value, cell, raw in conn.execute(
            "SELECT s.unit, r.leaf, r.value, r.cell, r.raw FROM submission s "
            "JOIN raw_value r ON r.submission_id = s.id WHERE s.is_current = 1"):
        out.setdefault(unit, {})[leaf] = (value, cell, raw)
    return out


def write_import(conn: sqlite3.Connection, result: ImportResult, criteria_id: int,
                 created: str) -> ImportRecord:
    """Store ``result`` as one import batch; see the module docstring."""
    batch = conn.execute(
        "INSERT INTO import_batch (created, criteria_id, invalid) VALUES (?, ?, ?)",
        (created, criteria_id, json.dumps(sorted(result.invalid)))).lastrowid
    record = ImportRecord(int(batch), files=len(result.files), issues=list(result.issues))
    event = add_event(conn, "import", created=created, ref=int(batch))
    file_ids: dict[str, int] = {}
    for f in result.files:
        file_id = conn.execute(
            "INSERT INTO source_file (batch_id, name, path, sha256, kind, ok, modified, units, "
            "year, criteria) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (batch, f.name, f.path, f.sha256, f.kind, int(f.ok), f.modified,
             json.dumps(list(f.units)), f.year, f.criteria)).lastrowid
        file_ids.setdefault(f.name, int(file_id))
    conn.executemany(
        "INSERT INTO issue (batch_id, severity, code, file, sheet, cell, unit, node, value, "
        "params) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(batch, i.severity.value, i.code.value, i.file, i.sheet, i.cell, i.unit, i.node,
          i.value, json.dumps(i.params, ensure_ascii=False, default=str))
         for i in result.issues])
    current = _current_rows(conn)
    leaves = list(result.values.columns)
    index = result.values.index
    values = result.values.to_numpy(dtype=float)
    cells = result.cells.reindex(index=index, columns=leaves).to_numpy(dtype=object)
    raws = (result.raw.reindex(index=index, columns=leaves).to_numpy(dtype=object)
            if result.raw is not None else np.full(values.shape, "", dtype=object))
    origin = result.origin.reindex(index).to_numpy(dtype=object)
    file_of = [_text(o) for o in origin[:, 0]] if len(origin) else []
    pending: list[tuple] = []
    for i, unit in enumerate(map(str, index)):
        rows = {leaf: (None if math.isnan(v) else float(v), _text(c), _text(r))
                for leaf, v, c, r in zip(leaves, values[i].tolist(), cells[i], raws[i],
                                         strict=True)}
        if current.get(unit) == rows:
            record.unchanged.append(unit)
            continue
        sub = add_submission(conn, batch, file_ids.get(file_of[i]), unit, file_of[i],
                             _text(origin[i, 1]), created)
        record.new[unit] = sub
        pending.extend((sub, leaf, *row) for leaf, row in rows.items())
    conn.executemany(
        "INSERT INTO raw_value (submission_id, leaf, value, cell, raw) VALUES (?, ?, ?, ?, ?)",
        pending)
    conn.execute("UPDATE event SET detail = ? WHERE id = ?", (_batch_detail(record), event))
    return record


def add_submission(conn: sqlite3.Connection, batch: int, file_id: int | None, unit: str,
                   file_name: str, sheet: str, created: str) -> int:
    """A new submission for a unit, made its current one (its values are added by the caller)."""
    conn.execute("UPDATE submission SET is_current = 0 WHERE unit = ? AND is_current = 1",
                 (unit,))
    sub = int(conn.execute(
        "INSERT INTO submission (batch_id, file_id, unit, file_name, sheet, is_current) "
        "VALUES (?, ?, ?, ?, ?, 1)", (batch, file_id, unit, file_name, sheet)).lastrowid)
    add_event(conn, "submission", created=created, unit=unit, ref=sub,
              detail=" › ".join(p for p in (file_name, sheet) if p))
    return sub


def _batch_detail(record: ImportRecord) -> str:
    return (f"{record.files} tệp/files; {len(record.new)} mới/new, "
            f"{len(record.unchanged)} không đổi/unchanged")


def current_frames(conn: sqlite3.Connection, leaves: list[str], order: list[str]
                   ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(values, cells, origin) of the current submissions, units in ``order`` then the rest."""
    subs = conn.execute("SELECT id, unit, file_name, sheet FROM submission WHERE is_current = 1"
                        ).fetchall()
    known = {u: i for i, u in enumerate(order)}
    subs.sort(key=lambda s: (known.get(s[1], len(known)), s[1]))
    units = [s[1] for s in subs]
    idx = pd.Index(units, name="code", dtype=object)
    values = np.full((len(units), len(leaves)), np.nan)
    cells = np.full((len(units), len(leaves)), "", dtype=object)
    rows = conn.execute(
        "SELECT r.submission_id, r.leaf, r.value, r.cell FROM raw_value r JOIN submission s "
        "ON s.id = r.submission_id WHERE s.is_current = 1").fetchall()
    if rows:
        sub_ids, row_leaves, row_values, row_cells = zip(*rows, strict=True)
        i = pd.Index([s[0] for s in subs]).get_indexer(sub_ids)
        j = pd.Index(leaves).get_indexer(row_leaves)
        keep = j >= 0
        values[i[keep], j[keep]] = np.array(row_values, dtype=float)[keep]
        cells[i[keep], j[keep]] = np.array(row_cells, dtype=object)[keep]
    origin = pd.DataFrame({"file": [s[2] for s in subs], "sheet": [s[3] for s in subs]},
                          index=idx, dtype=object)
    return (pd.DataFrame(values, index=idx, columns=leaves),
            pd.DataFrame(cells, index=idx, columns=leaves), origin)


def submissions_frame(conn: sqlite3.Connection, unit: str | None = None) -> pd.DataFrame:
    """Every submission (oldest first), or one unit's: id, unit, file, sheet, sha256, path,
    imported, current, batch."""
    sql = ("SELECT s.id, s.unit, s.file_name, s.sheet, COALESCE(f.sha256, ''), "
           "COALESCE(f.path, ''), b.created, s.is_current, s.batch_id FROM submission s "
           "JOIN import_batch b ON b.id = s.batch_id LEFT JOIN source_file f ON f.id = s.file_id")
    params: tuple = ()
    if unit is not None:
        sql, params = sql + " WHERE s.unit = ?", (unit,)
    frame = pd.DataFrame(conn.execute(sql + " ORDER BY s.id", params).fetchall(),
                         columns=SUBMISSION_COLUMNS)
    frame["current"] = frame["current"].astype(bool)
    return frame


def submission_values(conn: sqlite3.Connection, submission_id: int) -> pd.DataFrame:
    """One submission's values as read: index leaf; columns value, cell, raw (as typed)."""
    if conn.execute("SELECT 1 FROM submission WHERE id = ?", (int(submission_id),)).fetchone() \
            is None:
        raise campaign_error("unknown_submission", id=submission_id)
    rows = conn.execute("SELECT leaf, value, cell, raw FROM raw_value WHERE submission_id = ?",
                        (int(submission_id),)).fetchall()
    frame = pd.DataFrame(rows, columns=["leaf", "value", "cell", "raw"]).set_index("leaf")
    frame["value"] = frame["value"].astype(float)
    return frame


def restore(conn: sqlite3.Connection, submission_id: int, created: str) -> str:
    """Make an earlier submission its unit's current one again; returns the unit."""
    row = conn.execute("SELECT unit, file_name, sheet FROM submission WHERE id = ?",
                       (int(submission_id),)).fetchone()
    if row is None:
        raise campaign_error("unknown_submission", id=submission_id)
    unit, file_name, sheet = row
    conn.execute("UPDATE submission SET is_current = (id = ?) WHERE unit = ?",
                 (int(submission_id), unit))
    add_event(conn, "restore", created=created, unit=unit, ref=int(submission_id),
              detail=" › ".join(p for p in (file_name, sheet) if p))
    return str(unit)


def _issue(row: tuple) -> Issue:
    severity, code, file, sheet, cell, unit, node, value, params = row
    return Issue(Severity(severity), IssueCode(code), file=file, sheet=sheet, cell=cell,
                 unit=unit, node=node, value=value, params=json.loads(params or "{}"))


def stored_issues(conn: sqlite3.Connection, current: bool = True) -> list[Issue]:
    """The issues of every import (``current=False``), or those about the data in use now.

    In use now: the issues of the files the current submissions came from; for a unit without a
    current submission, those of the latest import that named it (e.g. sent twice); and the
    latest import's issues about no unit in particular (e.g. an unreadable file).
    """
    cols = "i.batch_id, i.severity, i.code, i.file, i.sheet, i.cell, i.unit, i.node, i.value, " \
           "i.params"
    rows = conn.execute(f"SELECT {cols} FROM issue i ORDER BY i.id").fetchall()
    if not current:
        return [_issue(r[1:]) for r in rows]
    in_use = {(b, f) for b, f in conn.execute(
        "SELECT batch_id, file_name FROM submission WHERE is_current = 1")}
    unit_source = {u: (b, f) for u, b, f in conn.execute(
        "SELECT unit, batch_id, file_name FROM submission WHERE is_current = 1")}
    latest = conn.execute("SELECT MAX(id) FROM import_batch").fetchone()[0]
    latest_of_unit: dict[str, int] = {}
    for row in rows:
        if row[6]:
            latest_of_unit[row[6]] = max(latest_of_unit.get(row[6], 0), row[0])
    out, seen = [], set()
    for row in rows:
        batch, file, unit = row[0], row[3], row[6]
        if (batch, file) in in_use:
            keep = not unit or unit_source.get(unit) == (batch, file)
        elif unit:
            keep = unit not in unit_source and batch == latest_of_unit[unit]
        else:
            keep = batch == latest
        key = row[1:]
        if keep and key not in seen:
            seen.add(key)
            out.append(_issue(key))
    return out


def invalid_units(conn: sqlite3.Connection) -> set[str]:
    """Units an import found unusable (e.g. sent twice) that have no current submission."""
    flagged: set[str] = set()
    for (text,) in conn.execute("SELECT invalid FROM import_batch"):
        flagged.update(json.loads(text or "[]"))
    current = {u for (u,) in conn.execute("SELECT unit FROM submission WHERE is_current = 1")}
    return flagged - current


def source_files(conn: sqlite3.Connection, current: bool = True) -> list[SourceFile]:
    """The files the current submissions came from (``current``), or every file ever read."""
    sql = ("SELECT id, path, name, sha256, kind, units, year, criteria, modified, ok "
           "FROM source_file")
    if current:
        sql += " WHERE id IN (SELECT file_id FROM submission WHERE is_current = 1)"
    return [SourceFile(path=path, name=name, sha256=sha, kind=kind, units=json.loads(units),
                       year=year, criteria=crit, modified=modified or 0.0, ok=bool(ok))
            for _, path, name, sha, kind, units, year, crit, modified, ok
            in conn.execute(sql + " ORDER BY id")]
