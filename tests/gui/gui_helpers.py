"""Helpers for the GUI tests: input files to import, and driving an import to its end."""

from __future__ import annotations

import csv
import random
from pathlib import Path

from dti_app.core.criteria import Criteria
from dti_app.core.units import UnitRegister

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "sample_workbooks"


def sample_workbooks() -> list[Path]:
    return sorted(SAMPLES.glob("*.xlsx"))


def _value(criteria: Criteria, code: str, rng: random.Random, strength: float) -> str:
    node = criteria.by_code[code]
    if node.rule.kind == "yes_no":
        return "có" if rng.random() < strength else "không"
    low, high = node.valid_range or (0.0, 100.0)
    params = node.rule.params
    top = params.get("target") or params.get("max") or min(high, 100.0)
    value = max(low, min(high, rng.uniform(0.3, 1.1) * strength * float(top)))
    return f"{value:.1f}"


def write_table(path: Path, criteria: Criteria, register: UnitRegister, seed: int = 7,
                skip: tuple[str, ...] = ()) -> Path:
    """A consolidated CSV: code, name, one plausible value per sub-indicator, per unit."""
    rng = random.Random(seed)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "name", *criteria.leaves])
        for i, unit in enumerate(register.units):
            if unit.code in skip:
                continue
            strength = 0.35 + 0.6 * ((i * 37) % 63) / 63
            writer.writerow([unit.code, unit.name_vi,
                             *[_value(criteria, c, rng, strength) for c in criteria.leaves]])
    return path



def import_and_wait(qtbot, window, paths, timeout: int = 20000):
    """Drive File › Import through the worker and wait for the dialog to report back."""
    dialog = window.import_paths([str(p) for p in paths])
    with qtbot.waitSignal(dialog.done, timeout=timeout) as blocker:
        pass
    return dialog, blocker.args[0]
