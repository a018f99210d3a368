"""Applying the chosen language to the window: Keel's catalogs, Qt's own texts (the
buttons of standard dialogs, a line edit's menu) and the locale Qt's date fields use.

Called once at start, before the window is built; a changed preference applies at the
next start (the Preferences dialog says so).
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication

from teamkeel.core import i18n
from teamkeel.ui import options


def apply_language(app: QApplication, settings: QSettings | None) -> str:
    """Choose the language from the environment and ``settings`` (the preference), load
    Qt's translation for it, and return it ("en", "de", ...)."""
    preference = options.LANGUAGE.read(settings) if settings is not None else ""
    language = i18n.set_language(preference)
    QLocale.setDefault(QLocale(i18n.current_locale()))
    _install_qt_translation(app, language)
    return language


def _install_qt_translation(app: QApplication, language: str) -> None:
    for old in app.findChildren(QTranslator, "keel-qtbase"):
        app.removeTranslator(old)
        old.deleteLater()
    if language == i18n.SOURCE_LANGUAGE:
        return
    translator = QTranslator(app)
    translator.setObjectName("keel-qtbase")
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{language}", folder):
        app.installTranslator(translator)
    else:  # Qt's own buttons stay English; Keel's texts are translated all the same
        translator.deleteLater()
