"""Where python-calamine finds an .xlsx workbook's parts and sheets, worked out the same way.

Found by trying crafted files on python-calamine 0.9 (calamine 0.37), and tested in
``tests/core/test_workbook_parts.py``:

- ``_rels/.rels`` is read; the target of its last relationship whose type ends with
  ``relationships/officeDocument`` gives the workbook's folder (the text before its last '/',
  without a leading '/'); the workbook itself is always ``<folder>/workbook.xml``, its
  relationships ``<folder>/_rels/workbook.xml.rels``, and ``<folder>/styles.xml`` and
  ``<folder>/sharedStrings.xml`` are read if present;
- part names are compared without ASCII case (``xl/Styles.xml`` is the styles part);
- every element named ``sheet`` is a sheet, whatever its namespace; its relationship is its last
  attribute named ``id`` (any prefix); its relationships's ``Type`` ends with ``/worksheet``,
  ``/chartsheet`` or ``/dialogsheet``; a target starting with '/' is taken from the package root,
  any other is appended to the folder, without resolving '..', '.' or '%xx';
- attribute values (targets, ids) are compared as written, character references unresolved.

``locate`` gives the sheets (name, visibility, type, zip member) and the parts it read. What
cannot be mirrored safely is refused: a cell-data-related element or relationship outside its
namespace, a character reference in a relationship target, a sheet whose part is missing
(``FILE_AMBIGUOUS_CONTENT`` / ``FILE_CORRUPT``).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from dti_app.core.issues import IssueCode
from dti_app.core.refused import Refused, ambiguous
from dti_app.core.safe_xml import (
    PACKAGE_RELATIONSHIPS_NS,
    SPREADSHEET_NS,
    XmlError,
    local_name,
    namespace,
    parse_xml,
)
from dti_app.core.zip_guard import ZipGuard

__all__ = ["SheetPart", "WorkbookParts", "locate", "check_part_namespaces"]

C = IssueCode
_KINDS = {"/worksheet": "worksheet", "/chartsheet": "chartsheet", "/dialogsheet": "dialogsheet"}
_STATES = {"visible": True, "hidden": False, "veryHidden": False}
_ESCAPED_TARGET = re.compile(rb"Target\s*=\s*(?:\"[^\"]*&|'[^']*&)")
_PREFIXED_TAG = re.compile(rb"<[^\s<>/!?=\"':]+:")
_DEFAULT_NS = re.compile(rb"xmlns\s*=\s*[\"']([^\"']*)[\"']")
_ONE_MAIN = [[ns.encode()] for ns in SPREADSHEET_NS]
_PREFIXED_WORKBOOK_PR = re.compile(rb"<[^\s<>/!?=\"':]+:workbookPr\b")
# the elements calamine reads from the styles and shared strings, by local name
_STYLE_NAMES = frozenset({"styleSheet", "numFmts", "numFmt", "cellXfs", "xf"})
_STRING_NAMES = frozenset({"sst", "si", "t", "r", "rPh"})


@dataclass(frozen=True)
class SheetPart:
    name: str
    visible: bool
    kind: str          # worksheet | chartsheet | dialogsheet
    part: str          # the zip member calamine reads


@dataclass
class WorkbookParts:
    sheets: list[SheetPart] = field(default_factory=list)
    read: dict[str, str] = field(default_factory=dict)   # role -> zip member

    def part_of(self, sheet: str) -> str | None:
        return next((s.part for s in self.sheets if s.name == sheet), None)


def _join(folder: str, name: str) -> str:
    return f"{folder}/{name}" if folder else name


def _xml(part: str, data: bytes):
    try:
        return parse_xml(data)
    except XmlError as exc:
        if exc.declaration:
            raise Refused(C.FILE_UNSAFE_XML, part=part[:120]) from None
        raise Refused(C.FILE_CORRUPT, reason=f"XML ({part[:60]}): {exc}"[:200]) from None


@lru_cache(maxsize=32)  # the files of one template share these parts: parsed once
def _relationships(part: str, data: bytes) -> tuple[tuple[str, str, str], ...]:
    """(Id, Type, Target) of every relationship, in order, as calamine reads them."""
    if _ESCAPED_TARGET.search(data):
        raise ambiguous(part, "tham chiếu ký tự trong đích của quan hệ",
                        "a character reference in a relationship target")
    found = []
    for element in _xml(part, data).iter():
        if local_name(element.tag) != "Relationship":
            continue
        if namespace(element.tag) != PACKAGE_RELATIONSHIPS_NS:
            raise ambiguous(part, "quan hệ ngoài không gian tên của gói",
                            "a relationship outside the package namespace")
        found.append((element.get("Id", ""), element.get("Type", ""), element.get("Target", "")))
    return tuple(found)


def _missing(what: str) -> Refused:
    return Refused(C.FILE_CORRUPT, reason=f"xlsx: {what} missing")


def locate(guard: ZipGuard, read: Callable[[zipfile.ZipInfo], bytes]) -> WorkbookParts:
    """The workbook's sheets and parts as calamine finds them (see the module docstring)."""
    found = WorkbookParts()
    root_info = guard.find("_rels/.rels")
    if root_info is None:
        raise _missing("_rels/.rels")
    found.read["package"] = root_info.filename
    targets = [target for _, kind, target in _relationships(root_info.filename, read(root_info))
               if kind.endswith("relationships/officeDocument")]
    if not targets:
        raise _missing("officeDocument relationship")
    folder = targets[-1].rpartition("/")[0].removeprefix("/")
    for role, name in (("styles", "styles.xml"), ("strings", "sharedStrings.xml")):
        info = guard.find(_join(folder, name))
        if info is not None:
            found.read[role] = info.filename
    rels_info = guard.find(_join(folder, "_rels/workbook.xml.rels"))
    if rels_info is None:
        raise _missing(_join(folder, "_rels/workbook.xml.rels"))
    found.read["relationships"] = rels_info.filename
    relations = {rid: (kind, target)
                 for rid, kind, target in _relationships(rels_info.filename, read(rels_info))}
    book_info = guard.find(_join(folder, "workbook.xml"))
    if book_info is None:
        return found                                       # calamine: a workbook of no sheets
    found.read["workbook"] = book_info.filename
    book = read(book_info)
    if _PREFIXED_WORKBOOK_PR.search(book):
        raise ambiguous(book_info.filename, "thiết lập sổ tính viết kèm tiền tố",
                        "workbook settings written with a prefix")
    for name, state, ids in _sheet_elements(book_info.filename, book):
        found.sheets.append(_sheet(name, state, ids, relations, folder, guard))
    return found


