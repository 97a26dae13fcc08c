"""The campaign's criteria versions, results snapshots and history, as rows of its tables.

Each function works inside the caller's connection (and, for writes, its transaction); the
``Campaign`` class in ``campaign`` is the public way in.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from dti_app.core.campaign_schema import add_event, campaign_error, create_schema
from dti_app.core.criteria import Criteria
from dti_app.core.criteria_load import criteria_to_document, parse_criteria

__all__ = [
    "write_new_file", "criteria_text", "insert_criteria", "current_criteria_id", "criteria_content",
    "make_current", "criteria_versions", "insert_snapshot", "snapshots_frame",
    "snapshot_document", "history_frame", "HISTORY_COLUMNS",
]

HISTORY_COLUMNS = ["id", "time", "kind", "unit", "leaf", "value", "note", "who", "ref", "detail"]


def write_new_file(path: Path, meta: dict[str, str], text: str, criteria: Criteria,
                   label: str) -> None:
    """Build a complete new campaign at ``path`` (a temporary file the caller moves into place)."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("BEGIN IMMEDIATE")
        create_schema(conn)
        conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", meta.items())
        add_event(conn, "create", created=meta["created"],
                  detail=f"DTI Scorer {meta.get('tool_version', '')}")
        insert_criteria(conn, text, criteria, label, meta["created"])
        conn.execute("COMMIT")
    finally:
        conn.close()


def criteria_text(criteria: Criteria | str) -> tuple[str, Criteria]:
    """The YAML text to keep for a framework (edited in the app, or a file's text) and its
    parsed form; a text is checked (``CriteriaError`` lists its problems)."""
    if isinstance(criteria, str):
        return criteria, parse_criteria(criteria)
    text = yaml.safe_dump(criteria_to_document(criteria), allow_unicode=True, sort_keys=False,
                          width=100)
    return text, criteria


def insert_criteria(conn: sqlite3.Connection, text: str, criteria: Criteria, label: str,
                    created: str) -> int:
    """Keep one criteria version and make it current; returns its id."""
    file_sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    conn.execute("UPDATE criteria_version SET is_current = 0 WHERE is_current = 1")
    version_id = int(conn.execute(
        "INSERT INTO criteria_version (label, content, sha256, file_sha256, created, is_current) "
        "VALUES (?, ?, ?, ?, ?, 1)",
        (label or criteria.label, text, criteria.sha256, file_sha, created)).lastrowid)
    add_event(conn, "criteria", created=created, note=label, ref=version_id,
              detail=f"{criteria.label} · {criteria.sha256[:12]}")
    return version_id


def current_criteria_id(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT id FROM criteria_version WHERE is_current = 1 "
                       "ORDER BY id DESC LIMIT 1").fetchone()
    if row is None:
        row = conn.execute("SELECT MAX(id) FROM criteria_version").fetchone()
    if row is None or row[0] is None:
        raise sqlite3.DatabaseError("no criteria version")
    return int(row[0])


def criteria_content(conn: sqlite3.Connection, version_id: int) -> str:
    row = conn.execute("SELECT content FROM criteria_version WHERE id = ?",
                       (version_id,)).fetchone()
    if row is None:
        raise campaign_error("unknown_version", id=version_id)
    return str(row[0])


def make_current(conn: sqlite3.Connection, version_id: int, created: str) -> None:
    row = conn.execute("SELECT label, sha256 FROM criteria_version WHERE id = ?",
                       (int(version_id),)).fetchone()
    if row is None:
        raise campaign_error("unknown_version", id=version_id)
    conn.execute("UPDATE criteria_version SET is_current = (id = ?)", (int(version_id),))
    add_event(conn, "criteria", created=created, note=row[0], ref=int(version_id),
              detail=f"current · {row[1][:12]}")


def criteria_versions(conn: sqlite3.Connection) -> pd.DataFrame:
    rows = []
    for vid, label, content, sha, created, current in conn.execute(
            "SELECT id, label, content, sha256, created, is_current FROM criteria_version "
            "ORDER BY id"):
        doc = yaml.safe_load(content) or {}
        fw = doc.get("framework", {}) if isinstance(doc, dict) else {}
        rows.append((vid, label, f"{fw.get('id', '?')} v{fw.get('version', '?')}", sha, created,
                     bool(current)))
    return pd.DataFrame(rows, columns=["id", "label", "criteria", "sha256", "created",
                                       "current"])


def insert_snapshot(conn: sqlite3.Connection, document: dict[str, Any], label: str,
                    criteria_id: int, created: str) -> int:
    text = json.dumps(document, ensure_ascii=False, allow_nan=False, sort_keys=False)
    snapshot_id = int(conn.execute(
        "INSERT INTO snapshot (label, created, criteria_id, document) VALUES (?, ?, ?, ?)",
        (label, created, criteria_id, text)).lastrowid)
    sha = document.get("criteria", {}).get("sha256", "") if isinstance(document, dict) else ""
    add_event(conn, "snapshot", created=created, note=label, ref=snapshot_id,
              detail=str(sha)[:12])
    return snapshot_id


def snapshots_frame(conn: sqlite3.Connection) -> pd.DataFrame:
    rows = conn.execute(
        "SELECT s.id, s.label, s.created, COALESCE(c.sha256, '') FROM snapshot s "
        "LEFT JOIN criteria_version c ON c.id = s.criteria_id ORDER BY s.id").fetchall()
    return pd.DataFrame(rows, columns=["id", "label", "created", "criteria_sha256"])


def snapshot_document(conn: sqlite3.Connection, snapshot_id: int) -> dict[str, Any]:
    row = conn.execute("SELECT document FROM snapshot WHERE id = ?",
                       (int(snapshot_id),)).fetchone()
    if row is None:
        raise campaign_error("unknown_snapshot", id=snapshot_id)
    return json.loads(row[0])


def history_frame(conn: sqlite3.Connection, unit: str | None = None) -> pd.DataFrame:
    sql = "SELECT id, created, kind, unit, leaf, value, note, who, ref, detail FROM event"
    params: tuple = ()
    if unit is not None:
        sql, params = sql + " WHERE unit = ?", (unit,)
    frame = pd.DataFrame(conn.execute(sql + " ORDER BY id", params).fetchall(),
                         columns=HISTORY_COLUMNS)
    frame["value"] = frame["value"].astype(float)
    frame["ref"] = frame["ref"].astype("Int64")
    return frame
