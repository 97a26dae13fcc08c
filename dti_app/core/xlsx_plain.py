"""Reading a plain .xlsx file in one pass: safety checks and cells from the same inflated bytes.

Most self-assessment workbooks are small and written the usual way (our template, Excel,
LibreOffice). For those, ``read_plain_xlsx`` reads the zip's directory, inflates each member once,
applies the checks ``file_safety`` would apply, and reads the cells with a few regular
expressions, only in the rows and columns a reader asks for (``Sheet.head``, ``Sheet.column``):
several times faster than checking the file and then handing it to calamine.

It only answers for files it fully understands. Whenever a file is anything but plain (large, a
member stored another way, a DOCTYPE or CDATA anywhere, a cell written in an unusual form, a number
formatted as a date or time, phonetic text, an error value, a non-UTF-8 part ...) it returns None
and the caller reads the file the general way (``file_safety`` + calamine), which reports any
problem. So a file this module reads is one the general way accepts too, and the rows are the ones
calamine gives (the tests compare both ways on every workbook of the test corpus and on random
ones).
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

from dti_app.core.file_safety import XML_SUFFIXES, unsafe_member_name
from dti_app.core.sheet import Sheet
from dti_app.core.sheet_extent import MAX_CELLS, MAX_ROWS

__all__ = ["read_plain_xlsx", "shared_parts", "PLAIN_MAX_BYTES"]

PLAIN_MAX_BYTES = 4 << 20        # larger files go the general way
PLAIN_MAX_MEMBER = 1 << 20       # uncompressed, each member (below file_safety's ratio floor)
PLAIN_MAX_TOTAL = 8 << 20        # uncompressed, all members
PLAIN_MAX_MEMBERS = 500

# One cell as the usual writers put it: its reference, optional s and t, then self-closing, or a
# value (after an optional plain formula), or one inline string. Content of any other form sets
# the "other" group, attributes of any other form (or none) the "odd" group: the file is then
# read the general way. Whatever follows the reference, the pattern matches.
_CELL_TAIL = (
    rb'(?:(?: s="([0-9]{1,6})")?(?: t="([a-zA-Z]{1,9})")?'
    rb'( ?/)?>(?:(?:<f\b[^>]*>[^<]*</f>|<f\b[^>]*/>)?(?:<v>([^<]*)</v>|<v ?/>)?</c>'
    rb'|<is><t(?: xml:space="preserve")?>([^<]*)</t></is></c>|(?=(<)))|(?=([\s\S])))')
_CELL = re.compile(rb'<c r="([A-Z]{1,3})([1-9][0-9]{0,6})"' + _CELL_TAIL)
# A cell without its reference first, or not written as A1 in columns A-Z and rows 1-99,999.
# A sheet with one goes the general way: only such a sheet can be too large to read (the limits
# in sheet_extent), and without it every cell of a column starts with the same text.
_UNUSUAL_CELL = re.compile(rb'<c(?=[\s>/])(?! r="[A-Z][1-9][0-9]{0,4}")')
_ROW_NUMBER = re.compile(rb'<row r="([0-9]{1,7})"')
_FORMULA = re.compile(rb"<f[\s/>]")  # a formula element (sheets read here carry no prefix)
_SHEET_TAG = re.compile(rb"<sheet\b([^>]*)>")
_RELATIONSHIP_TAG = re.compile(rb"<Relationship\b([^>]*)>")
_ATTRIBUTE = re.compile(rb'([\w:.-]+)="([^"]*)"')
_ENCODING = re.compile(rb'^<\?xml[^>]*encoding="([^"]*)"')
_ENTITY = re.compile(r"&(#[0-9]{1,7}|#x[0-9A-Fa-f]{1,6}|amp|lt|gt|quot|apos);")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_SI = re.compile(rb"<si>(.*?)</si>|<si\s*/>", re.S)
_SI_TEXT = re.compile(rb'<t(?: xml:space="preserve")?>([^<]*)</t>|<t\s*/>')
_XF_SECTION = re.compile(rb"<cellXfs\b[^>]*>(.*?)</cellXfs>", re.S)
_XF = re.compile(rb"<xf\b([^>]*)>")
_NUM_FMT_ID = re.compile(rb'\bnumFmtId="([0-9]+)"')
_NUM_FMT = re.compile(rb"<numFmt\b([^>]*)>")
_FORMAT_CODE = re.compile(rb'\bformatCode="([^"]*)"')
# built-in number formats that show a number as a number (not a date, time or duration)
_PLAIN_BUILTIN = set(range(0, 14)) | set(range(37, 45)) | {48, 49}
_NUMBER_FORMAT_NOISE = re.compile(r'"[^"]*"|\\.|_.|\*.|\[[^\]]*\]|general', re.I)
_DURATION_BRACKET = re.compile(r"\[[hms]+\]", re.I)
_WORKSHEET_REL = "/relationships/worksheet"
_EMPTY_KINDS = (b"", b"n", b"str", b"inlineStr")  # types whose cell may hold no value
_XML_SPACE = b" \t\n"
_END = struct.Struct("<4s4H2LH")                     # end of central directory
_ENTRY = struct.Struct("<4s4x2H4x3L3H8xL")           # one central directory entry
_FIRST = itemgetter(0)
_SECOND = itemgetter(1)


class _SharedParts:
    """Members met byte for byte in several files of one import, inflated and checked once."""

    def __init__(self) -> None:
        self.seen: set[tuple[int, int, int]] = set()      # (CRC, size, method) met once
        self.bodies: dict[tuple[tuple[int, int, int], bytes], bytes] = {}  # met again: kept
        self.kept: set[int] = set()      # id() of the kept bodies (alive while kept)
        self.plain_cells: set[int] = set()  # kept sheets whose cells passed _UNUSUAL_CELL


_shared: _SharedParts | None = None


@contextmanager
def shared_parts() -> Iterator[None]:
    """Within the block, a zip member found byte for byte in several files (what a template's
    files have in common: theme, styles, the sheets nobody fills in ...) is inflated and checked
    once. Only members met at least twice are kept, so memory stays small."""
    global _shared
    if _shared is not None:  # already sharing (nested)
        yield
        return
    _shared = _SharedParts()
    try:
        yield
    finally:
        _shared = None


class NotPlain(Exception):
    """The file needs the general reader."""


_NOT_PLAIN = (NotPlain, zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, KeyError,
              IndexError, struct.error, zlib.error, UnicodeDecodeError, EOFError)


def read_plain_xlsx(data: bytes, general: Callable[[], list[Sheet]]) -> list[Sheet] | None:
    """The sheets of a plain .xlsx (``data`` is the whole file), or None to read it the general
    way.

    Sheets are parsed when a reader first looks at them, and only as far as it looks (its first
    rows, or some columns: ``Sheet.head``, ``Sheet.column``). A sheet found not to be plain then
    is taken from ``general()`` (the whole file read the general way, once).
    """
    if len(data) > PLAIN_MAX_BYTES or not data.startswith(b"PK\x03\x04"):
        return None
    try:
        book = _PlainBook(data, general)
        sheets = []
        for name, visible, xml in book.sheets():
            if not _cells_plain(xml):
                return None  # see _UNUSUAL_CELL
            part = _PlainSheet(book, name, xml)
            sheets.append(Sheet(name, None, visible, "xlsx", part.has_formula,
                                loader=part.rows, partial=part))
        return sheets
    except _NOT_PLAIN:
        return None


class _PlainBook:
    """The inflated members of one plain .xlsx, and what its sheets need to be read."""

    def __init__(self, data: bytes, general: Callable[[], list[Sheet]]):
        self.parts = _inflate_all(data)
        if "mimetype" in self.parts or "[Content_Types].xml" not in self.parts:
            raise NotPlain
        self._general = general
        self._general_sheets: list[Sheet] | None = None
        self._strings: list[str] | None = None
        self._dated_styles: frozenset[bytes] | None = None

    def general_rows(self, name: str) -> list[list[object]]:
        """One sheet's rows read the general way (the whole file is read once)."""
        if self._general_sheets is None:
            self._general_sheets = self._general()
        return next((s.rows for s in self._general_sheets if s.name == name), [])

    def sheets(self) -> list[tuple[str, bool, bytes]]:
        """(name, visible, sheet XML) of every worksheet, in the workbook's order."""
        found = []
        for name, visible, path in _worksheets(self.parts["xl/workbook.xml"],
                                               self.parts["xl/_rels/workbook.xml.rels"]):
            if path not in self.parts:
                raise NotPlain  # a sheet the file does not hold
            found.append((name, visible, _checked(self.parts[path], b"<sheetData")))
        return found

    def placed(self, xml: bytes, cells: list[tuple]) -> list[tuple[int, int, object]]:
        """(row, column, value) of every cell holding a value, converted as calamine does."""
        escaped = b"&" in xml
        dated = self._dated() if b' s="' in xml else ()
        placed: list[tuple[int, int, object]] = []
        add = placed.append
        columns: dict[bytes, int] = {}
        for letters, digits, style, kind, closed, value, inline, other, odd in cells:
            if value:
                if not kind or kind == b"n":
                    if style in dated:
                        raise NotPlain  # a date, time or duration: calamine converts it
                    item: object = float(value)
                elif kind == b"s":
                    item = self._shared(int(value))
                    if not item:
                        continue
                elif kind == b"str":
                    item = _unescape(value.decode()) if escaped else value.decode()
                elif kind == b"b" and (value == b"0" or value == b"1"):
                    item = value == b"1"
                else:
                    raise NotPlain  # an error value, an ISO date, an unknown type
            elif inline:
                if kind != b"inlineStr" or inline != inline.strip(_XML_SPACE):
                    raise NotPlain  # calamine trims an unpreserved <t>: let it decide
                item = _unescape(inline.decode()) if escaped else inline.decode()
            elif closed:
                continue  # <c .../>: no value
            elif odd or other or kind not in _EMPTY_KINDS:
                raise NotPlain  # rich text, other attributes, a formula of another form ...
            elif kind == b"inlineStr" or kind == b"str":
                raise NotPlain  # an empty text: calamine counts it as a cell
            else:
                continue  # a number cell without a value
            col = columns.get(letters)
            if col is None:
                col = columns[letters] = _column_index(letters)
            add((int(digits) - 1, col, item))
        return placed

    def _shared(self, index: int) -> str:
        if self._strings is None:
            self._strings = _shared_strings(self.parts.get("xl/sharedStrings.xml", b""))
        return self._strings[index]

    def _dated(self) -> frozenset[bytes]:
        """The cell styles (cellXfs indices) that show a number as anything but a number."""
        if self._dated_styles is None:
            self._dated_styles = _dated_styles(self.parts.get("xl/styles.xml", b""))
        return self._dated_styles


