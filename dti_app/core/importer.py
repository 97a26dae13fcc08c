"""Importing a batch of inputs: files and folders in, one ``ImportResult`` out.

Each file is read on its own; a file that cannot be used adds its issue and the batch carries on.
Readers are tried in order (``READERS``): the first whose ``detect`` accepts the sheets reads them
into ``Submission``s, one per unit. Then submissions are combined: a unit submitted by two files is
not used until the caller says which one wins (``choose`` or ``newest_wins``).

Long imports report ``progress(done, total)`` after every file and stop early when
``cancelled()`` returns True.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from dti_app.core.criteria import Criteria
from dti_app.core.errors import InputFileError
from dti_app.core.imported import ImportResult, SourceFile, file_sha256
from dti_app.core.issues import Issue, IssueCode
from dti_app.core.spreadsheet import (
    MAX_FILE_BYTES,
    SPREADSHEET_SUFFIXES,
    TABLE_SUFFIXES,
    Sheet,
    open_sheets,
)
from dti_app.core.table_import import find_header, read_table
from dti_app.core.units import UnitRegister
from dti_app.core.value_notes import summarise_notes

__all__ = ["Submission", "Reader", "READERS", "expand_inputs", "import_inputs"]

C = IssueCode
Progress = Callable[[int, int], None]


@dataclass
class Submission:
    """One unit's values from one file."""

    unit: str
    values: list[float]
    cells: list[str]
    raw: list[str]
    sheet: str
    file: SourceFile


@dataclass
class ReadContext:
    path: Path
    source: SourceFile
    criteria: Criteria
    register: UnitRegister
    year: int | None
    issues: list[Issue] = field(default_factory=list)


@dataclass(frozen=True)
class Reader:
    kind: str
    detect: Callable[[list[Sheet], Criteria], bool]
    read: Callable[[list[Sheet], ReadContext], list[Submission]]


def _detect_table(sheets: list[Sheet], criteria: Criteria) -> bool:
    leaves = set(criteria.leaves)
    return any(find_header(s, leaves) is not None for s in sheets)


def _read_table(sheets: list[Sheet], ctx: ReadContext) -> list[Submission]:
    leaves = set(ctx.criteria.leaves)
    out: list[Submission] = []
    for sheet in sheets:
        header = find_header(sheet, leaves)
        if header is None:
            continue
        table = read_table(sheet, header, ctx.criteria, ctx.register, ctx.path.name)
        ctx.issues.extend(table.issues)
        for unit, (values, cells, raws) in table.rows.items():
            out.append(Submission(unit, values, cells, raws, sheet.name, ctx.source))
        break
    return out


READERS: list[Reader] = [Reader("table", _detect_table, _read_table)]
UNUSABLE = {C.YEAR_MISMATCH, C.CRITERIA_VERSION_MISMATCH, C.SHEET_MISSING}


def expand_inputs(inputs: Iterable[str | Path]) -> tuple[list[Path], list[Issue]]:
    """Files and folders (searched recursively) → the files to read, sorted; missing → issues."""
    suffixes = SPREADSHEET_SUFFIXES + TABLE_SUFFIXES
    files: list[Path] = []
    issues: list[Issue] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found = [p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes
                     and not p.name.startswith(("~$", ".~lock", "."))]
            files.extend(sorted(found))
        elif path.is_file():
            files.append(path)
        else:
            issues.append(Issue.error(C.FILE_NOT_FOUND, file=str(path)))
    # one canonical order, whatever the order given: results and reports do not depend on it
    unique = sorted(set(p.resolve() for p in files))
    return unique, sorted(issues, key=lambda i: i.file)


def _read_one(path: Path, criteria: Criteria, register: UnitRegister, year: int | None
              ) -> tuple[list[Submission], list[Issue], SourceFile]:
    stat = path.stat()
    # a file that may be read is read once: hashed, checked and parsed from the same bytes
    data = path.read_bytes() if 0 < stat.st_size <= MAX_FILE_BYTES else None
    source = SourceFile(path=str(path), name=path.name, sha256=file_sha256(path, data),
                        modified=stat.st_mtime)
    ctx = ReadContext(path, source, criteria, register, year)
    try:
        sheets = open_sheets(path, data)
    except InputFileError as exc:
        source.ok = False
        return [], [_placed(i, path) for i in exc.issues], source
    try:  # sheets are parsed as readers look at them: a bad sheet can still stop the file
        for reader in READERS:
            if reader.detect(sheets, criteria):
                source.kind = reader.kind
                subs = reader.read(sheets, ctx)
                source.units = [s.unit for s in subs]
                return subs, summarise_notes(ctx.issues), source
    except InputFileError as exc:
        source.ok = False
        return [], ctx.issues + [_placed(i, path) for i in exc.issues], source
    source.ok = False
    return [], [Issue.error(C.FILE_NOT_TEMPLATE, file=path.name,
                            params={"reason": criteria.label})], source


def _placed(issue: Issue, path: Path) -> Issue:
    if issue.file:
        return issue
    return Issue(issue.severity, issue.code, file=path.name, sheet=issue.sheet, cell=issue.cell,
                 unit=issue.unit, node=issue.node, value=issue.value, params=issue.params)


