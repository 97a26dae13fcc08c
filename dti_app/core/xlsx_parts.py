"""The workbook-level parts of a plain .xlsx, and the text rules: for ``xlsx_plain``.

``worksheets`` lists the sheets from workbook.xml and its relationships, ``shared_strings``
reads the shared string table, ``dated_styles`` finds the cell styles that show a number as a
date or time; ``checked`` and ``unescape`` apply the rules that keep this reading equal to
calamine's. Whatever falls outside them raises ``NotPlain``.
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache

from dti_app.core.xlsx_zip import NotPlain

__all__ = ["worksheets", "shared_strings", "dated_styles", "checked", "unescape", "XML_SPACE"]

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
XML_SPACE = b" \t\n"


@lru_cache(maxsize=16)  # the same template's files share these parts: worked out once
def worksheets(book: bytes, rels: bytes) -> tuple[tuple[str, bool, str], ...]:
    """(name, visible, zip member) of every worksheet in workbook.xml, in order."""
    targets = {}
    for tag in _RELATIONSHIP_TAG.findall(checked(rels, b"<Relationships")):
        attrs = _attributes(tag)
        if not attrs.get("Type", "").endswith(_WORKSHEET_REL):
            continue
        target = attrs.get("Target", "")
        if attrs.get("TargetMode") == "External" or not target:
            raise NotPlain
        path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        targets[attrs.get("Id")] = posixpath.normpath(path)
    found = []
    for tag in _SHEET_TAG.findall(checked(book, b"<workbook")):
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
    return {name.decode(): unescape(value.decode()) for name, value in _ATTRIBUTE.findall(tag)}


def checked(xml: bytes, root: bytes, text: bool = False) -> bytes:
    """A part this module may read: UTF-8 and ``root`` found as written (its elements carry no
    prefix); for ``text`` (cells, shared strings), none of the characters whose handling
    differs between readers (_xHHHH_ escapes, CR)."""
    declared = _ENCODING.match(xml)
    if declared and declared.group(1).lower().replace(b"-", b"") != b"utf8":
        raise NotPlain
    if root not in xml or (text and (b"_x" in xml or b"\r" in xml)):
        raise NotPlain
    return xml


def unescape(text: str) -> str:
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


def shared_strings(xml: bytes) -> list[str]:
    if not xml:
        return []
    xml = checked(xml, b"<sst", text=True)
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
        if any(not piece or piece != piece.strip(XML_SPACE) for piece in pieces):
            raise NotPlain  # empty, or space at an edge: calamine's rules apply
        strings.append(unescape(b"".join(pieces).decode()))
    return strings


@lru_cache(maxsize=16)  # the same template's files share their styles: worked out once
def dated_styles(xml: bytes) -> frozenset[bytes]:
    """Cell styles (cellXfs index as written in s="..") showing numbers as dates or times, or
    whose number format is unknown; every style when the file has no usual cellXfs list."""
    if not xml:
        return frozenset()
    xml = checked(xml, b"<styleSheet")
    custom = {}
    for attrs in _NUM_FMT.findall(xml):
        number, code = _NUM_FMT_ID.search(attrs), _FORMAT_CODE.search(attrs)
        if number and code:
            custom[int(number.group(1))] = unescape(code.group(1).decode())
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