@lru_cache(maxsize=32)  # the files of one template share their workbook part: parsed once
def _sheet_elements(part: str, data: bytes) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(name, state, the values of its attributes named id) of every sheet, in order."""
    root = _xml(part, data)
    listed = [child for holder in root.iter() if namespace(holder.tag) in SPREADSHEET_NS
              and local_name(holder.tag) == "sheets" for child in holder
              if namespace(child.tag) in SPREADSHEET_NS and local_name(child.tag) == "sheet"]
    every = [element for element in root.iter() if local_name(element.tag) == "sheet"]
    if len(every) != len(listed):
        raise ambiguous(part, "trang tính khai báo ngoài danh sách trang",
                        "a sheet declared outside the workbook's sheet list")
    return tuple((element.get("name", ""), element.get("state", "visible"),
                  tuple(value for key, value in element.attrib.items()
                        if local_name(key) == "id")) for element in every)


def _sheet(name: str, state: str, ids: tuple[str, ...], relations: dict[str, tuple[str, str]],
           folder: str, guard: ZipGuard) -> SheetPart:
    if state not in _STATES:
        raise Refused(C.FILE_CORRUPT, reason=f"xlsx: sheet state {state[:20]!r}")
    if not ids or ids[-1] not in relations:
        raise Refused(C.FILE_CORRUPT, reason=f"xlsx: sheet {name[:40]!r}: no relationship")
    kind_uri, target = relations[ids[-1]]
    kind = next((k for suffix, k in _KINDS.items() if kind_uri.endswith(suffix)), None)
    if kind is None:
        raise Refused(C.FILE_CORRUPT, reason=f"xlsx: sheet {name[:40]!r}: type {kind_uri[-40:]}")
    path = target[1:] if target.startswith("/") else _join(folder, target)
    info = guard.find(path)
    if info is None:
        raise Refused(C.FILE_CORRUPT, reason=f"xlsx: sheet {name[:40]!r}: part {path[:60]} missing")
    return SheetPart(name, _STATES[state], kind, info.filename)


def check_part_namespaces(role: str, part: str, data: bytes) -> None:
    """The styles or shared strings read by local name (as calamine does) mean the same as read
    by namespace: an element calamine reads outside SpreadsheetML's namespace is refused; so is
    a CDATA section in the shared strings (calamine drops its text)."""
    if role == "strings" and b"<![CDATA[" in data:
        raise ambiguous(part, "đoạn CDATA trong chuỗi dùng chung",
                        "a CDATA section in the shared strings")
    if not _PREFIXED_TAG.search(data) and _DEFAULT_NS.findall(data) in _ONE_MAIN:
        return                # no prefixed element, SpreadsheetML the only default: nothing to see
    names = _STYLE_NAMES if role == "styles" else _STRING_NAMES
    for element in _xml(part, data).iter():
        local = local_name(element.tag)
        if local in names and namespace(element.tag) not in SPREADSHEET_NS:
            raise ambiguous(part, f"phần tử '{local}' ngoài không gian tên SpreadsheetML",
                            f"element '{local}' outside the SpreadsheetML namespace")
