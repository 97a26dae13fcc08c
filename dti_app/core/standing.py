"""Where each unit stands: the issues about the data in use, which of them a verified value
settles, and so which units can only be ranked provisionally.

One rule, used by the CLI, the campaign and the app (all through ``assess``), so that no two
surfaces disagree on a status or a count:

1. **In use.** An issue that names a unit whose values were read from another file (the file not
   chosen when the unit sent two, an earlier submission) is not about the data in use and is left
   out, unless it says why that file could not be used at all (``UNUSABLE_CODES``: another year,
   unreadable…): that is still listed, tied to no unit. Issues about no unit (an unreadable file)
   and about units without a usable submission (saying why they have none) are kept.
2. **Tied to a unit.** An issue is about unit U when it names U, or when it names no unit but a
   sub-indicator and comes from the file and sheet U's values were read from (a column missing
   from a consolidated table is missing for every unit of that table).
3. **Resolved by verification.** An issue about one value (every ``value_*`` code, and a row
   missing or doubled: ``ROW_CODES``) is resolved for U once an assessor has verified U's value
   of that sub-indicator: the verified value replaces the one the issue is about. The issue then
   carries the verified value and its note (``Issue.verified``); clearing the verification brings
   the issue back.
4. **Provisional.** A unit with a score is ``provisional`` while at least one *error* tied to it
   is unresolved: some value it was scored on could not be used and counts as missing, so its
   score may be too low. Errors saying that a unit's input could not be used at all
   (``UNUSABLE_CODES``: the file unreadable or unsafe, for another year or criteria, without its
   data sheet, the unit not identifiable, sent twice with no choice made, a required value
   missing under an ``error`` policy) make the unit ``invalid`` instead (it has no score, see
   ``importer`` and ``scoring``); they never make a unit that has a usable submission
   provisional. Any other unresolved error tied to a unit with a score does.
5. **Counts.** A unit's ``errors`` and ``warnings`` are its unresolved issues; the totals
   (``IssueCounts``) count every issue in use once: unresolved errors, unresolved warnings, and
   those resolved by verification.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

import pandas as pd

from dti_app.core.issues import Issue, IssueCode, Severity, Verification

__all__ = ["Standing", "IssueCounts", "assess", "UNUSABLE_CODES", "ROW_CODES",
           "is_about_a_value"]

C = IssueCode
ROW_CODES = frozenset({C.ROW_MISSING, C.ROW_DUPLICATE})
UNUSABLE_CODES = frozenset({
    C.FILE_NOT_FOUND, C.FILE_UNSUPPORTED, C.FILE_EMPTY, C.FILE_CORRUPT, C.FILE_ENCRYPTED,
    C.FILE_TOO_LARGE, C.FILE_NOT_TEMPLATE, C.FILE_NOT_SPREADSHEET, C.FILE_HTML_DISGUISED,
    C.FILE_UNSAFE_XML, C.FILE_UNSAFE_MEMBER, C.FILE_COMPRESSION_BOMB, C.FILE_SHEET_TOO_LARGE,
    C.SHEET_MISSING, C.YEAR_MISMATCH, C.CRITERIA_VERSION_MISMATCH, C.TABLE_NO_UNIT_COLUMN,
    C.UNIT_UNKNOWN, C.UNIT_AMBIGUOUS, C.UNIT_FORMER, C.UNIT_NOT_STATED,
    C.UNIT_CODE_NAME_MISMATCH, C.UNIT_DUPLICATE, C.SCORE_MISSING_REQUIRED,
})

Verified = Mapping[tuple[str, str], tuple[float, str]]  # (unit, leaf) -> (value, note)


def is_about_a_value(issue: Issue) -> bool:
    """The issue is about the value of one sub-indicator (a verified value can settle it)."""
    return bool(issue.node) and (issue.code.value.startswith("value_")
                                 or issue.code in ROW_CODES)


@dataclass(frozen=True)
class IssueCounts:
    """Issues in use: unresolved errors, unresolved warnings, and those resolved."""

    errors: int = 0
    warnings: int = 0
    resolved: int = 0


@dataclass
class Standing:
    """The issues about the data in use (each with the verified values that settle it), and per
    unit the unresolved errors and warnings tied to it."""

    issues: list[Issue] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    warnings: dict[str, int] = field(default_factory=dict)
    blocking: frozenset[str] = frozenset()  # units with an unresolved error that makes a
                                            # score provisional (rule 4)

    def counts(self) -> IssueCounts:
        """The one count every surface shows (rule 5)."""
        errors = warnings = resolved = 0
        for issue in self.issues:
            if issue.resolved:
                resolved += 1
            elif issue.severity is Severity.ERROR:
                errors += 1
            else:
                warnings += 1
        return IssueCounts(errors, warnings, resolved)

    def of_unit(self, unit: str) -> IssueCounts:
        """Unit ``unit``'s unresolved errors and warnings."""
        return IssueCounts(self.errors.get(unit, 0), self.warnings.get(unit, 0))

    def with_issues(self, more: Iterable[Issue]) -> Standing:
        """This standing with more issues, each tied to the unit it names (scoring's own)."""
        more = list(more)
        if not more:
            return self
        errors, warnings = dict(self.errors), dict(self.warnings)
        blocking = set(self.blocking)
        for issue in more:
            if issue.unit:
                _add(errors if issue.severity is Severity.ERROR else warnings, issue.unit)
                if issue.severity is Severity.ERROR and issue.code not in UNUSABLE_CODES:
                    blocking.add(issue.unit)
        return Standing(self.issues + more, errors, warnings, frozenset(blocking))