class _PlainSheet:
    """One worksheet's XML, read whole (``rows``), by its first rows or by columns."""

    def __init__(self, book: _PlainBook, name: str, xml: bytes):
        self.book, self.name, self.xml = book, name, xml
        self._text_checked = False

    def has_formula(self) -> bool:
        return _FORMULA.search(self.xml) is not None

    def rows(self) -> list[list[object]]:
        """The rows from A1 to the last cell holding a value, as calamine gives them."""
        try:
            placed = self._read(0, len(self.xml))
        except _NOT_PLAIN:
            return self.book.general_rows(self.name)
        if not placed:
            return []
        height = _FIRST(max(placed, key=_FIRST)) + 1
        width = _SECOND(max(placed, key=_SECOND)) + 1
        if height > MAX_ROWS or height * width > MAX_CELLS:
            return self.book.general_rows(self.name)  # which refuses it with the sizes
        return _grid(placed, height, width)

    def head(self, n: int) -> list[list[object]] | None:
        """The first ``n`` rows (each as long as its last value); None: read the whole sheet."""
        end = len(self.xml)
        for match in _ROW_NUMBER.finditer(self.xml):
            if int(match.group(1)) > n:
                end = match.start()
                break
        try:
            placed = [cell for cell in self._read(0, end) if cell[0] < n]
        except _NOT_PLAIN:
            return None
        if not placed:
            return []
        height = _FIRST(max(placed, key=_FIRST)) + 1
        return _grid(placed, height, _SECOND(max(placed, key=_SECOND)) + 1)

    def columns(self, js: tuple[int, ...]) -> dict[int, list[object]] | None:
        """Columns ``js``, each from row 0 to its last value, read in one pass over the sheet;
        None: read the whole sheet."""
        try:
            self._check_text()
            letters = b"|".join(_column_letters(j) for j in js)
            cells = _column_pattern(letters).findall(self.xml)
            placed = self.book.placed(self.xml, cells)
        except _NOT_PLAIN:
            return None
        found: dict[int, list[object]] = {j: [] for j in js}
        for row, col, item in placed:
            if row >= MAX_ROWS:
                return None
            column = found[col]
            if row >= len(column):
                column.extend([""] * (row + 1 - len(column)))
            column[row] = item
        return found

    def _check_text(self) -> None:
        if not self._text_checked:
            _checked(self.xml, b"<sheetData", text=True)
            self._text_checked = True

    def _read(self, start: int, end: int) -> list[tuple[int, int, object]]:
        self._check_text()
        xml = self.xml
        # every cell starts as <c r="A1" (_cells_plain checked the sheet), and the pattern's
        # last branches match whatever follows: so every cell is found, flagged if unusual
        return self.book.placed(xml, _CELL.findall(xml, start, end))


