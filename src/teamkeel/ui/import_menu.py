"""File → Import: a whole team from JSON, the roster from CSV, survey answers from CSV,
rituals from ICS. Each says what it imported; all but the whole-team JSON are one undo
step (the JSON fills an empty file, which Ctrl+Z does not empty again: it asks first).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from teamkeel.core.errors import KeelError
from teamkeel.ui.busy import busy_cursor
from teamkeel.ui.undo import ServiceCommand, push

if TYPE_CHECKING:
    from teamkeel.ui.main_window import MainWindow

ICS_FILTER = "Calendar files (*.ics);;All files (*)"
JSON_FILTER = "JSON (*.json);;All files (*)"


def import_actions(window: MainWindow) -> list[QAction]:
    """The entries of File → Import, in the order a new team needs them."""
    entries = (
        ("Whole team from &JSON…", "importJson", lambda: import_json(window)),
        ("&Roster from CSV…", "importRoster", lambda: _from_tab(window, "roster")),
        ("&Survey answers from CSV…", "importSurvey", lambda: _from_tab(window, "insights")),
        ("R&ituals from ICS…", "importIcs", lambda: import_ics(window)),
    )
    actions = []
    for text, name, slot in entries:
        action = QAction(text, window)
        action.setObjectName(name)
        action.triggered.connect(slot)
        actions.append(action)
    return actions


def _from_tab(window: MainWindow, key: str) -> None:
    """The tab's own import (the roster's preview, the survey panel's date and label),
    shown on its tab so the lead sees where the answers go."""
    if window.select_tab(key):
        tab = window.tab(key)
        tab.choose_import()  # type: ignore[union-attr]


def import_json(window: MainWindow) -> None:
    ctx = window.ctx
    if ctx is None:
        return

    def chosen(path: str) -> None:
        from teamkeel.core import interchange

        source = Path(path)
        try:
            with busy_cursor():
                interchange.import_document(ctx.team, interchange.load_json(source))
        except KeelError as exc:
            ctx.prompts.error("Nothing was imported", str(exc))
            return
        # Earlier steps no longer describe this file: the import is not one of them.
        ctx.undo_stack.clear()
        for key in ("team", *(slot.key for slot in window.slots)):
            ctx.changed.emit(key)
        window.statusBar().showMessage(f"Imported the whole team from {source.name}", 8000)

    def confirmed() -> None:
        ctx.prompts.open_file("Import a whole team from JSON", JSON_FILTER, chosen)

    ctx.prompts.confirm(
        "Import a whole team",
        "This fills this team file, which must be empty, from a Keel JSON document. "
        "It cannot be undone with Ctrl+Z; to go back, restore the backup Keel made "
        "when the file was opened.",
        confirmed,
    )


def import_ics(window: MainWindow) -> None:
    ctx = window.ctx
    if ctx is None:
        return

    def chosen(path: str) -> None:
        from teamkeel.core.calendar.ics_import import rituals_from_ics
        from teamkeel.core.calendar.service import CalendarService
        from teamkeel.ui.options import lead_timezone

        source = Path(path)
        service = CalendarService(ctx.team)
        try:
            found = rituals_from_ics(_read_calendar(source), lead_timezone())
            taken = {r.uid for r in service.list_rituals()}
            again = [r.title for r in found.rituals if r.uid in taken]
            if again:
                raise KeelError(f"{', '.join(again)} {_is_are(again)} already in the calendar.")
        except KeelError as exc:
            ctx.prompts.error("Nothing was imported", str(exc))
            return
        uids = {r.uid for r in found.rituals}

        def do() -> None:
            service.restore_many(found.rituals)

        def undo() -> None:
            service.delete_many([r.id for r in service.list_rituals() if r.uid in uids and r.id])

        count = len(found.rituals)
        text = f"Import {count} ritual{'s' if count != 1 else ''} from {source.name}"
        try:
            push(ctx, ServiceCommand(ctx, "calendar", text, do, undo))
        except KeelError as exc:
            ctx.prompts.error("Nothing was imported", str(exc))
            return
        window.select_tab("calendar")
        note = (
            f" ({found.guessed_kinds} of unknown kind filed as skill shares)"
            if found.guessed_kinds
            else ""
        )
        titles = ", ".join(r.title for r in found.rituals[:5])
        more = f" and {count - 5} more" if count > 5 else ""
        window.statusBar().showMessage(f"Imported {titles}{more}{note}", 8000)

    ctx.prompts.open_file("Import rituals from ICS", ICS_FILTER, chosen)


MAX_ICS_BYTES = 5 * 1024 * 1024


def _read_calendar(path: Path) -> bytes:
    try:
        if not path.is_file():
            raise KeelError(f"{path.name} is not a file Keel can import.")
        with path.open("rb") as f:
            raw = f.read(MAX_ICS_BYTES + 1)
    except OSError as exc:
        raise KeelError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    if len(raw) > MAX_ICS_BYTES:
        raise KeelError(f"{path.name} is larger than 5 MB; that is not a team's calendar.")
    return raw


def _is_are(items: list[str]) -> str:
    return "is" if len(items) == 1 else "are"
