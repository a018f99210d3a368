"""File → Import: a whole team from JSON, the roster from CSV, survey answers from CSV,
rituals from ICS. Each says what it imported and is one undo step; the whole-team JSON
(which fills an empty file) is undone by emptying the file again, exactly as it was.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction

from teamkeel.core.errors import KeelError
from teamkeel.core.i18n import N_, _, ngettext
from teamkeel.core.progress import Cancelled
from teamkeel.ui.undo import ServiceCommand, push

if TYPE_CHECKING:
    from teamkeel.core.import_undo import Imported
    from teamkeel.ui.window_host import WindowHost

ICS_FILTER = N_("Calendar files (*.ics);;All files (*)")
JSON_FILTER = N_("JSON (*.json);;All files (*)")


def import_actions(window: WindowHost) -> list[QAction]:
    """The entries of File → Import, in the order a new team needs them."""
    entries = (
        (_("Whole team from &JSON…"), "importJson", lambda: import_json(window)),
        (_("&Roster from CSV…"), "importRoster", lambda: _from_tab(window, "roster")),
        (_("&Survey answers from CSV…"), "importSurvey", lambda: _from_tab(window, "insights")),
        (_("R&ituals from ICS…"), "importIcs", lambda: import_ics(window)),
    )
    actions = []
    for text, name, slot in entries:
        action = QAction(text, window)
        action.setObjectName(name)
        action.triggered.connect(slot)
        actions.append(action)
    return actions


def _from_tab(window: WindowHost, key: str) -> None:
    """The tab's own import (the roster's preview, the survey panel's date and label),
    shown on its tab so the lead sees where the answers go."""
    if window.select_tab(key):
        tab = window.tab(key)
        tab.choose_import()  # type: ignore[union-attr]


@dataclass
class _ImportedTeam:
    taken: Imported | None = None  # what the import changed, for taking it back


def import_json(window: WindowHost) -> None:
    """Fill the (empty) file from a Keel JSON document as one undo step, “Import of
    team.json”: undo empties the file again exactly as it was (``import_undo``). A
    backup is taken first as well, for a lead who has closed the window since."""
    ctx = window.ctx
    if ctx is None:
        return

    def chosen(path: str) -> None:
        from teamkeel.core import interchange
        from teamkeel.core.import_undo import take_back
        from teamkeel.ui.progress import progress_dialog

        source = Path(path)
        team = ctx.team
        step = _ImportedTeam()
        document: list[Any] = []  # read on the first run; a redo imports it again

        def do() -> None:
            if document:  # a redo: the same document into the same empty file, same ids
                step.taken = interchange.import_document(team, document[0])
                return
            label = _("Importing the whole team from {file}…").format(file=source.name)
            title = _("Importing a whole team")
            with progress_dialog(window, team, title, label) as progress:
                doc = interchange.load_json(source)
                _backup_before_import(team.path)
                step.taken = interchange.import_document(team, doc, progress)
            document.append(doc)

        def undo() -> None:
            assert step.taken is not None
            take_back(team, step.taken)

        command = ServiceCommand(
            ctx, "team", _("Import of {file}").format(file=source.name), do, undo, notify
        )
        try:
            push(ctx, command)
        except Cancelled as exc:
            window.statusBar().showMessage(str(exc), 8000)
            return
        except KeelError as exc:
            ctx.prompts.error(_("Nothing was imported"), str(exc))
            return
        window.statusBar().showMessage(
            _("Imported the whole team from {file}").format(file=source.name), 8000
        )

    def notify() -> None:
        # Every tab shows something of the document (or of its absence after undo).
        for key in ("team", *(slot.key for slot in window.slots)):
            ctx.changed.emit(key)

    ctx.prompts.open_file(_("Import a whole team from JSON"), _(JSON_FILTER), chosen)


def _backup_before_import(team_path: Path) -> None:
    """A restore point outside the undo stack; an import is not refused for want of it
    (the undo step takes it back anyway)."""
    import sqlite3

    from teamkeel.core.safety.backup import backup_now

    with contextlib.suppress(KeelError, OSError, sqlite3.DatabaseError):
        backup_now(team_path, reason="before-import")


def import_ics(window: WindowHost) -> None:
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
                raise KeelError(
                    ngettext(
                        "{titles} is already in the calendar.",
                        "{titles} are already in the calendar.",
                        len(again),
                    ).format(titles=", ".join(again))
                )
        except KeelError as exc:
            ctx.prompts.error(_("Nothing was imported"), str(exc))
            return
        uids = {r.uid for r in found.rituals}

        def do() -> None:
            service.restore_many(found.rituals)

        def undo() -> None:
            service.delete_many([r.id for r in service.list_rituals() if r.uid in uids and r.id])

        count = len(found.rituals)
        text = ngettext(
            "Import {count} ritual from {file}", "Import {count} rituals from {file}", count
        ).format(count=count, file=source.name)
        try:
            push(ctx, ServiceCommand(ctx, "calendar", text, do, undo))
        except KeelError as exc:
            ctx.prompts.error(_("Nothing was imported"), str(exc))
            return
        window.select_tab("calendar")
        titles = ", ".join(r.title for r in found.rituals[:5])
        if count > 5:
            shown = ngettext(
                "Imported {titles} and {count} more",
                "Imported {titles} and {count} more",
                count - 5,
            ).format(titles=titles, count=count - 5)
        else:
            shown = _("Imported {titles}").format(titles=titles)
        if found.guessed_kinds:
            shown = ngettext(
                "{imported} ({count} of unknown kind filed as skill shares)",
                "{imported} ({count} of unknown kind filed as skill shares)",
                found.guessed_kinds,
            ).format(imported=shown, count=found.guessed_kinds)
        window.statusBar().showMessage(shown, 8000)

    ctx.prompts.open_file(_("Import rituals from ICS"), _(ICS_FILTER), chosen)


MAX_ICS_BYTES = 5 * 1024 * 1024


def _read_calendar(path: Path) -> bytes:
    try:
        if not path.is_file():
            raise KeelError(_("{file} is not a file Keel can import.").format(file=path.name))
        with path.open("rb") as f:
            raw = f.read(MAX_ICS_BYTES + 1)
    except OSError as exc:
        raise KeelError(
            _("Cannot read {path}: {reason}.").format(path=path, reason=exc.strerror or exc)
        ) from exc
    if len(raw) > MAX_ICS_BYTES:
        raise KeelError(
            _("{file} is larger than 5 MB; that is not a team's calendar.").format(file=path.name)
        )
    return raw
