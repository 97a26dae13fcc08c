"""Make an offline install kit: every wheel DTI Scorer needs, in one folder to carry on a USB stick.

Run on a connected machine (any system: pip downloads the wheels of the target platform)::

    python tools/offline_kit.py                       # Windows x86-64, Python 3.11 and 3.12
    python tools/offline_kit.py --out D:/dti-kit --python 3.12
    python tools/offline_kit.py --platform native     # this machine's system and Python
    python tools/offline_kit.py --build-tools         # also PyInstaller, to build the app offline

The kit holds ``wheels/`` (the project's own wheel, made with ``pip wheel --no-deps``, and every
dependency as a binary wheel, ``pip download --only-binary=:all:``), ``SHA256SUMS.txt``, a
bilingual ``README.md`` (Vietnamese first), the user guides (``docs/``, ``criteria/``) and two install scripts (``cai-dat.bat`` for Windows,
``cai-dat.sh`` for Linux/macOS) that run ``pip install --no-index --find-links wheels``.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from dti_app import __version__  # noqa: E402

__all__ = ["download_command", "build_kit", "main", "PYTHONS", "WINDOWS"]

WINDOWS = "win_amd64"
PYTHONS = ("3.11", "3.12")
BUILD_TOOLS = ("pyinstaller",)


def download_command(requirements: list[str], dest: Path, platform: str | None,
                     python: str | None) -> list[str]:
    """The ``pip download`` that fetches binary wheels of ``requirements`` for one target.

    ``platform`` None (with ``python`` None) means the running interpreter's own platform.
    """
    cmd = [sys.executable, "-m", "pip", "download", "--only-binary=:all:", "--dest", str(dest)]
    if platform is not None:
        cmd += ["--platform", platform, "--implementation", "cp"]
    if python is not None:
        cmd += ["--python-version", python]
    return cmd + requirements


def _run(cmd: list[str]) -> None:
    print("$ " + " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True)


def build_kit(out: Path, platform: str | None, pythons: list[str | None],
              build_tools: bool = False) -> list[Path]:
    """Fill ``out`` with the kit; the wheels it holds."""
    wheels = out / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    for old in wheels.glob("dti_scorer-*.whl"):
        old.unlink()
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", str(wheels),
          str(REPO)])
    own = sorted(wheels.glob(f"dti_scorer-{__version__}-*.whl"))
    if not own:
        raise SystemExit(f"the project's wheel dti_scorer-{__version__} was not built")
    requirements = [str(own[-1])] + (list(BUILD_TOOLS) if build_tools else [])
    for python in pythons:
        _run(download_command(requirements, wheels, platform, python))
    found = sorted(wheels.glob("*.whl"))
    _write_sums(out / "SHA256SUMS.txt", found)
    _copy_guides(out)
    (out / "README.md").write_text(readme(platform, pythons, build_tools), encoding="utf-8")
    (out / "cai-dat.bat").write_bytes(WINDOWS_SCRIPT.replace("\n", "\r\n").encode("utf-8"))
    script = out / "cai-dat.sh"
    script.write_text(UNIX_SCRIPT, encoding="utf-8")
    script.chmod(0o755)
    return found


def _copy_guides(out: Path) -> None:
    """The user guides (with their screenshots) and the criteria files they link to."""
    for name in ("docs", "criteria"):
        if (out / name).exists():
            shutil.rmtree(out / name)
        shutil.copytree(REPO / name, out / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.py"))


def _write_sums(path: Path, files: list[Path]) -> None:
    lines = [f"{hashlib.sha256(f.read_bytes()).hexdigest()}  wheels/{f.name}" for f in files]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def readme(platform: str | None, pythons: list[str | None], build_tools: bool) -> str:
    target = platform or "native"
    versions = ", ".join(p or f"{sys.version_info.major}.{sys.version_info.minor}"
                         for p in pythons)
    extra_vi = ("\n- Có sẵn PyInstaller để đóng gói ứng dụng không cần mạng "
                "(xem `docs/huong-dan.md`, mục 1.4).") if build_tools else ""
    extra_en = ("\n- PyInstaller is included, to build the app offline (see `docs/guide.md`, "
                "section 1.4).") if build_tools else ""
    return README_TEMPLATE.format(version=__version__, target=target, versions=versions,
                                  extra_vi=extra_vi, extra_en=extra_en)


README_TEMPLATE = """\
# Bộ cài đặt ngoại tuyến DTI Scorer {version}

