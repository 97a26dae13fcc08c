"""Checking a spreadsheet file before python-calamine sees it: what it really is, and that it
is safe.

``inspect_spreadsheet`` looks at the bytes, not the file name, and gives a ``FileCheck``: the kind
("xlsx", "ods" or "xls"), the bytes to hand to calamine, and for an .xlsx each sheet's part (to
look behind what calamine hides: ``may_hide``, ``stored_cells``).
It refuses, each with its own reason code (raised as ``InputFileError``):

- content that is not a spreadsheet (``FILE_NOT_SPREADSHEET``), a web page or XML-2003 file saved
  with an .xls name (``FILE_HTML_DISGUISED``);
- password protection (``FILE_ENCRYPTED``); a damaged file (``FILE_CORRUPT``);
- the zip container's problems (``zip_guard``): bombs, unsafe or ambiguous member names;
- any DOCTYPE or ENTITY declaration in an XML part, in UTF-8 or UTF-16 (``FILE_UNSAFE_XML``);
  an XML part calamine would read in another encoding than the one it declares (calamine reads
  UTF-8 only: a UTF-16 sheet would come back empty) (``FILE_AMBIGUOUS_CONTENT``);
- a sheet whose grid is too large to hold (``FILE_SHEET_TOO_LARGE``). In an .xlsx every member is
  measured (``sheet_extent``, and ``sheet_exact`` when bytes alone cannot tell), so whatever part
  calamine takes for a sheet, it was measured; content.xml of an ODS file by ``ods_extent``;
  an .xls by its cell records (``xls_extent``);
- cell data, strings, styles or sheet lists that calamine (which matches XML names without their
  namespace) would read differently from a namespace-aware reader (``FILE_AMBIGUOUS_CONTENT``).

Each member is inflated once. For files up to ``KEEP_BYTES`` inflated, calamine is then handed
those very bytes (an uncompressed copy of the zip): it reads exactly what was checked, without
inflating it again. Larger files are checked as they stream and calamine reads the file's own
bytes. Work and memory are bounded by the limits whatever the file holds.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dti_app.core.errors import InputFileError
from dti_app.core.issues import Issue, IssueCode
from dti_app.core.ods_cells import ods_errors
from dti_app.core.ods_extent import measure_ods
from dti_app.core.refused import Refused, ambiguous
from dti_app.core.sheet_exact import measure_exactly
from dti_app.core.sheet_extent import MAX_CELLS, MAX_ROWS, XlsxScan, may_hide
from dti_app.core.workbook_parts import WorkbookParts, check_part_namespaces, locate
from dti_app.core.xls_extent import check_xls, xls_errors
from dti_app.core.xlsx_cells import StoredCell, stored_cells
from dti_app.core.zip_guard import MAX_TOTAL_BYTES, ZipGuard, unsafe_member_name

__all__ = ["inspect_spreadsheet", "FileCheck", "MAX_ROWS", "MAX_CELLS",
           "MAX_TOTAL_BYTES", "KEEP_BYTES", "unsafe_member_name"]

C = IssueCode
KEEP_BYTES = 32 * 1024 * 1024      # inflated members kept for calamine (declared total)
MAX_PART_READ_WHOLE = 64 * 1024 * 1024
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
XML_SUFFIXES = (".xml", ".rels", ".vml")
_DECLARATION = re.compile(r"<!(?i:doctype|entity)")
_ENCODING = re.compile(rb"^<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']*)[\"']")
_UTF8 = {b"utf-8", b"utf8"}


def _fail(path: Path, code: IssueCode, sheet: str = "", **params: object) -> InputFileError:
    return InputFileError([Issue.error(code, file=path.name, sheet=sheet, params=params)])


@dataclass
class FileCheck:
    """A checked file: its kind, the bytes calamine reads, and what calamine would hide."""

    kind: str                                   # "xlsx" | "ods" | "xls"
    data: bytes                                 # what to hand to calamine
    sheets: dict[str, str] = field(default_factory=dict)   # xlsx: sheet name -> zip member
    sheet_names: list[str] = field(default_factory=list)          # xlsx: in workbook order
    _parts: dict[str, bytes] = field(default_factory=dict, repr=False)
    _guard: ZipGuard | None = field(default=None, repr=False)
    _stored: dict[str, dict[str, StoredCell]] = field(default_factory=dict, repr=False)
    _hides: dict[str, bool] = field(default_factory=dict, repr=False)
    _error_cells: dict[str, dict[str, str]] | None = field(default=None, repr=False)

    def may_hide(self, sheet: str) -> bool:
        """Whether a sheet may hold a formula without a result or an error value (which calamine
        gives as an empty cell)."""
        if self.kind != "xlsx":
            return bool(self._errors().get(sheet))
        part = self.sheets.get(sheet)
        if part is None:
            return False
        if part not in self._hides:
            self._hides[part] = any(may_hide(chunk) for chunk in self._chunks(part))
        return self._hides[part]

    def stored_cells(self, sheet: str) -> dict[str, StoredCell]:
        """What each cell of an .xlsx sheet stores (formula flag, type, text), by reference;
        for .xls and .ods, the cells holding an error value. Read once per sheet, from the
        bytes calamine read."""
        if self.kind != "xlsx":
            return {ref: StoredCell(True, text, "e")
                    for ref, text in self._errors().get(sheet, {}).items()}
        part = self.sheets.get(sheet)
        if part is None:
            return {}
        if sheet not in self._stored:
            self._stored[sheet] = stored_cells(self._chunks(part), part)
        return self._stored[sheet]

    def _errors(self) -> dict[str, dict[str, str]]:
        """.xls / .ods: sheet -> {reference: error text}, found once."""
        if self._error_cells is None:
            if self.kind == "xls":
                self._error_cells = xls_errors(self.data)
            else:
                guard = ZipGuard(self.data)
                content = guard.find("content.xml")
                self._error_cells = ods_errors(guard.chunks(content)) if content else {}
        return self._error_cells

    def _chunks(self, part: str) -> Iterable[bytes]:
        if part in self._parts:
            return [self._parts[part]]
        assert self._guard is not None
        info = self._guard.find(part)
        return self._guard.chunks(info) if info is not None else []


def inspect_spreadsheet(path: Path, data: bytes | None = None) -> FileCheck:
    """What the file is, if it is safe to hand to calamine; else ``InputFileError``."""
    path = Path(path)
    if data is None:
        data = path.read_bytes()
    try:
        if data.startswith(ZIP_MAGIC):
            return _check_zip(data, path)
        if data.startswith(CFB_MAGIC):
            check_xls(data)
            return FileCheck("xls", data)
    except Refused as refused:
        params = dict(refused.params)
        if refused.code is C.FILE_NOT_SPREADSHEET:
            params["suffix"] = path.suffix
        raise _fail(path, refused.code, sheet=str(params.pop("sheet", "")), **params) from None
    kind = _text_kind(data[:4096])
    if kind in ("HTML", "XML 2003"):
        raise _fail(path, C.FILE_HTML_DISGUISED, kind=kind, suffix=path.suffix)
    raise _fail(path, C.FILE_NOT_SPREADSHEET, kind=kind, suffix=path.suffix)


def _text_kind(head: bytes) -> str:
    for bom, encoding in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            head = head[2:].decode(encoding, "ignore").encode("utf-8", "ignore")
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if text.startswith(b"<"):
        if re.search(rb"<(html|table|meta|head|body|!doctype html)", text[:2048]):
            return "HTML"
        if b"urn:schemas-microsoft-com:office:spreadsheet" in text or b"<workbook" in text:
            return "XML 2003"
        return "XML"
    if head.startswith(b"%PDF"):
        return "PDF"
    printable = sum(32 <= b < 127 or b in (9, 10, 13) for b in head[:512])
    return "văn bản/text" if head and printable > 0.95 * min(len(head), 512) else "nhị phân/binary"


def _check_zip(data: bytes, path: Path) -> FileCheck:
    guard = ZipGuard(data)
    keep = guard.declared_total <= KEEP_BYTES
    kept: dict[str, bytes] = {}

    def whole(info: zipfile.ZipInfo) -> bytes:
        if info.filename not in kept:
            if info.file_size > MAX_PART_READ_WHOLE:
                raise Refused(C.FILE_CORRUPT, reason=f"{info.filename[:60]}: too large")
            kept[info.filename] = guard.inflate(info)
        return kept[info.filename]

    mimetype = guard.find("mimetype")
    is_ods = mimetype is not None and whole(mimetype).strip().startswith(ODS_MIME)
    is_xlsx = guard.find("_rels/.rels") is not None
    if is_ods and is_xlsx:
        raise ambiguous("mimetype", "vừa là tệp ODS vừa là tệp XLSX", "both an ODS and an XLSX")
    if not is_ods and not is_xlsx:
        raise Refused(C.FILE_NOT_SPREADSHEET, kind="zip")
    book = locate(guard, whole) if is_xlsx else WorkbookParts()
    if is_xlsx and "workbook" not in book.read:
        raise Refused(C.FILE_NOT_SPREADSHEET, kind="zip")
    if is_ods:
        _check_ods_encryption(guard, whole)
    named = {s.part: s.name for s in book.sheets}
    for info in guard.members:
        scan = XlsxScan(info.filename, named.get(info.filename, ""))
        chunks = [whole(info)] if keep or info.filename in kept else guard.chunks(info)
        xmlish = info.filename.lower().endswith(XML_SUFFIXES) or info.filename in named
        _scan_member(info.filename, chunks, scan if keep is False or b"sheetData" in chunks[0]
                     else None, xmlish)
        if scan.exact:
            again = [whole(info)] if info.filename in kept else guard.chunks(info)
            measure_exactly(again, info.filename, scan.sheet)
        guard.check_ratio(info)  # after the sheet was measured: that reason is clearer
    for role, part in book.read.items():
        if role in ("styles", "strings"):
            check_part_namespaces(role, part, whole(guard.find(part)))
    if is_ods:
        _check_ods(guard, whole)
        return FileCheck("ods", _for_reader(guard, kept, keep, [i.filename for i in guard.members]))
    read = [*book.read.values(), *(s.part for s in book.sheets)]
    return FileCheck("xlsx", _for_reader(guard, kept, keep, read),
                     sheets={s.name: s.part for s in reversed(book.sheets)},
                     sheet_names=[s.name for s in book.sheets], _parts=kept if keep else {},
                     _guard=guard)


def _scan_member(part: str, chunks: Iterable[bytes], scan: XlsxScan | None,
                 xmlish: bool) -> None:
    """Feed one member to ``scan`` (None: a member read whole, without cell data); refuse
    declarations and foreign encodings in XML parts."""
    carry = b""
    first = True
    for chunk in chunks:
        if xmlish:
            window = carry + chunk
            if b"<" in window and (b"<!" in window or b"\x00" in window):
                _check_declarations(part, window)
            if first:
                _check_encoding(part, chunk)
                first = False
            carry = window[-32:]
        if scan is not None:
            scan.feed(chunk)
    if scan is not None:
        scan.feed(b"", final=True)


def _check_declarations(part: str, window: bytes) -> None:
    texts = [window.decode("latin-1")]
    if b"\x00" in window:                    # UTF-16, either byte order
        texts += [window.decode("utf-16-le", "ignore"), window[1:].decode("utf-16-le", "ignore")]
    if any(_DECLARATION.search(text) for text in texts):
        raise Refused(C.FILE_UNSAFE_XML, part=part[:120])


def _check_encoding(part: str, head: bytes) -> None:
    """calamine reads XML as UTF-8 whatever it declares: anything else is refused."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:512]:
        raise ambiguous(part, "phần XML mã hóa UTF-16", "an XML part in UTF-16")
    declared = _ENCODING.match(head.removeprefix(b"\xef\xbb\xbf"))
    if declared is not None and declared.group(1).lower() not in _UTF8:
        encoding = declared.group(1).decode("ascii", "replace")[:20]
        raise ambiguous(part, f"phần XML mã hóa {encoding}", f"an XML part in {encoding}")


def _check_ods_encryption(guard: ZipGuard, whole) -> None:
    manifest = guard.find("META-INF/manifest.xml")
    if manifest is not None and b"encryption-data" in whole(manifest):
        raise Refused(C.FILE_ENCRYPTED)


def _check_ods(guard: ZipGuard, whole) -> None:
    content = guard.find("content.xml")
    if content is None:
        raise Refused(C.FILE_CORRUPT, reason="ods: content.xml missing")
    measure_ods(_chunks_of(guard, content, whole), content.filename)


def _chunks_of(guard: ZipGuard, info: zipfile.ZipInfo, whole) -> Iterator[bytes]:
    if info.file_size <= KEEP_BYTES:
        yield whole(info)
    else:
        yield from guard.chunks(info)


def _for_reader(guard: ZipGuard, kept: dict[str, bytes], keep: bool, read: list[str]) -> bytes:
    """The zip calamine reads: the checked members it reads (``read``), uncompressed, so that
    it can read nothing else; or, for a large file, the file itself (every member checked)."""
    if not keep:
        return guard.data
    infos = {info.filename: info for info in guard.members}
    return ZipGuard.stored_zip({name: kept[name] for name in dict.fromkeys(read)}, infos)
