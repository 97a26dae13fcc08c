"""A campaign: one assessment round kept in one file (``.dticampaign``, SQLite).

The file holds the criteria (the file's text, its SHA-256 and every later weight version), the unit
register, the year, every import (files with their SHA-256, each unit's raw values with sheet and
cell, the issues found), the assessors' verified values with their notes, the results snapshots
exports were made from, and a history of every change. Every change is one transaction in WAL mode:
a crash or a power cut leaves the file as it was after the last completed change.

    with Campaign.create("dti2024.dticampaign", criteria_text, "63", 2024) as c:
        c.record_import(import_inputs(paths, c.criteria(), c.register(), c.year))
    with Campaign.open("dti2024.dticampaign") as c:
        c.set_verified("01", "NTS.01", "có", note="Biên bản kiểm tra 12/3")
        result = c.score()                      # scored on the final values
        result.standing.issues                  # the issues in use, verified ones resolved
        c.save_snapshot(c.results_document(result), "Công bố / published")

Values: ``current_values()`` (self-assessed, with cells and origin), ``verified_values()``,
``final_values()`` (verified where present, else self-assessed), all units × leaves, and
``value_layers()`` with the three together; ``files()`` and ``issues()`` of the data in use.
History: ``submissions(unit)``, ``submission_values(id)``, ``restore_submission(id)``,
``verification_log()``, ``criteria_versions()``, ``snapshots()``, ``history()`` (every change,
oldest first).
Refused actions (a verification without a note, a value outside the valid range, an unknown
submission…) raise ``CampaignError`` with a Vietnamese, then English, message.

Opening checks the file read-only first: a file that is not a campaign, is damaged or was written
by a newer version is refused with ``CampaignError`` and left byte-identical; an older one is
migrated (``campaign_schema``). One object may be used from one worker thread at a time (a lock
guards the connection); ``read_only=True`` works on an in-memory copy and never writes.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

from dti_app import __version__
from dti_app.core import campaign_imports as imports
from dti_app.core import campaign_records as records
from dti_app.core import verification as verify
from dti_app.core.assessment_year import YearChoice, choose_year
from dti_app.core.atomic import atomic_write_with
from dti_app.core.campaign_imports import ImportRecord
from dti_app.core.campaign_schema import (
    FORMAT,
    SCHEMA_VERSION,
    campaign_error,
    check_file,
    memory_copy,
    migrate,
    now,
)
from dti_app.core.criteria import Criteria
from dti_app.core.criteria_load import parse_criteria
from dti_app.core.errors import ExportError
from dti_app.core.imported import ImportResult, SourceFile
from dti_app.core.issues import Issue
from dti_app.core.report import result_document
from dti_app.core.scoring import ScoreResult, score_units
from dti_app.core.standing import Standing, assess
from dti_app.core.units import UnitRegister, builtin_register, parse_register

__all__ = ["Campaign", "ImportRecord"]

BUILTIN_UNITS = ("63", "34")


class Campaign:
    """An open campaign file; see the module docstring."""

    def __init__(self, path: Path, conn: sqlite3.Connection, read_only: bool = False):
        self.path = Path(path)
        self.read_only = read_only
        self._conn: sqlite3.Connection | None = conn
        self._lock = threading.RLock()
        self._criteria: tuple[int, Criteria] | None = None
        self._register: UnitRegister | None = None
        self._writes = 0  # with PRAGMA data_version: tells whether cached frames are still valid
        self._cache: dict[str, tuple[tuple[int, int], Any]] = {}

    # --- opening and closing ----------------------------------------------------------------
    @classmethod
    def create(cls, path: str | Path, criteria_text: str, units: str = "63",
               year: int | None = None, *, criteria_name: str = "",
               units_name: str = "") -> Campaign:
        """A new campaign file; ``units`` is "63", "34" or the text of a custom CSV register.

        The criteria and the register are checked first (``CriteriaError``,
        ``UnitRegisterError``); an existing file is never overwritten.
        """
        path = Path(path)
        criteria = parse_criteria(criteria_text, criteria_name)
        spec = units.strip() if units.strip() in BUILTIN_UNITS else "custom"
        name = units_name or (path.stem if spec == "custom" else spec)
        if spec == "custom":
            parse_register(units, name, units_name)
        else:
            builtin_register(spec)
        if path.exists():
            raise campaign_error("exists", path=path)
        meta = {"format": FORMAT, "created": now(), "tool_version": __version__,
                "year": "" if year is None else str(int(year)), "units": spec,
                "units_name": name, "units_csv": units if spec == "custom" else ""}

        def build(tmp: Path) -> None:
            records.write_new_file(tmp, meta, criteria_text, criteria,
                                   criteria_name or criteria.label)

        try:
            atomic_write_with(path, build)
        except (ExportError, sqlite3.Error) as exc:
            raise campaign_error("write_failed", path=path, why=exc) from None
        return cls.open(path)

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False) -> Campaign:
        """Open a campaign file; see the module docstring for what is refused."""
        path = Path(path)
        version = check_file(path)
        conn = None
        try:
            if read_only:
                conn = memory_copy(path)
            else:
                conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False,
                                       timeout=10)
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            if version < SCHEMA_VERSION:  # one transaction: migrated completely or not at all
                conn.execute("BEGIN IMMEDIATE")
                migrate(conn, version)
                conn.execute("COMMIT")
        except BaseException as exc:
            if conn is not None:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                conn.close()
            if isinstance(exc, sqlite3.Error):
                raise campaign_error("write_failed", path=path, why=exc) from None
            raise
        return cls(path, conn, read_only)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    @property
    def closed(self) -> bool:
        return self._conn is None

    def __enter__(self) -> Campaign:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            raise campaign_error("closed", path=self.path)
        return self._conn

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction: everything inside is saved together or not at all."""
        with self._lock:
            conn = self._db()
            if self.read_only:
                raise campaign_error("read_only", path=self.path)
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise campaign_error("write_failed", path=self.path, why=exc) from None
            self._writes += 1
            try:
                yield conn
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise campaign_error("write_failed", path=self.path, why=exc) from None
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    def _cached(self, name: str, compute: Callable[[], Any]) -> Any:
        """``compute()``, reused until this object or another process changes the file."""
        with self._read() as conn:
            key = (self._writes, conn.execute("PRAGMA data_version").fetchone()[0])
            hit = self._cache.get(name)
            if hit is None or hit[0] != key:
                hit = self._cache[name] = (key, compute())
            return hit[1]

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                yield self._db()
            except sqlite3.DatabaseError as exc:
                raise campaign_error("damaged", path=self.path, why=exc) from None

    # --- setup: year, register, criteria ----------------------------------------------------
    def meta(self) -> dict[str, str]:
        with self._read() as conn:
            return dict(conn.execute("SELECT key, value FROM meta").fetchall())

    @property
    def year(self) -> int | None:
        text = self.meta().get("year", "")
        return int(text) if text else None

    def assessment_year(self) -> YearChoice:
        """The campaign's year; without one, the year every file in use states (or a
        conflict when they disagree): ``assessment_year.choose_year``."""
        return choose_year(self.year, self.files())

    def register(self) -> UnitRegister:
        """The unit register chosen when the campaign was created."""
        with self._lock:
            if self._register is None:
                meta = self.meta()
                if meta["units"] == "custom":
                    self._register = parse_register(meta["units_csv"], meta["units_name"])
                else:
                    self._register = builtin_register(meta["units"])
            return self._register

    def criteria(self) -> Criteria:
        """The current criteria version."""
        with self._read() as conn:
            version_id = records.current_criteria_id(conn)
            if self._criteria is None or self._criteria[0] != version_id:
                text = records.criteria_content(conn, version_id)
                self._criteria = (version_id, parse_criteria(text, f"criteria#{version_id}"))
            return self._criteria[1]

    def criteria_versions(self) -> pd.DataFrame:
        """id, label, criteria (id vversion), sha256, created, current; oldest first."""
        with self._read() as conn:
            return records.criteria_versions(conn)

    def add_criteria_version(self, criteria: Criteria | str, label: str) -> int:
        """Keep a new version (e.g. edited weights saved under a new version label) and make it
        current; returns its id. Edited weights not given a version of their own are refused:
        kept as they are they would carry the file's version."""
        if isinstance(criteria, Criteria) and criteria.edited:
            raise campaign_error("criteria_edited", criteria=criteria.label)
        text, parsed = records.criteria_text(criteria)
        with self._write() as conn:
            return records.insert_criteria(conn, text, parsed, label, now())

    def set_current_criteria(self, version_id: int) -> None:
        """Go back (or forth) to a stored criteria version."""
        with self._write() as conn:
            records.make_current(conn, version_id, now())

    # --- imports ----------------------------------------------------------------------------
    def record_import(self, result: ImportResult) -> ImportRecord:
        """Keep an import: each unit's new submission becomes current (see campaign_imports)."""
        with self._write() as conn:
            version_id = records.current_criteria_id(conn)
            return imports.write_import(conn, result, version_id, now())

    def submissions(self, unit: str | None = None) -> pd.DataFrame:
        with self._read() as conn:
            return imports.submissions_frame(conn, unit)

    def submission_values(self, submission_id: int) -> pd.DataFrame:
        """What one submission gave (to look at before restoring it): leaf → value, cell, raw."""
        with self._read() as conn:
            return imports.submission_values(conn, submission_id)

    def restore_submission(self, submission_id: int) -> str:
        """Make an earlier submission current again; returns its unit."""
        with self._write() as conn:
            return imports.restore(conn, submission_id, now())

    def current_values(self) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """(self-assessed values, their cells, origin[file, sheet]) of the current submissions."""
        def compute() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
            leaves, order = list(self.criteria().leaves), self.register().codes
            with self._read() as conn:
                return imports.current_frames(conn, leaves, order)

        values, cells, origin = self._cached("current", compute)
        return values.copy(), cells.copy(), origin.copy()

    def invalid_units(self) -> set[str]:
        with self._read() as conn:
            return imports.invalid_units(conn)

    def files(self, current: bool = True) -> list[SourceFile]:
        """The files the data in use came from (``current``), or every file ever imported."""
        with self._read() as conn:
            return imports.source_files(conn, current)

    def issues(self, current: bool = True) -> list[Issue]:
        """The issues about the data in use (``current``), or those of every import."""
        with self._read() as conn:
            return imports.stored_issues(conn, current)

    # --- verification -----------------------------------------------------------------------
    def set_verified(self, unit: str, leaf: str, value: float | str, note: str,
                     who: str = "") -> float:
        """Record a verified value (a note is required); returns the value as stored."""
        note = verify.checked_note(note, unit, leaf, "set")
        number = verify.checked_value(self.criteria(), unit, leaf, value)
        with self._write() as conn:
            self._check_unit(conn, unit)
            verify.record_verification(conn, unit, leaf, number, note, who.strip(), now())
        return number

    def clear_verified(self, unit: str, leaf: str, note: str, who: str = "") -> None:
        """Withdraw a verified value; the clearing is recorded with its note."""
        note = verify.checked_note(note, unit, leaf, "clear")
        with self._write() as conn:
            if (unit, leaf) not in verify.current_verified(conn):
                raise campaign_error("nothing_to_clear", unit=unit, leaf=leaf)
            verify.record_verification(conn, unit, leaf, None, note, who.strip(), now())

    def _check_unit(self, conn: sqlite3.Connection, unit: str) -> None:
        if unit not in self.register().by_code:
            raise campaign_error("unknown_unit", unit=unit)
        if conn.execute("SELECT 1 FROM submission WHERE unit = ? AND is_current = 1",
                        (unit,)).fetchone() is None:
            raise campaign_error("no_submission", unit=self.register().by_code[unit].label)

    def verified_values(self) -> pd.DataFrame:
        """Units (with a current submission) × leaves; NaN where nothing is verified."""
        return self.value_layers()["verified"]

    def final_values(self) -> pd.DataFrame:
        """Verified where present, else self-assessed."""
        return self.value_layers()["final"]

    def value_layers(self) -> dict[str, pd.DataFrame]:
        """{"self_assessed", "verified", "final"}: units × leaves, for exports and the GUI."""
        with self._lock:
            values, _, _ = self.current_values()
            verified = self._cached("verified", lambda: verify.current_verified(self._db()))
            checked = verify.verified_frame(verified, list(values.index), list(values.columns))
            return {"self_assessed": values, "verified": checked,
                    "final": verify.final_frame(values, checked)}

    def verification_log(self, unit: str | None = None) -> pd.DataFrame:
        with self._read() as conn:
            return verify.verification_log(conn, unit)

    def verifications(self) -> dict[tuple[str, str], tuple[float, str]]:
        """(unit, sub-indicator) → (verified value, note), for every value verified now."""
        return self._cached("verifications", lambda: verify.current_verifications(self._db()))

    def standing(self) -> Standing:
        """The issues about the data in use, those settled by a verified value marked resolved,
        and each unit's unresolved errors and warnings (``standing``)."""
        with self._lock:
            _, _, origin = self.current_values()
            return assess(self.issues(), origin, self.verifications())

    # --- scores, snapshots, history ---------------------------------------------------------
    def score(self, strict: bool = False) -> ScoreResult:
        """Score and rank the final values with the current criteria; a unit with unresolved
        errors is ``provisional`` (left unranked when ``strict``)."""
        with self._lock:
            return score_units(self.criteria(), self.final_values(), self.register(),
                               self.invalid_units(), standing=self.standing(), strict=strict)

    def results_document(self, result: ScoreResult | None = None, lang: str = "vi"
                         ) -> dict[str, Any]:
        """The ``--json`` document of a result (scored now when not given), with the issues."""
        with self._lock:
            result = result if result is not None else self.score()
            return result_document(result, self.register(), result.standing.issues, lang,
                                   year=self.assessment_year().year)

    def save_snapshot(self, document: dict[str, Any], label: str) -> int:
        """Keep the result document an export was made from; returns its id."""
        with self._write() as conn:
            version_id = records.current_criteria_id(conn)
            return records.insert_snapshot(conn, document, label, version_id, now())

    def snapshots(self) -> pd.DataFrame:
        """id, label, created, criteria_sha256; oldest first."""
        with self._read() as conn:
            return records.snapshots_frame(conn)

    def snapshot(self, snapshot_id: int) -> dict[str, Any]:
        with self._read() as conn:
            return records.snapshot_document(conn, snapshot_id)

    def history(self, unit: str | None = None) -> pd.DataFrame:
        """Every change, oldest first: id, time, kind, unit, leaf, value, note, who, ref, detail.

        kind: create, migrate, criteria, import, submission, restore, verify, clear, snapshot.
        """
        with self._read() as conn:
            return records.history_frame(conn, unit)

