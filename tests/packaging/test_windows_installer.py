"""cai-dat.bat and go-cai-dat.bat, read as cmd.exe would, as far as a machine without Windows can.

There is no cmd.exe here, so the scripts written into a Windows kit are checked for what makes
them work there: UTF-8 without a BOM and Windows line endings (cmd misreads labels in a file with
Unix ones), nothing but ASCII until ``chcp 65001``, every jump landing on a label, every program
run followed by a check of its exit status, every failure a Vietnamese and an English message
with what to do, and the steps the issue asks for (64-bit Python, a new environment when Python
changed, the demo under Documents, shortcuts with the icon and a working folder).
"""

from __future__ import annotations

import re

import pytest

FAILURES = {            # label -> words its Vietnamese message must hold
    "in_zip": [".zip", "Giải nén tất cả"],
    "no_wheels": ["wheels"],
    "python_missing": ["Không tìm thấy Python"],
    "python_32bit": ["32-bit", "64-bit", "%SEEN_32%"],
    "python_version": ["%SEEN_OTHER%", "%PYTHONS_TEXT%"],
    "damaged": ["Bước 3/8", "hỏng"],
    "no_space": ["Bước 4/8", "%FREE_MB%", "%NEED_MB%"],
    "app_folder_failed": ["Bước 4/8"],
    "venv_locked": ["Bước 5/8", "đang mở"],
    "venv_failed": ["Bước 5/8"],
    "pip_failed": ["Bước 6/8", "cai-dat-pip.log"],
    "demo_failed": ["Bước 7/8"],
    "shortcut_failed": ["Bước 8/8", "dti-app.exe"],
}


def _lines(path) -> list[str]:
    data = path.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf"), "a BOM makes cmd misread the first line"
    assert data.count(b"\n") == data.count(b"\r\n"), "cmd needs Windows line endings"
    return data.decode("utf-8").split("\r\n")


def _labels(lines) -> set[str]:
    return {line[1:].split()[0].lower() for line in lines if re.match(r":[A-Za-z_]", line)}


def _failure_messages(lines) -> dict[str, dict[str, str]]:
    """label -> the variables its block sets (ERR_VI, FIX_VI, ERR_EN, FIX_EN, CODE)."""
    found: dict[str, dict[str, str]] = {}
    current = None
    for line in lines:
        if re.match(r":[A-Za-z_]", line):
            current = line[1:].strip().lower()
            continue
        match = re.fullmatch(r'set "([A-Z_]+)=(.*)"', line)
        if current and match:
            found.setdefault(current, {})[match.group(1)] = match.group(2)
    return {label: found.get(label, {}) for label in FAILURES}


@pytest.fixture(scope="module")
def installer(windows_kit):
    kit, _ = windows_kit
    return _lines(kit / "cai-dat.bat")


@pytest.fixture(scope="module")
def uninstaller(windows_kit):
    kit, _ = windows_kit
    return _lines(kit / "go-cai-dat.bat")


@pytest.mark.parametrize("which", ["installer", "uninstaller"])
def test_code_page_is_set_before_any_vietnamese_text(which, request):
    lines = request.getfixturevalue(which)
    switch = next(i for i, line in enumerate(lines) if line.startswith("chcp 65001"))
    assert switch < 20
    assert all(line.isascii() for line in lines[:switch])
    assert not all(line.isascii() for line in lines[switch:])
    assert any(line.startswith("if defined OLDCP chcp %OLDCP%") for line in lines)  # restored


@pytest.mark.parametrize("which", ["installer", "uninstaller"])
def test_every_jump_lands_on_a_label_and_no_block_spans_lines(which, request):
    lines = request.getfixturevalue(which)
    jumps = {m.lower() for line in lines for m in re.findall(r"(?:goto|call) :(\w+)", line)}
    assert jumps - {"eof"} <= _labels(lines)
    # a multi-line ( ... ) block breaks when a path in it holds a parenthesis
    assert not [line for line in lines if line.rstrip().endswith("(")]


def test_every_failure_says_what_happened_and_what_to_do(installer):
    messages = _failure_messages(installer)
    codes = []
    for label, words in FAILURES.items():
        block = messages[label]
        assert set(block) >= {"CODE", "ERR_VI", "FIX_VI", "ERR_EN", "FIX_EN"}, label
        assert not block["ERR_VI"].isascii() and not block["FIX_VI"].isascii(), label
        assert block["ERR_EN"].isascii() and block["FIX_EN"].isascii(), label
        for word in words:
            assert word in block["ERR_VI"] + block["FIX_VI"], (label, word)
        # characters cmd would eat or act on when the message is shown
        assert not re.search(r"[!^]", "".join(block.values())), label
        assert any(f"goto :{label}" in line for line in installer), f"{label} is never reached"
        codes.append(block["CODE"])
    assert len(set(codes)) == len(codes)
    fail = installer.index(":fail")
    shown = "\n".join(installer[fail:fail + 10])
    assert "!ERR_VI!" in shown and "Cách khắc phục: !FIX_VI!" in shown and "!FIX_EN!" in shown


