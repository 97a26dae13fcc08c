"""Saying once what a file does everywhere: one summary for a notation used consistently.

A workbook typed with decimal commas gives a "read '85,5' as 85.5" warning on every number cell,
and hundreds of them bury the one real error. ``summarise_notes`` takes the issues of one file and
replaces the per-cell notes of one family by a single ``VALUE_NOTATION_SUMMARY`` warning (how
many cells, which notation, one example; the warning is placed on that example's cell and
sub-indicator) when the file uses that family's notation consistently. The notes are the
warnings whose ``params`` carry a ``notation`` (``values``):

- numbers written as text: ``comma`` (1.234,5) and ``point`` (1,234.5) exclude each other;
  ``plain`` (a % sign, spaces between thousands) goes with either;
- percentage cells of a file that does not say how it stores them: ``percent_fraction`` (0.855
  read as 85.5 %) and ``percent_typed`` (85.5 read as 85.5 %) exclude each other.

When a file mixes two notations of a family, every note of that family stays, cell by cell: there
each reading deserves its own look. A family with a single note keeps it too. Every other issue,
and every error, is kept as it is and where it is.
"""

from __future__ import annotations

from dti_app.core.issues import Issue, IssueCode, Severity
from dti_app.core.number_text import COMMA, PLAIN, POINT
from dti_app.core.values import PERCENT_FRACTION, PERCENT_TYPED

__all__ = ["summarise_notes"]

FAMILY = {COMMA: "number", POINT: "number", PLAIN: "number",
          PERCENT_FRACTION: "percent", PERCENT_TYPED: "percent"}
NEUTRAL = {PLAIN}


def summarise_notes(issues: list[Issue]) -> list[Issue]:
    """One file's issues, with each consistently used notation said once (module docstring)."""
    families: dict[str, list[int]] = {}
    for k, issue in enumerate(issues):
        notation = issue.params.get("notation") if issue.severity is Severity.WARNING else None
        if notation in FAMILY:
            families.setdefault(FAMILY[notation], []).append(k)
    summary_at: dict[int, Issue] = {}
    dropped: set[int] = set()
    for positions in families.values():
        notes = [issues[k] for k in positions]
        used = {note.params["notation"] for note in notes}
        decisive = used - NEUTRAL
        if len(notes) < 2 or len(decisive) > 1:
            continue
        summary_at[positions[0]] = _summary(notes, decisive.pop() if decisive else PLAIN)
        dropped.update(positions)
    if not dropped:
        return issues
    return [summary_at[k] if k in summary_at else issue for k, issue in enumerate(issues)
            if k not in dropped or k in summary_at]


def _summary(notes: list[Issue], notation: str) -> Issue:
    """The one warning for ``notes``: its example is the first note of that very notation."""
    example = next(n for n in notes if n.params["notation"] == notation)
    params = example.params
    if FAMILY[notation] == "percent":  # a stored number: shown in the message's notation
        shown: object = params["stored"]
        number = params.get("number", params["stored"])
    else:  # text: as typed
        shown, number = example.value, params.get("number", params.get("cleaned"))
    return Issue.warning(
        IssueCode.VALUE_NOTATION_SUMMARY, file=example.file, sheet=_common(notes, "sheet"),
        cell=example.cell, unit=_common(notes, "unit"), node=example.node, value=example.value,
        params={"count": len(notes), "notation": notation, "example": shown,
                "example_cell": example.cell, "number": number})


def _common(notes: list[Issue], field: str) -> str:
    """The notes' sheet (or unit) when they all share one, else ''."""
    values = {getattr(note, field) for note in notes}
    return values.pop() if len(values) == 1 else ""