def _grid(placed: list[tuple[int, int, object]], height: int, width: int) -> list[list[object]]:
    grid: list[list[object]] = [[""] * width for _ in range(height)]
    for row, col, item in placed:
        grid[row][col] = item
    return grid


@lru_cache(maxsize=64)
def _column_pattern(letters: bytes) -> re.Pattern:
    return re.compile(rb'<c r="(' + letters + rb')([1-9][0-9]{0,6})"' + _CELL_TAIL)


def _column_letters(j: int) -> bytes:
    letters = b""
    j += 1
    while j:
        j, rem = divmod(j - 1, 26)
        letters = bytes([65 + rem]) + letters
    return letters


@lru_cache(maxsize=16)  # the same template's files share these parts: worked out once
def _worksheets(book: bytes, rels: bytes) -> tuple[tuple[str, bool, str], ...]:
    """(name, visible, zip member) of every worksheet in workbook.xml, in order."""
    targets = {}
    for tag in _RELATIONSHIP_TAG.findall(_checked(rels, b"<Relationships")):
        attrs = _attributes(tag)
        if not attrs.get("Type", "").endswith(_WORKSHEET_REL):
            continue
        target = attrs.get("Target", "")
        if attrs.get("TargetMode") == "External" or not target:
            raise NotPlain
        path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        targets[attrs.get("Id")] = posixpath.normpath(path)
    found = []
    for tag in _SHEET_TAG.findall(_checked(book, b"<workbook")):
        attrs = _attributes(tag)
        rid = attrs.get("r:id")
        if rid not in targets:
            raise NotPlain  # a chart sheet, or the relationship written with another prefix
        found.append((attrs.get("name", ""), attrs.get("state", "visible") == "visible",
                      targets[rid]))
    if not found:
        raise NotPlain
    return tuple(found)


