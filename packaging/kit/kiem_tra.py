"""Checks the kit's install scripts (cai-dat.bat, cai-dat.sh) ask Python to make.

    python kiem_tra.py sums KIT            # every file against KIT/SHA256SUMS.txt
    python kiem_tra.py space FOLDER MB     # at least MB mebibytes free where FOLDER is
    python kiem_tra.py demo                # run the installed dti-scorer's demo into Documents

Each prints what it found (file names, a number, a folder) and exits 0 when all is well, 1 when
not; the scripts turn that into a Vietnamese message. ``demo`` runs with the Python of the new
environment: it finds ``dti-scorer`` beside that Python, writes the demo to ``<Documents>/DTI
Scorer/demo`` (the user's Documents folder as Windows knows it, OneDrive included) and checks
that every sample unit was scored. Only the standard library is used.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

DEMO_FOLDER = ("DTI Scorer", "demo")


def check_sums(kit: Path) -> int:
    """Every file listed in ``SHA256SUMS.txt`` is there, with its hash; print the bad ones."""
    listing = kit / "SHA256SUMS.txt"
    if not listing.is_file():
        print(listing)
        return 1
    bad = []
    lines = [line for line in listing.read_text(encoding="utf-8").splitlines() if line.strip()]
    for line in lines:
        expected, name = line.split(None, 1)
        path = kit / name.strip().lstrip("*")
        digest = hashlib.sha256()
        try:
            with open(path, "rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
        except OSError:
            bad.append(name)
            continue
        if digest.hexdigest() != expected.lower():
            bad.append(name)
    for name in bad:
        print(name)
    return 1 if bad or not lines else 0


def check_space(folder: Path, need_mb: int) -> int:
    """Print the free mebibytes where ``folder`` is; 1 if fewer than ``need_mb``."""
    free = shutil.disk_usage(folder).free // 2**20
    print(free)
    return 0 if free >= need_mb else 1


def documents() -> Path:
    """The user's Documents folder (Windows' own idea of it, redirections included)."""
    if os.name == "nt":
        import ctypes

        buffer = ctypes.create_unicode_buffer(1024)
        if ctypes.windll.shell32.SHGetFolderPathW(None, 5, None, 0, buffer) == 0 \
                and buffer.value:            # 5: CSIDL_PERSONAL, "Documents"
            return Path(buffer.value)
    home = Path.home()
    return home / "Documents" if (home / "Documents").is_dir() else home


def run_demo() -> int:
    """``dti-scorer demo --out <Documents>/DTI Scorer/demo``; every sample unit scored."""
    scripts = Path(sys.executable).parent
    program = scripts / ("dti-scorer.exe" if os.name == "nt" else "dti-scorer")
    out = documents().joinpath(*DEMO_FOLDER)
    out.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([str(program), "demo", "--out", str(out)])
    result = out / "ket_qua.json"
    if done.returncode != 0 or not result.is_file():
        return 1
    units = json.loads(result.read_text(encoding="utf-8"))["units"]
    scored = sum(1 for unit in units if unit["status"] == "scored")
    print(f"{scored}/{len(units)}: {out}")
    return 0 if units and scored == len(units) else 1


def main(argv: list[str]) -> int:
    if argv[:1] == ["sums"] and len(argv) == 2:
        return check_sums(Path(argv[1]))
    if argv[:1] == ["space"] and len(argv) == 3:
        return check_space(Path(argv[1]), int(argv[2]))
    if argv == ["demo"]:
        return run_demo()
    print("Tệp này dùng cho cai-dat.bat / cai-dat.sh: hãy chạy tệp cài đặt, không chạy tệp này.\n"
          "This file serves cai-dat.bat / cai-dat.sh: run the installer, not this file.")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
