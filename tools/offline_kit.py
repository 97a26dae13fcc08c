"""Make an offline install kit: every wheel DTI Scorer needs, in one folder to carry on a USB stick.

Run on a connected machine (any system: pip fetches the target's wheels)::

    python tools/offline_kit.py                       # Windows x86-64, Python 3.11 and 3.12
    python tools/offline_kit.py --out D:/dti-kit --python 3.12
    python tools/offline_kit.py --platform native     # this machine's system and Python
    python tools/offline_kit.py --build-tools         # also PyInstaller, to build the app offline

Dependencies are resolved for the target, not for the machine making the kit: pip runs with the
target's wheel tags *and* environment markers (``kit_target.py``), so Windows-only dependencies
(``tzdata`` for pandas, ``pefile`` and ``pywin32-ctypes`` for PyInstaller) are fetched even on
Linux. A dependency published only as source is built here into a wheel, if it is pure Python
(``py3-none-any``); otherwise the kit is refused. The finished kit is then checked as the
target's pip would install it, offline (``kit_check.py``): an incomplete kit is an error.

The kit holds ``wheels/``, ``SHA256SUMS.txt``, a bilingual ``README.md`` for the kit's system,
the user guides (``docs/``, ``criteria/``), ``ho-tro/`` (the installer's helper, the icon and
``kit.json``, what the kit was made for) and the install scripts of its system: ``cai-dat.bat``
and ``go-cai-dat.bat`` with Windows line endings for Windows, ``cai-dat.sh`` with Unix line
endings otherwise, whatever system makes the kit. Templates are in ``packaging/kit/``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import parse_wheel_filename

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))

from kit_check import Resolution, resolve_offline  # noqa: E402
from kit_target import Target, native, pip_command, target_for  # noqa: E402

from dti_app import __version__  # noqa: E402

__all__ = ["build_kit", "build_own_wheel", "kit_requirement_sets", "need_mb", "KitError",
           "main", "PYTHONS", "WINDOWS"]

WINDOWS = "win_amd64"
PYTHONS = ("3.11", "3.12")
KIT_FILES = REPO / "packaging" / "kit"
ICON = REPO / "packaging" / "dti-scorer.ico"
HELPER = "ho-tro"          # the kit's folder for the installer's helper, the icon and kit.json
_NO_MATCH = re.compile(r"No matching distribution found for (\S+)")


class KitError(Exception):
    """The kit cannot be made complete; the message says what is missing and why."""


def kit_requirement_sets(build_tools: bool) -> list[list[str]]:
    """What an officer installs from the kit: the app, and with build tools the app + PyInstaller.

    The build tools are the project's ``build`` extra (``pyproject.toml``), so the kit and
    ``pip install ".[build]"`` never disagree.
    """
    sets = [[f"dti-scorer=={__version__}"]]
    if build_tools:
        extras = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
        assert "build" in extras["project"]["optional-dependencies"]
        sets.append([f"dti-scorer[build]=={__version__}"])
    return sets


def _run(cmd: list[str]) -> subprocess.CompletedProcess:
    """Run pip showing its progress; its errors are kept to read the missing requirement."""
    print("$ " + " ".join(cmd[:2] + ["..."] + cmd[-3:]), flush=True)
    done = subprocess.run(cmd, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                          errors="replace")
    sys.stderr.write(done.stderr)
    return done


def build_own_wheel(dest: Path) -> Path:
    """The project's wheel, built from this source tree."""
    for old in dest.glob("dti_scorer-*.whl"):
        old.unlink()
    done = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", str(dest),
                 str(REPO)])
    own = sorted(dest.glob(f"dti_scorer-{__version__}-*.whl"))
    if done.returncode != 0 or not own:
        raise KitError(f"the project's wheel dti_scorer-{__version__} was not built")
    return own[-1]


def _download(target: Target, roots: list[str], wheels: Path, pip_options: list[str]) -> None:
    """Fetch the target's wheels of ``roots``; a pure-Python source-only dependency is built."""
    built: set[str] = set()
    while True:
        cmd = pip_command(target, ["download", "--dest", str(wheels), "--find-links",
                                   str(wheels), *pip_options, *roots])
        done = _run(cmd)
        if done.returncode == 0:
            return
        missing = _NO_MATCH.search(done.stderr)
        if missing is None or missing.group(1) in built:
            raise KitError(f"pip could not fetch the wheels for {target.label}")
        built.add(missing.group(1))
        _wheel_from_source(missing.group(1), target, wheels, pip_options)


