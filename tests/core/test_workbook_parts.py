"""``workbook_parts`` finds a workbook's sheets exactly where python-calamine finds them.

Each layout below stores every candidate part with its own name in cell A1. python-calamine
reads the file; ``locate`` says which member each sheet is; the two must name the same members,
in the same order, for the same sheets. These are the rules found by trying crafted files on
python-calamine 0.9 (see the ``workbook_parts`` docstring); a new calamine version that moves
one breaks this test before it can break the guards.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from reader_files import NS, PKG, REL, Book, sheet

from dti_app.core.workbook_parts import locate
from dti_app.core.zip_guard import ZipGuard

OFFICE = f"{REL}/officeDocument"


def _marked(path: str) -> bytes:
    return sheet(f'<row r="1"><c r="A1" t="inlineStr"><is><t>{path}</t></is></c></row>').encode()


def _root(*targets: str, kind: str = OFFICE) -> bytes:
    return (f'<Relationships xmlns="{PKG}">' + "".join(
        f'<Relationship Id="o{i}" Type="{kind}" Target="{t}"/>' for i, t in enumerate(targets))
        + "</Relationships>").encode()


def _package(folder: str, sheets: list[tuple[str, str, str]], root: bytes,
             extra: tuple[str, ...] = (), sheet_tag: str = "sheet", id_attr: str = "r:id",
             declare: str = "") -> bytes:
    """A zip: ``folder``/workbook.xml listing ``sheets`` (name, relationship id, target), its
    relationships, and a marked part at every path in ``extra``."""
    prefix = f"{folder}/" if folder else ""
    entries = "".join(f'<{sheet_tag} name="{n}" sheetId="{i}" {id_attr}="{rid}"/>'
                      for i, (n, rid, _) in enumerate(sheets, start=1))
    rels = "".join(f'<Relationship Id="{rid}" Type="{REL}/worksheet" Target="{t}"/>'
                   for _, rid, t in sheets)
    parts = {"_rels/.rels": root,
             f"{prefix}workbook.xml": (f'<workbook xmlns="{NS}" xmlns:r="{REL}" {declare}>'
                                       f"<sheets>{entries}</sheets></workbook>").encode(),
             f"{prefix}_rels/workbook.xml.rels":
                 f'<Relationships xmlns="{PKG}">{rels}</Relationships>'.encode()}
    for path in extra:
        parts[path] = _marked(path)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buffer.getvalue()


LAYOUTS = {
    "the usual": _package("xl", [("A", "r1", "worksheets/sheet1.xml")], _root("xl/workbook.xml"),
                          ("xl/worksheets/sheet1.xml",)),
    "absolute targets": _package("xl", [("A", "r1", "/xl/worksheets/sheet1.xml"),
                                        ("B", "r2", "/elsewhere/b.xml")],
                                 _root("/xl/workbook.xml"),
                                 ("xl/worksheets/sheet1.xml", "elsewhere/b.xml")),
    "sub-folders and case": _package("xl", [("A", "r1", "Worksheets/Sheet1.xml"),
                                            ("B", "r2", "worksheets/sub/b.xml")],
                                     _root("xl/workbook.xml"),
                                     ("xl/worksheets/sheet1.xml", "XL/worksheets/SUB/B.xml")),
    "a workbook in another folder": _package(
        "data/book", [("A", "r1", "s.xml")], _root("data/book/whatever.xml"),
        ("data/book/s.xml", "xl/worksheets/sheet1.xml")),
    "a workbook at the root": _package("", [("A", "r1", "s.xml")], _root("workbook.xml"),
                                       ("s.xml",)),
    "two officeDocument relationships": _package(
        "b", [("A", "r1", "s.xml")], _root("a/workbook.xml", "b/workbook.xml"), ("b/s.xml",)),
    "the strict namespace's type": _package(
        "xl", [("A", "r1", "s.xml")],
        _root("xl/workbook.xml", kind="http://purl.oclc.org/ooxml/officeDocument/relationships/"
                                      "officeDocument"), ("xl/s.xml",)),
    "the relationship id under another prefix": _package(
        "xl", [("A", "r1", "s.xml")], _root("xl/workbook.xml"), ("xl/s.xml",),
        id_attr="q:id", declare=f'xmlns:q="{REL}"'),
    "a prefixed sheet element": _package(
        "xl", [("A", "r1", "s.xml")], _root("xl/workbook.xml"), ("xl/s.xml",),
        sheet_tag="x:sheet", declare=f'xmlns:x="{NS}"'),
}


def _calamine_view(data: bytes) -> list[tuple[str, str]]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return [(m.name, book.get_sheet_by_name(m.name).to_python()[0][0])
            for m in book.sheets_metadata]


@pytest.mark.parametrize("layout", LAYOUTS, ids=list(LAYOUTS))
def test_locate_names_the_members_calamine_reads(layout):
    data = LAYOUTS[layout]
    guard = ZipGuard(data)
    found = locate(guard, guard.inflate)
    ours = [(s.name, s.part) for s in found.sheets]
    assert ours == _calamine_view(data)


def test_a_sheet_whose_part_is_missing_is_a_damaged_file(tmp_path):
    from dti_app.core.errors import InputFileError
    from dti_app.core.spreadsheet import open_sheets

    book = Book().move("xl/worksheets/sheet1.xml", "xl/worksheets/other.xml")
    with pytest.raises(InputFileError) as caught:
        open_sheets(book.save(tmp_path / "thieu.xlsx"))
    assert [i.code.value for i in caught.value.issues] == ["file_corrupt"]
    assert "sheet1.xml" in caught.value.issues[0].params["reason"]


def test_targets_calamine_does_not_resolve_are_not_resolved(tmp_path):
    """'../' and './' are appended as written: calamine then finds no such part, and neither
    do we (the file is damaged), rather than reading a part calamine would not."""
    from dti_app.core.errors import InputFileError
    from dti_app.core.spreadsheet import open_sheets

    for target in ("../xl/worksheets/sheet1.xml", "./worksheets/sheet1.xml"):
        book = Book().edit("xl/_rels/workbook.xml.rels", "worksheets/sheet1.xml", target)
        with pytest.raises(InputFileError) as caught:
            open_sheets(book.save(Path(tmp_path) / "dot.xlsx"))
        assert [i.code.value for i in caught.value.issues] == ["file_corrupt"]
