"""The campaign file's layout: SQL tables, schema versions, migrations and the checks on opening.

A campaign file is a SQLite database marked with ``APPLICATION_ID`` (``PRAGMA application_id``),
a ``meta`` row ``format = dti-campaign`` and its schema version in ``PRAGMA user_version``.

    version 1   the first layout: no event log, verifications without the assessor's name
    version 2   (current) adds ``event`` (the history, one row per change) and
                ``verification.who``; ``migrate_1_to_2`` fills the log from the existing rows

``check_file`` looks at a file through a read-only connection and returns its version, or raises
``CampaignError`` (not a campaign, damaged, written by a newer version) without ever changing the
file. ``migrate`` brings an older file up to ``SCHEMA_VERSION`` inside the caller's transaction.
Every message is Vietnamese first, then English.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import datetime
from pathlib import Path

from dti_app.core.errors import CampaignError

__all__ = [
    "SCHEMA_VERSION", "APPLICATION_ID", "FORMAT", "CAMPAIGN_SUFFIX", "SQLITE_HEADER",
    "TABLES_V1", "TABLES", "create_schema", "migrate", "check_file", "campaign_error", "now",
    "add_event", "memory_copy",
]

SCHEMA_VERSION = 2
APPLICATION_ID = 0x44544943  # "DTIC"
FORMAT = "dti-campaign"
CAMPAIGN_SUFFIX = ".dticampaign"
SQLITE_HEADER = b"SQLite format 3\x00"

_COMMON = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE criteria_version (
        id INTEGER PRIMARY KEY, label TEXT NOT NULL, content TEXT NOT NULL,
        sha256 TEXT NOT NULL, file_sha256 TEXT NOT NULL, created TEXT NOT NULL,
        is_current INTEGER NOT NULL DEFAULT 0)""",
    """CREATE TABLE import_batch (
        id INTEGER PRIMARY KEY, created TEXT NOT NULL,
        criteria_id INTEGER REFERENCES criteria_version(id), invalid TEXT NOT NULL DEFAULT '[]')""",
    """CREATE TABLE source_file (
        id INTEGER PRIMARY KEY, batch_id INTEGER NOT NULL REFERENCES import_batch(id),
        name TEXT NOT NULL, path TEXT NOT NULL, sha256 TEXT NOT NULL, kind TEXT NOT NULL,
        ok INTEGER NOT NULL, modified REAL, units TEXT NOT NULL DEFAULT '[]', year INTEGER,
        criteria TEXT NOT NULL DEFAULT '')""",
    """CREATE TABLE submission (
        id INTEGER PRIMARY KEY, batch_id INTEGER NOT NULL REFERENCES import_batch(id),
        file_id INTEGER REFERENCES source_file(id), unit TEXT NOT NULL,
        file_name TEXT NOT NULL, sheet TEXT NOT NULL, is_current INTEGER NOT NULL DEFAULT 0)""",
    "CREATE INDEX submission_unit ON submission(unit, is_current)",
    """CREATE TABLE raw_value (
        submission_id INTEGER NOT NULL REFERENCES submission(id), leaf TEXT NOT NULL,
        value REAL, cell TEXT NOT NULL DEFAULT '', raw TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (submission_id, leaf)) WITHOUT ROWID""",
    """CREATE TABLE issue (
        id INTEGER PRIMARY KEY, batch_id INTEGER NOT NULL REFERENCES import_batch(id),
        severity TEXT NOT NULL, code TEXT NOT NULL, file TEXT NOT NULL, sheet TEXT NOT NULL,
        cell TEXT NOT NULL, unit TEXT NOT NULL, node TEXT NOT NULL, value TEXT NOT NULL,
        params TEXT NOT NULL DEFAULT '{}')""",
    """CREATE TABLE snapshot (
        id INTEGER PRIMARY KEY, label TEXT NOT NULL, created TEXT NOT NULL,
        criteria_id INTEGER REFERENCES criteria_version(id), document TEXT NOT NULL)""",
)
_VERIFICATION_V1 = """CREATE TABLE verification (
        id INTEGER PRIMARY KEY, unit TEXT NOT NULL, leaf TEXT NOT NULL, value REAL,
        action TEXT NOT NULL CHECK (action IN ('set', 'clear')),
        note TEXT NOT NULL CHECK (length(trim(note)) > 0), created TEXT NOT NULL)"""