def _attributes(tag: bytes) -> dict[str, str]:
    return {name.decode(): _unescape(value.decode()) for name, value in _ATTRIBUTE.findall(tag)}


def _cells_plain(xml: bytes) -> bool:
    """No cell of the sheet is unusual (see _UNUSUAL_CELL); remembered for shared sheets."""
    shared = _shared
    if shared is not None and id(xml) in shared.plain_cells:
        return True
    if _UNUSUAL_CELL.search(xml):
        return False
    if shared is not None and id(xml) in shared.kept:
        shared.plain_cells.add(id(xml))
    return True


class _Member(NamedTuple):
    """One entry of the zip's central directory (what ``_inflate`` needs of it)."""

    name: str
    raw_name: bytes
    flags: int
    method: int
    crc: int
    packed_size: int
    size: int
    offset: int


def _members(data: bytes) -> list[_Member]:
    """The central directory of a small zip without ZIP64 or leading bytes; else NotPlain."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 0xFFFF))
    if end < 0 or len(data) < end + 22:
        raise NotPlain
    _, disk, cd_disk, here, count, cd_size, cd_offset, comment = _END.unpack_from(data, end)
    if disk or cd_disk or here != count or cd_offset + cd_size != end or \
            end + 22 + comment != len(data) or count > PLAIN_MAX_MEMBERS:
        raise NotPlain  # several disks, data before the zip, a ZIP64 or damaged directory
    members = []
    pos = cd_offset
    for _ in range(count):
        (signature, flags, method, crc, packed_size, size, name_length, extra_length,
         comment_length, offset) = _ENTRY.unpack_from(data, pos)
        if signature != b"PK\x01\x02":
            raise NotPlain
        raw_name = data[pos + 46:pos + 46 + name_length]
        name = raw_name.decode("utf-8" if flags & 0x800 else "cp437")
        members.append(_Member(name, raw_name, flags, method, crc, packed_size, size, offset))
        pos += 46 + name_length + extra_length + comment_length
    if pos != end:
        raise NotPlain
    return members


def _inflate_all(data: bytes) -> dict[str, bytes]:
    """Every member inflated, with ``file_safety``'s checks; NotPlain for anything unusual."""
    members = _members(data)
    if len({m.name for m in members}) != len(members):
        raise NotPlain
    if sum(m.size for m in members) > PLAIN_MAX_TOTAL:
        raise NotPlain
    parts = {}
    for member in members:
        name = member.name
        if (unsafe_member_name(name) or member.flags & 0x1 or member.size > PLAIN_MAX_MEMBER
                or member.method not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)):
            raise NotPlain
        if name.endswith("/"):
            continue
        body = _inflate(data, member)
        if b"!" in body and b"<!" in body and name.lower().endswith(XML_SUFFIXES):
            raise NotPlain  # a declaration (refused by file_safety) or CDATA
        parts[name] = body
    return parts


