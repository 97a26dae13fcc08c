"""The assessment year of a run: the one asked for, or the one every input states.

The year printed on a ranking is never the criteria file's year by default. ``choose_year``
decides it from what the user gave (``--year``, a campaign's year) and the years the input files
state on their covers (``SourceFile.year``):

- a year given wins (files stating another year were already refused at import);
- otherwise the year every file that states one states (``source == "inputs"``);
- no file states a year: the year is not known (``year`` is None, shown as "not stated");
- files state different years: ``conflict`` is True and the caller refuses to publish
  anything until a year is given.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from dti_app.core.imported import SourceFile

__all__ = ["YearChoice", "choose_year"]


@dataclass(frozen=True)
class YearChoice:
    year: int | None
    source: str                                   # "given" | "inputs" | "none" | "conflict"
    stated: dict[int, list[str]] = field(default_factory=dict)   # year → files stating it

    @property
    def conflict(self) -> bool:
        return self.source == "conflict"

    def summary(self, most: int = 3) -> str:
        """'2024 (2 tệp/files: a.xlsx, b.xlsx), 2025 (61 tệp/files: …)'."""
        parts = []
        for year in sorted(self.stated):
            names = sorted(self.stated[year])
            shown = ", ".join(names[:most]) + (", …" if len(names) > most else "")
            parts.append(f"{year} ({len(names)} tệp/files: {shown})")
        return "; ".join(parts)


def choose_year(given: int | None, files: Iterable[SourceFile]) -> YearChoice:
    """The year to publish (see the module docstring)."""
    stated: dict[int, list[str]] = {}
    for f in files:
        if f.ok and f.year is not None:
            stated.setdefault(int(f.year), []).append(f.name)
    if given is not None:
        return YearChoice(int(given), "given", stated)
    if len(stated) == 1:
        return YearChoice(next(iter(stated)), "inputs", stated)
    if not stated:
        return YearChoice(None, "none", stated)
    return YearChoice(None, "conflict", stated)