_VERIFICATION_V2 = """CREATE TABLE verification (
        id INTEGER PRIMARY KEY, unit TEXT NOT NULL, leaf TEXT NOT NULL, value REAL,
        action TEXT NOT NULL CHECK (action IN ('set', 'clear')),
        note TEXT NOT NULL CHECK (length(trim(note)) > 0), created TEXT NOT NULL,
        who TEXT NOT NULL DEFAULT '')"""
_VERIFICATION_INDEX = "CREATE INDEX verification_key ON verification(unit, leaf, id)"
_EVENT = """CREATE TABLE event (
        id INTEGER PRIMARY KEY, created TEXT NOT NULL, kind TEXT NOT NULL,
        unit TEXT NOT NULL DEFAULT '', leaf TEXT NOT NULL DEFAULT '', value REAL,
        note TEXT NOT NULL DEFAULT '', who TEXT NOT NULL DEFAULT '', ref INTEGER,
        detail TEXT NOT NULL DEFAULT '')"""

#: The layout of schema version 1 (kept to test and document the migration).
TABLES_V1: tuple[str, ...] = _COMMON + (_VERIFICATION_V1, _VERIFICATION_INDEX)
#: The current layout, as a new file gets it.
TABLES: tuple[str, ...] = _COMMON + (_VERIFICATION_V2, _VERIFICATION_INDEX, _EVENT)

_TEXT: dict[str, tuple[str, str]] = {
    "missing": ("Không tìm thấy tệp đợt đánh giá '{path}'.",
                "Campaign file '{path}' not found."),
    "exists": ("Tệp '{path}' đã có; hãy chọn tên khác (tệp cũ không bị ghi đè).",
               "'{path}' already exists; choose another name (it was not overwritten)."),
    "not_campaign": ("'{path}' không phải tệp đợt đánh giá DTI ({why}); tệp không bị thay đổi.",
                     "'{path}' is not a DTI campaign file ({why}); the file was not changed."),
    "damaged": ("Tệp đợt đánh giá '{path}' bị hỏng ({why}); tệp không bị thay đổi. "
                "Hãy dùng bản sao lưu.",
                "Campaign file '{path}' is damaged ({why}); the file was not changed. "
                "Use a backup copy."),
    "newer": ("Tệp '{path}' được tạo bởi phiên bản mới hơn của chương trình (lược đồ {found}, "
              "phiên bản này đọc tới {current}); hãy cập nhật DTI Scorer. Tệp không bị thay đổi.",
              "'{path}' was written by a newer version of the tool (schema {found}; this version "
              "reads up to {current}); please update DTI Scorer. The file was not changed."),
    "write_failed": ("Không ghi được vào tệp đợt đánh giá '{path}': {why}. Thay đổi này chưa được "
                     "lưu; mọi dữ liệu đã lưu trước đó vẫn nguyên vẹn.",
                     "Could not write to campaign file '{path}': {why}. This change was not saved; "
                     "everything saved before is intact."),
    "read_only": ("Tệp đợt đánh giá '{path}' đang mở chỉ để đọc.",
                  "Campaign file '{path}' is open read-only."),
    "closed": ("Tệp đợt đánh giá '{path}' đã đóng.", "Campaign file '{path}' is closed."),
    "read_only_place": ("Không mở được tệp đợt đánh giá '{path}': thư mục hoặc ổ đĩa chỉ cho "
                        "phép đọc (ví dụ USB bị khóa ghi). Hãy chép tệp vào một thư mục ghi được "
                        "rồi mở lại; tệp không bị thay đổi.",
                        "Cannot open campaign file '{path}': the folder or disk is read-only "
                        "(e.g. a write-protected USB stick). Copy the file to a writable folder "
                        "and open it there; the file was not changed."),
    "note_required": ("Cần ghi chú lý do khi {action} giá trị thẩm định ({unit} › {leaf}).",
                      "A note is required to {action_en} a verified value ({unit} › {leaf})."),
    "bad_value": ("Giá trị thẩm định cho {unit} › {leaf} không hợp lệ: {vi}",
                  "The verified value for {unit} › {leaf} is not valid: {en}"),
    "not_leaf": ("'{leaf}' không phải chỉ số thành phần của bộ tiêu chí {criteria}.",
                 "'{leaf}' is not a sub-indicator of criteria {criteria}."),
    "unknown_unit": ("Đơn vị '{unit}' không có trong danh sách đơn vị của đợt đánh giá.",
                     "Unit '{unit}' is not in the campaign's unit register."),
    "no_submission": ("{unit} chưa có dữ liệu tự đánh giá; hãy nhập phiếu của đơn vị trước khi "
                      "thẩm định.",
                      "{unit} has no self-assessment yet; import its submission before "
                      "verifying."),
    "nothing_to_clear": ("{unit} › {leaf} không có giá trị thẩm định để xóa.",
                         "{unit} › {leaf} has no verified value to clear."),
    "unknown_submission": ("Không có lần nộp số {id} trong đợt đánh giá.",
                           "There is no submission {id} in this campaign."),
    "criteria_edited": ("Trọng số đã sửa ({criteria}) cần một phiên bản mới trước khi lưu vào đợt "
                        "đánh giá.", "Edited weights ({criteria}) need a version of their own "
                        "before they are kept in the campaign."),
    "criteria_same_version": ("Phiên bản {version} là phiên bản của tệp tiêu chí gốc; trọng số "
                              "đã sửa cần một nhãn phiên bản mới.",
                              "Version {version} is the criteria file's own; edited weights need "
                              "a new version label."),
    "unknown_version": ("Không có phiên bản tiêu chí số {id} trong đợt đánh giá.",
                        "There is no criteria version {id} in this campaign."),
    "previous_unreadable": ("Không đọc được kết quả năm trước từ '{path}': {why}",
                            "Cannot read the previous results from '{path}': {why}"),
    "previous_code_set": ("Kết quả năm trước dùng bộ mã đơn vị {found}, năm nay dùng {current}; "
                          "không so sánh theo mã được.",
                          "The previous results use unit code set {found}, this round uses "
                          "{current}; units cannot be matched by code."),
    "unknown_snapshot": ("Không có bản chụp kết quả số {id} trong đợt đánh giá.",
                         "There is no results snapshot {id} in this campaign."),
}


