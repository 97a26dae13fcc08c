"""The UI's languages: Vietnamese (default) and English, with Qt's translation tools.

Source strings in the code are English (``self.tr("Import…")``); ``i18n/dti_app_vi.ts`` holds their
Vietnamese and is compiled to ``dti_app_vi.qm`` with ``pyside6-lrelease`` (see
``compile_translations``). Qt ships no Vietnamese for its own words (standard buttons, the text
field menu, its file dialog), so ``i18n/qtbase_vi.ts`` carries those. At start each ``.qm`` is
loaded into a ``QTranslator``; if it is missing (a source checkout before the build step), the
``.ts`` is read directly, so the app never starts with English left in the
Vietnamese UI.

Updating after a change of UI strings (offline, tools shipped with PySide6)::

    pyside6-lupdate dti_app/gui/*.py -ts dti_app/gui/i18n/dti_app_vi.ts
    python -c "from dti_app.gui.translations import compile_translations as c; c()"
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from dti_app.core.safe_xml import parse_xml

__all__ = ["LANGUAGES", "I18N_DIR", "TsTranslator", "install_language", "ts_messages",
           "compile_translations"]

LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
I18N_DIR = Path(__file__).resolve().parent / "i18n"
_INSTALLED: list[QTranslator] = []


def ts_messages(path: Path) -> dict[tuple[str, str], str]:
    """(context, source) → translation of every finished message in a ``.ts`` file."""
    out: dict[tuple[str, str], str] = {}
    root = parse_xml(Path(path).read_bytes(), allow_doctype=True)  # .ts files: <!DOCTYPE TS>
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            source = message.findtext("source", "")
            node = message.find("translation")
            if node is None or node.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            forms = [f.text or "" for f in node.iter("numerusform")]
            text = forms[0] if forms else (node.text or "")
            if text:
                out[(name, source)] = text
    return out


class TsTranslator(QTranslator):
    """A translator read straight from a ``.ts`` file (used when no fresh ``.qm`` exists)."""

    def __init__(self, path: Path, parent=None) -> None:
        super().__init__(parent)
        self._messages = ts_messages(path)

    def isEmpty(self) -> bool:
        return not self._messages

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        text = self._messages.get((context, source), "")
        if text and n >= 0:
            text = text.replace("%n", str(n))
        return text


def _translator(lang: str, name: str = "dti_app") -> QTranslator | None:
    ts = I18N_DIR / f"{name}_{lang}.ts"
    qm = I18N_DIR / f"{name}_{lang}.qm"
    # the committed .qm is used whenever it exists (a test keeps it equal to the .ts); file
    # times mean nothing after a checkout, which writes files in any order
    if qm.exists():
        translator = QTranslator()
        if translator.load(str(qm)):
            return translator
    if ts.exists():
        return TsTranslator(ts)
    return None


def install_language(lang: str) -> str:
    """Install the translators for ``lang`` ('vi' or 'en') in the running application."""
    lang = lang if lang in LANGUAGES else "vi"
    app = QCoreApplication.instance()
    while _INSTALLED:
        app.removeTranslator(_INSTALLED.pop())
    if lang == "en":
        return lang
    for translator in (_qt_base(lang), _translator(lang)):
        if translator is not None:
            app.installTranslator(translator)
            _INSTALLED.append(translator)
    return lang


def _qt_base(lang: str) -> QTranslator | None:
    """Qt's own strings: Qt's translation when it ships one, else ours (``qtbase_vi.ts``)."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator()
    if translator.load(f"qtbase_{lang}", folder):
        return translator
    return _translator(lang, "qtbase")


def compile_translations() -> list[Path]:
    """Build every ``.qm`` from its ``.ts`` with ``pyside6-lrelease`` (offline); the paths made."""
    from dti_app.core.atomic import atomic_write_with

    tool = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    made: list[Path] = []
    for ts in sorted(I18N_DIR.glob("*.ts")) if tool else []:
        qm = ts.with_suffix(".qm")
        atomic_write_with(qm, lambda tmp, ts=ts: subprocess.run(
            [tool, "-silent", str(ts), "-qm", str(tmp)], check=True))
        made.append(qm)
    return made
