"""The installers' checks run for real: the kit's helper (checksums, disk space, the demo under
Documents) and cai-dat.sh from a Linux kit, offline, into a fresh environment."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HELPER = ("ho-tro", "kiem_tra.py")


def _helper(kit: Path, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(kit.joinpath(*HELPER)), *args],
                          capture_output=True, text=True, encoding="utf-8", timeout=300, **kwargs)


@pytest.fixture
def kit_copy(windows_kit, tmp_path):
    kit, _ = windows_kit
    return Path(shutil.copytree(kit, tmp_path / "kit"))


def test_sums_pass_on_a_good_copy_and_name_each_bad_file(kit_copy):
    assert _helper(kit_copy, "sums", str(kit_copy)).returncode == 0
    wheel = kit_copy / "wheels" / "winonly-1.0-py3-none-any.whl"
    wheel.write_bytes(wheel.read_bytes()[:-1] + b"?")
    (kit_copy / "docs" / "guide.md").unlink()
    done = _helper(kit_copy, "sums", str(kit_copy))
    assert done.returncode == 1
    assert done.stdout.split() == ["docs/guide.md", "wheels/winonly-1.0-py3-none-any.whl"]


def test_space_reports_the_free_mebibytes(tmp_path):
    kit = Path(__file__).resolve().parents[2] / "packaging" / "kit"
    helper = [sys.executable, str(kit / "kiem_tra.py"), "space", str(tmp_path)]
    free = shutil.disk_usage(tmp_path).free // 2**20
    enough = subprocess.run(helper + ["1"], capture_output=True, text=True)
    assert enough.returncode == 0 and abs(int(enough.stdout) - free) < 64
    short = subprocess.run(helper + [str(free + 10**6)], capture_output=True, text=True)
    assert short.returncode == 1


def test_the_demo_goes_to_documents_not_the_current_folder(kit_copy, tmp_path):
    """The real dti-scorer beside this Python, into <Documents>/DTI Scorer/demo."""
    home, elsewhere = tmp_path / "home", tmp_path / "cwd"
    (home / "Documents").mkdir(parents=True)
    elsewhere.mkdir()
    done = _helper(kit_copy, "demo", cwd=elsewhere, env=dict(os.environ, HOME=str(home)))
    out = home / "Documents" / "DTI Scorer" / "demo"
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().endswith(f"63/63: {out}")
    units = json.loads((out / "ket_qua.json").read_text(encoding="utf-8"))["units"]
    assert len(units) == 63 and all(u["status"] == "scored" for u in units)
    assert list(elsewhere.iterdir()) == []


def test_the_helper_run_alone_says_to_run_the_installer(kit_copy):
    done = _helper(kit_copy)
    assert done.returncode == 2 and "hãy chạy tệp cài đặt" in done.stdout


def _install(kit: Path, tmp_path: Path, python: str = sys.executable):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env.update(HOME=str(tmp_path / "home"), DTI_VENV=str(tmp_path / "venv"), PYTHON=python)
    (tmp_path / "home").mkdir(exist_ok=True)
    return subprocess.run(["sh", str(kit / "cai-dat.sh")], capture_output=True, text=True,
                          encoding="utf-8", env=env, cwd=tmp_path, timeout=600)


def test_sh_installs_offline_runs_the_demo_and_remakes_the_environment(linux_kit, tmp_path):
    kit, _ = linux_kit
    first = _install(kit, tmp_path)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Đã cài xong DTI Scorer" in first.stdout and "63/63" in first.stdout
    assert "Python đã thay đổi" not in first.stdout
    assert (tmp_path / "home" / "DTI Scorer" / "demo" / "ket_qua.json").is_file()
    assert (tmp_path / "venv" / "bin" / "dti-app").is_file()
    # another Python than the one the environment was made with: made anew
    (tmp_path / "venv" / ".dti-python").write_text("/elsewhere/python3 3.11.0\n")
    (tmp_path / "venv" / "stale").write_text("from the old environment")
    second = _install(kit, tmp_path)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Python đã thay đổi" in second.stdout
    assert not (tmp_path / "venv" / "stale").exists()


def test_sh_refuses_another_python_version_in_vietnamese(linux_kit, tmp_path):
    kit, _ = linux_kit
    fake = tmp_path / "python3.9"
    fake.write_text("#!/bin/sh\necho 3.9\n")
    fake.chmod(0o755)
    done = _install(kit, tmp_path, python=str(fake))
    assert done.returncode == 14
    assert "là bản 3.9; bộ cài này dành cho Python" in done.stderr
    assert not (tmp_path / "venv").exists()


def test_sh_names_a_damaged_copy(linux_kit, tmp_path):
    kit, _ = linux_kit
    copy = Path(shutil.copytree(kit, tmp_path / "kit"))
    wheel = copy / "wheels" / "basedep-1.0-py3-none-any.whl"
    wheel.write_bytes(wheel.read_bytes() + b"\0")
    done = _install(copy, tmp_path)
    assert done.returncode == 15
    assert "wheels/basedep-1.0-py3-none-any.whl" in done.stdout
    assert "bị hỏng hoặc thiếu" in done.stderr