Thư mục này chứa mọi thứ để cài DTI Scorer trên máy **không có mạng**:
gói của DTI Scorer và mọi gói nó cần (`wheels/`), dành cho hệ `{target}`, Python {versions}.{extra_vi}
Hướng dẫn sử dụng: `docs/huong-dan.md` (cũng mở được trong ứng dụng: menu Trợ giúp).

## Cài trên Windows

1. Cài Python 3.12 (hoặc 3.11) bản 64-bit cho Windows nếu máy chưa có; khi cài, đánh dấu
   "Add python.exe to PATH". Bộ cài Python (tệp `python-3.12.x-amd64.exe`) cần được chép sẵn
   vào USB từ máy có mạng.
2. Chép cả thư mục này vào máy, nhấp đúp `cai-dat.bat`. Tệp này tạo môi trường riêng trong
   `%LOCALAPPDATA%\\DTI-Scorer\\venv`, cài từ thư mục `wheels` (không dùng mạng), chạy thử
   `dti-scorer demo` và tạo lối tắt "DTI Scorer" trên màn hình.
3. Hoặc tự gõ trong cửa sổ lệnh (cmd), ngay trong thư mục này:

```bat
py -3.12 -m venv "%LOCALAPPDATA%\\DTI-Scorer\\venv"
"%LOCALAPPDATA%\\DTI-Scorer\\venv\\Scripts\\python.exe" -m pip install --no-index --find-links wheels dti-scorer
"%LOCALAPPDATA%\\DTI-Scorer\\venv\\Scripts\\dti-scorer.exe" demo
"%LOCALAPPDATA%\\DTI-Scorer\\venv\\Scripts\\dti-app.exe"
```

## Cài trên Linux hoặc macOS

```bash
./cai-dat.sh                 # hoặc:
python3 -m venv ~/dti-scorer-venv
~/dti-scorer-venv/bin/python -m pip install --no-index --find-links wheels dti-scorer
~/dti-scorer-venv/bin/dti-scorer demo
```

`--no-index` bảo pip không tìm trên Internet; `--find-links wheels` chỉ cho pip thư mục gói.
Kiểm tra tệp không bị hỏng khi chép: so với `SHA256SUMS.txt` (`certutil -hashfile TỆP SHA256`
trên Windows, `sha256sum -c SHA256SUMS.txt` trên Linux).

---

# DTI Scorer {version} offline install kit

