"""The campaign file survives crashes, refuses what it cannot read, and upgrades older files."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from campaign_testdata import CRITERIA_TEXT, ROUND1, import_table, new_campaign, write_table

from dti_app.core import campaign_schema
from dti_app.core.campaign import Campaign
from dti_app.core.campaign_schema import APPLICATION_ID, SCHEMA_VERSION, TABLES_V1
from dti_app.core.criteria_load import parse_criteria
from dti_app.core.errors import CampaignError

REPO = Path(__file__).resolve().parents[2]


def folder_state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _sqlite_without_our_tables(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('An')")
    conn.commit()
    conn.close()


def _truncated_campaign(path: Path) -> None:
    with new_campaign(path.parent, "whole.dticampaign") as c:
        import_table(c, write_table(path.parent / "round1.csv", ROUND1))
    data = (path.parent / "whole.dticampaign").read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: p.write_bytes(os.urandom(4096)), "không phải tệp đợt đánh giá"),
    (lambda p: p.write_text("Đây là một tệp văn bản\n", encoding="utf-8"),
     "không phải tệp đợt đánh giá"),
    (lambda p: p.write_bytes(b""), "tệp rỗng"),
    (_sqlite_without_our_tables, "không phải tệp đợt đánh giá"),
    (_truncated_campaign, "bị hỏng"),
], ids=["random-bytes", "text", "empty", "other-sqlite", "truncated"])
def test_damaged_or_foreign_files_are_refused_and_left_alone(tmp_path, make, message):
    path = tmp_path / "bad.dticampaign"
    make(path)
    before = folder_state(tmp_path)
    with pytest.raises(CampaignError, match=message):
        Campaign.open(path)
    with pytest.raises(CampaignError, match=message):
        Campaign.open(path, read_only=True)
    assert folder_state(tmp_path) == before  # byte-identical, and no -wal/-shm left behind


def test_a_file_from_a_newer_version_is_refused_and_left_alone(tmp_path):
    with new_campaign(tmp_path) as c:
        import_table(c, write_table(tmp_path / "round1.csv", ROUND1))
    conn = sqlite3.connect(c.path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = folder_state(tmp_path)
    with pytest.raises(CampaignError) as caught:
        Campaign.open(c.path)
    text = str(caught.value)
    assert "phiên bản mới hơn" in text and "newer version" in text
    assert f"lược đồ {SCHEMA_VERSION + 1}" in text
    assert folder_state(tmp_path) == before


def test_a_missing_file_is_reported(tmp_path):
    with pytest.raises(CampaignError, match="Không tìm thấy.*not found"):
        Campaign.open(tmp_path / "none.dticampaign")


def _write_v1_campaign(path: Path) -> None:
    """A campaign as the first schema stored it: one submission of D2, one verification."""
    criteria = parse_criteria(CRITERIA_TEXT)
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in TABLES_V1:
        conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    meta = {"format": "dti-campaign", "created": "2024-03-01T08:00:00+07:00", "year": "2024",
            "units": "custom", "units_name": "so", "units_csv": (path.parent / "units.csv")
            .read_text(encoding="utf-8")}
    conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    conn.execute("INSERT INTO criteria_version VALUES (1, 'v1', ?, ?, '', "
                 "'2024-03-01T08:00:00+07:00', 1)", (CRITERIA_TEXT, criteria.sha256))
    conn.execute("INSERT INTO import_batch VALUES (1, '2024-03-02T09:00:00+07:00', 1, '[]')")
    conn.execute("INSERT INTO source_file VALUES (1, 1, 'so-tai-chinh.xlsx', "
                 "'C:/DTI/so-tai-chinh.xlsx', 'abc', 'workbook', 1, 0, '[\"D2\"]', 2024, '')")
    conn.execute("INSERT INTO submission VALUES (1, 1, 1, 'D2', 'so-tai-chinh.xlsx', 'Số liệu', 1)")
    conn.executemany("INSERT INTO raw_value VALUES (1, ?, ?, ?, ?)", [
        ("A.1", 0.0, "D8", "Không"), ("A.2", 50.0, "D9", "50"), ("B.1", 1.0, "D11", "Có"),
        ("B.2", 5.0, "D12", "5")])
    conn.execute("INSERT INTO verification VALUES (1, 'D2', 'A.1', 1.0, 'set', 'Biên bản', "
                 "'2024-03-05T10:00:00+07:00')")
    conn.close()


def _layout(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return {t: [tuple(r) for r in conn.execute(f"PRAGMA table_info({t})")] for t in tables}


def test_an_older_file_is_migrated_with_its_data(tmp_path):
    (tmp_path / "units.csv").write_text("code,name_vi\nD1,Sở Nội vụ\nD2,Sở Tài chính\n",
                                        encoding="utf-8")
    old = tmp_path / "old.dticampaign"
    _write_v1_campaign(old)
    before = old.read_bytes()
    with Campaign.open(old, read_only=True) as c:  # migrated in memory only
        assert c.score().shown["D2"] == 77.5
    assert old.read_bytes() == before

    with Campaign.open(old) as c:
        # D2: A.1 verified 0 → 1 (30) + A.2 50 % (10) + B.1 (25) + B.2 5/10 (12.5) = 77.5
        assert c.score().shown.dropna().to_dict() == {"D2": 77.5}
        assert c.verification_log()[["action", "note", "who"]].values.tolist() == [
            ["set", "Biên bản", ""]]
        assert c.history()["kind"].tolist() == [
            "create", "criteria", "submission", "verify", "migrate"]
        assert c.current_values()[1].at["D2", "B.2"] == "D12"
        c.set_verified("D2", "B.2", 10, note="sau nâng cấp", who="Bình")
    with sqlite3.connect(old) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        migrated = _layout(conn)
    with new_campaign(tmp_path, "fresh.dticampaign") as fresh:
        assert migrated == _layout(fresh._db())


def test_a_failed_migration_leaves_the_older_file_usable(tmp_path, monkeypatch):
    (tmp_path / "units.csv").write_text("code,name_vi\nD1,Sở Nội vụ\nD2,Sở Tài chính\n",
                                        encoding="utf-8")
    old = tmp_path / "old.dticampaign"
    _write_v1_campaign(old)

    def half_done(conn):
        conn.execute("ALTER TABLE verification ADD COLUMN who TEXT NOT NULL DEFAULT ''")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setitem(campaign_schema.MIGRATIONS, 1, half_done)
    with pytest.raises(CampaignError, match="Không ghi được.*disk I/O error"):
        Campaign.open(old)
    with sqlite3.connect(old) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        columns = [r[1] for r in conn.execute("PRAGMA table_info(verification)")]
        assert "who" not in columns
        assert conn.execute("SELECT note FROM verification").fetchall() == [("Biên bản",)]
    monkeypatch.undo()
    with Campaign.open(old) as c:
        assert c.score().shown.dropna().to_dict() == {"D2": 77.5}


CHILD = textwrap.dedent("""
    import sys, time
    from dti_app.core import campaign_imports
    from dti_app.core.campaign import Campaign
    from dti_app.core.importer import import_inputs

    path, first, second, mode = sys.argv[1:5]
    c = Campaign.open(path)

    def run(table):
        return c.record_import(import_inputs([table], c.criteria(), c.register(), c.year))

    run(first)
    print("committed", flush=True)
    if mode == "block":
        real = campaign_imports.add_submission

        def add_then_wait(*args, **kwargs):
            number = real(*args, **kwargs)
            print("inside", number, flush=True)
            time.sleep(120)

        campaign_imports.add_submission = add_then_wait
        run(second)
    else:
        while True:
            run(second)
            print("committed", flush=True)
            run(first)
            print("committed", flush=True)
