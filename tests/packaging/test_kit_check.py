"""The completeness check fails a kit that lacks what the target's pip needs, and says what."""

from __future__ import annotations

import shutil

import pytest
from kit_fixtures import clean_pip_environment

from dti_app import __version__


@pytest.fixture
def damaged_copy(windows_kit, tmp_path):
    kit, _ = windows_kit
    copy = tmp_path / "kit"
    shutil.copytree(kit, copy)
    return copy


def _check(kit):
    import kit_check

    with pytest.MonkeyPatch.context() as patch:
        clean_pip_environment(patch)
        return kit_check.check_kit(kit)


def test_a_complete_kit_passes_for_every_python_and_requirement_set(windows_kit):
    kit, _ = windows_kit
    results = _check(kit)
    assert [(r.target.label, r.problems) for r in results] == [
        ("win_amd64 Python 3.11", []), ("win_amd64 Python 3.11", []),
        ("win_amd64 Python 3.12", []), ("win_amd64 Python 3.12", [])]


def test_a_missing_windows_only_wheel_fails_the_check_by_name(damaged_copy):
    (damaged_copy / "wheels" / "winonly-1.0-py3-none-any.whl").unlink()
    results = _check(damaged_copy)
    assert all(r.problems for r in results)
    assert all("No matching distribution found for winonly" in " ".join(r.problems)
               for r in results)


def test_a_missing_build_tool_dependency_fails_only_the_build_tools_set(damaged_copy):
    (damaged_copy / "wheels" / "fakepe-1.0-py3-none-any.whl").unlink()
    verdicts = {(r.target.python, r.requirements[0]): bool(r.problems) for r in _check(damaged_copy)}
    assert verdicts == {("3.11", f"dti-scorer=={__version__}"): False,
                        ("3.12", f"dti-scorer=={__version__}"): False,
                        ("3.11", f"dti-scorer[build]=={__version__}"): True,
                        ("3.12", f"dti-scorer[build]=={__version__}"): True}


def test_a_wheel_for_one_python_only_fails_the_other(damaged_copy):
    (damaged_copy / "wheels" / "fastdep-1.0-cp312-cp312-win_amd64.whl").unlink()
    failed = {r.target.python for r in _check(damaged_copy) if r.problems}
    assert failed == {"3.12"}


def _report(kit, names_and_requires, environment):
    items = []
    for name, version, filename, requires in names_and_requires:
        items.append({"metadata": {"name": name, "version": version, "requires_dist": requires},
                      "download_info": {"url": (kit / "wheels" / filename).as_uri()}})
    return {"environment": environment, "install": items}


def test_pips_answer_is_checked_on_its_own_terms(tmp_path):
    """Markers judged for Windows with ``packaging``, tags, and where each wheel came from."""
    from kit_check import _check_report
    from kit_target import target_for

    target = target_for("win_amd64", "3.11")
    wheels = tmp_path / "wheels"
    report = _report(tmp_path, [
        ("dti-scorer", __version__, f"dti_scorer-{__version__}-py3-none-any.whl",
         ["pandas", 'pyinstaller; extra == "build"']),
        ("pandas", "3.0.0", "pandas-3.0.0-cp311-cp311-manylinux_2_17_x86_64.whl",
         ['tzdata; sys_platform == "win32"', 'linuxdep; sys_platform == "linux"']),
    ], target.markers)
    problems = _check_report(report, wheels, target, [f"dti-scorer=={__version__}"], [])
    assert problems == [
        "pandas-3.0.0-cp311-cp311-manylinux_2_17_x86_64.whl does not run on win_amd64 Python 3.11",
        'tzdata; sys_platform == "win32" (needed by pandas 3.0.0) is missing: not in the kit',
    ]
    # a report made with this machine's markers instead of the target's is refused
    linux = dict(target.markers, sys_platform="linux")
    assert "pip did not use the target's markers" in _check_report(
        _report(tmp_path, [], linux), wheels, target, [], [])[0]
    # a wheel found anywhere but the kit is refused
    elsewhere = _report(tmp_path / "other", [("basedep", "1.0", "basedep-1.0-py3-none-any.whl", [])],
                        target.markers)
    assert "came from outside the kit" in _check_report(elsewhere, wheels, target, [], [])[0]


def test_targets_have_the_markers_of_their_system():
    from kit_target import family_of, target_for

    windows = target_for("win_amd64", "3.12")
    assert windows.markers["sys_platform"] == "win32"
    assert windows.markers["platform_system"] == "Windows"
    assert windows.markers["platform_machine"] == "AMD64"
    assert windows.markers["python_full_version"] == "3.12.10"   # last Windows installer of 3.12
    assert windows.family == "windows"
    linux = target_for("manylinux_2_28_aarch64", "3.11")
    assert (linux.markers["sys_platform"], linux.markers["platform_machine"]) == ("linux", "aarch64")
    assert family_of("macosx_11_0_arm64") == "macos"
    with pytest.raises(ValueError, match="unknown platform tag"):
        target_for("amiga_68k", "3.11")
