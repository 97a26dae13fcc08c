"""Build the one-folder desktop app with PyInstaller, then check that it works.

    python tools/build_app.py                 # build dist/DTI-Scorer/ and check it
    python tools/build_app.py --no-check      # build only
    python tools/build_app.py --check-only    # check an existing build

Needs PyInstaller in the same Python as the project's dependencies (``pip install pyinstaller``;
the offline kit made with ``tools/offline_kit.py --build-tools`` carries it). Build on the system
you ship to: a Windows build is made on Windows, with the same command. The spec is
``packaging/dti_app.spec``; what it carries besides code is listed in ``packaging/bundle_files.py``.

The check runs the built programs as a user would, with no network needed: ``dti-scorer
--version``, ``dti-scorer demo --out DIR`` (the bundled sample workbooks scored with the bundled
criteria: all 63 units scored in the JSON result, the ranking workbook and the PNG charts written)
and ``dti-app --check-start`` (the window opens offscreen, draws once and quits), and verifies
that the data files are in the bundle. It prints the size of the folder.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "packaging"))

from bundle_files import REQUIRED  # noqa: E402

from dti_app import __version__  # noqa: E402

__all__ = ["build", "check", "folder_size", "program", "APP_NAME", "main"]

APP_NAME = "DTI-Scorer"
SPEC = REPO / "packaging" / "dti_app.spec"


def build(dist: Path, work: Path) -> Path:
    """Run PyInstaller on the spec; the built folder."""
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise SystemExit("Chưa cài PyInstaller / PyInstaller is not installed: "
                         f"{sys.executable} -m pip install pyinstaller") from None
    subprocess.run([sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm",
                    "--distpath", str(dist), "--workpath", str(work)], check=True)
    return dist / APP_NAME


def program(folder: Path, name: str) -> Path:
    return folder / (f"{name}.exe" if os.name == "nt" else name)


def folder_size(folder: Path) -> int:
    """Bytes of every file under ``folder``."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _run(cmd: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    print("$ " + " ".join(cmd), flush=True)
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, encoding="utf-8",
                          errors="replace", timeout=300)
    for line in (done.stdout + done.stderr).strip().splitlines()[-14:]:
        print("    " + line)
    return done


def check(folder: Path) -> list[str]:
    """Run the built programs; the problems found (empty: it works)."""
    problems = []
    internal = folder / "_internal"
    problems += [f"missing in the bundle: {rel}" for rel in REQUIRED
                 if not (internal / rel).is_file()]
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": tmp,
               "PYTHONPATH": ""}
        cli, app = str(program(folder, "dti-scorer")), str(program(folder, "dti-app"))
        done = _run([cli, "--version"], env)
        if done.returncode != 0 or __version__ not in done.stdout:
            problems.append(f"dti-scorer --version: exit {done.returncode}, {done.stdout!r}")
        out = Path(tmp) / "demo"
        done = _run([cli, "demo", "--out", str(out)], env)
        result = out / "ket_qua.json"
        if done.returncode != 0 or not result.is_file():
            problems.append(f"dti-scorer demo: exit {done.returncode}")
        else:
            scored = [u for u in json.loads(result.read_text(encoding="utf-8"))["units"]
                      if u["status"] == "scored"]
            written = {p.suffix for p in out.rglob("*") if p.is_file()}
            print(f"    demo: {len(scored)} units scored; wrote {sorted(written)}")
            if len(scored) != 63:
                problems.append(f"dti-scorer demo scored {len(scored)} units, not 63")
            if not {".xlsx", ".png"} <= written:
                problems.append("dti-scorer demo wrote no ranking workbook or no chart")
        done = _run([app, "--check-start"], env)
        if done.returncode != 0 or (os.name != "nt" and "DTI Scorer" not in done.stdout):
            problems.append(f"dti-app --check-start: exit {done.returncode}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", default=str(REPO / "dist"), help="output folder (default dist)")
    parser.add_argument("--work", default=str(REPO / "build" / "pyinstaller"),
                        help="PyInstaller's work folder (default build/pyinstaller)")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--no-check", action="store_true", help="build only")
    group.add_argument("--check-only", action="store_true", help="check an existing build")
    args = parser.parse_args(argv)
    folder = Path(args.dist).resolve() / APP_NAME
    if not args.check_only:
        try:
            folder = build(Path(args.dist).resolve(), Path(args.work).resolve())
        except subprocess.CalledProcessError as exc:
            sys.stderr.write(f"PyInstaller failed (exit {exc.returncode})\n")
            return 1
    if not folder.is_dir():
        sys.stderr.write(f"no build at {folder}\n")
        return 2
    print(f"{folder}: {folder_size(folder) / 2**20:.0f} MiB")
    if args.no_check:
        return 0
    problems = check(folder)
    for problem in problems:
        sys.stderr.write(f"FAILED: {problem}\n")
    print("check: " + ("FAILED" if problems else "OK (CLI demo and offscreen app start)"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
