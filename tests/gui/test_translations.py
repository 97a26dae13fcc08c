"""Every UI string has its Vietnamese; the Vietnamese window shows no English; English works."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QTableView, QTreeView

from dti_app.gui.translations import I18N_DIR, ts_messages

GUI = Path(__file__).resolve().parents[2] / "dti_app" / "gui"


def source_strings() -> set[tuple[str, str]]:
    """(context, text) of every ``self.tr("…")`` and ``QCoreApplication.translate("C", "…")``."""
    found: set[tuple[str, str]] = set()
    for path in GUI.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for cls in [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)] + [tree]:
            context = getattr(cls, "name", "")
            for node in ast.walk(cls):
                if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                    continue
                args = [a.value for a in node.args if isinstance(a, ast.Constant)
                        and isinstance(a.value, str)]
                if node.func.attr == "tr" and context and args:
                    found.add((context, args[0]))
                elif node.func.attr == "translate" and len(args) >= 2:
                    found.add((args[0], args[1]))
    return found


def test_every_ui_string_has_a_vietnamese_translation():
    strings = source_strings()
    assert len(strings) > 150
    vietnamese = ts_messages(I18N_DIR / "dti_app_vi.ts")
    missing = sorted(s for s in strings if not vietnamese.get(s))
    assert missing == []


def test_the_compiled_qm_matches_the_ts():
    vietnamese = ts_messages(I18N_DIR / "dti_app_vi.ts")
    translator = QTranslator()
    assert translator.load(str(I18N_DIR / "dti_app_vi.qm"))
    stale = [key for key, text in vietnamese.items() if translator.translate(*key) != text]
    assert stale == []


def _shown_texts(window) -> set[str]:
    texts = {window.tabs.tabText(i) for i in range(window.tabs.count())}
    for action in window.findChildren(type(window.menuBar().actions()[0])):
        texts.add(action.text())
    for widget in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
        texts.add(widget.text())
    texts |= {w.placeholderText() for w in window.findChildren(QLineEdit)}
    for view in window.findChildren(QTableView) + window.findChildren(QTreeView):
        model = view.model()
        if model is not None:
            texts |= {str(model.headerData(c, view.horizontalHeader().orientation()
                                           if isinstance(view, QTableView) else 1))
                      for c in range(model.columnCount())}
    return {t.replace("&", "").strip() for t in texts if t}


def test_the_vietnamese_window_shows_no_english(loaded):
    window = loaded
    window.session.select_unit("01")
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
    vietnamese = ts_messages(I18N_DIR / "dti_app_vi.ts")
    english = {src.replace("&", "").strip() for (_c, src), vi in vietnamese.items()
               if src.replace("&", "") != vi.replace("&", "")}
    shown = _shown_texts(window)
    assert sorted(shown & english) == []
    # no English word of the UI inside a longer text either (rich text, "label: value")
    words = {w for src in english for w in re.findall(r"[A-Za-z]{4,}", src)}
    words -= {w for vi in vietnamese.values() for w in re.findall(r"[A-Za-z]{4,}", vi)}
    found = {w for text in shown for w in re.findall(r"[A-Za-z]{4,}", re.sub(r"<[^>]+>", " ",
                                                                                 text))}
    assert sorted(found & words) == []
    assert window.tabs.tabText(0) == "Xếp hạng"
    assert window.menuBar().actions()[0].text() == "&Tệp"


def test_switching_to_english_rebuilds_the_window(qtbot, controller, settings):
    controller.set_language("en")
    window = controller.window
    qtbot.addWidget(window)
    assert window.tabs.tabText(0) == "Ranking"
    assert window.menuBar().actions()[0].text() == "&File"
    assert settings.value("language") == "en"
    assert window.session.lang == "en"
    controller.set_language("vi")
    qtbot.addWidget(controller.window)
    assert controller.window.tabs.tabText(0) == "Xếp hạng"


def test_the_ts_fallback_translates_like_the_qm(qapp):
    from dti_app.gui.translations import TsTranslator

    fallback = TsTranslator(I18N_DIR / "dti_app_vi.ts")
    compiled = QTranslator()
    assert compiled.load(str(I18N_DIR / "dti_app_vi.qm"))
    for key in (("MainWindow", "Ranking"), ("Status", "not submitted"),
                ("ImportDialog", "Import cancelled: nothing was changed.")):
        assert fallback.translate(*key) == compiled.translate(*key) != ""
    assert fallback.translate("Status", "not submitted") == "chưa nộp"
