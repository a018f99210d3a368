"""Edit → Preferences: the lead's own choices (``ui.options``) and one setting of the
open team file, the survey anonymity minimum.

The lead's choices are kept in keel.ini (the backup count in the backups' policy file,
see ``options.BackupKeep``) and apply at once where Qt allows: the window then emits
``preferences_changed`` with the keys that changed, for the theme and the translations
to follow. The anonymity minimum belongs to the team, not to this computer: it is
stored in the team file, as an undoable edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from teamkeel.core.errors import KeelError
from teamkeel.core.i18n import N_, _
from teamkeel.ui import options, theme
from teamkeel.ui.undo import ServiceCommand, push

if TYPE_CHECKING:
    from teamkeel.ui.window_host import WindowHost

# (value, text shown as _(text)); a language is named in itself, so it is not translated.
LANGUAGES = (("", N_("Same as this computer")), ("en", "English"), ("de", "Deutsch"))
THEMES = (("system", N_("Same as this computer")), ("light", N_("Light")), ("dark", N_("Dark")))
PAPERS = (("A4", "A4"), ("Letter", N_("US Letter")))
WEEK_STARTS = (
    ("", N_("As this computer's language has it")),
    ("monday", N_("Monday")),
    ("sunday", N_("Sunday")),
    ("saturday", N_("Saturday")),
)
ANONYMITY_KEY = "insights.min_responses"  # the team setting this dialog changes


def _choices(name: str, items: tuple[tuple[str, str], ...], chosen: str) -> QComboBox:
    box = QComboBox()
    box.setObjectName(name)
    for value, text in items:
        box.addItem(text if text in ("English", "Deutsch") else _(text), value)
    box.setCurrentIndex(max(0, box.findData(chosen)))
    return box


def _spin(name: str, low: int, high: int, value: int, suffix: str = "") -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(name)
    spin.setRange(low, high)
    spin.setValue(value)
    spin.setSuffix(suffix)
    return spin


class PreferencesDialog(QDialog):
    def __init__(self, window: WindowHost):
        super().__init__(window)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(_("Preferences"))
        self.window_ = window
        self.settings = window.settings
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_personal())
        layout.addWidget(self._build_team())
        self.problem = QLabel()
        self.problem.setObjectName("preferencesProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept_if_valid)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    # -- parts -----------------------------------------------------------------------
    def _build_personal(self) -> QWidget:
        read = self.settings
        page = QWidget()
        form = QFormLayout(page)
        self.language = _choices("language", LANGUAGES, options.LANGUAGE.read(read))
        self.theme = _choices("theme", THEMES, options.THEME.read(read))
        self.paper = _choices("paperSize", PAPERS, options.PAPER_SIZE.read(read))
        self.week_start = _choices("weekStart", WEEK_STARTS, options.WEEK_START.read(read))
        self.timezone = self._timezone_box(options.LEAD_TIMEZONE.read(read))
        self.timezone.setToolTip(
            _("New members, rituals and imported calendars start in this zone")
        )
        self.backup_keep = _spin(
            "backupKeep",
            options.BACKUP_KEEP.minimum,
            options.BACKUP_KEEP.maximum,
            options.BACKUP_KEEP.read(),
            _(" most recent"),
        )
        every = options.BACKUP_EVERY_MINUTES
        self.backup_every = _spin(
            "backupEvery", every.minimum or 1, every.maximum or 1440, every.read(read), _(" min")
        )
        form.addRow(_("&Language:"), self.language)
        form.addRow(_("&Theme:"), self.theme)
        form.addRow(_("&Paper size for PDFs:"), self.paper)
        form.addRow(_("&Week starts on:"), self.week_start)
        form.addRow(_("Your time &zone:"), self.timezone)
        form.addRow(_("&Backups kept per team file:"), self.backup_keep)
        form.addRow(_("Back up an open file e&very:"), self.backup_every)
        return page

    def _timezone_box(self, chosen: str) -> QComboBox:
        from teamkeel.core.roster.validation import machine_timezone, timezones

        box = QComboBox()
        box.setObjectName("leadTimezone")
        box.setEditable(True)
        box.addItem(_("This computer's zone ({zone})").format(zone=machine_timezone()), "")
        for name in sorted(timezones()):
            box.addItem(name, name)
        box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = box.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        found = box.findData(chosen)
        box.setCurrentIndex(found if found >= 0 else 0)
        return box

    def _build_team(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        team = self.window_.ctx.team if self.window_.ctx is not None else None
        self.old_minimum = self._team_minimum()
        self.min_responses = _spin("minResponses", 3, 100, self.old_minimum or 5, _(" answers"))
        self.min_responses.setEnabled(team is not None)
        form.addRow(_("Survey &anonymity minimum:"), self.min_responses)
        if team is not None:
            note = _(
                "Survey results and listening rounds show nothing until this many people have "
                "answered. A setting of the team, kept in {file}; Edit → Undo takes it back."
            ).format(file=team.path.name)
        else:
            note = _(
                "Survey results and listening rounds show nothing until this many people have "
                "answered. A setting of the team, kept once a team file is open; Edit → Undo "
                "takes it back."
            )
        self._note(form, note)
        return page

    def _note(self, form: QFormLayout, text: str) -> None:
        note = QLabel(text)
        note.setWordWrap(True)
        note.setStyleSheet(theme.HINT_TEXT)
        form.addRow(note)

    def _team_minimum(self) -> int | None:
        if self.window_.ctx is None:
            return None
        from teamkeel.core.insights.service import InsightsService

        return InsightsService(self.window_.ctx.team).min_responses()

    # -- applying --------------------------------------------------------------------
    def chosen_timezone(self) -> str | None:
        """The zone chosen or typed ("" for the computer's); None if it is not one."""
        from teamkeel.core.roster.validation import timezones

        text = self.timezone.currentText().strip()
        index = self.timezone.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            return str(self.timezone.itemData(index))
        return text if text in timezones() else None

    def accept_if_valid(self) -> None:
        zone = self.chosen_timezone()
        if zone is None:
            theme.show_problem(
                self.problem,
                _(
                    "“{zone}” is not a time zone Keel knows; choose one from the list (e.g. "
                    "Europe/Berlin)."
                ).format(zone=self.timezone.currentText()),
            )
            theme.mark_field(self.timezone, True)
            return
        try:
            self.apply(zone)
        except (KeelError, OSError) as exc:
            theme.show_problem(
                self.problem,
                _("Keel could not save the preferences: {problem}").format(problem=exc),
            )
            return
        self.accept()

    def apply(self, zone: str) -> list[str]:
        """Store every choice; the keys that changed (the window passes them on)."""
        wanted: list[tuple[options.Option[str] | options.Option[int], str | int]] = [
            (options.LANGUAGE, str(self.language.currentData())),
            (options.THEME, str(self.theme.currentData())),
            (options.PAPER_SIZE, str(self.paper.currentData())),
            (options.WEEK_START, str(self.week_start.currentData())),
            (options.LEAD_TIMEZONE, zone),
            (options.BACKUP_EVERY_MINUTES, self.backup_every.value()),
        ]
        changed = []
        for option, value in wanted:
            if option.read(self.settings) != value:
                option.write(self.settings, value)  # type: ignore[arg-type]
                changed.append(option.key)
        if options.BACKUP_KEEP.read() != self.backup_keep.value():
            options.BACKUP_KEEP.write(self.backup_keep.value())
            changed.append(options.BACKUP_KEEP.key)
        self.settings.sync()
        if self._change_team_minimum():
            changed.append(ANONYMITY_KEY)
        self.window_.preferences_applied(changed)
        return changed

    def _change_team_minimum(self) -> bool:
        ctx = self.window_.ctx
        new, old = self.min_responses.value(), self.old_minimum
        if ctx is None or old is None or new == old:
            return False
        from teamkeel.core.insights.service import InsightsService

        service = InsightsService(ctx.team)
        push(
            ctx,
            ServiceCommand(
                ctx,
                "insights",
                _("Change survey anonymity minimum to {count}").format(count=new),
                lambda: service.set_min_responses(new),
                lambda: service.set_min_responses(old),
            ),
        )
        return True
