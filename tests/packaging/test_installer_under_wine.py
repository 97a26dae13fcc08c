"""cai-dat.bat run by a real cmd implementation: wine's, with a stand-in python.exe.

Runs only where Debian's ``wine`` and the MinGW compiler are installed (skipped elsewhere). Wine's
cmd parses and runs the installer's labels, jumps, ``for /f`` probes and exit statuses; the
stand-in Python (``fake_python.c``) answers as a 64-bit, 32-bit or older Python would and makes
each step succeed or fail on request. What wine cannot show: how a Windows console displays the
Vietnamese text (wine's cmd ignores ``chcp 65001`` without a console), PowerShell making the
shortcuts (wine's PowerShell is a stub), and a real Python installing real wheels.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not (shutil.which("wine") and shutil.which("x86_64-w64-mingw32-gcc")),
    reason="needs wine and the MinGW compiler (Debian: wine64, gcc-mingw-w64-x86-64)")


def _windows_path(path: Path) -> str:
    return "Z:" + str(path).replace("/", "\\")


@pytest.fixture(scope="module")
def wine(tmp_path_factory, windows_kit):
    """(run, app folder): ``run(python_line, **step_codes)`` runs cai-dat.bat /q under wine."""
    root = tmp_path_factory.mktemp("wine")
    pythons = root / "Py Files (x86)"                  # a space and parentheses in its path
    pythons.mkdir()
    subprocess.run(["x86_64-w64-mingw32-gcc", "-O1", "-o", str(pythons / "python.exe"),
                    str(Path(__file__).with_name("fake_python.c"))], check=True)
    kit, _ = windows_kit
    kit = Path(shutil.copytree(kit, root / "kit"))
    env = dict(os.environ, WINEPREFIX=str(root / "prefix"), WINEDEBUG="-all",
               WINEPATH=_windows_path(pythons), FAKE_LOG=_windows_path(root / "calls.log"))
    subprocess.run(["wineboot", "-i"], env=env, capture_output=True, timeout=300)

    def run(python_line: str = "", script: Path = kit / "cai-dat.bat", **codes: str):
        (root / "calls.log").unlink(missing_ok=True)
        done = subprocess.run(["wine", "cmd", "/c", _windows_path(script), "/q"],
                              env=dict(env, FAKE_PY=python_line, **codes),
                              capture_output=True, timeout=300)
        calls = (root / "calls.log").read_text(errors="replace") if (
            root / "calls.log").exists() else ""
        return done.returncode, done.stdout.decode("utf-8", "replace"), calls

    run.python = _windows_path(pythons / "python.exe")
    run.kit = kit
    return run, root / "prefix" / "drive_c"


def test_a_64_bit_python_of_the_kit_installs_through_every_step(wine):
    run, drive = wine
    code, out, calls = run(f"3 12 64 {run.python}")
    assert code == 0, out
    assert "Installed DTI Scorer" in out
    steps = [line.split("]", 1)[0] + "]" for line in out.splitlines() if line.startswith("[")]
    assert steps == [f"[{n}/8]" for n in range(1, 9)]
    kinds = [_kind(c) for c in calls.splitlines()]
    assert kinds == ["probe", "sums", "space", "venv", "pip", "version", "demo"]
    helper = _windows_path(run.kit / "ho-tro" / "kiem_tra.py")
    assert f"[{helper}] [demo]" in calls.splitlines()[-1]       # run by the new environment
    assert "\\DTI-Scorer\\venv\\Scripts\\python.exe" in calls.splitlines()[-1]
    app = next(drive.glob("users/*/AppData/Local/DTI-Scorer"))
    assert (app / "python.txt").read_text().strip() == f"3 12 64 {run.python}"
    assert (app / "go-cai-dat.bat").is_file() and (app / "dti-scorer.ico").is_file()
    # again with the same Python: the environment is kept
    code, out, calls = run(f"3 12 64 {run.python}")
    assert code == 0 and "venv" not in [_kind(c) for c in calls.splitlines()]
    # with another Python: made anew
    (app / "venv" / "stale").write_text("old")
    code, out, calls = run(f"3 11 64 {run.python}")
    assert code == 0 and "Python changed or the old environment is broken" in out
    assert not (app / "venv" / "stale").exists()


def _kind(call: str) -> str:
    for word, kind in ((" [-c]", "probe"), (" [sums]", "sums"), (" [space]", "space"),
                       (" [venv]", "venv"), (" [pip]", "pip"), (" [--version]", "version"),
                       (" [demo]", "demo")):
        if word in call:
            return kind
    return call


@pytest.mark.parametrize("python_line, codes, status, message", [
    ("", {}, 12, "Python was not found on this computer."),
    ("3 12 32 {python}", {}, 13, "Python 3.12 on this computer is 32-bit"),
    ("3 10 64 {python}", {}, 14, "Python on this computer is version 3.10; this kit is for"),
    ("3 12 64 {python}", {"FAKE_SUMS_RC": "1"}, 15, "Step 3/8: some files of the kit"),
    ("3 12 64 {python}", {"FAKE_SPACE_RC": "1", "FAKE_FREE": "123"}, 16,
     "Step 4/8: the drive of C:\\users\\"),
    ("3 12 64 {python}", {"FAKE_VENV_RC": "1"}, 18, "Step 5/8: the Python environment"),
    ("3 12 64 {python}", {"FAKE_PIP_RC": "1"}, 19, "Step 6/8: installing the packages"),
    ("3 12 64 {python}", {"FAKE_DEMO_RC": "1"}, 20, "Step 7/8: the trial run"),
])
def test_each_failure_stops_with_its_message(wine, python_line, codes, status, message):
    run, drive = wine
    for venv in drive.glob("users/*/AppData/Local/DTI-Scorer/venv"):
        shutil.rmtree(venv)
    code, out, _ = run(python_line.format(python=run.python), **codes)
    assert code == status, out
    assert f"DTI Scorer was not installed. {message}" in out
    if status == 16:
        assert "has only 123 MB free; at least" in out
    assert "Installed DTI Scorer" not in out


def test_a_kit_still_inside_a_zip_is_recognised(wine, tmp_path):
    run, _ = wine
    inside = Path(shutil.copytree(run.kit, tmp_path / "dti-kit.zip" / "dti-kit"))
    code, out, calls = run(f"3 12 64 {run.python}", script=inside / "cai-dat.bat")
    assert code == 10 and "The kit is still inside a .zip file" in out
    assert calls == ""                                   # stopped before looking for Python
