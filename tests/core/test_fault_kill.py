"""A process killed (SIGKILL) while writing: the previous file stays byte-identical.

A child process runs one writer and is killed at a chosen moment: when the temporary file has
been created and the writer opens it, half way through writing it (after 256 bytes), or after it is complete and flushed,
just before it is renamed over the target. The child is a fork of the test process, killed by
itself at that moment (an audit hook or its file object sends SIGKILL), so the moment is exact and
the test needs no timing. One more test kills a separate process from outside while it writes.

Afterwards the old file is byte-identical (or, when there was none, no file appears at the
target); the only other files are hidden temporaries (``.name.….tmp``) that no import reads; and
the next write succeeds.
"""

from __future__ import annotations

import builtins
import io
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from test_fault_writes import OLD, WRITERS, writers  # noqa: F401  (the writers fixture)

from dti_app.core.importer import expand_inputs

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork (POSIX)")
REPO = Path(__file__).resolve().parents[2]
STAGES = ["temp_created", "half_written", "before_rename"]


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _is_temp(path: object, folder: Path) -> bool:
    try:
        path = Path(os.fsdecode(path))
    except TypeError:
        return False
    return path.parent == folder and path.name.startswith(".") and path.name.endswith(".tmp")


def _arm(stage: str, folder: Path) -> None:
    """In the child: make the process kill itself at ``stage`` of writing into ``folder``."""
    if stage == "temp_created":         # the temp exists; the writer is opening it
        opened = []

        def hook(event: str, args: tuple) -> None:
            if event == "open" and args and _is_temp(args[0], folder):
                opened.append(args[0])
                if len(opened) == 2:
                    _die()
        sys.addaudithook(hook)
    elif stage == "before_rename":
        def hook(event: str, args: tuple) -> None:
            if event == "os.rename" and _is_temp(args[0], folder):
                _die()
        sys.addaudithook(hook)
    else:
        real_open = builtins.open

        class Dying:
            def __init__(self, handle):
                self._handle, self._left = handle, 256

            def write(self, data) -> int:
                view = memoryview(data).cast("B")
                if view.nbytes >= self._left:
                    self._handle.write(view[: self._left])
                    self._handle.flush()
                    os.fsync(self._handle.fileno())
                    _die()
                self._left -= view.nbytes
                return self._handle.write(data)

            def __enter__(self):
                return self

            def __exit__(self, *exc) -> None:
                self._handle.close()

            def __getattr__(self, name: str):
                return getattr(self._handle, name)

        def dying_open(file, mode="r", *args, **kwargs):
            handle = real_open(file, mode, *args, **kwargs)
            return Dying(handle) if "w" in mode and _is_temp(file, folder) else handle

        builtins.open = io.open = dying_open


def _killed_while(write: Callable[[], object], stage: str, folder: Path) -> int:
    """Run ``write`` in a forked child killed at ``stage``; return its wait status."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:                        # the child: never returns into pytest
        try:
            _arm(stage, folder)
            write()
        finally:
            os._exit(3)                 # reached only if the kill never came
    _, status = os.waitpid(pid, 0)
    return status


def _leftovers(folder: Path, target: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p != target)


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("name", WRITERS)
def test_killed_while_writing_keeps_the_previous_file(writers, name, stage, tmp_path):  # noqa: F811
    writer = writers[name]
    target = tmp_path / writer.filename
    target.write_bytes(OLD)
    status = _killed_while(lambda: writer.write(target), stage, tmp_path)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, status
    assert target.read_bytes() == OLD
    stale = _leftovers(tmp_path, target)
    assert len(stale) == 1 and stale[0].startswith(f".{target.name}.") \
        and stale[0].endswith(".tmp"), stale
    assert expand_inputs([tmp_path])[0] == ([target] if target.suffix == ".xlsx" else [])
    writer.write(target)
    assert target.read_bytes() != OLD


@pytest.mark.parametrize("name", WRITERS)
def test_killed_before_the_rename_leaves_no_file_where_there_was_none(writers, name,  # noqa: F811
                                                                      tmp_path):
    writer = writers[name]
    target = tmp_path / writer.filename
    status = _killed_while(lambda: writer.write(target), "before_rename", tmp_path)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, status
    assert not target.exists()


def test_a_new_campaign_killed_while_being_created_leaves_no_file(tmp_path):
    from hostile import CRITERIA_YAML

    from dti_app.core.campaign import Campaign

    target = tmp_path / "dot_moi.dticampaign"
    for stage in ("temp_created", "before_rename"):
        status = _killed_while(lambda: Campaign.create(target, CRITERIA_YAML, "63", 2024),
                               stage, tmp_path)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, stage
        assert not target.exists()
    with Campaign.create(target, CRITERIA_YAML, "63", 2024) as campaign:
        assert campaign.year == 2024


SLOW_WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from dti_app.core.atomic import atomic_write_with

    def write(tmp):
        with open(tmp, "wb") as handle:
            handle.write(b"new " * 16384)
            handle.flush()
            print("writing", flush=True)
            sys.stdin.readline()          # blocks: the parent kills us here
            handle.write(b"end")

    atomic_write_with(Path(sys.argv[1]), write)
    print("finished", flush=True)
""")


def test_a_process_killed_from_outside_mid_write_keeps_the_previous_file(tmp_path):
    target = tmp_path / "xep_hang.xlsx"
    target.write_bytes(OLD)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen([sys.executable, "-c", SLOW_WRITER, str(target)], cwd=REPO, env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "writing"
        temps = _leftovers(tmp_path, target)
        assert len(temps) == 1 and (tmp_path / temps[0]).stat().st_size == 4 * 16384
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=60) == -signal.SIGKILL
    finally:
        proc.kill()
        proc.wait(timeout=60)
        proc.stdin.close()
        proc.stdout.close()
    assert target.read_bytes() == OLD
