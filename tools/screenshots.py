"""Render screenshots of the app's main views (offscreen) into docs/screenshots/.

    python tools/screenshots.py [--inputs FILE_OR_FOLDER ...] [--out docs/screenshots] [--lang vi]

By default the bundled sample workbooks are imported (copies in a temporary folder), with one
unreadable file added and two values typed by hand into one copy, so the issues panel has
something to show. Each view is shown as a user would reach it (import, pick a
unit, verify a value, edit a weight) and grabbed as PNG: ranking, unit_detail, issues,
verification, weights, charts, analysis (after a rank-stability run), import_progress,
import_done.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402, TID251 (a GUI tool)

from dti_app.core.bundled import bundled_dir  # noqa: E402
from dti_app.gui.app import AppController, create_application  # noqa: E402

SIZE = (1440, 880)
UNIT = "48"   # Đà Nẵng


def _settle(app, ms: int = 150) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    app.processEvents()


def _inputs(given: list[str], work: Path) -> list[Path]:
    sources = [Path(p) for p in given] or [bundled_dir("sample_workbooks")]
    folder = work / "nop_ve"
    folder.mkdir()
    for source in sources:
        if source.is_dir():
            for path in sorted(source.iterdir()):
                if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods", ".csv"):
                    shutil.copy2(path, folder / path.name)
        else:
            shutil.copy2(source, folder / source.name)
    (folder / "Tinh_hong.xlsx").write_bytes(b"not a workbook " * 20)
    _typos(folder)
    return [folder]


def _typos(folder: Path) -> None:
    """Type two values by hand into the copy of one workbook, as provinces sometimes do."""
    import openpyxl

    copies = sorted(folder.glob("*_15_*.xlsx"))
    if not copies:
        return
    book = openpyxl.load_workbook(copies[0])
    sheet = book["Chỉ số"]
    typed = {"NTS.04": "có thể", "NTS.06": "khoảng 8 lần"}
    for row in sheet.iter_rows(min_row=5):
        if row[0].value in typed:
            row[5].value = typed[row[0].value]
    book.save(copies[0])


def _import(app, window, paths: list[Path], out: Path) -> None:
    dialog = window.import_paths([str(p) for p in paths])
    dialog.resize(820, 480)
    grabbed = []

    def on_progress(done: int, total: int) -> None:
        if not grabbed and total > 1 and done >= total // 2:
            dialog.grab().save(str(out / "import_progress.png"))
            grabbed.append(done)

    dialog.job.progress.connect(on_progress)
    loop = QEventLoop()
    dialog.done.connect(lambda _ok: loop.quit())
    loop.exec()
    _settle(app)
    dialog.grab().save(str(out / "import_done.png"))
    dialog.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", nargs="*", default=[])
    parser.add_argument("--out", default=str(REPO / "docs" / "screenshots"))
    parser.add_argument("--lang", default="vi", choices=("vi", "en"))
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    app = create_application([])
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
        settings.setValue("language", args.lang)
        controller = AppController(settings=settings, reopen_last=False)
        window = controller.window
        window.resize(*SIZE)
        window.show()
        _settle(app)
        _import(app, window, _inputs(args.inputs, work), out)
        session = window.session
        session.select_unit(UNIT)

        def shoot(widget, name: str) -> None:
            window.tabs.setCurrentWidget(widget)
            _settle(app, 300)
            window.grab().save(str(out / f"{name}.png"))

        shoot(window.ranking, "ranking")
        shoot(window.detail, "unit_detail")
        window.tabs.setCurrentWidget(window.issues)
        if not window.issues.select_first(unit="15"):
            window.issues.select_first(file="Tinh_hong.xlsx")
        shoot(window.issues, "issues")
        window.tabs.setCurrentWidget(window.verify)
        leaf = next(c for c in session.criteria.leaves
                    if session.criteria.by_code[c].rule.kind == "yes_no"
                    and session.imported.values.at[UNIT, c] == 0)
        window.verify.set_value(leaf, "có", "Đã đối chiếu biên bản kiểm tra ngày 12/3/2023")
        window.verify.table.selectRow(window.verify.model.row_of(leaf))
        shoot(window.verify, "verification")
        window.tabs.setCurrentWidget(window.weights)
        session.set_weights(points={"HTS": 200})
        window.weights.tree.setCurrentIndex(window.weights.tree_model.index_of("HTS", 1))
        shoot(window.weights, "weights")
        session.reset_weights()
        window.charts.list.setCurrentRow(0)
        shoot(window.charts, "charts")
        window.tabs.setCurrentWidget(window.analysis)
        job = window.analysis.run_stability()
        while job is not None and not job.done:
            _settle(app, 50)
        shoot(window.analysis, "analysis")
        window.close()
    written = sorted(p.name for p in out.glob("*.png"))
    sys.stdout.write("\n".join(str(out / name) for name in written) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
