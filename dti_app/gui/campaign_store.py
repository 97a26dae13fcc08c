"""The session's store when a campaign file is open: every change written as it happens.

A thin adapter from the interface ``Session`` uses (``store.MemoryStore``) to
``dti_app.core.campaign.Campaign``: imports are recorded (the campaign decides which submission of
a unit is current), verified values are set and cleared with their notes, and a saved criteria
version is added. After each change the values in use are read back from the file, so what the
window shows is what the file holds.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dti_app.core.campaign import Campaign
from dti_app.core.campaign_records import criteria_text
from dti_app.core.criteria import Criteria
from dti_app.core.imported import ImportResult
from dti_app.gui.store import MemoryStore

__all__ = ["CampaignStore"]


class CampaignStore(MemoryStore):
    def __init__(self, path: Path, create: bool = False, criteria: Path | Criteria | None = None,
                 register: str = "63", year: int | None = None) -> None:
        """Open ``path``, or create it from ``criteria`` (a YAML file, or a framework in use)."""
        if create:
            if isinstance(criteria, Criteria):
                text, name = criteria_text(criteria)[0], criteria.label
            else:
                text, name = Path(criteria).read_bytes().decode("utf-8-sig"), Path(criteria).name
            units, units_name = _register_text(register)
            self.campaign = Campaign.create(path, text, units, year, criteria_name=name,
                                            units_name=units_name)
        else:
            self.campaign = Campaign.open(path)
        super().__init__(self.campaign.criteria().leaves)
        self.path = Path(path)
        meta = self.campaign.meta()
        self.register_spec = meta["units_csv"] if meta.get("units") == "custom" else meta["units"]
        self._reload_verified()

    def setup(self) -> tuple[Criteria, object, int | None, Path]:
        c = self.campaign
        return c.criteria(), c.register(), c.year, self.path

    def imported(self) -> ImportResult:
        c = self.campaign
        values, cells, origin = c.current_values()
        result = ImportResult(values=values, cells=cells, origin=origin, issues=c.issues(),
                              invalid=c.invalid_units())
        result.raw = None
        return result

    def after_import(self, added: ImportResult, merged: ImportResult) -> ImportResult:
        self.campaign.record_import(added)
        fresh = self.imported()
        fresh.files = merged.files
        return fresh

    def record_criteria(self, criteria: Criteria, path: Path) -> None:
        self.campaign.add_criteria_version(criteria, Path(path).name)

    def close(self) -> None:
        self.campaign.close()

    def set_verified(self, unit: str, leaf: str, value: float, note: str) -> None:
        self.campaign.set_verified(unit, leaf, value, note)
        self._reload_verified()

    def clear_verified(self, unit: str, leaf: str, note: str) -> None:
        self.campaign.clear_verified(unit, leaf, note)
        self._reload_verified()

    def _reload_verified(self) -> None:
        log = self.campaign.verification_log()
        self._verified = {}
        for row in log.itertuples(index=False):
            if row.action == "set":
                self._verified[(row.unit, row.leaf)] = (float(row.value), row.note)
            else:
                self._verified.pop((row.unit, row.leaf), None)

    def copy_from(self, other: MemoryStore, imported: ImportResult) -> None:
        """Fill a new campaign with what the window holds now (Save campaign as…)."""
        if not imported.values.empty or imported.issues:
            self.campaign.record_import(imported)
        table = other.verified_table()
        for row in table.itertuples(index=False):
            self.campaign.set_verified(row.unit, row.leaf, row.value, row.note)
        self._reload_verified()

    def history(self) -> pd.DataFrame:
        return self.campaign.history()


def _register_text(register: str) -> tuple[str, str]:
    """"63"/"34" as they are; a CSV path → its text and name; CSV text (from a campaign) as is."""
    if register in ("63", "34"):
        return register, ""
    if "\n" in register:
        return register, ""
    path = Path(register)
    return path.read_bytes().decode("utf-8-sig"), path.stem
