"""The entry of the frozen app: one program, two executables in the same folder.

``dti-scorer`` (a console program) runs the command line; ``dti-app`` (a windowed program, no
console on Windows) opens the desktop app. Both are built from this file by ``dti_app.spec`` and
tell which one they are from their own file name.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from pathlib import Path

CLI_NAME = "dti-scorer"


def main() -> int:
    # A windowed program on Windows has no console: give print() and tracebacks somewhere to go.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
    if Path(sys.executable).stem.lower() == CLI_NAME:
        from dti_app.cli.main import main as run
    else:
        from dti_app.gui.app import main as run
    return int(run() or 0)


if __name__ == "__main__":
    # a worker process (parallel import, charts) of the frozen program starts here too: let
    # multiprocessing take it over before anything else runs
    multiprocessing.freeze_support()
    sys.exit(main())