def import_inputs(inputs: Iterable[str | Path], criteria: Criteria, register: UnitRegister,
                  year: int | None = None, *, newest_wins: bool = False,
                  choose: dict[str, str] | None = None, workers: int = 1,
                  progress: Progress | None = None,
                  cancelled: Callable[[], bool] | None = None) -> ImportResult:
    """Read every input; see the module docstring.

    ``workers`` > 1 reads files in that many processes (worth it from a few hundred files);
    the result is the same as with one, in the same order.
    """
    files, issues = expand_inputs(inputs)
    by_unit: dict[str, list[Submission]] = {}
    sources: list[SourceFile] = []
    for done, (_path, (subs, found, source)) in enumerate(
            _read_all(files, criteria, register, year, workers, cancelled), start=1):
        issues.extend(found)
        sources.append(source)
        for sub in subs:
            by_unit.setdefault(sub.unit, []).append(sub)
        if progress is not None:
            progress(done, len(files))
    return _combine(by_unit, sources, issues, criteria, register, newest_wins, choose or {})


def _read_safely(path: Path, criteria: Criteria, register: UnitRegister, year: int | None
                 ) -> tuple[list[Submission], list[Issue], SourceFile]:
    try:
        return _read_one(path, criteria, register, year)
    except OSError as exc:
        found = [Issue.error(C.FILE_CORRUPT, file=path.name, params={"reason": exc})]
        return [], found, SourceFile(str(path), path.name, "", ok=False)


_WORKER: dict[str, object] = {}


def _start_worker(criteria: Criteria, register: UnitRegister, year: int | None) -> None:
    """Each worker process receives the criteria and the register once, not with every chunk."""
    _WORKER.update(criteria=criteria, register=register, year=year)


def _read_chunk(paths: list[Path]) -> list[tuple[list[Submission], list[Issue], SourceFile]]:
    return [_read_safely(p, _WORKER["criteria"], _WORKER["register"], _WORKER["year"])
            for p in paths]


def _read_all(files: list[Path], criteria: Criteria, register: UnitRegister, year: int | None,
              workers: int, cancelled: Callable[[], bool] | None):
    """(path, read result) for every file, in order; stops early when cancelled."""
    if workers <= 1 or len(files) < 2 * CHUNK:
        for path in files:
            if cancelled is not None and cancelled():
                return
            yield path, _read_safely(path, criteria, register, year)
        return
    from concurrent.futures import ProcessPoolExecutor

    chunks = [files[i:i + CHUNK] for i in range(0, len(files), CHUNK)]
    with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker,
                             initargs=(criteria, register, year)) as pool:
        futures = [pool.submit(_read_chunk, chunk) for chunk in chunks]
        for chunk, future in zip(chunks, futures):
            if cancelled is not None and cancelled():
                for pending in futures:
                    pending.cancel()
                return
            yield from zip(chunk, future.result())


CHUNK = 50


def _combine(by_unit: dict[str, list[Submission]], sources: list[SourceFile],
             issues: list[Issue], criteria: Criteria, register: UnitRegister, newest_wins: bool,
             choose: dict[str, str]) -> ImportResult:
    leaves = list(criteria.leaves)
    chosen: dict[str, Submission] = {}
    invalid: set[str] = {i.unit for i in issues if i.code is C.UNIT_DUPLICATE and i.unit}
    # a unit whose only files could not be used (another year or criteria, no data sheet) is
    # invalid, not missing
    invalid |= {i.unit for i in issues if i.code in UNUSABLE and i.unit and i.unit not in by_unit}
    for unit, subs in by_unit.items():
        if len(subs) == 1:
            chosen[unit] = subs[0]
            continue
        wanted = choose.get(unit)
        pick = [s for s in subs if wanted in (s.file.name, s.file.path)]
        if not pick and newest_wins:
            pick = [max(subs, key=lambda s: s.file.modified)]
        names = [s.file.name for s in subs]
        label = register.by_code[unit].label if unit in register.by_code else unit
        if pick:
            chosen[unit] = pick[0]
            issues.append(Issue.warning(C.UNIT_DUPLICATE, unit=unit, file=pick[0].file.name,
                                        params={"files": names, "unit_label": label}))
        else:
            invalid.add(unit)
            for s in subs:
                issues.append(Issue.error(C.UNIT_DUPLICATE, unit=unit, file=s.file.name,
                                          sheet=s.sheet,
                                          params={"files": names, "unit_label": label}))
    chosen = {u: s for u, s in chosen.items() if u not in invalid}
    if not chosen:
        result = ImportResult.empty(leaves)
    else:
        order = [u for u in register.codes if u in chosen] + \
                sorted(u for u in chosen if u not in register.by_code)
        idx = pd.Index(order, name="code")
        result = ImportResult(
            values=pd.DataFrame(np.array([chosen[u].values for u in order], dtype=float),
                                index=idx, columns=leaves),
            cells=pd.DataFrame(_text_matrix([chosen[u].cells for u in order]), index=idx,
                               columns=leaves, dtype=object),
            origin=pd.DataFrame({"file": [chosen[u].file.name for u in order],
                                 "sheet": [chosen[u].sheet for u in order]}, index=idx),
            raw=pd.DataFrame(_text_matrix([chosen[u].raw for u in order]), index=idx,
                             columns=leaves, dtype=object),
        )
    result.files = sources
    result.issues = issues
    result.invalid = invalid
    return result


def _text_matrix(rows: list[list[str]]) -> np.ndarray:
    """Rows of text as one object array: with ``dtype=object`` pandas keeps it as one block,
    without looking at every column's values (which takes 30 times longer)."""
    matrix = np.empty((len(rows), len(rows[0]) if rows else 0), dtype=object)
    matrix[:] = rows
    return matrix


# The self-assessment workbook reader registers itself in READERS, before the table reader.
from dti_app.core import workbook_import  # noqa: E402,F401  (import for its registration)
