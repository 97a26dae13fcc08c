"""Checking a spreadsheet file before any parser sees it: what it really is, and that it is safe.

``inspect_spreadsheet`` looks at the bytes, not the file name, and returns "xlsx", "ods" or "xls".
It refuses, each with its own reason code (raised as ``InputFileError``):

- content that is not a spreadsheet (``FILE_NOT_SPREADSHEET``), a web page or XML-2003 file saved
  with an .xls name (``FILE_HTML_DISGUISED``);
- password protection: an OLE container holding an encrypted OOXML package, encrypted zip members,
  an encrypted ODF manifest (``FILE_ENCRYPTED``);
- a damaged zip (``FILE_CORRUPT``), member names that climb out of the archive or are absolute
  (``FILE_UNSAFE_MEMBER``);
- decompression bombs: too many members, declared sizes or ratios too large, or a member that
  inflates to more than it declared (``FILE_COMPRESSION_BOMB``);
- any DOCTYPE or ENTITY declaration in an XML part (``FILE_UNSAFE_XML``);
- a sheet whose rows or cells go beyond ``MAX_ROWS`` / ``MAX_CELLS`` (``FILE_SHEET_TOO_LARGE``),
  measured by streaming the sheet XML (in an .xls, by walking its cell records: ``xls_extent``),
  so a sparse cell at XFD1048576 or a row repeated a million times is caught before a reader
  would allocate the whole grid.

Work and memory are bounded by the limits below whatever the file holds.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.parsers import expat

from dti_app.core.errors import InputFileError
from dti_app.core.issues import Issue, IssueCode
from dti_app.core.sheet_extent import (
    CHUNK,
    MAX_CELLS,
    MAX_ROWS,
    Extent,
    OdsExtent,
    Recount,
    Refused,
    XlsxExtent,
)
from dti_app.core.xls_extent import xls_extent

__all__ = ["inspect_spreadsheet", "FileCheck", "xlsx_sheet_parts", "MAX_ROWS", "MAX_CELLS",
           "MAX_TOTAL_BYTES", "MAX_RATIO", "XML_SUFFIXES",
           "unsafe_member_name"]

C = IssueCode
MAX_MEMBERS = 5_000
MAX_MEMBER_BYTES = 150 * 1024 * 1024
MAX_TOTAL_BYTES = 300 * 1024 * 1024
MAX_RATIO = 200           # declared uncompressed / compressed, for members above RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
XML_SUFFIXES = (".xml", ".rels", ".vml")
_DRIVE = re.compile(r"^[A-Za-z]:")
_DECLARATION = re.compile(rb"<!(?i:doctype|entity)")


def _fail(path: Path, code: IssueCode, sheet: str = "", **params: object) -> InputFileError:
    return InputFileError([Issue.error(code, file=path.name, sheet=sheet, params=params)])


@dataclass
class FileCheck:
    """What a checked file is ('xlsx' | 'ods' | 'xls') and which sheets hold formulas.

    ``formula_sheets`` is None when unknown (xls: it stores every formula's result anyway).
    """

    kind: str
    formula_sheets: set[str] | None = None


def inspect_spreadsheet(path: Path) -> FileCheck:
    """What the file is, if it is safe to hand to a reader; else ``InputFileError``."""
    path = Path(path)
    with open(path, "rb") as handle:
        head = handle.read(4096)
    if head.startswith(ZIP_MAGIC):
        return _check_zip(path)
    if head.startswith(CFB_MAGIC):
        return FileCheck(_check_cfb(path))
    kind = _text_kind(head)
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


def _check_cfb(path: Path) -> str:
    data = path.read_bytes()
    for stream in ("EncryptionInfo", "EncryptedPackage"):
        if stream.encode("utf-16-le") in data:
            raise _fail(path, C.FILE_ENCRYPTED)
    largest = xls_extent(data)  # a reader allocates first cell .. last cell as one grid
    if largest and (largest[1] > MAX_ROWS or largest[1] * largest[2] > MAX_CELLS):
        raise _fail(path, C.FILE_SHEET_TOO_LARGE, sheet=largest[0], rows=f"{largest[1]:,}",
                    cols=f"{largest[2]:,}", limit=f"{MAX_ROWS:,}")
    return "xls"


def unsafe_member_name(name: str) -> bool:
    """A zip member name that is empty, absolute, on a drive, or climbs out with '..'."""
    if not name or "\x00" in name or name.startswith(("/", "\\")) or _DRIVE.match(name):
        return True
    return ".." in name and ".." in PurePosixPath(name.replace("\\", "/")).parts


def _check_zip(path: Path) -> FileCheck:
    try:
        with zipfile.ZipFile(path) as zf:
            return _check_members(path, zf)
    except InputFileError:
        raise
    except Refused as refused:
        raise _fail(path, refused.code, sheet=str(refused.params.pop("sheet", "")),
                    **refused.params) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError,
            NotImplementedError, RuntimeError, KeyError, zlib.error) as exc:
        raise _fail(path, C.FILE_CORRUPT, reason=f"zip: {exc}"[:200]) from None


def _check_members(path: Path, zf: zipfile.ZipFile) -> FileCheck:
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise Refused(C.FILE_COMPRESSION_BOMB, part="*", size=f"{len(infos):,} members",
                      ratio="—")
    names = [i.filename for i in infos]
    if len(set(names)) != len(names):
        raise Refused(C.FILE_CORRUPT, reason="zip: duplicate member names")
    total = 0
    for info in infos:
        if unsafe_member_name(info.filename):
            raise Refused(C.FILE_UNSAFE_MEMBER, part=info.filename[:120])
        if info.flag_bits & 0x1:
            raise Refused(C.FILE_ENCRYPTED)
        total += info.file_size
        if info.file_size > MAX_MEMBER_BYTES:
            raise _bomb(info.filename, info.file_size, _ratio(info))
    if total > MAX_TOTAL_BYTES:
        raise _bomb("*", total, total / max(sum(i.compress_size for i in infos), 1))
    kind = _zip_kind(zf, set(names))
    if kind is None:
        raise Refused(C.FILE_NOT_SPREADSHEET, kind="zip", suffix=path.suffix)
    if kind == "ods" and b"encryption-data" in _read_small(zf, "META-INF/manifest.xml"):
        raise Refused(C.FILE_ENCRYPTED)
    sheets = [i for i in infos if _is_sheet(kind, i.filename)]
    for info in infos:
        if info not in sheets:
            _check_ratio(info)
            if info.filename.lower().endswith(XML_SUFFIXES):
                _scan(zf, info, None)
    titles = xlsx_sheet_parts(zf) if kind == "xlsx" else {}
    formulas: set[str] | None = set()
    for info in sheets:
        scanner = OdsExtent() if kind == "ods" else XlsxExtent(titles.get(info.filename, ""))
        try:
            _scan(zf, info, scanner)
        except Recount as again:
            _scan(zf, info, again.scanner)
        _check_ratio(info)  # after the rows and cells were counted: that reason is clearer
        if getattr(scanner, "formulas", False) and formulas is not None:
            formulas = formulas | {scanner.sheet} if scanner.sheet else None  # None: unknown
    return FileCheck(kind, formulas)


def _ratio(info: zipfile.ZipInfo) -> float:
    return info.file_size / max(info.compress_size, 1)


def _check_ratio(info: zipfile.ZipInfo) -> None:
    if info.file_size > RATIO_FLOOR and _ratio(info) > MAX_RATIO:
        raise _bomb(info.filename, info.file_size, _ratio(info))


def _bomb(part: str, size: int, ratio: float) -> Refused:
    return Refused(C.FILE_COMPRESSION_BOMB, part=part[:120], size=f"{size / 1e6:,.0f} MB",
                   ratio=f"{ratio:,.0f}")


def _zip_kind(zf: zipfile.ZipFile, names: set[str]) -> str | None:
    if "mimetype" in names and _read_small(zf, "mimetype").strip().startswith(ODS_MIME):
        return "ods"
    if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
        return "xlsx"
    return None


def _is_sheet(kind: str, name: str) -> bool:
    if kind == "ods":
        return name == "content.xml"
    return name.startswith("xl/worksheets/") and name.endswith(".xml") and name.count("/") == 2


def _read_small(zf: zipfile.ZipFile, name: str, limit: int = 1 << 20) -> bytes:
    try:
        info = zf.getinfo(name)
    except KeyError:
        return b""
    with zf.open(info) as member:
        return member.read(limit)


def _scan(zf: zipfile.ZipFile, info: zipfile.ZipInfo, scanner: Extent | None) -> None:
    """Inflate one member in chunks: refuse declarations, lies about size, oversized sheets."""
    parser = scanner.parser() if scanner is not None else None
    seen = 0
    carry = b""
    with zf.open(info) as member:
        while chunk := member.read(CHUNK):
            seen += len(chunk)
            if seen > info.file_size:
                raise _bomb(info.filename, seen, seen / max(info.compress_size, 1))
            window = carry + chunk
            if b"<!" in window and _DECLARATION.search(window):
                raise Refused(C.FILE_UNSAFE_XML, part=info.filename)
            carry = window[-16:]
            if parser is not None:
                _feed(parser, chunk, False)
    if parser is not None:
        _feed(parser, b"", True)


def _feed(parser, data: bytes, final: bool) -> None:
    try:
        parser.Parse(data, final)
    except expat.ExpatError as exc:
        raise Refused(C.FILE_CORRUPT, reason=f"XML: {exc}"[:200]) from None


def xlsx_sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Zip member of each worksheet -> the sheet's name (from workbook.xml and its rels)."""
    import xml.etree.ElementTree as ET

    try:
        book = ET.fromstring(_read_small(zf, "xl/workbook.xml", 8 << 20) or b"<x/>")
        rels = ET.fromstring(_read_small(zf, "xl/_rels/workbook.xml.rels", 8 << 20) or b"<x/>")
    except ET.ParseError:
        return {}
    targets = {}
    for rel in rels.iter():
        if rel.tag.endswith("Relationship") and rel.get("Id") and rel.get("Target"):
            target = rel.get("Target", "").lstrip("/")
            targets[rel.get("Id")] = target if target.startswith("xl/") else f"xl/{target}"
    out = {}
    for sheet in book.iter():
        if sheet.tag.rpartition("}")[2] == "sheet":
            rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
            if rid in targets:
                out[targets[rid]] = sheet.get("name", "")
    return out
