"""``teamkeel shot``: render the window on one tab to a PNG, without a screen."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from teamkeel.core.errors import KeelError
from teamkeel.core.files import replacing
from teamkeel.core.i18n import _


def render_shot(
    db: Path, tab: str, out: Path, size: tuple[int, int], theme: str = "system"
) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if not db.exists():
        raise KeelError(_("There is no team file at {path}.").format(path=db))
    from PySide6.QtCore import QSettings

    from teamkeel.ui.app import make_app
    from teamkeel.ui.fonts import register_bundled_fonts
    from teamkeel.ui.language import apply_language
    from teamkeel.ui.main_window import MainWindow
    from teamkeel.ui.prompts import Prompts
    from teamkeel.ui.theme import apply_theme

    app = make_app()
    apply_language(app, None)  # the environment's (LANG=de_DE.UTF-8 for German shots)
    apply_theme(app, theme)
    register_bundled_fonts()  # at once: a picture has no first frame to keep quick

    class Refusing(Prompts):
        def error(self, title: str, text: str, details: str = "") -> None:
            raise KeelError(text)

    with tempfile.TemporaryDirectory() as tmp:
        # A throwaway settings file: a screenshot never changes the user's layout.
        settings = QSettings(str(Path(tmp) / "shot.ini"), QSettings.Format.IniFormat)
        # The picture needs the chosen tab only, not the ORM or the other tabs.
        window = MainWindow(settings, Refusing(), load_in_background=False)
        window.resize(*size)
        window.open_file(db)
        if not window.select_tab(tab):
            window.close()
            raise KeelError(_("This version of Keel has no {tab} tab.").format(tab=tab))
        window.show()
        from teamkeel.ui.worker import settle

        settle(app)  # the tab's workers (Insights measures, the preview) land first
        with replacing(out) as part:
            if not window.grab().save(str(part), "PNG"):
                raise KeelError(_("Cannot write {path}.").format(path=out))

        window.close()
        app.processEvents()
