"""Help › User guide (F1): the local Markdown guide, in the UI language, pictures and links working."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QTextDocument

from dti_app.core.bundled import guide_path
from dti_app.gui.guide_view import PICTURE_WIDTH, GuideDialog


def _guide_action(window) -> QAction:
    return next(a for a in window.findChildren(QAction) if a.text() == "&Hướng dẫn sử dụng")


def test_f1_opens_the_vietnamese_guide_from_disk(window, qtbot):
    action = _guide_action(window)
    assert action.shortcut().toString() == "F1"
    action.trigger()
    [dialog] = window.findChildren(GuideDialog)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Hướng dẫn sử dụng"
    assert Path(dialog.browser.source().toLocalFile()) == guide_path("vi")
    text = dialog.browser.toPlainText()
    assert text.startswith("Hướng dẫn sử dụng DTI Scorer")
    assert "value_trailing_text" in text and "PDTI = Σ điểm đạt được / 1000" in text


def test_screenshots_are_loaded_and_fitted(window, qtbot):
    dialog = window.open_guide()
    qtbot.addWidget(dialog)
    document = dialog.browser.document()
    ranking = document.resource(QTextDocument.ResourceType.ImageResource,
                                QUrl("screenshots/ranking.png"))
    assert ranking is not None and ranking.width() == 1440      # read from docs/screenshots
    widths = []
    block = document.firstBlock()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            picture = it.fragment().charFormat().toImageFormat()
            if picture.isValid():
                widths.append(picture.width())
            it += 1
        block = block.next()
    assert len(widths) == 8 and max(widths) == PICTURE_WIDTH


def test_links_move_within_and_between_guides(window, qtbot):
    dialog = window.open_guide()
    qtbot.addWidget(dialog)
    assert dialog.scroll_to("5-mã-vấn-đề-ý-nghĩa-và-cách-khắc-phục")
    assert dialog.browser.textCursor().block().text() == "5. Mã vấn đề: ý nghĩa và cách khắc phục"
    assert not dialog.scroll_to("no-such-heading")
    dialog.follow(QUrl("guide.md"))
    assert Path(dialog.browser.source().toLocalFile()) == guide_path("en")
    dialog.follow(QUrl("https://example.org/"))                 # never followed: offline
    assert Path(dialog.browser.source().toLocalFile()) == guide_path("en")
    dialog.browser.backward()
    assert Path(dialog.browser.source().toLocalFile()) == guide_path("vi")


def test_the_english_ui_opens_the_english_guide(window, qtbot):
    window.session.lang = "en"
    dialog = window.open_guide()
    qtbot.addWidget(dialog)
    assert Path(dialog.browser.source().toLocalFile()) == guide_path("en")
    assert dialog.browser.toPlainText().startswith("DTI Scorer user guide")
