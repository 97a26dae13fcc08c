"""Help › User guide: the Markdown guide shipped with the tool, shown inside the app.

The guide (``docs/huong-dan.md`` or ``docs/guide.md``, found by ``bundled.guide_path``) is read
from disk by a ``QTextBrowser``, pictures included; nothing goes to the network, and no program
needs to be associated with ``.md`` files. Links to another Markdown file (the other language, the
criteria format) open in the same window, *Back* returns; a link to a heading of the page scrolls
to it; a link to any other local file opens in the program the system uses for it; web links are
not followed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPixmap, QTextCursor, QTextDocument
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout

from dti_app.core.bundled import guide_path

__all__ = ["GuideDialog", "heading_anchor", "PICTURE_WIDTH"]

PICTURE_WIDTH = 900


def heading_anchor(text: str) -> str:
    """The anchor a Markdown link uses for a heading ('1. Cài đặt' → '1-cài-đặt')."""
    kept = "".join(ch for ch in text.strip().lower() if ch.isalnum() or ch in " -_")
    return kept.replace(" ", "-")


class GuideDialog(QDialog):
    def __init__(self, lang: str = "vi", parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("User guide"))
        self.resize(980, 760)
        self.path = guide_path(lang)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self.follow)
        back = QPushButton(self.tr("Back"))
        back.clicked.connect(self.browser.backward)
        self.browser.backwardAvailable.connect(back.setEnabled)
        back.setEnabled(False)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addLayout(buttons)
        if self.path.is_file():
            self.show_file(self.path)
        else:
            self.browser.setPlainText(self.tr("The user guide was not found: %1")
                                      .replace("%1", str(self.path)))

    def show_file(self, path: Path, fragment: str = "") -> None:
        self.browser.setSource(QUrl.fromLocalFile(str(path)),
                               QTextDocument.ResourceType.MarkdownResource)
        self.fit_pictures()
        if fragment:
            self.scroll_to(fragment)

    def fit_pictures(self, width: int = PICTURE_WIDTH) -> None:
        """Show screenshots wider than ``width`` pixels scaled down to it."""
        document = self.browser.document()
        block = document.firstBlock()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                part = it.fragment()
                picture = part.charFormat().toImageFormat()
                if part.isValid() and picture.isValid():
                    image = document.resource(QTextDocument.ResourceType.ImageResource,
                                              QUrl(picture.name()))
                    if isinstance(image, QByteArray):  # not decoded yet: decode it once here
                        image = QImage.fromData(image)
                        document.addResource(QTextDocument.ResourceType.ImageResource,
                                             QUrl(picture.name()), image)
                    if isinstance(image, (QImage, QPixmap)) and image.width() > width:
                        picture.setWidth(width)
                        picture.setHeight(image.height() * width / image.width())
                        cursor = QTextCursor(document)
                        cursor.setPosition(part.position())
                        cursor.setPosition(part.position() + part.length(),
                                           QTextCursor.MoveMode.KeepAnchor)
                        cursor.setCharFormat(picture)
                it += 1
            block = block.next()

    def follow(self, url: QUrl) -> None:
        if url.scheme() not in ("", "file"):
            return                                           # offline: web links are not followed
        target = self.browser.source().resolved(url)
        local = Path(target.toLocalFile())
        if local == Path(self.browser.source().toLocalFile()) and url.fragment():
            self.scroll_to(url.fragment())
        elif local.suffix.lower() == ".md" and local.is_file():
            self.show_file(local, url.fragment())
        elif local.is_file():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(local)))

    def scroll_to(self, fragment: str) -> bool:
        """Scroll to the heading whose anchor is ``fragment``; False when there is none."""
        block = self.browser.document().firstBlock()
        while block.isValid():
            if block.blockFormat().headingLevel() and heading_anchor(block.text()) == fragment:
                cursor = QTextCursor(block)
                self.browser.setTextCursor(cursor)
                bar = self.browser.verticalScrollBar()
                bar.setValue(bar.maximum())                  # then back up: the heading on top
                self.browser.ensureCursorVisible()
                return True
            block = block.next()
        return False
