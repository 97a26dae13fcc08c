"""The core's exceptions, all in one place.

    DtiError                      base of everything the core raises on purpose
    ├── CriteriaError             a criteria file is unreadable or invalid (carries every problem)
    ├── UnitRegisterError         a unit register (CSV) is unreadable or invalid
    ├── InputFileError            one input file cannot be read at all (the batch carries on)
    ├── CampaignError             a campaign file cannot be opened or written
    └── ExportError               an export could not be written (the previous file is intact)

The CLI and the GUI catch ``DtiError`` and show its message; anything else is a bug.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dti_app.core.issues import Issue

__all__ = [
    "DtiError",
    "CriteriaError",
    "UnitRegisterError",
    "InputFileError",
    "CampaignError",
    "ExportError",
]


class DtiError(Exception):
    """Base class of the core's deliberate errors."""


class _WithIssues(DtiError):
    """An error that carries one or more issues (each with a reason code and a place)."""

    def __init__(self, issues: list[Issue]):
        self.issues = list(issues)
        super().__init__(self.render("vi"))

    def render(self, lang: str = "vi") -> str:
        from dti_app.core.messages import render_issue

        return "\n".join(render_issue(issue, lang, with_place=True) for issue in self.issues)


class CriteriaError(_WithIssues):
    """A criteria file could not be loaded; ``issues`` lists every problem found."""


class UnitRegisterError(_WithIssues):
    """A unit register could not be loaded; ``issues`` lists every problem found."""


class InputFileError(_WithIssues):
    """One input file could not be read at all."""


class CampaignError(DtiError):
    """A campaign file cannot be opened, migrated or written."""


class ExportError(DtiError):
    """An export failed; the file that was there before is left untouched."""