def _add(counter: dict[str, int], unit: str) -> None:
    counter[unit] = counter.get(unit, 0) + 1


def _origins(origin: pd.DataFrame | None) -> dict[str, tuple[str, str]]:
    if origin is None or origin.empty:
        return {}
    files = origin["file"].tolist()
    sheets = origin["sheet"].tolist() if "sheet" in origin.columns else [""] * len(files)
    return {str(u): (_text(f), _text(s)) for u, f, s in zip(origin.index, files, sheets)}


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def assess(issues: Iterable[Issue], origin: pd.DataFrame | None = None,
           verified: Verified | None = None) -> Standing:
    """The standing of every unit (see the module docstring).

    ``origin``: per unit with a usable submission (index: unit code), the ``file`` and ``sheet``
    its values were read from (``ImportResult.origin``). ``verified``: (unit, sub-indicator) →
    (verified value, note).
    """
    sources = _origins(origin)
    verified = verified or {}
    by_file: dict[tuple[str, str], list[str]] = {}
    for unit, (file, sheet) in sources.items():
        by_file.setdefault((file, sheet), []).append(unit)
        by_file.setdefault((file, ""), []).append(unit)
    kept: list[Issue] = []
    errors: dict[str, int] = {}
    warnings: dict[str, int] = {}
    blocking: set[str] = set()
    for issue in issues:
        if issue.unit:
            source = sources.get(issue.unit)
            units = [issue.unit]
            if source is not None and issue.file and issue.file != source[0]:
                if issue.code not in UNUSABLE_CODES:
                    continue  # about a file this unit's values do not come from (rule 1)
                units = []  # a file refused outright is still said, but not held against U
        elif issue.node and issue.file:
            units = list(dict.fromkeys(by_file.get((issue.file, issue.sheet), [])))
        else:
            units = []
        settled: list[Verification] = []
        if units and is_about_a_value(issue):
            for unit in units:
                found = verified.get((unit, issue.node))
                if found is not None:
                    settled.append(Verification(unit, float(found[0]), str(found[1])))
        if settled and len(settled) == len(units):
            kept.append(replace(issue, verified=tuple(settled)))
            continue
        kept.append(issue if not issue.verified else replace(issue, verified=()))
        done = {v.unit for v in settled}
        for unit in units:
            if unit in done:
                continue
            if issue.severity is Severity.ERROR:
                _add(errors, unit)
                if issue.code not in UNUSABLE_CODES:
                    blocking.add(unit)
            else:
                _add(warnings, unit)
    return Standing(kept, errors, warnings, frozenset(blocking))
