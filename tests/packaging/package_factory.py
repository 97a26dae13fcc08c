"""Small wheels and source distributions made on the spot, for kit tests without a network.

``wheel(folder, name, version, requires=[...], tag="py3-none-any")`` writes a wheel pip can
resolve and install; ``sdist(folder, name, version, tag=...)`` a source distribution with its own
in-tree build backend (no build requirement to download) that builds a wheel with that tag.
``fake_app_wheel`` is a stand-in for the project's wheel: a ``dti-scorer`` program whose ``demo``
writes a ``ket_qua.json`` of scored units, as the real one does.
"""

from __future__ import annotations

import io
import tarfile
import textwrap
import zipfile
from pathlib import Path

__all__ = ["wheel", "sdist", "fake_app_wheel"]


def _dist(name: str) -> str:
    return name.replace("-", "_")


def wheel(folder: Path, name: str, version: str, requires: list[str] | None = None,
          tag: str = "py3-none-any", extras: list[str] | None = None,
          files: dict[str, str] | None = None, entry_points: str = "") -> Path:
    """Write ``{name}-{version}-{tag}.whl`` into ``folder``; its path."""
    info = f"{_dist(name)}-{version}.dist-info"
    metadata = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}"]
    metadata += [f"Provides-Extra: {extra}" for extra in extras or []]
    metadata += [f"Requires-Dist: {req}" for req in requires or []]
    members = dict(files or {})
    members[f"{info}/METADATA"] = "\n".join(metadata) + "\n"
    members[f"{info}/WHEEL"] = (f"Wheel-Version: 1.0\nGenerator: test\n"
                                f"Root-Is-Purelib: {'true' if 'none-any' in tag else 'false'}\n"
                                f"Tag: {tag}\n")
    if entry_points:
        members[f"{info}/entry_points.txt"] = entry_points
    members[f"{info}/RECORD"] = "".join(f"{path},,\n" for path in [*members, f"{info}/RECORD"])
    path = folder / f"{_dist(name)}-{version}-{tag}.whl"
    folder.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        for member, text in members.items():
            archive.writestr(member, text)
    return path


_BACKEND = '''
import zipfile

TAG = {tag!r}
NAME, VERSION = {name!r}, {version!r}


def get_requires_for_build_wheel(config_settings=None):
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    info = f"{{NAME}}-{{VERSION}}.dist-info"
    filename = f"{{NAME}}-{{VERSION}}-{{TAG}}.whl"
    with zipfile.ZipFile(f"{{wheel_directory}}/{{filename}}", "w") as archive:
        archive.writestr(f"{{NAME}}.py", "")
        archive.writestr(f"{{info}}/METADATA",
                         f"Metadata-Version: 2.1\\nName: {{NAME}}\\nVersion: {{VERSION}}\\n")
        archive.writestr(f"{{info}}/WHEEL", f"Wheel-Version: 1.0\\nRoot-Is-Purelib: true\\n"
                                             f"Tag: {{TAG}}\\n")
        archive.writestr(f"{{info}}/RECORD", "")
    return filename
'''


def sdist(folder: Path, name: str, version: str, tag: str = "py3-none-any") -> Path:
    """Write ``{name}-{version}.tar.gz``, building a wheel tagged ``tag``; its path."""
    root = f"{name}-{version}"
    members = {
        "pyproject.toml": textwrap.dedent("""\
            [build-system]
            requires = []
            build-backend = "backend"
            backend-path = ["."]
            """),
        "backend.py": _BACKEND.format(tag=tag, name=name, version=version),
        "PKG-INFO": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
    }
    path = folder / f"{root}.tar.gz"
    folder.mkdir(parents=True, exist_ok=True)
    with tarfile.open(path, "w:gz") as archive:
        for member, text in members.items():
            data = text.encode("utf-8")
            entry = tarfile.TarInfo(f"{root}/{member}")
            entry.size = len(data)
            archive.addfile(entry, io.BytesIO(data))
    return path


_FAKE_APP = '''
import json, sys
from pathlib import Path


def main():
    args = sys.argv[1:]
    if args == ["--version"]:
        print("dti-scorer {version}")
        return 0
    if args[:1] == ["demo"] and args[1:2] == ["--out"]:
        out = Path(args[2])
        out.mkdir(parents=True, exist_ok=True)
        units = [{{"code": str(i), "status": "scored"}} for i in range(1, 64)]
        (out / "ket_qua.json").write_text(json.dumps({{"units": units}}), encoding="utf-8")
        print("demo:", out)
        return 0
    return 2
'''


def fake_app_wheel(folder: Path, version: str, requires: list[str],
                   extras: list[str] | None = None) -> Path:
    """A ``dti-scorer`` wheel whose programs answer ``--version`` and ``demo --out DIR``."""
    return wheel(folder, "dti-scorer", version, requires, extras=extras,
                 files={"fake_dti_app.py": _FAKE_APP.format(version=version)},
                 entry_points="[console_scripts]\ndti-scorer = fake_dti_app:main\n"
                              "[gui_scripts]\ndti-app = fake_dti_app:main\n")