def _wheel_from_source(requirement: str, target: Target, wheels: Path,
                       pip_options: list[str]) -> Path:
    """Build a ``py3-none-any`` wheel of ``requirement`` from its source distribution."""
    req = Requirement(requirement)
    spec = f"{req.name}{req.specifier}"
    with tempfile.TemporaryDirectory(prefix="dti-kit-sdist-") as tmp:
        sdists, built = Path(tmp) / "sdist", Path(tmp) / "wheel"
        fetched = _run([sys.executable, "-m", "pip", "download", "--no-deps",
                        "--no-binary=:all:", "--dest", str(sdists), *pip_options, spec])
        if fetched.returncode != 0:
            raise KitError(f"{spec} has no wheel for {target.label} and no source to build one")
        source = next(sdists.iterdir())
        made = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir",
                     str(built), *pip_options, str(source)])
        wheel = next(built.glob("*.whl"), None)
        if made.returncode != 0 or wheel is None:
            raise KitError(f"{spec}: no wheel for {target.label}; building one from "
                           f"{source.name} failed")
        tags = parse_wheel_filename(wheel.name)[3]
        if any(tag.abi != "none" or tag.platform != "any" for tag in tags):
            raise KitError(f"{spec}: no wheel for {target.label}, and {source.name} is not "
                           f"pure Python (built {wheel.name}): it cannot be made here")
        print(f"built {wheel.name} from {source.name} (no wheel published for {target.label})")
        return Path(shutil.copy2(wheel, wheels / wheel.name))


def need_mb(resolutions: list[Resolution]) -> int:
    """Free disk space to ask for: the largest install, its .pyc files and pip's, rounded up."""
    largest = max(r.installed_bytes for r in resolutions) / 2**20
    return int(math.ceil((largest * 1.3 + 150) / 50) * 50)


def build_kit(out: Path, targets: list[Target], own_wheel: Path, build_tools: bool = False,
              pip_options: list[str] | None = None) -> list[Resolution]:
    """Fill ``out`` with a complete kit for ``targets``; the checked resolutions.

    ``pip_options`` go to every download (an index or ``--find-links`` of one's own);
    the completeness check never uses them: it reads the kit alone.
    """
    options = list(pip_options or [])
    wheels = out / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    for old in wheels.glob("dti_scorer-*.whl"):
        if old.name != own_wheel.name:
            old.unlink()
    if own_wheel.parent.resolve() != wheels.resolve():
        shutil.copy2(own_wheel, wheels / own_wheel.name)
    sets = kit_requirement_sets(build_tools)
    roots = [str(wheels / own_wheel.name) + ("[build]" if build_tools else "")]
    for target in targets:
        _download(target, roots, wheels, options)
    resolutions = [resolve_offline(wheels, target, requirements)
                   for target in targets for requirements in sets]
    incomplete = [r for r in resolutions if r.problems]
    if incomplete:
        lines = [f"{r.summary()}: " + "; ".join(r.problems) for r in incomplete]
        raise KitError("the kit is incomplete:\n  " + "\n  ".join(lines))
    _write_files(out, targets, sets, build_tools, need_mb(resolutions))
    return resolutions


# --- the files beside the wheels ---------------------------------------------------------------

def _write(path: Path, text: str, windows: bool) -> None:
    """Text with the line endings of the kit's system, whatever system writes it."""
    text = text.replace("\r\n", "\n")
    path.write_bytes((text.replace("\n", "\r\n") if windows else text).encode("utf-8"))