def campaign_error(key: str, **params: object) -> CampaignError:
    """A ``CampaignError`` whose message is the Vietnamese sentence, then the English one."""
    vi, en = _TEXT[key]
    return CampaignError(f"{vi.format(**params)} / {en.format(**params)}")


def now() -> str:
    """The local time with its UTC offset, to the second (ISO 8601)."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


def add_event(conn: sqlite3.Connection, kind: str, *, created: str = "", unit: str = "",
              leaf: str = "", value: float | None = None, note: str = "", who: str = "",
              ref: int | None = None, detail: str = "") -> int:
    """Append one row to the history (inside the caller's transaction); returns its id."""
    return conn.execute(
        "INSERT INTO event (created, kind, unit, leaf, value, note, who, ref, detail) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (created or now(), kind, unit, leaf, value, note, who, ref, detail)).lastrowid


def create_schema(conn: sqlite3.Connection) -> None:
    """Create the current tables (inside the caller's transaction) and mark the file."""
    for statement in TABLES:
        conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def migrate(conn: sqlite3.Connection, found: int) -> list[int]:
    """Bring a file of schema ``found`` up to ``SCHEMA_VERSION``; returns the steps taken."""
    steps = []
    for version in range(found, SCHEMA_VERSION):
        MIGRATIONS[version](conn)
        conn.execute(f"PRAGMA user_version = {version + 1}")
        steps.append(version + 1)
    return steps


def migrate_1_to_2(conn: sqlite3.Connection) -> None:
    """Add the assessor's name to verifications and build the event log from the existing rows."""
    conn.execute("ALTER TABLE verification ADD COLUMN who TEXT NOT NULL DEFAULT ''")
    conn.execute(_EVENT)
    rows: list[tuple] = []
    created = conn.execute("SELECT value FROM meta WHERE key = 'created'").fetchone()
    if created:
        rows.append((created[0], 0, "create", "", "", None, "", None, ""))
    rows += conn.execute(
        "SELECT created, 1, 'criteria', '', '', NULL, label, id, sha256 FROM criteria_version"
    ).fetchall()
    rows += conn.execute(
        "SELECT b.created, 2, 'submission', s.unit, '', NULL, '', s.id, s.file_name || ' › ' || "
        "s.sheet FROM submission s JOIN import_batch b ON b.id = s.batch_id").fetchall()
    rows += conn.execute(
        "SELECT created, 3, CASE action WHEN 'set' THEN 'verify' ELSE 'clear' END, unit, leaf, "
        "value, note, id, '' FROM verification").fetchall()
    rows += conn.execute(
        "SELECT created, 4, 'snapshot', '', '', NULL, label, id, '' FROM snapshot").fetchall()
    rows.sort(key=lambda r: (r[0], r[1], r[7] or 0))
    conn.executemany(
        "INSERT INTO event (created, kind, unit, leaf, value, note, who, ref, detail) "
        "VALUES (?, ?, ?, ?, ?, ?, '', ?, ?)", [r[:1] + r[2:] for r in rows])
    conn.execute("INSERT INTO event (created, kind, detail) VALUES (?, 'migrate', '1 → 2')",
                 (now(),))


MIGRATIONS = {1: migrate_1_to_2}


def _read_only_uri(path: Path) -> str:
    return path.resolve().as_uri() + "?mode=ro"


def check_file(path: Path) -> int:
    """The schema version of a campaign file, looked at read-only; refuse anything else."""
    path = Path(path)
    if not path.is_file():
        raise campaign_error("missing", path=path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise campaign_error("damaged", path=path, why=exc.strerror or exc) from None
    if head != SQLITE_HEADER:
        why = "tệp rỗng / empty file" if not head else "không phải SQLite / not SQLite"
        raise campaign_error("not_campaign", path=path, why=why)
    sidecars = [path.with_name(path.name + s) for s in ("-wal", "-shm")]
    existed = [p.exists() for p in sidecars]
    try:
        conn = sqlite3.connect(_read_only_uri(path), uri=True)
    except sqlite3.Error as exc:
        raise campaign_error("damaged", path=path, why=exc) from None
    try:
        version = _check_open(conn, path)
    except sqlite3.DatabaseError as exc:
        conn.close()
        _remove_empty_sidecars(sidecars, existed)
        if not os.access(path.parent, os.W_OK):  # WAL needs its -shm beside the file
            raise campaign_error("read_only_place", path=path) from None
        raise campaign_error("damaged", path=path, why=exc) from None
    except CampaignError:
        conn.close()
        _remove_empty_sidecars(sidecars, existed)
        raise
    conn.close()
    return version


def _remove_empty_sidecars(sidecars: list[Path], existed: list[bool]) -> None:
    """A read-only look at a refused WAL file may leave an empty -wal and -shm: remove those."""
    wal, shm = sidecars
    with contextlib.suppress(OSError):  # best effort: on read-only media nothing was left
        if not existed[0] and wal.exists() and wal.stat().st_size == 0:
            for sidecar, was_there in zip(sidecars, existed, strict=True):
                if not was_there:
                    sidecar.unlink(missing_ok=True)
        elif not existed[1] and not wal.exists():
            shm.unlink(missing_ok=True)


def _check_open(conn: sqlite3.Connection, path: Path) -> int:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if app_id != APPLICATION_ID:
        raise campaign_error("not_campaign", path=path, why="application_id")
    if version > SCHEMA_VERSION:
        raise campaign_error("newer", path=path, found=version, current=SCHEMA_VERSION)
    if version < 1:
        raise campaign_error("not_campaign", path=path, why=f"user_version {version}")
    check = conn.execute("PRAGMA quick_check").fetchall()
    if [tuple(r) for r in check] != [("ok",)]:
        raise campaign_error("damaged", path=path, why="; ".join(str(r[0]) for r in check[:3]))
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    needed = {"meta", "criteria_version", "submission", "raw_value", "verification"}
    if not needed <= tables:
        missing = ", ".join(sorted(needed - tables))
        raise campaign_error("damaged", path=path, why=f"thiếu bảng / missing tables: {missing}")
    fmt = conn.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
    if fmt is None or fmt[0] != FORMAT:
        raise campaign_error("not_campaign", path=path, why="meta.format")
    return int(version)


def memory_copy(path: Path) -> sqlite3.Connection:
    """The file's content in an in-memory database, for read-only work; the file is only read."""
    source = sqlite3.connect(_read_only_uri(Path(path)), uri=True)
    try:
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        source.backup(conn)
    finally:
        source.close()
    return conn
