"""Make an offline install kit: every wheel DTI Scorer needs, in one folder to carry on a USB stick.

Run on a connected machine (any system: pip downloads the wheels of the target platform)::

    python tools/offline_kit.py                       # Windows x86-64, Python 3.11 and 3.12
    python tools/offline_kit.py --out D:/dti-kit --python 3.12
    python tools/offline_kit.py --platform native     # this machine's system and Python
    python tools/offline_kit.py --build-tools         # also PyInstaller, to build the app offline

The kit holds ``wheels/`` (the project's own wheel, made with ``pip wheel --no-deps``, and every
dependency as a binary wheel, ``pip download --only-binary=:all:``), ``SHA256SUMS.txt``, a
bilingual ``README.md`` (Vietnamese first), the user guides (``docs/``, ``criteria/``) and two
install scripts (``cai-dat.bat`` for Windows, ``cai-dat.sh`` for Linux/macOS) that run
``pip install --no-index --find-links wheels``; the README and the scripts come from
``packaging/kit/``.
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
KIT_FILES = REPO / "packaging" / "kit"     # the kit's README template and install scripts


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
    windows = (KIT_FILES / "cai-dat.bat").read_text(encoding="utf-8")
    (out / "cai-dat.bat").write_bytes(windows.replace("\n", "\r\n").encode("utf-8"))
    script = out / "cai-dat.sh"
    script.write_text((KIT_FILES / "cai-dat.sh").read_text(encoding="utf-8"), encoding="utf-8")
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
    template = (KIT_FILES / "README.md.in").read_text(encoding="utf-8")
    return template.format(version=__version__, target=target, versions=versions,
                                  extra_vi=extra_vi, extra_en=extra_en)






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