def _fill(template: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        template = template.replace(f"@@{key}@@", value)
    left = re.findall(r"@@[A-Z_]+@@", template)
    if left:
        raise KitError(f"unfilled placeholders in a kit template: {left}")
    return template


def _write_files(out: Path, targets: list[Target], sets: list[list[str]], build_tools: bool,
                 need: int) -> None:
    family = targets[0].family
    windows = family == "windows"
    pythons = [t.python for t in targets]
    values = {"VERSION": __version__, "PYTHONS": " ".join(sorted(pythons, reverse=True)),
              "PYTHONS_TEXT": " / ".join(sorted(pythons, reverse=True)),
              "PLATFORM": targets[0].platform or "native", "NEED_MB": str(need),
              "BUILD_TOOLS_VI": _BUILD_TOOLS_VI if build_tools else "",
              "BUILD_TOOLS_EN": _BUILD_TOOLS_EN if build_tools else "",
              "SYSTEM": {"windows": "Windows", "macos": "macOS"}.get(family, "Linux")}
    for name in ("cai-dat.bat", "go-cai-dat.bat", "cai-dat.sh", "README.md"):
        (out / name).unlink(missing_ok=True)
    helper = out / HELPER
    helper.mkdir(exist_ok=True)
    shutil.copy2(KIT_FILES / "kiem_tra.py", helper / "kiem_tra.py")
    manifest = {"version": __version__, "platform": targets[0].platform, "pythons": pythons,
                "build_tools": build_tools, "requirement_sets": sets, "need_mb": need}
    _write(helper / "kit.json", json.dumps(manifest, indent=2) + "\n", windows)
    if windows:
        shutil.copy2(ICON, helper / ICON.name)
        for name in ("cai-dat.bat", "go-cai-dat.bat"):
            _write(out / name, _fill((KIT_FILES / name).read_text(encoding="utf-8"), values),
                   windows=True)
    else:
        script = out / "cai-dat.sh"
        _write(script, _fill((KIT_FILES / "cai-dat.sh").read_text(encoding="utf-8"), values),
               windows=False)
        script.chmod(0o755)
    readme = KIT_FILES / ("README-windows.md.in" if windows else "README-posix.md.in")
    _write(out / "README.md", _fill(readme.read_text(encoding="utf-8"), values), windows)
    _copy_guides(out)
    _write_sums(out, windows)


_BUILD_TOOLS_VI = ("\nCó kèm PyInstaller để đóng gói thư mục ứng dụng không cần mạng "
                   "(xem `docs/huong-dan.md`, mục 1.4).\n")
_BUILD_TOOLS_EN = ("\nPyInstaller is included, to build the application folder offline "
                   "(see `docs/guide.md`, section 1.4).\n")


def _copy_guides(out: Path) -> None:
    """The user guides (with their screenshots) and the criteria files they link to."""
    for name in ("docs", "criteria"):
        if (out / name).exists():
            shutil.rmtree(out / name)
        shutil.copytree(REPO / name, out / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.py"))


def _write_sums(out: Path, windows: bool) -> None:
    """SHA-256 of every file of the kit (``sha256sum -c`` format), checked by the installer."""
    files = sorted(p for p in out.rglob("*") if p.is_file() and p.name != "SHA256SUMS.txt")
    lines = [f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(out).as_posix()}"
             for p in files]
    _write(out / "SHA256SUMS.txt", "\n".join(lines) + "\n", windows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="offline-kit", help="kit folder (default: offline-kit)")
    parser.add_argument("--platform", default=WINDOWS,
                        help=f"pip platform tag (default {WINDOWS}); 'native' for this machine")
    parser.add_argument("--python", nargs="+", default=list(PYTHONS), metavar="X.Y",
                        help="Python versions (default: 3.11 3.12); ignored with --platform native")
    parser.add_argument("--build-tools", action="store_true",
                        help="also PyInstaller (the 'build' extra), to build the app offline")
    parser.add_argument("--clean", action="store_true", help="empty the kit folder first")
    args = parser.parse_args(argv)
    out = Path(args.out).resolve()
    if args.clean and out.exists():
        shutil.rmtree(out)
    targets = ([native()] if args.platform == "native"
               else [target_for(args.platform, python) for python in args.python])
    try:
        (out / "wheels").mkdir(parents=True, exist_ok=True)
        own = build_own_wheel(out / "wheels")
        resolutions = build_kit(out, targets, own, args.build_tools)
    except KitError as exc:
        sys.stderr.write(f"offline kit: {exc}\nThe kit in {out} is incomplete.\n")
        return 1
    for resolution in resolutions:
        print(f"checked offline: {resolution.summary()}")
    wheels = sorted((out / "wheels").glob("*.whl"))
    size = sum(f.stat().st_size for f in wheels) / 2**20
    print(f"{len(wheels)} wheels, {size:.1f} MiB, in {out / 'wheels'}")
    print(f"README: {out / 'README.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
