"""Is an offline kit complete? Install from it, offline, as the target computer's pip would.

    python tools/kit_check.py KIT          # every Python and requirement set the kit was made for

For each target (``win_amd64`` with Python 3.11, then 3.12, ...) and each requirement set the kit
promises (``dti-scorer``; with ``--build-tools`` also ``dti-scorer[build]``, PyInstaller), pip
resolves the install from the kit's ``wheels`` folder alone: ``pip install --dry-run --no-index
--find-links KIT/wheels`` with the target's wheel tags and environment markers
(``kit_target.pip_command``), no configuration file and no ``PIP_*`` variable, so no other
folder or index can fill a gap. A wheel missing for the target fails here, not on an officer's
laptop.

pip's answer is then checked on its own terms with ``packaging`` (not pip): the report's marker
environment is the target's; every wheel chosen lies in the kit and carries tags the target
accepts; every dependency of every chosen package whose marker holds on the target (extras
included) is among the chosen packages, in a version its specifier allows.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.tags import Tag, compatible_tags, cpython_tags, sys_tags
from packaging.utils import canonicalize_name, parse_wheel_filename
from packaging.version import Version

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kit_target import Target, family_of, native, pip_command, target_for  # noqa: E402

__all__ = ["Resolution", "resolve_offline", "check_kit", "kit_targets", "offline_env", "main"]


@dataclass
class Resolution:
    """What the target's pip would install from the kit for one requirement set."""

    target: Target
    requirements: list[str]
    wheels: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def installed_bytes(self) -> int:
        """The unpacked size of the chosen wheels (what the install puts on disk, before .pyc)."""
        total = 0
        for wheel in self.wheels:
            with zipfile.ZipFile(wheel) as archive:
                total += sum(info.file_size for info in archive.infolist())
        return total

    def summary(self) -> str:
        verdict = "OK" if not self.problems else "INCOMPLETE"
        return (f"{self.target.label}, {' '.join(self.requirements)}: {verdict} "
                f"({len(self.wheels)} wheels)")


def offline_env() -> dict[str, str]:
    """This process's environment without pip's variables and with no pip configuration file."""
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith("PIP_")}
    env["PIP_CONFIG_FILE"] = os.devnull
    return env


def resolve_offline(wheels: Path, target: Target, requirements: list[str]) -> Resolution:
    """Resolve ``requirements`` from ``wheels`` alone as ``target``'s pip would; check it."""
    found = Resolution(target, list(requirements))
    with tempfile.TemporaryDirectory(prefix="dti-kit-check-") as tmp:
        report = Path(tmp) / "report.json"
        cmd = pip_command(target, [
            "install", "--dry-run", "--ignore-installed", "--isolated", "--quiet",
            "--disable-pip-version-check", "--no-index", "--find-links", str(wheels),
            "--target", str(Path(tmp) / "target"), "--report", str(report), *requirements])
        done = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8",
                              errors="replace", env=offline_env())
        if done.returncode != 0:
            errors = [line for line in done.stderr.splitlines() if line.startswith("ERROR")]
            found.problems += errors or [f"pip exited {done.returncode}: {done.stderr.strip()}"]
            return found
        installed = json.loads(report.read_text(encoding="utf-8"))
    found.problems += _check_report(installed, wheels, target, requirements, found.wheels)
    return found


def _environment(target: Target) -> dict[str, str]:
    return dict(target.markers) if target.markers is not None else dict(default_environment())


def _accepted_tags(target: Target) -> set[Tag]:
    if target.platform is None:
        return set(sys_tags())
    version = tuple(int(p) for p in target.python.split("."))
    abi = f"cp{target.python.replace('.', '')}"
    return set(cpython_tags(version, [abi], [target.platform])) | set(
        compatible_tags(version, abi, [target.platform]))


def _tag_fits(tag: Tag, target: Target, accepted: set[Tag]) -> bool:
    if tag in accepted:
        return True
    # manylinux / macOS tags name a minimum system: pip accepts older ones for the same processor
    if target.platform is None or target.family == "windows" or tag.platform == "any":
        return False
    same_python = Tag(tag.interpreter, tag.abi, target.platform) in accepted
    same_cpu = tag.platform.rsplit("_", 1)[-1] == target.platform.rsplit("_", 1)[-1]
    return same_python and same_cpu and family_of(tag.platform) == target.family


def _check_report(report: dict, wheels: Path, target: Target, requirements: list[str],
                  chosen: list[Path]) -> list[str]:
    problems: list[str] = []
    env = _environment(target)
    if target.markers is not None and report.get("environment") != target.markers:
        problems.append(f"pip did not use the target's markers: {report.get('environment')}")
    accepted = _accepted_tags(target)
    packages: dict[str, dict] = {}
    for item in report["install"]:
        meta = item["metadata"]
        name = canonicalize_name(meta["name"])
        packages[name] = meta
        path = Path(unquote(urlparse(item["download_info"]["url"]).path))
        if path.parent.resolve() != wheels.resolve():
            problems.append(f"{meta['name']} came from outside the kit: {path}")
            continue
        chosen.append(path)
        tags = parse_wheel_filename(path.name)[3]
        if not any(_tag_fits(tag, target, accepted) for tag in tags):
            problems.append(f"{path.name} does not run on {target.label}")
        python_spec = meta.get("requires_python")
        if python_spec and not SpecifierSet(python_spec).contains(target.full_version, True):
            problems.append(f"{path.name} needs Python {python_spec}")
    problems += _unmet_dependencies(packages, requirements, env)
    return problems


def _unmet_dependencies(packages: dict[str, dict], requirements: list[str],
                        env: dict[str, str]) -> list[str]:
    """Every requirement reachable from ``requirements`` under ``env`` is met by ``packages``."""
    problems: list[str] = []
    todo = [(Requirement(r), "the requested set") for r in requirements]
    seen: set[tuple[str, str]] = set()
    while todo:
        req, wanted_by = todo.pop()
        name = canonicalize_name(req.name)
        meta = packages.get(name)
        if meta is None or not req.specifier.contains(Version(meta["version"]), True):
            have = f"{meta['version']} in the kit" if meta else "not in the kit"
            problems.append(f"{req} (needed by {wanted_by}) is missing: {have}")
            continue
        for extra in {"", *req.extras}:
            if (name, extra) in seen:
                continue
            seen.add((name, extra))
            for line in meta.get("requires_dist") or []:
                dep = Requirement(line)
                if dep.marker is None or dep.marker.evaluate({**env, "extra": extra}):
                    todo.append((dep, f"{meta['name']} {meta['version']}"))
    return problems


def kit_targets(manifest: dict) -> list[Target]:
    """The targets a kit was made for, from its ``kit.json``."""
    if manifest["platform"] is None:
        return [native()]
    return [target_for(manifest["platform"], python) for python in manifest["pythons"]]


def check_kit(kit: Path) -> list[Resolution]:
    """Resolve every target and requirement set recorded in ``KIT/ho-tro/kit.json``."""
    manifest = json.loads((kit / "ho-tro" / "kit.json").read_text(encoding="utf-8"))
    return [resolve_offline(kit / "wheels", target, requirements)
            for target in kit_targets(manifest)
            for requirements in manifest["requirement_sets"]]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        sys.stderr.write("usage: python tools/kit_check.py KIT\n")
        return 2
    results = check_kit(Path(args[0]))
    for result in results:
        print(result.summary())
        for problem in result.problems:
            print(f"    {problem}")
    failed = sum(1 for r in results if r.problems)
    print(f"kit check: {len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
