"""What an import produced: values per unit, where each came from, the files read, the issues.

``ImportResult`` is the common output of every reader (consolidated tables here, self-assessment
workbooks in ``workbook_import``), so the scorer, the campaign file and the exports need not know
which kind of file a value came from.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dti_app.core.issues import Issue

__all__ = ["SourceFile", "ImportResult", "file_sha256"]


@dataclass
class SourceFile:
    """One input file as read: its name, where it was, its SHA-256 and what it gave."""

    path: str
    name: str
    sha256: str
    kind: str = ""            # "table" | "workbook" | "" (unreadable)
    units: list[str] = field(default_factory=list)
    year: int | None = None
    criteria: str = ""         # "id vversion" the file was made for, when it says
    modified: float = 0.0
    ok: bool = True


@dataclass
class ImportResult:
    """Raw values (units × leaves, float, NaN = missing) with their sources and the issues.

    ``cells``: units × leaves, the cell reference each value came from ("B17").
    ``origin``: per unit, the file name and sheet its values came from.
    ``invalid``: units that had an input but none of it can be used (e.g. duplicate submissions).
    """

    values: pd.DataFrame
    cells: pd.DataFrame
    origin: pd.DataFrame
    files: list[SourceFile] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    invalid: set[str] = field(default_factory=set)
    raw: pd.DataFrame | None = None  # units × leaves, the cell contents as typed (text)

    @classmethod
    def empty(cls, leaves: list[str]) -> ImportResult:
        idx = pd.Index([], name="code", dtype=object)
        return cls(values=pd.DataFrame(index=idx, columns=leaves, dtype=float),
                   cells=pd.DataFrame(index=idx, columns=leaves, dtype=object),
                   origin=pd.DataFrame(index=idx, columns=["file", "sheet"], dtype=object),
                   raw=pd.DataFrame(index=idx, columns=leaves, dtype=object))

    def source_of(self, unit: str, leaf: str) -> tuple[str, str, str]:
        """(file, sheet, cell) of one value."""
        if unit not in self.origin.index:
            return "", "", ""
        cell = self.cells.at[unit, leaf] if leaf in self.cells.columns else ""
        return (str(self.origin.at[unit, "file"]), str(self.origin.at[unit, "sheet"]),
                "" if pd.isna(cell) else str(cell))


def file_sha256(path: Path, data: bytes | None = None) -> str:
    """SHA-256 of a file; of ``data`` when the caller already holds the file's bytes."""
    if data is not None:
        return hashlib.sha256(data).hexdigest()
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
