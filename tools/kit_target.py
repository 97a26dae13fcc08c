"""The computer a kit is made for, and pip run as that computer's pip would run.

``pip download --platform win_amd64`` picks Windows wheels but evaluates the environment markers
of every dependency (``pefile; sys_platform == "win32"``) for the machine it runs on: made on
Linux, a Windows kit would miss every Windows-only dependency. ``pip_command`` runs pip with the
target's marker environment instead (this module, run as a script, sets it up and hands over to
pip), together with pip's own ``--platform``, ``--python-version`` and ``--implementation``, so
pip resolves exactly as the target's pip would, wheel tags and markers alike.

A ``Target`` with ``platform`` None is the running interpreter itself (``--platform native``):
pip is then run unchanged.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass

__all__ = ["Target", "target_for", "native", "pip_command", "family_of", "WINDOWS_FULL_VERSIONS"]

# The last release of each Python line that has a Windows installer (later ones are source only):
# a marker on ``python_full_version`` is judged for the Python an officer can actually install.
WINDOWS_FULL_VERSIONS = {"3.11": "3.11.9", "3.12": "3.12.10"}

# platform tag prefix -> (family, sys_platform, platform_system, os_name)
_FAMILIES = [
    ("win", ("windows", "win32", "Windows", "nt")),
    ("macosx", ("macos", "darwin", "Darwin", "posix")),
    ("manylinux", ("linux", "linux", "Linux", "posix")),
    ("musllinux", ("linux", "linux", "Linux", "posix")),
    ("linux", ("linux", "linux", "Linux", "posix")),
]
_WINDOWS_MACHINES = {"win_amd64": "AMD64", "win_arm64": "ARM64", "win32": "x86"}


@dataclass(frozen=True)
class Target:
    """One platform and Python version a kit serves; ``platform`` None: this interpreter."""

    platform: str | None
    python: str            # "3.12"
    full_version: str      # "3.12.10"
    markers: dict[str, str] | None   # the marker environment; None: this interpreter's

    @property
    def family(self) -> str:
        """``windows``, ``linux`` or ``macos``: which install script and README the kit gets."""
        return family_of(self.platform)

    @property
    def label(self) -> str:
        return f"{self.platform or 'native'} Python {self.python}"


def family_of(platform: str | None) -> str:
    if platform is None:
        return {"win32": "windows", "darwin": "macos"}.get(sys.platform, "linux")
    for prefix, (family, *_rest) in _FAMILIES:
        if platform.startswith(prefix):
            return family
    raise ValueError(f"unknown platform tag {platform!r} (expected win_*, macosx_*, "
                     "manylinux*, musllinux* or linux_*)")


def _machine(platform: str) -> str:
    if platform in _WINDOWS_MACHINES:
        return _WINDOWS_MACHINES[platform]
    for arch in ("x86_64", "aarch64", "arm64", "universal2", "i686", "armv7l", "ppc64le", "s390x"):
        if platform.endswith(arch):
            return "arm64" if arch == "universal2" else arch
    raise ValueError(f"cannot tell the processor of platform tag {platform!r}")


def target_for(platform: str, python: str) -> Target:
    """The target ``platform`` (a pip platform tag) with CPython ``python`` ("3.11")."""
    family = family_of(platform)
    _, sys_platform, system, os_name = next(v for p, v in _FAMILIES if platform.startswith(p))
    full = WINDOWS_FULL_VERSIONS.get(python, f"{python}.0") if family == "windows" \
        else f"{python}.0"
    markers = {
        "implementation_name": "cpython",
        "implementation_version": full,
        "os_name": os_name,
        "platform_machine": _machine(platform),
        "platform_python_implementation": "CPython",
        "platform_release": "10" if family == "windows" else "",
        "platform_system": system,
        "platform_version": "",
        "python_full_version": full,
        "python_version": python,
        "sys_platform": sys_platform,
    }
    return Target(platform, python, full, markers)


def native() -> Target:
    """The running interpreter, markers and wheel tags its own."""
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    full = f"{python}.{sys.version_info.micro}"
    return Target(None, python, full, None)


def pip_command(target: Target, args: list[str]) -> list[str]:
    """``python -m pip ARGS`` resolving for ``target``: its wheel tags and its markers.

    ``args`` starts with the pip command (``download``, ``install``); the target options follow
    it. Binary wheels only: pip's rule for a foreign ``--platform``, and the same for the
    running system, so that a source-only dependency is noticed (and built) when the kit is
    made, never on the offline computer.
    """
    command, rest = args[0], ["--only-binary=:all:", *args[1:]]
    if target.platform is None:
        return [sys.executable, "-m", "pip", command, *rest]
    options = ["--platform", target.platform, "--python-version", target.full_version,
               "--implementation", "cp"]
    return [sys.executable, __file__, json.dumps(target.markers), command, *options, *rest]


def _run_pip_with_markers(markers: dict[str, str], pip_args: list[str]) -> int:
    """pip's main, with every environment marker judged for ``markers``.

    pip evaluates markers through its vendored ``packaging.markers.Marker.evaluate``, which
    starts from ``default_environment()``; both are replaced, as is the environment pip writes
    in a ``--report``, so the report shows what was used.
    """
    from pip._vendor.packaging import markers as pip_markers

    original = pip_markers.Marker.evaluate

    def evaluate(self, environment=None, *args, **kwargs):
        merged = dict(markers)
        merged.update(environment or {})
        return original(self, merged, *args, **kwargs)

    pip_markers.Marker.evaluate = evaluate
    pip_markers.default_environment = lambda: dict(markers)
    from pip._internal.models import installation_report

    installation_report.default_environment = lambda: dict(markers)
    from pip._internal.cli.main import main as pip_main

    return pip_main(pip_args)


if __name__ == "__main__":
    sys.exit(_run_pip_with_markers(json.loads(sys.argv[1]), sys.argv[2:]))
