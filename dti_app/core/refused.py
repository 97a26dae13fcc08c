"""The one exception the file checks raise inside: a file refused for one reason code.

``file_safety`` turns it into the file's single ``InputFileError`` (with the file's name). The
checks themselves (``zip_guard``, ``sheet_extent``, ``workbook_parts``, ``xls_extent``) only know
the part or sheet they looked at, which they put in ``params``.
"""

from __future__ import annotations

from dti_app.core.issues import IssueCode

__all__ = ["Refused", "ambiguous", "too_large"]


class Refused(Exception):
    """A file refused for ``code``; ``params`` fill the message (``sheet`` places the issue)."""

    def __init__(self, code: IssueCode, **params: object):
        super().__init__(code.value)
        self.code, self.params = code, params


def ambiguous(part: str, reason_vi: str, reason_en: str) -> Refused:
    """Content that spreadsheet programs read differently: refused rather than guessed."""
    return Refused(IssueCode.FILE_AMBIGUOUS_CONTENT, part=part[:120], reason_vi=reason_vi,
                   reason_en=reason_en)


def too_large(sheet: str, rows: int | str, cols: int | str, limit: int) -> Refused:
    """A sheet whose grid (from A1 to its farthest cell) is beyond the limits."""
    def shown(n: int | str) -> str:
        return f"{n:,}" if isinstance(n, int) else n

    return Refused(IssueCode.FILE_SHEET_TOO_LARGE, sheet=sheet, rows=shown(rows),
                   cols=shown(cols), limit=f"{limit:,}")
