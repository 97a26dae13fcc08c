"""Faults while saving a campaign: the disk full or read-only, the file read-only.

A campaign holds one import (units 01, 02, 04 of the 63). Each save (a verified value, an import,
a results snapshot) is then attempted under a fault. It must fail with ``CampaignError`` whose
Vietnamese message says the change was not saved; afterwards the campaign opens with exactly what
it held before (values, verifications, history, scores), and saves again once the fault is gone.

The disk is filled for real on a tiny tmpfs (root only, else skipped) and, for any user, by a
file-size limit (``RLIMIT_FSIZE``) in a forked child, so SQLite's own writes hit the wall.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile import CRITERIA_YAML, TinyDisk, write_table_csv

from dti_app.core.campaign import Campaign
from dti_app.core.errors import CampaignError
from dti_app.core.importer import import_inputs

SCORES = {"01": 96.0, "02": 47.5, "04": 55.0}


def _new_campaign(folder: Path, source: Path) -> Path:
    path = folder / "dot.dticampaign"
    with Campaign.create(path, CRITERIA_YAML, "63", 2024) as c:
        table = write_table_csv(source / "bang.csv")
        c.record_import(import_inputs([table], c.criteria(), c.register(), c.year))
    return path


def _content(path: Path) -> dict:
    """What the campaign holds, as a user would see it."""
    with Campaign.open(path, read_only=True) as c:
        values, cells, origin = c.current_values()
        return {
            "values": values.to_json(), "cells": cells.to_json(),
            "verified": c.verification_log().drop(columns=["time"]).to_json(),
            "history": c.history()[["kind", "unit", "leaf", "value", "note"]].to_json(),
            "snapshots": len(c.snapshots()),
            "scores": c.score().shown.dropna().to_dict(),
        }


def _saves(c: Campaign, source: Path) -> dict:
    return {
        "verify": lambda: c.set_verified("01", "A.1", "không", note="Biên bản kiểm tra"),
        "import": lambda: c.record_import(import_inputs(
            [write_table_csv(source / "bang2.csv")], c.criteria(), c.register(), c.year)),
        "snapshot": lambda: c.save_snapshot(c.results_document(), "Công bố " + "x" * 20000),
    }


def _assert_not_saved(error: CampaignError) -> None:
    message = str(error)
    assert message.startswith("Không ghi được vào tệp đợt đánh giá"), message
    assert "Thay đổi này chưa được lưu" in message and "Traceback" not in message


@pytest.fixture
def tiny_disk(tmp_path) -> Iterator[TinyDisk]:
    disk = TinyDisk.mount(tmp_path / "o_dia_nho", kilobytes=2048)
    if disk is None:
        pytest.skip("mounting a tiny tmpfs needs root on Linux; the file-size limit test runs")
    try:
        yield disk
    finally:
        disk.unmount()


@pytest.mark.parametrize("save", ["verify", "import", "snapshot"])
def test_a_full_disk_refuses_the_save_and_keeps_the_campaign(tiny_disk, tmp_path, save):
    path = _new_campaign(tiny_disk.where, tmp_path)
    before = _content(path)
    assert before["scores"] == SCORES
    with Campaign.open(path) as c:
        tiny_disk.fill()
        with pytest.raises(CampaignError) as caught:
            _saves(c, tmp_path)[save]()
        _assert_not_saved(caught.value)
    (tiny_disk.where / ".filler").unlink()
    assert _content(path) == before
    with Campaign.open(path) as c:
        _saves(c, tmp_path)[save]()
    assert _content(path) != before


def test_a_read_only_disk_refuses_to_open_and_changes_nothing(tiny_disk, tmp_path):
    path = _new_campaign(tiny_disk.where, tmp_path)
    data = path.read_bytes()
    tiny_disk.read_only()
    for read_only in (False, True):
        with pytest.raises(CampaignError) as caught:
            Campaign.open(path, read_only=read_only)
        assert "chỉ cho phép đọc" in str(caught.value) and "không bị thay đổi" in str(caught.value)
    assert path.read_bytes() == data
    assert sorted(p.name for p in tiny_disk.where.iterdir()) == [path.name]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork (POSIX)")
@pytest.mark.parametrize("save", ["verify", "import", "snapshot"])
def test_a_file_size_limit_mid_save_keeps_the_campaign(tmp_path, save):
    path = _new_campaign(tmp_path, tmp_path)
    before = _content(path)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:                                  # the child: a disk that is full for it
        try:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            with Campaign.open(path) as c:
                resource.setrlimit(resource.RLIMIT_FSIZE,
                                   (4096, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
                try:
                    _saves(c, tmp_path)[save]()
                    outcome = {"raised": None}
                except CampaignError as exc:
                    outcome = {"raised": "CampaignError", "message": str(exc)}
                except BaseException as exc:  # noqa: BLE001  (reported to the parent)
                    outcome = {"raised": type(exc).__name__, "message": str(exc)}
            os.write(write, json.dumps(outcome).encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        outcome = json.loads(pipe.read() or b"{}")
    os.waitpid(pid, 0)
    assert outcome.get("raised") == "CampaignError", outcome
    _assert_not_saved(CampaignError(outcome["message"]))
    assert _content(path) == before
    with Campaign.open(path) as c:
        _saves(c, tmp_path)[save]()
    assert _content(path) != before


def test_a_read_only_campaign_file_is_refused_with_the_data_intact(tmp_path):
    path = _new_campaign(tmp_path, tmp_path)
    before = _content(path)
    data = path.read_bytes()
    path.chmod(stat.S_IRUSR)
    try:
        try:
            with open(path, "ab"):
                pass
            pytest.skip("this user may write read-only files (root)")
        except PermissionError:
            pass
        with pytest.raises(CampaignError) as caught:
            with Campaign.open(path) as c:
                _saves(c, tmp_path)["verify"]()
        assert "Không ghi được" in str(caught.value)
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert path.read_bytes() == data
    assert _content(path) == before