def test_every_program_run_is_checked(installer):
    runs = [i for i, line in enumerate(installer)
            if re.match(r'("%|%\*|powershell |copy )', line)]
    assert len(runs) >= 10
    for i in runs:
        check = installer[i + 1]
        assert re.match(r"if (not )?errorlevel 1 (goto :\w+|exit /b 1)$", check), installer[i]


def test_python_must_be_a_64_bit_version_the_kit_serves(installer):
    text = "\n".join(installer)
    assert "struct.calcsize('P')" in text
    assert 'if not "%P_BITS%"=="64" (set "SEEN_32=%P_VER%" & exit /b 1)' in text
    assert 'for %%v in (%PYTHONS%) do if "%%v"=="%P_VER%" set "P_OK=1"' in text
    # the py launcher per version (its 64-bit one first), then python and py as they come
    probes = [line for line in installer if "call :probe " in line and not line.startswith("rem")]
    assert probes == [
        "for %%v in (%PYTHONS%) do if not defined PYEXE call :probe py -%%v-64",
        "for %%v in (%PYTHONS%) do if not defined PYEXE call :probe py -%%v",
        "if not defined PYEXE call :probe python",
        "if not defined PYEXE call :probe py"]


def test_the_environment_is_made_again_when_python_changed(installer):
    text = "\n".join(installer)
    assert 'if not "%OLD_ID%"=="%PYID%" goto :remove_venv' in text
    remove = installer.index(":remove_venv")
    assert 'rmdir /s /q "%VENV%" >nul 2>&1' in installer[remove:remove + 5]
    assert 'copy /y "%TMPF%.python" "%APP%\\python.txt" >nul' in text   # the Python remembered


def test_nothing_is_written_to_the_current_folder(installer):
    """Run as administrator the current folder is System32; the demo goes under Documents."""
    assert not [line for line in installer if re.match(r"(cd|pushd|mkdir|md) ", line)
                and "%APP%" not in line]
    targets = re.findall(r'>\s*"([^"]+)"', "\n".join(installer))
    assert targets and all(t.startswith(("%TMPF%", "%APP%")) for t in targets)
    assert '"%VENV%\\Scripts\\python.exe" "%HELPER%" demo' in installer
    assert not [line for line in installer if "dti-scorer.exe\" demo" in line]


def test_shortcuts_have_the_icon_and_a_working_folder(installer):
    shortcut = next(line for line in installer if line.startswith("powershell "))
    for part in ("GetFolderPath('Desktop')", "GetFolderPath('Programs')", "'DTI Scorer.lnk'",
                 "$link.IconLocation = $env:DTI_ICON", "$link.WorkingDirectory = $work",
                 "GetFolderPath('MyDocuments')", "Test-Path"):
        assert part in shortcut, part
    text = "\n".join(installer)
    assert 'set "DTI_ICON=%APP%\\dti-scorer.ico"' in text
    assert 'copy /y "%KIT%go-cai-dat.bat" "%APP%\\go-cai-dat.bat" >nul' in text
    # "installed" is said only after the last step succeeded
    done = next(i for i, line in enumerate(installer) if line.startswith("echo Đã cài xong"))
    assert installer.index(shortcut) < done
    assert installer[installer.index(shortcut) + 1] == "if errorlevel 1 goto :shortcut_failed"


def test_the_uninstaller_keeps_the_users_files(uninstaller):
    text = "\n".join(uninstaller)
    removals = [line for line in uninstaller if re.match(r"(rmdir|del|rd) ", line)]
    assert removals and all('"%APP%' in line for line in removals)
    assert "Remove-Item -LiteralPath $path" in text and "'DTI Scorer.lnk'" in text
    assert "GetFolderPath('Desktop')" in text and "GetFolderPath('Programs')" in text
    assert "MyDocuments" not in text
    assert 'choice /c CK' in text                                   # asks first
    # its copy in %APP% first hands over to a copy in %TEMP%, then removes %APP% whole
    assert 'if /i not "%~dp0"=="%LOCALAPPDATA%\\DTI-Scorer\\" goto :start' in uninstaller
    assert '"%TEMP%\\dti-scorer-go-cai-dat.bat" %*' in uninstaller


def _as_in_guide(text: str) -> str:
    """A message as the guides quote it: what the installer fills in shown as "…"."""
    return re.sub(r"%[A-Z_0-9]+%", "…", text)


def test_the_guides_walk_through_every_step_and_every_message(installer, repo):
    """The install section of each guide quotes each step line and each failure, in its language."""
    vietnamese = (repo / "docs" / "huong-dan.md").read_text(encoding="utf-8")
    english = (repo / "docs" / "guide.md").read_text(encoding="utf-8")
    steps = [re.fullmatch(r"echo (\[\d/8\]) (.*) / (.*)", line) for line in installer]
    steps = [m for m in steps if m]
    assert [m.group(1) for m in steps] == [f"[{n}/8]" for n in range(1, 9)]
    for match in steps:
        step, vi, en = match.groups()
        assert f"`{step} {_as_in_guide(vi)}`" in vietnamese, step
        assert f"`{step} {_as_in_guide(en)}`" in english, step
    for label, block in _failure_messages(installer).items():
        assert f"| {_as_in_guide(block['ERR_VI'])} |" in vietnamese, label
        assert f"| {_as_in_guide(block['ERR_EN'])} |" in english, label
