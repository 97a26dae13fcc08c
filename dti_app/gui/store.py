"""Where the session keeps what must outlive the window: memory, or a campaign file.

``MemoryStore`` keeps verified values in memory (no campaign open). ``CampaignStore`` writes every
change into the campaign file (``dti_app.core.campaign``) the moment it happens. Both offer the
same small interface to ``Session``; ``open_store`` gives a ``CampaignStore``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dti_app.core.imported import ImportResult

__all__ = ["MemoryStore", "merge_imports", "open_store", "VERIFIED_COLUMNS"]

VERIFIED_COLUMNS = ["unit", "leaf", "value", "note"]


class MemoryStore:
    """Verified values in memory; nothing is written."""

    def __init__(self, leaves: tuple[str, ...] | list[str]) -> None:
        self.leaves = list(leaves)
        self._verified: dict[tuple[str, str], tuple[float, str]] = {}

    def setup(self):
        return None

    def imported(self) -> ImportResult | None:
        return None

    def after_import(self, added: ImportResult, merged: ImportResult) -> ImportResult:
        """Keep an import; returns the values now in use (here: ``merged``)."""
        return merged

    def copy_from(self, other: MemoryStore, imported: ImportResult) -> None:
        self._verified = dict(other._verified)

    def record_criteria(self, criteria, path: Path) -> None:
        pass

    def close(self) -> None:
        pass

    def verified(self, unit: str, leaf: str) -> tuple[float, str] | None:
        return self._verified.get((unit, leaf))

    def set_verified(self, unit: str, leaf: str, value: float, note: str) -> None:
        if not note.strip():
            raise ValueError("note")
        self._verified[(unit, leaf)] = (value, note)

    def clear_verified(self, unit: str, leaf: str, note: str) -> None:
        if not note.strip():
            raise ValueError("note")
        self._verified.pop((unit, leaf), None)

    def verifications(self) -> dict[tuple[str, str], tuple[float, str]]:
        """(unit, sub-indicator) → (verified value, note)."""
        return dict(self._verified)

    def verified_table(self) -> pd.DataFrame:
        rows = [(u, leaf, v, n) for (u, leaf), (v, n) in self._verified.items()]
        return pd.DataFrame(rows, columns=VERIFIED_COLUMNS)

    def final_values(self, values: pd.DataFrame) -> pd.DataFrame:
        out = values.copy()
        for (unit, leaf), (value, _note) in self._verified.items():
            if unit in out.index and leaf in out.columns:
                out.at[unit, leaf] = value
        return out


def merge_imports(old: ImportResult, new: ImportResult) -> ImportResult:
    """``old`` with ``new`` on top: a unit in ``new`` replaces it; files read again replace."""
    if old.values.empty and not old.files and not old.issues:
        return new
    new_names = {f.name for f in new.files}
    replaced = set(new.values.index) | set(new.invalid)
    keep = [u for u in old.values.index if u not in replaced]

    def stack(a: pd.DataFrame | None, b: pd.DataFrame | None) -> pd.DataFrame | None:
        if a is None or b is None:
            return b if a is None else a
        parts = [f for f in (a.loc[keep], b) if not f.empty]
        return pd.concat(parts) if parts else b

    files = [f for f in old.files if f.name not in new_names] + list(new.files)
    issues = [i for i in old.issues if i.file not in new_names or not i.file] + list(new.issues)
    invalid = (set(old.invalid) - replaced) | set(new.invalid)
    return ImportResult(values=stack(old.values, new.values), cells=stack(old.cells, new.cells),
                        origin=stack(old.origin, new.origin), files=files, issues=issues,
                        invalid=invalid, raw=stack(old.raw, new.raw))


def open_store(path: str | Path, create: bool = False, **setup):
    """A ``CampaignStore`` on the campaign file at ``path`` (created when ``create``)."""
    from dti_app.gui.campaign_store import CampaignStore

    return CampaignStore(Path(path), create=create, **setup)
