"""A kit holds what the target's pip needs (its markers, its wheel tags), with the target's files."""

from __future__ import annotations

import json
import stat

import pytest
from kit_fixtures import HERE_PYTHON, LINUX_PLATFORM, build_test_kit, make_local_index

from dti_app import __version__


def _wheel_names(kit):
    return sorted(p.name for p in (kit / "wheels").glob("*.whl"))


def test_windows_kit_made_here_has_every_windows_only_dependency(windows_kit):
    kit, resolutions = windows_kit
    names = _wheel_names(kit)
    # Windows-only by marker: fetched although this machine is not Windows
    assert "winonly-1.0-py3-none-any.whl" in names
    assert "fakepe-1.0-py3-none-any.whl" in names                  # via the build tools
    # published only as source: built here into a pure wheel
    assert "winsrc-1.0-py3-none-any.whl" in names
    # one compiled wheel per Python, for Windows only
    fast = [n for n in names if n.startswith("fastdep")]
    assert fast == ["fastdep-1.0-cp311-cp311-win_amd64.whl", "fastdep-1.0-cp312-cp312-win_amd64.whl"]
    # the building machine's own markers play no part
    assert not any(n.startswith("linuxonly") for n in names)
    checked = {(r.target.python, tuple(r.requirements)) for r in resolutions}
    assert checked == {(p, (f"dti-scorer=={__version__}",)) for p in ("3.11", "3.12")} | {
        (p, (f"dti-scorer[build]=={__version__}",)) for p in ("3.11", "3.12")}
    assert all(not r.problems for r in resolutions)
    installed = {w.name for r in resolutions if r.target.python == "3.12" for w in r.wheels}
    assert "fastdep-1.0-cp312-cp312-win_amd64.whl" in installed
    assert "fastdep-1.0-cp311-cp311-win_amd64.whl" not in installed


def test_windows_kit_files_have_windows_line_endings_and_a_windows_readme(windows_kit):
    kit, _ = windows_kit
    assert not (kit / "cai-dat.sh").exists()
    for name in ("cai-dat.bat", "go-cai-dat.bat", "README.md", "SHA256SUMS.txt"):
        data = (kit / name).read_bytes()
        assert data.count(b"\n") == data.count(b"\r\n") > 0, name
        assert not data.startswith(b"\xef\xbb\xbf"), name        # a BOM breaks cmd's first line
    readme = (kit / "README.md").read_text(encoding="utf-8")
    assert readme.startswith(f"# Bộ cài đặt ngoại tuyến DTI Scorer {__version__} cho Windows")
    assert "cai-dat.bat" in readme and "go-cai-dat.bat" in readme
    assert "Python 3.12 / 3.11" in readme and "win_amd64" in readme
    assert "cai-dat.sh" not in readme and "@@" not in readme
    assert "PyInstaller" in readme                                  # made with the build tools
    manifest = json.loads((kit / "ho-tro" / "kit.json").read_text(encoding="utf-8"))
    assert manifest["platform"] == "win_amd64" and manifest["pythons"] == ["3.11", "3.12"]
    assert (kit / "ho-tro" / "dti-scorer.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"


def test_windows_installer_is_filled_in_for_this_kit(windows_kit):
    kit, _ = windows_kit
    text = (kit / "cai-dat.bat").read_text(encoding="utf-8")
    assert f'set "VERSION={__version__}"' in text
    assert 'set "PYTHONS=3.12 3.11"' in text
    need = json.loads((kit / "ho-tro" / "kit.json").read_text(encoding="utf-8"))["need_mb"]
    assert f'set "NEED_MB={need}"' in text and need >= 150
    assert "@@" not in text


def test_sums_cover_every_file_of_the_kit(windows_kit):
    kit, _ = windows_kit
    listed = {line.split("  ", 1)[1] for line in
              (kit / "SHA256SUMS.txt").read_text(encoding="utf-8").splitlines()}
    present = {p.relative_to(kit).as_posix() for p in kit.rglob("*") if p.is_file()}
    assert listed == present - {"SHA256SUMS.txt"}


def test_linux_kit_has_unix_line_endings_and_a_linux_readme(linux_kit):
    kit, resolutions = linux_kit
    assert not (kit / "cai-dat.bat").exists() and not (kit / "go-cai-dat.bat").exists()
    script = kit / "cai-dat.sh"
    assert script.stat().st_mode & stat.S_IXUSR
    for name in ("cai-dat.sh", "README.md", "SHA256SUMS.txt"):
        assert b"\r" not in (kit / name).read_bytes(), name
    readme = (kit / "README.md").read_text(encoding="utf-8")
    assert readme.startswith(f"# Bộ cài đặt ngoại tuyến DTI Scorer {__version__} cho Linux")
    assert "./cai-dat.sh" in readme and LINUX_PLATFORM in readme
    assert "cai-dat.bat" not in readme and "%LOCALAPPDATA%" not in readme
    assert "PyInstaller" not in readme
    names = _wheel_names(kit)
    assert "linuxonly-1.0-py3-none-any.whl" in names
    assert not any(n.startswith(("winonly", "winsrc")) for n in names)
    assert [r.target.python for r in resolutions] == [HERE_PYTHON]


def test_a_source_only_dependency_with_compiled_parts_is_refused(tmp_path):
    import offline_kit
    from kit_target import target_for
    from package_factory import sdist

    index = make_local_index(tmp_path / "index")
    sdist(index, "wincext", "1.0", tag=f"cp311-cp311-{LINUX_PLATFORM}")
    with pytest.raises(offline_kit.KitError, match="wincext.*not pure Python"):
        build_test_kit(tmp_path / "kit", [target_for("win_amd64", "3.11")], index, False,
                       requires=['wincext; sys_platform == "win32"'])


def test_a_dependency_missing_everywhere_stops_the_kit(tmp_path):
    import offline_kit
    from kit_target import target_for

    index = make_local_index(tmp_path / "index")
    with pytest.raises(offline_kit.KitError, match="nowhere has no wheel for win_amd64 Python 3.12 and no source"):
        build_test_kit(tmp_path / "kit", [target_for("win_amd64", "3.12")], index, False,
                       requires=['nowhere; sys_platform == "win32"'])