def _inflate(data: bytes, member: _Member) -> bytes:
    """One member from the file's bytes, never more than it declares, its name and CRC checked
    (as zipfile does)."""
    offset = member.offset
    if data[offset:offset + 4] != b"PK\x03\x04":
        raise NotPlain
    name_length, extra_length = struct.unpack_from("<HH", data, offset + 26)
    if data[offset + 30:offset + 30 + name_length] != member.raw_name:
        raise NotPlain  # the local header names another member
    start = offset + 30 + name_length + extra_length
    packed = data[start:start + member.packed_size]
    if len(packed) != member.packed_size:
        raise NotPlain
    shared = _shared
    key = (member.crc, member.size, member.method)
    if shared is not None:
        kept = shared.bodies.get((key, packed))
        if kept is not None:
            return kept  # the same compressed bytes, size and CRC: the same checked member
    if member.method == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-15)
        body = inflater.decompress(packed, member.size + 1)
    else:
        body = packed
    if len(body) != member.size or zlib.crc32(body) != member.crc:
        raise NotPlain
    if shared is not None:
        if key in shared.seen:
            shared.bodies[(key, packed)] = body
            shared.kept.add(id(body))
        else:
            shared.seen.add(key)
    return body


def _checked(xml: bytes, root: bytes, text: bool = False) -> bytes:
    """A part this module may read: UTF-8 and ``root`` found as written (its elements carry no
    prefix); for ``text`` (cells, shared strings), none of the characters whose handling
    differs between readers (_xHHHH_ escapes, CR)."""
    declared = _ENCODING.match(xml)
    if declared and declared.group(1).lower().replace(b"-", b"") != b"utf8":
        raise NotPlain
    if root not in xml or (text and (b"_x" in xml or b"\r" in xml)):
        raise NotPlain
    return xml


def _unescape(text: str) -> str:
    if "&" not in text:
        return text
    if text.count("&") != len(_ENTITY.findall(text)):
        raise NotPlain  # not well-formed: the general reader reports it
    return _ENTITY.sub(_entity, text)


def _entity(match: re.Match) -> str:
    name = match.group(1)
    if name[0] != "#":
        return _NAMED[name]
    code = int(name[2:], 16) if name[1] in "xX" else int(name[1:])
    if not (code in (9, 10) or 0x20 <= code <= 0x10FFFF):
        raise NotPlain
    return chr(code)


def _shared_strings(xml: bytes) -> list[str]:
    if not xml:
        return []
    xml = _checked(xml, b"<sst", text=True)
    if b"<rPh" in xml:
        raise NotPlain  # phonetic runs are not part of the text
    items = _SI.findall(xml)
    if len(items) != xml.count(b"<si"):
        raise NotPlain
    strings = []
    for item in items:
        pieces = _SI_TEXT.findall(item)
        if item.count(b"<t") != len(pieces):
            raise NotPlain
        if any(not piece or piece != piece.strip(_XML_SPACE) for piece in pieces):
            raise NotPlain  # empty, or space at an edge: calamine's rules apply
        strings.append(_unescape(b"".join(pieces).decode()))
    return strings


@lru_cache(maxsize=16)  # the same template's files share their styles: worked out once
def _dated_styles(xml: bytes) -> frozenset[bytes]:
    """Cell styles (cellXfs index as written in s="..") showing numbers as dates or times, or
    whose number format is unknown; every style when the file has no usual cellXfs list."""
    if not xml:
        return frozenset()
    xml = _checked(xml, b"<styleSheet")
    custom = {}
    for attrs in _NUM_FMT.findall(xml):
        number, code = _NUM_FMT_ID.search(attrs), _FORMAT_CODE.search(attrs)
        if number and code:
            custom[int(number.group(1))] = _unescape(code.group(1).decode())
    section = _XF_SECTION.search(xml)
    if section is None:
        raise NotPlain
    dated = set()
    for index, attrs in enumerate(_XF.findall(section.group(1))):
        found = _NUM_FMT_ID.search(attrs)
        number = int(found.group(1)) if found else 0
        plain = _format_is_plain(custom[number]) if number in custom \
            else number in _PLAIN_BUILTIN
        if not plain:
            dated.add(str(index).encode())
    return frozenset(dated)


def _format_is_plain(code: str) -> bool:
    """True when a number format code shows numbers as numbers (no date, time or duration).

    Quoted text, escaped characters, padding and [colour]/[condition]/[$-locale] parts are
    ignored; any letter left other than E (scientific) means a date or time part.
    """
    if _DURATION_BRACKET.search(code):
        return False
    rest = _NUMBER_FORMAT_NOISE.sub("", code)
    return not any(ch.isalpha() and ch not in "Ee" for ch in rest)


def _column_index(letters: bytes) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ch - 64
    return number - 1