""")


def _start_child(tmp_path: Path, mode: str) -> tuple[subprocess.Popen, Path]:
    with new_campaign(tmp_path) as c:
        pass
    first = write_table(tmp_path / "round1.csv", ROUND1)
    second = write_table(tmp_path / "round2.csv", {u: ["có", 100, "có", 10] for u in ROUND1})
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(c.path), str(first), str(second),
                             mode], stdout=subprocess.PIPE, text=True, env=env, cwd=REPO)
    return proc, c.path


def _read_until(proc: subprocess.Popen, prefix: str, times: int = 1) -> str:
    watchdog = threading.Timer(120, proc.kill)  # a stuck child must not hang the test run
    watchdog.start()
    try:
        return _read_lines(proc, prefix, times)
    finally:
        watchdog.cancel()


def _read_lines(proc: subprocess.Popen, prefix: str, times: int) -> str:
    line = ""
    for _ in range(times):
        line = proc.stdout.readline()
        while line and not line.startswith(prefix):
            line = proc.stdout.readline()
        assert line, "the child process ended early"
    return line


def test_a_process_killed_inside_an_import_leaves_what_was_committed(tmp_path):
    proc, path = _start_child(tmp_path, "block")
    try:
        _read_until(proc, "committed")
        _read_until(proc, "inside")  # the second import has written a submission, not committed
    finally:
        proc.kill()
        proc.wait(timeout=30)
        proc.stdout.close()
    with Campaign.open(path) as c:
        subs = c.submissions()
        assert subs["file"].tolist() == ["round1.csv"] * 3
        assert c.score().shown.dropna().to_dict() == {"D1": 96.0, "D2": 47.5, "D3": 55.0}
        assert c.history()["kind"].tolist().count("import") == 1


def test_a_process_killed_between_imports_leaves_only_whole_imports(tmp_path):
    proc, path = _start_child(tmp_path, "loop")
    try:
        _read_until(proc, "committed", times=4)
    finally:
        proc.kill()
        proc.wait(timeout=30)
        proc.stdout.close()
    with Campaign.open(path) as c:
        subs = c.submissions()
        assert len(subs) >= 4 * 3  # at least the four imports reported as committed
        assert len(subs) % 3 == 0  # every import wrote all three units or nothing
        sizes = c._db().execute(
            "SELECT COUNT(*) FROM raw_value GROUP BY submission_id").fetchall()
        assert {n for (n,) in sizes} == {4}
        last = subs["file"].iloc[-1]
        expected = {"round1.csv": 96.0, "round2.csv": 100.0}[last]
        assert c.score().shown["D1"] == expected