This folder holds everything needed to install DTI Scorer on a computer **without network
access**: the DTI Scorer wheel and every wheel it needs (`wheels/`), for `{target}`,
Python {versions}.{extra_en}
User guide: `docs/guide.md` (also in the app's Help menu).

## Windows

1. Install 64-bit Python 3.12 (or 3.11) for Windows if it is not there; tick "Add python.exe to
   PATH". Bring the Python installer (`python-3.12.x-amd64.exe`) on the USB stick too.
2. Copy this folder to the computer and double-click `cai-dat.bat`. It makes a private
   environment in `%LOCALAPPDATA%\\DTI-Scorer\\venv`, installs from `wheels` (no network), runs
   `dti-scorer demo` once and puts a "DTI Scorer" shortcut on the desktop.
3. Or type the commands shown above (Vietnamese section) in a command prompt in this folder.

## Linux or macOS

Run `./cai-dat.sh`, or the commands shown above. `--no-index` keeps pip off the Internet;
`--find-links wheels` points it at this kit. Check the copy against `SHA256SUMS.txt`.
"""

WINDOWS_SCRIPT = """\
@echo off
rem Cai DTI Scorer tu thu muc wheels, khong dung mang / Install DTI Scorer offline.
chcp 65001 >nul
setlocal
set "KIT=%~dp0"
set "VENV=%LOCALAPPDATA%\\DTI-Scorer\\venv"
set "PY="
py -3.12 -c "pass" >nul 2>&1 && set "PY=py -3.12"
if not defined PY py -3.11 -c "pass" >nul 2>&1 && set "PY=py -3.11"
if not defined PY python -c "import sys; sys.exit(sys.version_info[:2] not in ((3, 11), (3, 12)))" >nul 2>&1 && set "PY=python"
if not defined PY (
  echo Chưa có Python 3.11 hoặc 3.12 ^(64-bit^). Hãy cài Python rồi chạy lại tệp này.
  echo Python 3.11 or 3.12 ^(64-bit^) is needed. Install it, then run this file again.
  pause
  exit /b 2
)
%PY% -m venv "%VENV%" || goto failed
"%VENV%\\Scripts\\python.exe" -m pip install --no-index --find-links "%KIT%wheels" --upgrade dti-scorer || goto failed
"%VENV%\\Scripts\\dti-scorer.exe" demo
powershell -NoProfile -Command "$s = (New-Object -ComObject WScript.Shell).CreateShortcut([Environment]::GetFolderPath('Desktop') + '\\DTI Scorer.lnk'); $s.TargetPath = $env:VENV + '\\Scripts\\dti-app.exe'; $s.Save()"
echo.
echo Đã cài xong. Mở ứng dụng bằng lối tắt "DTI Scorer" trên màn hình.
echo Installed. Open the app with the "DTI Scorer" shortcut on the desktop.
pause
exit /b 0
:failed
echo Cài đặt không thành công; xem thông báo ở trên. / Installation failed; see above.
pause
exit /b 1
"""

UNIX_SCRIPT = """\
#!/bin/sh
# Cài DTI Scorer từ thư mục wheels, không dùng mạng / Install DTI Scorer offline.
set -e
KIT="$(cd "$(dirname "$0")" && pwd)"
VENV="${DTI_VENV:-$HOME/dti-scorer-venv}"
PYTHON="${PYTHON:-python3}"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --no-index --find-links "$KIT/wheels" --upgrade dti-scorer
"$VENV/bin/dti-scorer" demo
echo "Đã cài xong / installed: $VENV/bin/dti-app (ứng dụng / app), $VENV/bin/dti-scorer (dòng lệnh / CLI)"
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="offline-kit", help="kit folder (default: offline-kit)")
    parser.add_argument("--platform", default=WINDOWS,
                        help=f"pip platform tag (default {WINDOWS}); 'native' for this machine")
    parser.add_argument("--python", nargs="+", default=list(PYTHONS), metavar="X.Y",
                        help="Python versions (default: 3.11 3.12); ignored with --platform native")
    parser.add_argument("--build-tools", action="store_true",
                        help="also download PyInstaller (to build the one-folder app offline)")
    parser.add_argument("--clean", action="store_true", help="empty the kit folder first")
    args = parser.parse_args(argv)
    out = Path(args.out).resolve()
    if args.clean and out.exists():
        shutil.rmtree(out)
    native = args.platform == "native"
    platform = None if native else args.platform
    pythons: list[str | None] = [None] if native else list(args.python)
    try:
        found = build_kit(out, platform, pythons, args.build_tools)
    except subprocess.CalledProcessError as exc:
        sys.stderr.write(f"pip failed (exit {exc.returncode}); the kit is incomplete: {out}\n")
        return 1
    size = sum(f.stat().st_size for f in found) / 2**20
    print(f"{len(found)} wheels, {size:.1f} MiB, in {out / 'wheels'}")
    print(f"README: {out / 'README.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
