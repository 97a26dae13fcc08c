"""Kits made from a local folder of small packages: the real kit code, no network.

The local packages mimic the project's situation: a dependency for every system, one for Windows
only (as ``tzdata`` for pandas), one for Linux only, one with compiled wheels per Python, one
published for Windows only as a pure-Python source distribution, and build tools whose own
dependency is Windows-only (as ``pefile`` for PyInstaller).
"""

from __future__ import annotations

import os
import platform
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tools"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from package_factory import fake_app_wheel, sdist, wheel  # noqa: E402

from dti_app import __version__  # noqa: E402

HERE_PYTHON = f"{sys.version_info.major}.{sys.version_info.minor}"
HERE_TAG = f"cp{sys.version_info.major}{sys.version_info.minor}"
LINUX_PLATFORM = f"manylinux_2_17_{platform.machine()}"

APP_REQUIRES = [
    "basedep>=1",
    "fastdep",
    'winonly; sys_platform == "win32"',
    'winsrc; sys_platform == "win32"',
    'linuxonly; sys_platform == "linux"',
    'fakeinstaller; extra == "build"',
]


def make_local_index(folder: Path) -> Path:
    wheel(folder, "basedep", "1.0")
    for tag in ("cp311-cp311-win_amd64", "cp312-cp312-win_amd64",
                f"{HERE_TAG}-{HERE_TAG}-{LINUX_PLATFORM}"):
        wheel(folder, "fastdep", "1.0", tag=tag)
    wheel(folder, "winonly", "1.0")
    sdist(folder, "winsrc", "1.0")
    wheel(folder, "linuxonly", "1.0")
    wheel(folder, "fakeinstaller", "1.0", requires=['fakepe; sys_platform == "win32"'])
    wheel(folder, "fakepe", "1.0")
    return folder


def clean_pip_environment(patch: pytest.MonkeyPatch) -> None:
    """No pip configuration of this machine (its extra indexes, find-links) reaches the test."""
    for key in list(os.environ):
        if key.upper().startswith("PIP_"):
            patch.delenv(key)
    patch.setenv("PIP_CONFIG_FILE", os.devnull)


def build_test_kit(out: Path, targets, index: Path, build_tools: bool, requires=None):
    import offline_kit

    own = fake_app_wheel(out.parent / f"{out.name}-own", __version__,
                         APP_REQUIRES if requires is None else requires, extras=["build"])
    with pytest.MonkeyPatch.context() as patch:
        clean_pip_environment(patch)
        return offline_kit.build_kit(out, targets, own, build_tools,
                                     pip_options=["--no-index", "--find-links", str(index)])
