"""The app's one state object: what every panel shows, and the only place that changes it.

A ``Session`` holds the criteria (as loaded from its file, and as edited in the weights editor),
the unit register, the year, the open campaign (if any), the import result, the assessor's
verified values and the score results (current, with the file's weights, and the previous one).
Panels read from it and call its methods; they never talk to each other. Every change ends in a
Qt signal:

    setup_changed     criteria file, unit set or year replaced (everything is rebuilt)
    data_changed      imported or verified values changed (then ``scored`` follows)
    scored            a new ``ScoreResult`` is in ``result``
    campaign_changed  a campaign was opened, created or closed
    unit_selected     the unit the detail and verification panels show (``current_unit``)

Each unit's standing (``core.standing``: the issues about the data in use, those a verified value
resolves, which units are provisional) is worked out here from the import and the verified
values, so every panel shows the same statuses and counts. ``strict`` (a UI option the window
keeps in QSettings) leaves provisional units out of the ranking.

Scoring is done here on the UI thread because it is fast (63 units × 98 sub-indicators in a few
milliseconds); a weight change re-uses the previous leaf fractions and does not re-apply rules.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from dti_app.core.assessment_year import YearChoice, choose_year
from dti_app.core.bundled import default_criteria_path
from dti_app.core.campaign_schema import campaign_error
from dti_app.core.criteria import Criteria
from dti_app.core.criteria_load import load_criteria, save_criteria
from dti_app.core.imported import ImportResult
from dti_app.core.issues import Issue
from dti_app.core.scoring import ScoreResult, score_units
from dti_app.core.standing import IssueCounts, Standing, assess
from dti_app.core.units import UnitRegister, load_register
from dti_app.core.verification import checked_note, checked_value, verified_frame
from dti_app.gui.store import MemoryStore, merge_imports, open_store

__all__ = ["Session", "UNIT_STATUSES"]

UNIT_STATUSES = ("missing", "valid", "verified", "warning", "provisional", "invalid")


class Session(QObject):
    setup_changed = Signal()
    data_changed = Signal()
    scored = Signal()
    campaign_changed = Signal()
    unit_selected = Signal(str)

    def __init__(self, criteria_path: str | Path | None = None, register: str | Path = "63",
                 year: int | None = None, lang: str = "vi") -> None:
        super().__init__()
        self.lang = lang
        self.criteria_path = Path(criteria_path or default_criteria_path())
        self.file_criteria: Criteria = load_criteria(self.criteria_path)
        self.criteria: Criteria = self.file_criteria
        self.register_spec = str(register)
        self.register: UnitRegister = load_register(register)
        self.year = year                # as chosen (a campaign's); never the criteria file's
        self.store = MemoryStore(self.file_criteria.leaves)
        self.imported: ImportResult = ImportResult.empty(list(self.criteria.leaves))
        self.result: ScoreResult | None = None
        self.standing: Standing | None = None
        self.strict = False
        self.baseline: ScoreResult | None = None
        self.previous: ScoreResult | None = None
        self.current_unit: str = ""
        self.undo_stack = QUndoStack(self)
        self.rescore()

    def select_unit(self, code: str) -> None:
        if code != self.current_unit:
            self.current_unit = code
            self.unit_selected.emit(code)

    # --- setup and campaign -----------------------------------------------------------------
    @property
    def campaign(self):
        """The open campaign (a ``dti_app.core.campaign.Campaign``), or None."""
        return getattr(self.store, "campaign", None)

    @property
    def weights_edited(self) -> bool:
        """The weights in use differ from the criteria file's (not saved as a new version)."""
        return self.criteria.edited

    def assessment_year(self) -> YearChoice:
        """The year exports show: the campaign's, else the one every imported file states."""
        if self.campaign is not None:
            return self.campaign.assessment_year()
        return choose_year(self.year, self.imported.files)

    @property
    def shown_year(self) -> int | None:
        """``assessment_year()``'s year (None: not stated, or the files disagree)."""
        return self.assessment_year().year

    def new_campaign(self, path: str | Path, criteria_path: str | Path | None = None,
                     register: str | Path | None = None, year: int | None = None) -> None:
        """Create a campaign file (criteria file, unit set 63/34/CSV, year) and work in it."""
        self._use_store(open_store(
            path, create=True, criteria=Path(criteria_path or self.criteria_path),
            register=str(register or self.register_spec),
            year=year if year is not None else self.year))

    def open_campaign(self, path: str | Path) -> None:
        self._use_store(open_store(path))

    def save_campaign_as(self, path: str | Path) -> None:
        store = open_store(path, create=True, criteria=self.file_criteria,
                           register=self.register_spec, year=self.year)
        store.copy_from(self.store, self.imported)
        self._use_store(store)

    def close_campaign(self) -> None:
        """Close the campaign file; the window starts over with nothing imported."""
        self.store.close()
        self.store = MemoryStore(self.criteria.leaves)
        self.imported = ImportResult.empty(list(self.criteria.leaves))
        self.undo_stack.clear()
        self.campaign_changed.emit()
        self.data_changed.emit()
        self.rescore()

    def _use_store(self, store) -> None:
        old = self.store
        self.store = store
        setup = store.setup()
        if setup is not None:
            criteria, register, year, path = setup
            self.file_criteria = self.criteria = criteria
            self.register, self.year = register, year
            self.register_spec = getattr(store, "register_spec", register.code_set)
            if path:
                self.criteria_path = Path(path)
        imported = store.imported()
        if imported is not None:
            self.imported = imported
        elif setup is not None:
            self.imported = ImportResult.empty(list(self.criteria.leaves))
        if old is not store:
            old.close()
        self.undo_stack.clear()
        self.campaign_changed.emit()
        self.setup_changed.emit()
        self.data_changed.emit()
        self.rescore()

    # --- data -------------------------------------------------------------------------------
    def apply_import(self, result: ImportResult) -> None:
        """Add a finished import: its units replace the same units from earlier imports."""
        self.imported = self.store.after_import(result, merge_imports(self.imported, result))
        self.data_changed.emit()
        self.rescore()

    def final_values(self) -> pd.DataFrame:
        """Self-assessed values with the verified ones in their place."""
        return self.store.final_values(self.imported.values)

    def verified(self, unit: str, leaf: str) -> tuple[float, str] | None:
        return self.store.verified(unit, leaf)

    def verified_table(self) -> pd.DataFrame:
        """One row per verified value: unit, leaf, value, note."""
        return self.store.verified_table()

    def verified_values(self) -> pd.DataFrame | None:
        """Units × sub-indicators with the verified values (NaN elsewhere); None if none."""
        table = self.verified_table()
        if table.empty:
            return None
        pairs = {(u, leaf): v for u, leaf, v in zip(table["unit"], table["leaf"], table["value"])}
        return verified_frame(pairs, list(self.imported.values.index),
                              list(self.imported.values.columns))

    def set_verified(self, unit: str, leaf: str, value: float | str, note: str) -> None:
        """Record a verified value (text as typed is accepted: "có", "12,5"); a note is required.

        Raises ``CampaignError`` (Vietnamese / English message) for a bad value or an empty note.
        """
        number = checked_value(self.criteria, unit, leaf, value)
        note = checked_note(note, unit, leaf, "set")
        self.store.set_verified(unit, leaf, number, note)
        self.data_changed.emit()
        self.rescore()

    def check_verification(self, unit: str, leaf: str, value: float | str | None,
                           note: str) -> tuple[float | None, str]:
        """The value as a number (None: clear) and the stripped note, or ``CampaignError``."""
        number = None if value is None else checked_value(self.criteria, unit, leaf, value)
        return number, checked_note(note, unit, leaf, "set" if value is not None else "clear")

    def clear_verified(self, unit: str, leaf: str, note: str) -> None:
        note = checked_note(note, unit, leaf, "clear")
        self.store.clear_verified(unit, leaf, note)
        self.data_changed.emit()
        self.rescore()

    # --- weights ----------------------------------------------------------------------------
    def set_weights(self, points: dict[str, float] | None = None,
                    weights: dict[str, float] | None = None) -> None:
        """Change points/weights of some nodes and re-rank at once (leaf fractions re-used)."""
        self.criteria = self.criteria.with_weights(points=points, weights=weights)
        self.rescore(values_changed=False)

    def reset_weights(self) -> None:
        self.criteria = self.file_criteria
        self.rescore(values_changed=False)

    def save_criteria_version(self, path: str | Path, version: str) -> Criteria:
        """Write the edited framework as a new version; never over the file it came from."""
        path = Path(path)
        if path.resolve() == self.criteria_path.resolve():
            raise ValueError("same file")
        if self.weights_edited and version == self.criteria.named.version:
            raise campaign_error("criteria_same_version", version=version)
        saved = self.criteria.with_weights(version=version)
        save_criteria(saved, path)
        self.store.record_criteria(saved, path)
        self.criteria_path = path
        self.file_criteria = self.criteria = saved
        self.rescore(values_changed=False)
        return saved

    # --- scoring ----------------------------------------------------------------------------
    def set_strict(self, strict: bool) -> None:
        """Leave provisional units (unresolved errors) out of the ranking, or rank them again."""
        if bool(strict) != self.strict:
            self.strict = bool(strict)
            self.rescore(values_changed=False)

    def rescore(self, values_changed: bool = True) -> None:
        values = self.final_values()
        invalid = set(self.imported.invalid)
        if values_changed or self.standing is None:
            self.standing = assess(self.imported.issues, self.imported.origin,
                                   self.store.verifications())
        reuse = None if values_changed or self.result is None else self.result.leaf_fraction
        self.previous = self.result
        self.result = score_units(self.criteria, values, self.register, invalid,
                                  leaf_fraction=reuse, standing=self.standing,
                                  strict=self.strict)
        if not self.weights_edited:
            self.baseline = self.result
        elif values_changed or self.baseline is None or \
                self.baseline.criteria is not self.file_criteria or \
                self.baseline.strict != self.strict:
            self.baseline = score_units(self.file_criteria, values, self.register, invalid,
                                        leaf_fraction=self.result.leaf_fraction,
                                        standing=self.standing, strict=self.strict)
        self.scored.emit()

    def keep_snapshot(self, label: str) -> None:
        """In a campaign, keep the current result (what an export was made from)."""
        campaign = self.campaign
        if campaign is not None:
            campaign.save_snapshot(campaign.results_document(self.result, self.lang), label)

    def rank_change(self) -> pd.Series:
        """Places gained against the file's weights (+2: two places higher), per unit."""
        before = self.baseline.rank.astype("Float64")
        after = self.result.rank.astype("Float64")
        return (before - after).astype("Int64")

    def issues(self) -> list[Issue]:
        """The issues about the data in use, each resolved one with its verified value."""
        return list(self.result.standing.issues) if self.result else []

    def issue_counts(self) -> IssueCounts:
        """Unresolved errors, unresolved warnings, resolved: the count every panel shows."""
        return self.result.standing.counts() if self.result else IssueCounts()

    def unit_status(self) -> pd.Series:
        """Per unit of the register (and any extra): one of ``UNIT_STATUSES``.

        From the result's status: missing, invalid, provisional (scored, unresolved errors);
        a scored unit is "verified" when an assessor verified some of its values, else
        "warning" when it has unresolved warnings, else "valid".
        """
        status = self.result.status
        standing = self.result.standing
        verified = set(self.verified_table()["unit"])
        out = pd.Series("valid", index=status.index, dtype=object)
        for code, state in status.items():
            if state in ("missing", "invalid", "provisional"):
                out[code] = state
            elif code in verified:
                out[code] = "verified"
            elif standing.warnings.get(code, 0):
                out[code] = "warning"
        return out

    def unit_name(self, code: str) -> str:
        unit = self.register.by_code.get(code)
        return unit.name(self.lang) if unit else code

    def node_name(self, code: str) -> str:
        node = self.criteria.by_code.get(code)
        return node.name(self.lang) if node else code
