"""Faults while writing: every writer of the core keeps the previous file and says why.

Writers: ``atomic_write_bytes``, ``atomic_write_with``, ``save_criteria``, ``report.write_json``,
the ranking workbook, a chart (PNG) and a self-assessment template. Faults: the disk fills up
half way through (the writer's file object raises ENOSPC after 512 bytes), a real full disk and a
read-only disk (a tiny tmpfs; needs root, else skipped), a read-only folder (permissions; not as
root), the target locked by another program (the rename refused, as Windows does for a file open
in Excel) and a target that is a folder. Each time: ``ExportError`` whose Vietnamese message names
the file, the reason and that the old file is unchanged; the old file byte-identical; no temporary
file left behind; and once the fault is gone the same call writes the new file.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from hostile import CRITERIA_YAML, TinyDisk, write_table_csv

from dti_app.core import atomic
from dti_app.core.atomic import atomic_write_bytes, atomic_write_with
from dti_app.core.criteria_load import parse_criteria, save_criteria
from dti_app.core.errors import ExportError
from dti_app.core.importer import import_inputs
from dti_app.core.report import result_document, write_json
from dti_app.core.scoring import score_units
from dti_app.core.units import builtin_register

OLD = "Bản xuất trước, không được mất / the previous export\n".encode() * 40
NEW = bytes(range(256)) * 256


@dataclass
class Writer:
    name: str
    filename: str
    write: Callable[[Path], object]


@pytest.fixture(scope="module")
def writers(tmp_path_factory) -> dict[str, Writer]:
    from dti_app.core.chart_export import save_figure
    from dti_app.core.charts import ranking_bars
    from dti_app.core.export_workbook import write_ranking_workbook
    from dti_app.core.template import write_template

    folder = tmp_path_factory.mktemp("nguon")
    criteria = parse_criteria(CRITERIA_YAML, "tieu_chi.yaml")
    register = builtin_register("63")
    imported = import_inputs([write_table_csv(folder / "bang.csv")], criteria, register)
    result = score_units(criteria, imported.values, register, imported.invalid)
    document = result_document(result, register, imported.issues)
    figure = ranking_bars(result, register)
    found = [
        Writer("atomic_write_bytes", "du_lieu.bin", lambda p: atomic_write_bytes(p, NEW)),
        Writer("atomic_write_with", "du_lieu.bin",
               lambda p: atomic_write_with(p, lambda tmp: tmp.write_bytes(NEW))),
        Writer("save_criteria", "tieu_chi.yaml", lambda p: save_criteria(criteria, p)),
        Writer("write_json", "ket_qua.json", lambda p: write_json(document, p)),
        Writer("ranking_workbook", "xep_hang.xlsx", lambda p: write_ranking_workbook(
            p, result, register, issues=imported.issues, files=imported.files)),
        Writer("chart_png", "bieu_do.png",
               lambda p: save_figure(figure, p.with_suffix(""), formats=["png"])),
        Writer("template", "mau_01.xlsx", lambda p: write_template(
            criteria, register.by_code["01"], "63", 2024, p, when=datetime(2024, 1, 1))),
    ]
    return {w.name: w for w in found}


WRITERS = ["atomic_write_bytes", "atomic_write_with", "save_criteria", "write_json",
           "ranking_workbook", "chart_png", "template"]


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _expect_failure(writer: Writer, target: Path, reason: str) -> None:
    with pytest.raises(ExportError) as caught:
        writer.write(target)
    message = str(caught.value)
    assert message.startswith(f"Không ghi được '{target}'"), message
    assert reason in message, message
    assert "Tệp cũ (nếu có) vẫn giữ nguyên" in message
    assert "Could not write" in message and "Traceback" not in message


def _expect_recovery(writer: Writer, target: Path) -> None:
    writer.write(target)
    assert target.read_bytes() != OLD and target.stat().st_size > 0
    assert [p for p in target.parent.iterdir() if p.suffix == ".tmp"] == []


# --- the disk fills up half way ---------------------------------------------------------------
class _FillingFile:
    """A file object whose write fails with ENOSPC once ``budget`` bytes are written.

    Only the first write past the budget raises; later ones (a writer tidying up after the
    error, or its garbage collection) are dropped, so no error escapes outside the test.
    """

    def __init__(self, handle, budget: list[int]):
        self._handle, self._budget = handle, budget

    def write(self, data) -> int:
        size = memoryview(data).nbytes
        if self._budget[0] < 0:
            return size
        if size > self._budget[0]:
            self._handle.write(memoryview(data).cast("B")[: self._budget[0]])
            self._budget[0] = -1
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self._budget[0] -= size
        return self._handle.write(data)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self._handle.close()

    def __iter__(self):
        return iter(self._handle)

    def __getattr__(self, name: str):
        return getattr(self._handle, name)


@pytest.fixture
def disk_fills_up(monkeypatch) -> Callable[[Path], None]:
    """Make files opened for writing in ``folder`` fail after 512 bytes, like a full disk."""

    def arm(folder: Path) -> None:
        real_open, budget = builtins.open, [512]

        def filling_open(file, mode="r", *args, **kwargs):
            handle = real_open(file, mode, *args, **kwargs)
            if isinstance(file, (str, os.PathLike)) and Path(file).parent == folder \
                    and any(m in mode for m in "wax+"):
                return _FillingFile(handle, budget)
            return handle

        monkeypatch.setattr(builtins, "open", filling_open)
        monkeypatch.setattr(io, "open", filling_open)

    return arm


@pytest.mark.parametrize("name", WRITERS)
def test_disk_full_half_way(writers, name, tmp_path, disk_fills_up, monkeypatch):
    writer = writers[name]
    target = tmp_path / writer.filename
    target.write_bytes(OLD)
    disk_fills_up(tmp_path)
    _expect_failure(writer, target, "ổ đĩa đã đầy")
    assert target.read_bytes() == OLD
    assert _listing(tmp_path) == [writer.filename]
    monkeypatch.undo()
    _expect_recovery(writer, target)


# --- a real tiny disk: full, then read-only ----------------------------------------------------
@pytest.fixture
def tiny_disk(tmp_path) -> Iterator[TinyDisk]:
    disk = TinyDisk.mount(tmp_path / "o_dia_nho")
    if disk is None:
        pytest.skip("mounting a tiny tmpfs needs root on Linux; the simulated faults still run")
    try:
        yield disk
    finally:
        disk.unmount()


@pytest.mark.parametrize("name", WRITERS)
def test_real_full_disk(writers, name, tiny_disk):
    writer = writers[name]
    target = tiny_disk.where / writer.filename
    target.write_bytes(OLD)
    tiny_disk.fill()
    _expect_failure(writer, target, "ổ đĩa đã đầy")
    assert target.read_bytes() == OLD
    assert _listing(tiny_disk.where) == sorted([".filler", writer.filename])
    (tiny_disk.where / ".filler").unlink()
    _expect_recovery(writer, target)


@pytest.mark.parametrize("name", WRITERS)
def test_read_only_disk(writers, name, tiny_disk):
    writer = writers[name]
    target = tiny_disk.where / writer.filename
    target.write_bytes(OLD)
    tiny_disk.read_only()
    _expect_failure(writer, target, "chỉ cho phép đọc")
    assert target.read_bytes() == OLD
    assert _listing(tiny_disk.where) == [writer.filename]


@pytest.mark.parametrize("name", WRITERS)
def test_read_only_folder(writers, name, tmp_path):
    writer = writers[name]
    folder = tmp_path / "chi_doc"
    folder.mkdir()
    target = folder / writer.filename
    target.write_bytes(OLD)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        try:
            (folder / "thu").touch()
        except PermissionError:
            pass
        else:
            (folder / "thu").unlink()
            pytest.skip("this user ignores folder permissions (root); the read-only disk "
                        "test covers it")
        _expect_failure(writer, target, "không có quyền ghi")
    finally:
        folder.chmod(stat.S_IRWXU)
    assert target.read_bytes() == OLD
    assert _listing(folder) == [writer.filename]


# --- the target is locked, or is a folder ------------------------------------------------------
@pytest.mark.parametrize("name", WRITERS)
def test_target_locked_by_another_program(writers, name, tmp_path, monkeypatch):
    writer = writers[name]
    target = tmp_path / writer.filename
    target.write_bytes(OLD)

    def locked(src, dst):   # what Windows says when Excel holds the file open
        raise PermissionError(errno.EACCES, "The process cannot access the file because it is "
                              "being used by another process", str(dst))

    monkeypatch.setattr(atomic.os, "replace", locked)
    _expect_failure(writer, target, "tệp đang mở trong chương trình khác")
    assert target.read_bytes() == OLD
    assert _listing(tmp_path) == [writer.filename]
    monkeypatch.undo()
    _expect_recovery(writer, target)


@pytest.mark.parametrize("name", WRITERS)
def test_target_that_is_a_folder(writers, name, tmp_path):
    writer = writers[name]
    target = tmp_path / writer.filename
    (target / "giu_nguyen").mkdir(parents=True)
    (target / "giu_nguyen" / "tep.txt").write_bytes(OLD)
    _expect_failure(writer, target, "nơi ghi là một thư mục")
    assert (target / "giu_nguyen" / "tep.txt").read_bytes() == OLD
    assert _listing(tmp_path) == [writer.filename]
