"""What the window does when Keel itself fails: say so plainly, keep working.

An exception that escapes a slot reaches ``sys.excepthook`` (PySide6 then carries on
with the event loop). ``install`` replaces that hook: the error is logged with its
traceback, and a dialog that does not block says what failed, that nothing saved was
lost (every write is one transaction, so a change is in the file whole or not at all),
where the log is, and offers "Copy details" for a bug report. Qt's own warnings go to
the same log (``qt_messages_to_log``).
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import QObject, Signal

from teamkeel.core import logs
from teamkeel.core.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]
NOTHING_LOST = N_(
    "Nothing you saved was lost: Keel writes each change in one piece, so a change is "
    "either in the team file whole or not at all. You can carry on working."
)


def details(exc_info: ExcInfo) -> str:
    """What a bug report needs: versions, platform and the traceback."""
    import PySide6

    lines = [
        logs.describe_system(),
        f"Qt {QtCore.qVersion()}, PySide6 {PySide6.__version__}",
        "",
        "".join(traceback.format_exception(*exc_info)).rstrip(),
    ]
    return "\n".join(lines)


class CrashDialog(QtWidgets.QDialog):
    """Says what failed; never modal, so the window stays usable behind it."""

    def __init__(self, parent: QWidget | None, exc: BaseException, report: str):
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(_("Something went wrong in Keel"))
        self.setModal(False)
        self.report = report
        self.more = 0  # errors after this one, while the dialog was open
        layout = QtWidgets.QVBoxLayout(self)
        self.message = QtWidgets.QLabel(self._text(exc))
        self.message.setObjectName("crashMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        buttons = QtWidgets.QDialogButtonBox()
        self.copy_button = buttons.addButton(
            _("&Copy details"), QtWidgets.QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy_button.setObjectName("copyDetails")
        self.copy_button.clicked.connect(self.copy_details)
        close = buttons.addButton(QtWidgets.QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.close)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def _text(self, exc: BaseException) -> str:
        doing = logs.doing(exc)
        if doing:
            what = _("Keel could not finish “{doing}”: an error in Keel itself ({error}).")
        else:
            what = _("Keel hit a problem: an error in Keel itself ({error}).")
        parts = [
            what.format(doing=doing, error=logs.unexpected(exc)),
            _(NOTHING_LOST),
            _("The details are in the log: {path}").format(path=logs.log_path()),
        ]
        if self.more:
            parts.append(
                ngettext(
                    "{count} more error followed; the log has them all.",
                    "{count} more errors followed; the log has them all.",
                    self.more,
                ).format(count=self.more)
            )
        return "\n\n".join(parts)

    def one_more(self, exc: BaseException) -> None:
        self.more += 1
        self.message.setText(self._text(exc))

    def copy_details(self) -> None:
        clipboard = QtWidgets.QApplication.clipboard()
        clipboard.setText(self.report)
        self.copy_button.setText(_("Copied"))


class CrashHandler(QObject):
    """Owns the hook while installed; ``uninstall`` puts the previous one back."""

    # The dialog is shown through a signal: an error in a worker thread (the rotation
    # planner's) is then shown by the window's thread, the only one that may.
    _report = Signal(object, str)

    def __init__(self, window: QWidget | None):
        super().__init__(window)
        self.window = window
        self.dialog: CrashDialog | None = None
        self._previous = sys.excepthook
        self._reporting = False
        self._report.connect(self._show)
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        if sys.excepthook == self.handle:
            sys.excepthook = self._previous

    def handle(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt) or self._reporting:
            # Ctrl+C in the terminal, or a failure while reporting one: Python's own way.
            sys.__excepthook__(kind, exc, tb)
            return
        self._reporting = True
        try:
            logs.log.error("Unexpected error in the window", exc_info=(kind, exc, tb))
            logs.open_file()
            self._report.emit(exc, details((kind, exc, tb)))
        except Exception:  # the window is going away: the log has it, and so does stderr
            sys.__excepthook__(kind, exc, tb)
        finally:
            self._reporting = False

    def _show(self, exc: BaseException, report: str) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.one_more(exc)
            return
        self.dialog = CrashDialog(self.window, exc, report)
        self.dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.destroyed.connect(self._forget)
        self.dialog.show()

    def _forget(self) -> None:
        self.dialog = None


def install(window: QWidget | None) -> CrashHandler:
    return CrashHandler(window)


def _qt_message(kind: QtCore.QtMsgType, context: QtCore.QMessageLogContext, text: str) -> None:
    levels = {
        QtCore.QtMsgType.QtDebugMsg: logging.DEBUG,
        QtCore.QtMsgType.QtInfoMsg: logging.INFO,
        QtCore.QtMsgType.QtCriticalMsg: logging.ERROR,
        QtCore.QtMsgType.QtFatalMsg: logging.CRITICAL,
    }
    logging.getLogger("qt").log(levels.get(kind, logging.WARNING), "%s", text)


def qt_messages_to_log() -> None:
    """Qt's own warnings go to Keel's log instead of a terminal nobody sees."""
    QtCore.qInstallMessageHandler(_qt_message)
