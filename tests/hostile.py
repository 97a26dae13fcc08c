"""Hostile input files built on the fly, and a child process that imports them under measurement.

The corpus (``CASES``) follows issue 9's list: each builder writes one file into an empty folder
and says what a user must see (the file's reason code, or the values a correct import gives).
Spreadsheets are assembled from raw SpreadsheetML parts so that every trick (entities, member
names, declared sizes) is exactly what a test asks for; big members are streamed into the zip.
Legacy .xls files are assembled the same way: BIFF8 records in a hand-made OLE compound file.

``TinyDisk`` mounts a small tmpfs (root only) for the disk-full and read-only faults.

``python tests/hostile.py JOB.json`` is the worker: for each folder of the job it imports the
folder with ``import_inputs``, scores it, and reports the issues, the scored units, the seconds
taken and the peak memory (``VmHWM`` after clearing it, or ``ru_maxrss`` where that is not
possible) as one JSON line; any attempt to open a socket aborts it (an audit hook).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

__all__ = ["CRITERIA_YAML", "TABLE_ROWS", "Case", "CASES", "write_xlsx", "xlsx_members",
           "sheet_xml", "write_raw_zip", "biff_workbook", "xls_bytes", "write_xls", "write_table_csv",
           "TinyDisk", "run_worker"]

# Four sub-indicators, 100 points, index 0–100: a unit's index is its points.
CRITERIA_YAML = """\
framework: {id: thu-tep-doc-hai, version: "1", name: {vi: Bộ chỉ số thử, en: Test index}}
index: {scale: 100, decimals: 2}
nodes:
  - {code: A, name: {vi: Chính quyền số, en: Digital government}}
  - {code: A.1, parent: A, name: {vi: Có kế hoạch, en: Has a plan}, points: 30, rule: yes_no}
  - {code: A.2, parent: A, name: {vi: Hồ sơ trực tuyến, en: Online filings}, points: 20,
     unit: "%", range: [0, 100], rule: {type: target, target: 100}}
  - {code: B, name: {vi: Kinh tế số, en: Digital economy}}
  - {code: B.1, parent: B, name: {vi: Có sàn, en: Has a platform}, points: 25, rule: yes_no}
  - {code: B.2, parent: B, name: {vi: Doanh nghiệp số, en: Digital firms}, points: 25,
     range: [0, 1000], rule: {type: target, target: 10}}
