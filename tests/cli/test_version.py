"""The version lives in one place (``dti_app/__init__.py``) and every entry point prints it."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import dti_app

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=120)


def _declared() -> str:
    text = (ROOT / "dti_app" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__ = "([^"]+)"$', text, re.M).group(1)


def test_the_version_is_declared_once_and_is_semantic():
    assert re.fullmatch(r"\d+\.\d+\.\d+(?:[ab]\d+|rc\d+|\.dev\d+)?", _declared())
    assert dti_app.__version__ == _declared()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "dti_app.__version__"}


def test_dti_scorer_version_prints_it():
    proc = run("-m", "dti_app.cli.main", "--version")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"dti-scorer {_declared()}"


def test_dti_app_version_prints_it_without_opening_a_window():
    proc = run("-m", "dti_app", "--version")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"dti-app {_declared()}"
