"""Fixtures: a local folder of small packages, and kits made from it (see ``kit_fixtures``)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kit_fixtures import (  # noqa: E402
    HERE_PYTHON,
    LINUX_PLATFORM,
    build_test_kit,
    make_local_index,
)


@pytest.fixture(scope="session")
def local_index(tmp_path_factory) -> Path:
    return make_local_index(tmp_path_factory.mktemp("index"))


@pytest.fixture(scope="session")
def windows_kit(tmp_path_factory, local_index):
    """A Windows kit (Python 3.11 and 3.12, build tools) made on this (non-Windows) machine."""
    from kit_target import target_for

    out = tmp_path_factory.mktemp("windows") / "kit"
    targets = [target_for("win_amd64", "3.11"), target_for("win_amd64", "3.12")]
    resolutions = build_test_kit(out, targets, local_index, build_tools=True)
    return out, resolutions


@pytest.fixture(scope="session")
def linux_kit(tmp_path_factory, local_index):
    """A Linux kit for this machine's processor and Python."""
    from kit_target import target_for

    out = tmp_path_factory.mktemp("linux") / "kit"
    resolutions = build_test_kit(out, [target_for(LINUX_PLATFORM, HERE_PYTHON)], local_index,
                                 build_tools=False)
    return out, resolutions