"""
LEAVES = ["A.1", "A.2", "B.1", "B.2"]
# The valid consolidated table that sits next to every hostile file: 01 = 30+16+25+25 = 96,
# 02 = 0+10+25+12.5 = 47.5, 04 = 30+20+0+5 = 55.
TABLE_ROWS = [["code", "name", *LEAVES],
              ["01", "Hà Nội", "có", 80, "có", 10],
              ["02", "Hà Giang", "không", 50, "có", 5],
              ["04", "Cao Bằng", "có", 100, "không", 2]]
TABLE_SCORES = {"01": 96.0, "02": 47.5, "04": 55.0}

from file_builders import (  # noqa: E402  (re-exported for the tests)
    _deflate,
    _repeated_deflate,
    biff_workbook,
    cfb_bytes,
    sheet_xml,
    write_raw_zip,
    write_xls,
    write_xlsx,
    xls_bytes,
    xlsx_members,
)


def write_table_csv(path: Path, rows: list[list[object]] = TABLE_ROWS, encoding: str = "utf-8",
                    delimiter: str = ",") -> Path:
    text = "\r\n".join(delimiter.join(str(v) for v in row) for row in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


# --- the corpus ---------------------------------------------------------------------------------
@dataclass
class Case:
    """One hostile file: how to build it and what the import must give."""

    name: str
    filename: str
    build: Callable[[Path], None]
    codes: frozenset[str] = frozenset()            # the file's error must be one of these
    scores: dict[str, float] = field(default_factory=dict)   # or: a correct import, giving these
    cell: tuple[str, frozenset[str]] | None = None  # ... with an error at this cell, one of these
    seconds: float = 3.0             # measured: under 0.1 s each but the million rows (0.3 s)
    megabytes: float = 64.0          # peak growth; measured: under 10 MB but the 10 MB cell


# What the hostile files hold where they are readable: units not in the companion table.
# 06 Bắc Kạn = 30 + 50/100·20 + 25 + 25 = 90; 08 Tuyên Quang = 0 + 90/100·20 + 0 + 4/10·25 = 28.
OWN_ROWS = [["code", "name", *LEAVES], ["06", "Bắc Kạn", "có", 50, "có", 10],
            ["08", "Tuyên Quang", "không", 90, "không", 4]]
OWN_SCORES = {"06": 90.0, "08": 28.0}


def _bomb(path: Path, declared: int | None) -> None:
    head = sheet_xml(OWN_ROWS)[:-len("</sheetData></worksheet>")]
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    block = row * ((1 << 20) // len(row))            # 1 MB of rows, repeated: 1 GB
    data, crc, size = _repeated_deflate(head, block, 1024, b"</sheetData></worksheet>")
    members = [(name, *_deflate(content)) for name, content in
               xlsx_members([("Bang", b"")]).items() if not name.endswith("sheet1.xml")]
    members.append(("xl/worksheets/sheet1.xml", data, crc, size if declared is None else declared))
    write_raw_zip(path, members)


def _zip_bomb(path: Path) -> None:
    _bomb(path, None)


def _zip_bomb_understated(path: Path) -> None:
    _bomb(path, 40_000)          # the header claims 40 kB; the member inflates to 1 GB


LAUGHS = ('<!DOCTYPE worksheet [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "' + f"&lol{i - 1 if i > 1 else ''};" * 10 + '">'
                    for i in range(1, 10)) + "]>")


def _billion_laughs(path: Path) -> None:
    rows = [*OWN_ROWS, ["10", "Lào Cai", "có", "&lol9;", "có", 1]]
    xml = sheet_xml(rows, doctype=LAUGHS).replace(b"&amp;lol9;", b"&lol9;")
    write_xlsx(path, xlsx_members([("Bang", xml)], workbook_doctype=LAUGHS))


def _billion_laughs_utf16(path: Path) -> None:
    """The same entities in a UTF-16 sheet part: a byte search for "<!DOCTYPE" does not see it."""
    rows = [*OWN_ROWS, ["10", "Lào Cai", "có", "&lol9;", "có", 1]]
    xml = sheet_xml(rows, doctype=LAUGHS).replace(b"&amp;lol9;", b"&lol9;").decode()
    data = b"\xff\xfe" + xml.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16-le")
    write_xlsx(path, xlsx_members([("Bang", data)]))


SECRET = "BI-MAT-KHONG-DUOC-DOC-7f3a"


def _external_entity(path: Path) -> None:
    secret = path.parent.parent / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    doctype = (f'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "{secret.as_uri()}">'
               '<!ENTITY web SYSTEM "http://192.0.2.1/dti.dtd">]>')
    rows = [*OWN_ROWS, ["10", "&xxe;", "có", "&web;", "có", 1]]
    xml = sheet_xml(rows, doctype=doctype).replace(b"&amp;xxe;", b"&xxe;") \
        .replace(b"&amp;web;", b"&web;")
    write_xlsx(path, xlsx_members([("Bang", xml)]))


def _path_traversal(path: Path) -> None:
    members = xlsx_members([("Bang", sheet_xml(OWN_ROWS))])
    members["../../../../tmp/dti_evil_traversal.txt"] = b"evil"
    members["/etc/dti_evil_absolute.txt"] = b"evil"
    members["xl/..\\..\\dti_evil_windows.txt"] = b"evil"
    write_xlsx(path, members)


def _million_rows(path: Path) -> None:
    def stream(out) -> None:
        out.write(sheet_xml(OWN_ROWS)[:-len("</sheetData></worksheet>")])
        for start in range(3, 1_000_003, 10_000):
            out.write("".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>'
                              for r in range(start, start + 10_000)).encode())
        out.write(b"</sheetData></worksheet>")

    members: dict = xlsx_members([("Bang", b"")])
    members["xl/worksheets/sheet1.xml"] = stream
    write_xlsx(path, members)


def _wide(path: Path) -> None:
    header = [*OWN_ROWS[0], *[None] * (16_384 - len(OWN_ROWS[0]) - 1), "Ghi chú cột XFD"]
    write_xlsx(path, xlsx_members([("Bang", sheet_xml([header, *OWN_ROWS[1:]]))]))


def _big_cell(path: Path) -> None:
    rows = [r[:] for r in OWN_ROWS]
    digits = random.Random(5).choices("0123456789", k=10 * 1024 * 1024)
    rows[2][3] = "".join(digits)                  # 08's A.2 (cell D3): a 10 MB number
    write_xlsx(path, xlsx_members([("Bang", sheet_xml(rows))]))


def _garbage(path: Path) -> None:
    path.write_bytes(random.Random(9).randbytes(256 * 1024))


def _encrypted(path: Path) -> None:
    # An OLE compound file as Office writes for a password-protected workbook: the streams
    # EncryptionInfo and EncryptedPackage (random bytes for the encrypted package)
    path.write_bytes(cfb_bytes({"EncryptionInfo": random.Random(3).randbytes(400),
                                "EncryptedPackage": random.Random(4).randbytes(40 * 1024)}))


def _sparse_xls(path: Path) -> None:
    # two numbers, at A1 and IV65536: 6 kB on disk, a 65,536 × 256 grid (1 GB) once read
    write_xls(path, biff_workbook("Bang", [(0, 0, 1.0), (65535, 255, 2.0)]))


def _html_xls(path: Path) -> None:
    cells = "".join("<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in row) + "</tr>"
                    for row in OWN_ROWS)
    path.write_text('<html><head><meta charset="utf-8"><title>Xuất dữ liệu</title></head>'
                    f"<body><table border=1>{cells}</table></body></html>", encoding="utf-8")


def _utf16(path: Path) -> None:
    write_table_csv(path, OWN_ROWS, encoding="utf-16")


def _bom_semicolon(path: Path) -> None:
    rows = [r[:] for r in OWN_ROWS]
    rows[1][3], rows[2][3] = "50,0", "90,0"      # decimal commas, as Excel in Vietnamese writes
    write_table_csv(path, rows, encoding="utf-8-sig", delimiter=";")


def _codes(*codes: str) -> frozenset[str]:
    return frozenset(codes)


BOMB = _codes("file_compression_bomb", "file_too_large", "file_corrupt")
UNSAFE_XML = _codes("file_unsafe_xml", "file_corrupt")
CASES = [
    Case("zip_bomb", "bom_nen.xlsx", _zip_bomb, BOMB),
    Case("zip_bomb_understated", "bom_nen_khai_gian.xlsx", _zip_bomb_understated, BOMB),
    Case("billion_laughs", "tiec_cuoi.xlsx", _billion_laughs, UNSAFE_XML, OWN_SCORES),
    Case("billion_laughs_utf16", "tiec_cuoi_utf16.xlsx", _billion_laughs_utf16, UNSAFE_XML,
         OWN_SCORES),
    Case("external_entity", "thuc_the_ngoai.xlsx", _external_entity, UNSAFE_XML, OWN_SCORES),
    Case("path_traversal", "duong_dan.xlsx", _path_traversal, _codes("file_unsafe_member"),
         OWN_SCORES),
    Case("million_rows", "trieu_dong.xlsx", _million_rows,
         _codes("file_sheet_too_large", "file_too_large"), seconds=10.0),
    Case("columns_16384", "cot_xfd.xlsx", _wide, scores=OWN_SCORES),
    Case("cell_10mb", "o_10mb.xlsx", _big_cell,  # Excel itself stops at 32,767 characters
         _codes("file_too_large", "file_sheet_too_large", "file_corrupt"), {"06": 90.0, "08": 10.0},
         ("D3", _codes("value_not_number", "value_out_of_range")), megabytes=150.0),
    Case("sparse_xls", "o_thua.xls", _sparse_xls, _codes("file_sheet_too_large")),
    Case("garbage", "rac.xlsx", _garbage, _codes("file_not_spreadsheet", "file_corrupt")),
    Case("encrypted", "mat_khau.xlsx", _encrypted, _codes("file_encrypted")),
    Case("html_as_xls", "xuat_web.xls", _html_xls, _codes("file_html_disguised"), OWN_SCORES),
    Case("csv_utf16", "utf16.csv", _utf16, scores=OWN_SCORES),
    Case("csv_bom_semicolon", "bom_cham_phay.csv", _bom_semicolon, scores=OWN_SCORES),
]


# --- a tiny filesystem, for disk-full and read-only faults -----------------------------------------
class TinyDisk:
    """A small tmpfs mounted at ``where``: ``fill()`` leaves no space, ``read_only()`` remounts it.

    Mounting needs root; ``mount`` returns None where that is not possible (tests then skip).
    """

    def __init__(self, where: Path):
        self.where = where

    @classmethod
    def mount(cls, where: Path, kilobytes: int = 512) -> TinyDisk | None:
        where.mkdir(parents=True, exist_ok=True)
        if not sys.platform.startswith("linux") or os.geteuid() != 0:
            return None
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={kilobytes}k,mode=0755",
                               "tmpfs", str(where)], capture_output=True)
        return cls(where) if done.returncode == 0 else None

    def fill(self) -> None:
        with open(self.where / ".filler", "wb", buffering=0) as handle:
            try:
                while handle.write(b"\0" * 4096):
                    pass
            except OSError:
                pass

    def read_only(self) -> None:
        subprocess.run(["mount", "-o", "remount,ro", str(self.where)], check=True)

    def unmount(self) -> None:
        subprocess.run(["umount", "-l", str(self.where)], capture_output=True)


# --- the worker ---------------------------------------------------------------------------------
def _forbid_sockets(event: str, args: tuple) -> None:
    if event.startswith("socket.") and event not in ("socket.gethostname",):
        raise RuntimeError(f"network access attempted: {event} {args!r}")


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
        return True
    except OSError:
        return False


def _peak_mb(resettable: bool) -> float:
    if resettable:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    import resource

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024 if sys.platform == "darwin" else 1024)


def run_worker(job: dict) -> list[dict]:
    """Import and score each folder of ``job["folders"]``; see the module docstring."""
    import time

    from dti_app.core.criteria_load import parse_criteria
    from dti_app.core.importer import import_inputs
    from dti_app.core.messages import render_issue
    from dti_app.core.scoring import score_units
    from dti_app.core.units import builtin_register

    criteria = parse_criteria(job["criteria"], "criteria.yaml")
    register = builtin_register("63")
    import_inputs([job["warmup"]], criteria, register)     # load every lazy module first
    sys.addaudithook(_forbid_sockets)
    out = []
    for folder in job["folders"]:
        resettable = _reset_peak()
        base = _peak_mb(resettable)
        start = time.perf_counter()
        imported = import_inputs([folder], criteria, register)
        result = score_units(criteria, imported.values, register, imported.invalid)
        seconds = time.perf_counter() - start
        out.append({
            "folder": folder, "seconds": seconds,
            # growth of the peak over this case (where the peak cannot be cleared, over the
            # peak so far: earlier cases are bounded too, so that is close to the baseline)
            "megabytes": _peak_mb(resettable) - base,
            "issues": [{**{k: v for k, v in i.to_dict().items() if k != "params"},
                        "message": render_issue(i, "vi"), "message_en": render_issue(i, "en")}
                       for i in imported.issues + result.issues],
            "scores": {u: float(result.shown[u]) for u in result.scored},
            "raw": "\n".join(imported.raw.astype(str).to_numpy().ravel())[:1_000_000]
            if imported.raw is not None else "",
        })
    return out


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    job_file = Path(sys.argv[1])
    results = run_worker(json.loads(job_file.read_text(encoding="utf-8")))
    sys.stdout.write(json.dumps(results, ensure_ascii=False) + "\n")
    os._exit(0)
