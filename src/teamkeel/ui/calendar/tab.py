"""The Calendar tab: month, week and agenda views of the rituals, a details panel,
and the editing actions (each an undoable command)."""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from teamkeel.core import i18n
from teamkeel.core.calendar import CalendarService, Occurrence, Ritual, public_holidays
from teamkeel.core.calendar.domain import Marker, Recurrence
from teamkeel.core.calendar.library import kind as kind_info
from teamkeel.core.calendar.people import Person
from teamkeel.core.calendar.rollout import monday_on_or_after, rollout_plan
from teamkeel.core.calendar.service import latest_ratified_compact
from teamkeel.core.dates import FIRST_DAY, LAST_DAY
from teamkeel.core.errors import KeelError
from teamkeel.core.i18n import N_, _, ngettext
from teamkeel.core.team_info import TeamInfoService
from teamkeel.ui import options, theme
from teamkeel.ui.base_tab import BaseTab
from teamkeel.ui.calendar.agenda_model import DATE, OCCURRENCE_ROLE, AgendaModel
from teamkeel.ui.calendar.details import DetailsPanel
from teamkeel.ui.calendar.editor import RitualEditor
from teamkeel.ui.calendar.grid_views import MonthView, WeekView, week_start
from teamkeel.ui.calendar.rollout_dialog import RolloutDialog
from teamkeel.ui.context import AppContext
from teamkeel.ui.first_step import FirstStep
from teamkeel.ui.tables import read_only_table
from teamkeel.ui.undo import ServiceCommand, push
from teamkeel.ui.worker import run_in_worker

VIEWS = ("month", "week", "agenda")
VIEW_TITLES = {"month": N_("Month"), "week": N_("Week"), "agenda": N_("Agenda")}


# What each undo step remembers between its first run and a later undo or redo.
@dataclass(frozen=True)
class _Month:
    """What the views show of a range of days, read in one go (on a worker for the
    first fill, see ``CalendarTab.__init__``)."""

    first: dt.date
    last: dt.date
    occurrences: list[Occurrence]
    people: dict[int, Person]
    markers: list[Marker]
    has_rituals: bool


@dataclass
class _AddedRitual:
    ritual: Ritual | None = None  # as stored: redo brings back the same uid


@dataclass
class _AddedRollout:
    rituals: list[Ritual] = field(default_factory=list)  # as stored, restored on redo


def _tool_button(text: str) -> QToolButton:
    # QToolButton(text=...) works, but the stubs do not know Qt properties as keywords.
    button = QToolButton()
    button.setText(text)
    return button


def _stored_id(ritual: Ritual) -> int:
    """The id of a ritual read back from the file (only unsaved drafts have none)."""
    assert ritual.id is not None
    return ritual.id


class CalendarTab(BaseTab):
    key = "calendar"
    title = "Calendar"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.service = CalendarService(ctx.team)
        self.view = "month"
        self.anchor = dt.date.today()
        self.first_weekday = options.first_weekday()  # Preferences → Week starts on
        self.occurrences: list[Occurrence] = []
        self.people: dict[int, Person] = {}
        self.selected: Occurrence | None = None
        self._dialogs: list[QDialog] = []
        # Keep this order: the order widgets are made in is the tab order.
        view_row = self._build_toolbar()
        self._build_views()
        self._build_layout(view_row)
        self._connect_signals()
        self._reads = 0  # a reload's data is shown unless a later reload's was already
        if ctx.fill_in_steps:  # read on a worker: over 100 ms of queries on a big file
            self._choose_view("month")
            self._read_in_worker()
        else:
            self.set_view("month")

    def _build_toolbar(self) -> QHBoxLayout:
        """Previous/Today/Next, the period shown, the view buttons (returned as their
        row) and New/Rollout/Export."""
        self.prev_button = _tool_button("◀")
        self.prev_button.setAccessibleName(_(_("Previous period")))
        self.prev_button.setToolTip(_("Previous (Page Up)"))
        self.today_button = QPushButton(_("Today"))
        self.today_button.setToolTip(_("Back to today (Home)"))
        self.next_button = _tool_button("▶")
        self.next_button.setAccessibleName(_(_("Next period")))
        self.next_button.setToolTip(_("Next (Page Down)"))
        self.period = QLabel()
        self.period.setObjectName("calendar_period")
        self.period.setStyleSheet(theme.HEADING)
        self.view_buttons = QButtonGroup(self)
        view_row = QHBoxLayout()
        view_row.setSpacing(0)
        for i, name in enumerate(VIEWS):
            button = _tool_button(_(VIEW_TITLES[name]))
            button.setCheckable(True)
            button.setObjectName(f"calendar_view_{name}")
            self.view_buttons.addButton(button, i)
            view_row.addWidget(button)
        self.new_button = QPushButton(_("New ritual…"))
        self.rollout_button = QPushButton(_("Rollout plan…"))
        self.rollout_button.setToolTip(_("Generate the phased plan from a program start date"))
        self.export_button = QPushButton(_("Export…"))
        return view_row

    def _build_views(self) -> None:
        """Month, week and agenda pages in a stack, beside the details panel."""
        self.month_view = MonthView()
        self.week_view = WeekView()
        agenda_page = self._build_agenda_page()
        self.stack = QStackedWidget()
        for w in (self.month_view, self.week_view, agenda_page):
            self.stack.addWidget(w)
        self.details = DetailsPanel()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([760, 340])

    def _build_agenda_page(self) -> QWidget:
        """The agenda table under its filter field."""
        self.agenda = AgendaModel(self)
        self.agenda_view, self.agenda_proxy = read_only_table(
            self.agenda, "calendar_agenda", self, sort_column=DATE, fit_to_contents=True
        )
        self.agenda_view.setAccessibleName(_("Agenda"))
        self.agenda_view.setAccessibleDescription(_("Every occurrence in the period, one a row"))
        self.agenda_proxy.setFilterKeyColumn(-1)
        self.agenda_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.agenda_filter = QLineEdit()
        self.agenda_filter.setAccessibleName(_("Filter the agenda"))
        self.agenda_filter.setObjectName("calendar_agenda_filter")
        self.agenda_filter.setPlaceholderText(_("Filter by ritual, facilitator, date… (Ctrl+F)"))
        self.agenda_filter.setClearButtonEnabled(True)
        self.agenda_filter.textChanged.connect(self.agenda_proxy.setFilterFixedString)
        agenda_page = QWidget()
        agenda_layout = QVBoxLayout(agenda_page)
        agenda_layout.setContentsMargins(0, 0, 0, 0)
        agenda_layout.addWidget(self.agenda_filter)
        agenda_layout.addWidget(self.agenda_view, 1)
        return agenda_page

    def _build_layout(self, view_row: QHBoxLayout) -> None:
        """The toolbar above the first-step hint and the views."""
        bar = QHBoxLayout()
        for w in (self.prev_button, self.today_button, self.next_button):
            bar.addWidget(w)
        bar.addSpacing(8)
        bar.addWidget(self.period, 1)
        bar.addLayout(view_row)
        bar.addSpacing(12)
        for w in (self.new_button, self.rollout_button, self.export_button):
            bar.addWidget(w)
        self.first_step = FirstStep()
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.first_step)
        layout.addWidget(self.splitter, 1)

    def _connect_signals(self) -> None:
        """Buttons, the views, the details panel, keyboard shortcuts and file changes."""
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.today_button.clicked.connect(self.go_today)
        self.view_buttons.idClicked.connect(lambda i: self.set_view(VIEWS[i]))
        self.new_button.clicked.connect(lambda: self.new_ritual())
        self.rollout_button.clicked.connect(self.open_rollout_dialog)
        self.export_button.clicked.connect(self.export_calendar)
        self.month_view.occurrence_clicked.connect(self.select)
        self.week_view.occurrence_clicked.connect(self.select)
        self.month_view.occurrence_activated.connect(lambda _: self.edit_selected())
        self.week_view.occurrence_activated.connect(lambda _: self.edit_selected())
        self.month_view.day_clicked.connect(self._day_clicked)
        self.agenda_view.clicked.connect(lambda index: self.select(index.data(OCCURRENCE_ROLE)))
        self.agenda_view.activated.connect(lambda index: self.select(index.data(OCCURRENCE_ROLE)))
        self.details.swap_requested.connect(self.swap_selected)
        self.details.skip_requested.connect(self.skip_selected)
        self.details.edit_requested.connect(self.edit_selected)
        self.details.delete_requested.connect(self.delete_selected)
        self.details.feedback_requested.connect(self.open_pilot_feedback)
        for keys, what, slot in (
            (
                QKeySequence.StandardKey.MoveToPreviousPage,
                _("Previous period"),
                lambda: self.step(-1),
            ),
            (QKeySequence.StandardKey.MoveToNextPage, _("Next period"), lambda: self.step(1)),
            (QKeySequence("Home"), "Today", self.go_today),
            (
                QKeySequence.StandardKey.Delete,
                _("Delete the selected ritual"),
                self.delete_selected,
            ),
            (QKeySequence.StandardKey.Find, _("Search the agenda"), self.find_in_agenda),
        ):
            shortcut = QShortcut(keys, self)
            shortcut.setWhatsThis(what)  # listed in Help → Keyboard shortcuts
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.track(self.ctx.changed, self._on_changed)

    # -- navigation ------------------------------------------------------------------
    def visible_range(self) -> tuple[dt.date, dt.date]:
        if self.view == "week":
            first = week_start(self.anchor, self.first_weekday)
            return first, first + dt.timedelta(days=6)
        self.month_view.show_month(self.anchor.year, self.anchor.month)
        weeks = self.month_view.weeks()
        if self.view == "month":
            return weeks[0][0], weeks[-1][-1]
        return self.anchor.replace(day=1), _month_end(self.anchor)

    def set_view(self, view: str) -> None:
        self._choose_view(view)
        self.reload()

    def _choose_view(self, view: str) -> None:
        self.view = view
        self.view_buttons.button(VIEWS.index(view)).setChecked(True)
        self.stack.setCurrentIndex(VIEWS.index(view))

    def step(self, direction: int) -> None:
        if self.view == "week":
            anchor = self.anchor + dt.timedelta(weeks=direction)
        else:
            month = self.anchor.month - 1 + direction
            anchor = dt.date(self.anchor.year + month // 12, month % 12 + 1, 1)
        if not FIRST_DAY <= anchor <= LAST_DAY:
            return  # the calendar ends where the dates Keel works with end
        self.anchor = anchor
        self.reload()

    def find_in_agenda(self) -> None:
        if self.view != "agenda":
            self.set_view("agenda")
        self.agenda_filter.setFocus()
        self.agenda_filter.selectAll()

    def go_today(self) -> None:
        self.anchor = dt.date.today()
        self.reload()

    def _day_clicked(self, day: dt.date) -> None:
        self.anchor = day
        self.set_view("week")

    # -- reading ---------------------------------------------------------------------
    def _on_changed(self, key: str) -> None:
        # The main window reloads this tab for other features' changes when it is
        # shown; this is our own (reloading for theirs too did it twice, or while hidden).
        if key == self.key:
            self.reload()

    def reload(self) -> None:
        self._reads += 1
        self._show(self._read(*self._range()))

    def _read_in_worker(self) -> None:
        self._reads += 1
        reads, service = self._reads, self.service
        first, last = self._range()

        def shown(month: _Month) -> None:
            if reads == self._reads:  # else a reload has shown newer data meanwhile
                self._show(month)

        def failed(_problem: str) -> None:
            if reads == self._reads:
                self.reload()  # says what is wrong the way a reload does

        run_in_worker(
            lambda _keep_going: self._read(first, last, service),
            done=shown,
            failed=failed,
            parent=self,
        )

    def _range(self) -> tuple[dt.date, dt.date]:
        self.first_weekday = options.first_weekday()
        for view in (self.month_view, self.week_view):
            view.first_weekday = self.first_weekday
        return self.visible_range()

    def _read(
        self, first: dt.date, last: dt.date, service: CalendarService | None = None
    ) -> _Month:
        """Plain data only: on a worker it must not touch a widget."""
        service = service or self.service
        return _Month(
            first,
            last,
            service.occurrences(first, last),
            service.people(),
            service.markers(first, last),
            bool(service.list_rituals()),
        )

    def _show(self, month: _Month) -> None:
        first, last, markers = month.first, month.last, month.markers
        today = dt.date.today()
        self.occurrences = month.occurrences
        self.people = month.people
        for view in (self.month_view, self.week_view):
            view.today = today
            view.set_data(self.occurrences, markers)
        self.week_view.show_week(week_start(self.anchor, self.first_weekday))
        self.agenda.set_occurrences(self.occurrences, today)
        if self.view == "week":
            self.period.setText(
                # The ISO week of the Monday shown (a week may start on Sunday).
                _("Week {week} · {first} – {last}").format(
                    week=monday_on_or_after(first).isocalendar().week,
                    first=i18n.format_date(first, "dd MMM"),
                    last=i18n.format_date(last, "dd MMM y"),
                )
            )
        else:
            self.period.setText(f"{i18n.month_name(self.anchor.month)} {self.anchor.year}")
        # Keep the same occurrence selected if it is still there.
        again = None
        if self.selected is not None:
            again = next((o for o in self.occurrences if o.uid == self.selected.uid
                          and o.start == self.selected.start), None)  # fmt: skip
        self.select(again)
        if month.has_rituals:
            self.first_step.clear()
        else:
            self.first_step.show_step(
                _(
                    "<b>No rituals yet.</b> The rollout plan adds the phased programme from a "
                    "start date (stand-up, pairing, retrospective…); or add rituals one at a time."
                ),
                [
                    (_("Rollout plan…"), self.open_rollout_dialog),
                    (_("New ritual…"), self.new_ritual),
                ],
            )

    def select(self, occ: Occurrence | None) -> None:
        self.selected = occ
        self.month_view.set_selected(occ)
        self.week_view.set_selected(occ)
        ritual = None
        times = []
        if occ is not None and occ.ritual_id is not None:
            try:
                ritual = self.service.get(occ.ritual_id)
            except KeelError:
                ritual = None
            times = self.service.local_times(occ) if ritual else []
        self.details.show_occurrence(occ, ritual, times, self.people)
        self.details.show_rounds(self._rounds_at(occ) if ritual is not None else [])
        self.details.show_pilot(*self._pilot_note(ritual))

    def _rounds_at(self, occ: Occurrence | None) -> list[tuple[str, int, str]]:
        """The rounds of rotations that meet at this occurrence (none without the
        rotations feature)."""
        if occ is None or occ.ritual_id is None:
            return []
        from teamkeel.core.rotations.meetings import rounds_on

        return [
            (r.rotation, r.number, r.text) for r in rounds_on(self.ctx.team, occ.ritual_id, occ.day)
        ]

    def _pilot_note(self, ritual: Ritual | None) -> tuple[str, bool]:
        """The Journey's pilot history of the ritual."""
        if ritual is None or ritual.id is None:
            return "", False
        from teamkeel.core.journey.service import JourneyService

        return JourneyService(self.ctx.team).ritual_note(ritual.id, ritual.title)

    def open_pilot_feedback(self) -> None:
        ritual = self.selected_ritual()
        window = self.window()
        if ritual is None or not getattr(window, "select_tab", lambda _k: False)("journey"):
            return
        journey = window.tab("journey")  # type: ignore[attr-defined]
        journey.show_page("pilot")
        if ritual.id is not None:
            journey.pilot.select_ritual(ritual.id)

    def selected_ritual(self) -> Ritual | None:
        if self.selected is None or self.selected.ritual_id is None:
            return None
        return self.service.get(self.selected.ritual_id)

    # -- editing (each edit is one undoable command) ---------------------------------
    def _push(self, text: str, do: Callable[[], object], undo: Callable[[], object]) -> None:
        push(self.ctx, ServiceCommand(self.ctx, self.key, text, do, undo))

    def _push_or_say(self, text: str, do: Callable[[], object], undo: Callable[[], object]) -> None:
        """For edits made without a dialog: a refusal becomes a message, not a traceback
        (e.g. skipping the only meeting of a one-off ritual)."""
        try:
            self._push(text, do, undo)
        except KeelError as exc:
            self.ctx.prompts.error(_("Calendar"), str(exc))

    def add_ritual(self, ritual: Ritual) -> Ritual:
        """Save a new ritual (undo deletes it; redo brings it back with the same uid)."""
        step = _AddedRitual()

        def do() -> None:
            step.ritual = self.service.add(step.ritual if step.ritual is not None else ritual)

        def undo() -> None:
            assert step.ritual is not None
            self.service.delete(_stored_id(step.ritual))

        self._push(_("Add ritual “{title}”").format(title=ritual.title.strip()), do, undo)
        assert step.ritual is not None  # _push raised if the ritual was refused
        return step.ritual

    def update_ritual(self, ritual: Ritual) -> None:
        before = self.service.get(_stored_id(ritual))
        self._push(_("Edit ritual “{title}”").format(title=before.title), lambda: self.service.update(ritual),
                   lambda: self.service.update(before))  # fmt: skip

    def delete_ritual(self, ritual_id: int) -> None:
        from teamkeel.core.journey.service import JourneyService
        from teamkeel.core.rotations.service import RotationService

        before = self.service.get(ritual_id)
        # The pilot and feedback on it go with the ritual, and the rotations meeting at
        # it are unlinked; undo brings all of that back too.
        journey = JourneyService(self.ctx.team)
        ties = journey.ties_of(ritual_id)
        rotations = RotationService(self.ctx.team)
        meeting_here = rotations.meeting_at(ritual_id)

        def undo() -> None:
            self.service.add(before)
            journey.restore_ties(ties)
            rotations.meet_at(meeting_here, ritual_id)

        self._push(_("Delete ritual “{title}”").format(title=before.title), lambda: self.service.delete(ritual_id),
                   undo)  # fmt: skip

    def generate_rollout(
        self, program_start: dt.date, timezone: str, reuse: bool = True, country: str | None = None
    ) -> list[Ritual]:
        """Add the plan fitted to the team (one undo step), then say what was fitted."""
        rotation = tuple(sorted(p.id for p in self.people.values() if not p.archived)) or ()
        proposal = self.service.propose_rollout(
            program_start, timezone, rotation, reuse=reuse, country=country
        )
        step = _AddedRollout()

        def do() -> None:
            if step.rituals:
                self.service.restore_many(step.rituals)
            else:
                # The program starts on the plan's first Monday (the Journey reads it).
                monday = monday_on_or_after(program_start)
                step.rituals = list(self.service.add_planned(proposal.rituals, monday))

        def undo() -> None:
            self.service.delete_many([_stored_id(r) for r in step.rituals])

        self._push(_("Generate rollout plan"), do, undo)
        added = step.rituals
        if country is not None:
            self.service.set_holiday_country(country)  # the team's choice from now on
        self.anchor = added[0].start.date() if added else self.anchor
        self.reload()
        if added:
            summary = ngettext(
                "Added {count} ritual, from {date}.",
                "Added {count} rituals, from {date}.",
                len(added),
            ).format(count=len(added), date=i18n.format_date(added[0].start, "dd MMM y"))
        else:
            summary = _("Added 0 rituals.")
        lines = [summary, *proposal.describe()]
        self.ctx.prompts.info(_("Rollout plan"), "\n\n".join(lines))
        return added

    def swap_selected(self, member_id: int | None) -> None:
        ritual, occ = self.selected_ritual(), self.selected
        if ritual is None or occ is None:
            return
        day = i18n.format_date(occ.day, "dd MMM")
        if member_id in self.people:
            text = _("Hand {date} to {name}").format(date=day, name=self.people[member_id].name)
        else:
            text = _("Hand {date} back to the rotation").format(date=day)
        self._push_or_say(text,
                          lambda: self.service.swap(_stored_id(ritual), occ.day, member_id),
                          lambda: self.service.update(ritual))  # fmt: skip

    def skip_selected(self) -> None:
        ritual, occ = self.selected_ritual(), self.selected
        if ritual is None or occ is None:
            return
        skipped = replace(ritual, skipped=tuple(sorted(set(ritual.skipped) | {occ.day})))
        self._push_or_say(_("Skip {title} on {date}").format(
                              title=ritual.title, date=i18n.format_date(occ.day, "dd MMM")),

                          lambda: self.service.update(skipped),
                          lambda: self.service.update(ritual))  # fmt: skip

    def delete_selected(self) -> None:
        ritual = self.selected_ritual()
        if ritual is None:
            return
        self.ctx.prompts.confirm(
            _("Delete ritual"),
            _("Delete “{title}” and all its occurrences? (Ctrl+Z brings it back.)").format(
                title=ritual.title
            ),
            lambda: self._delete_confirmed(_stored_id(ritual)),
        )

    def _delete_confirmed(self, ritual_id: int) -> None:
        self.selected = None
        try:
            self.delete_ritual(ritual_id)
        except KeelError as exc:  # e.g. deleted meanwhile by another Keel on this file
            self.ctx.prompts.error(_("Calendar"), str(exc))

    # -- dialogs (opened with open(), never exec()) ----------------------------------
    def _open(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # not kept once closed
        self._dialogs.append(dialog)
        dialog.finished.connect(lambda *_: self._dialogs.remove(dialog)
                                if dialog in self._dialogs else None)  # fmt: skip
        dialog.open()

    def new_ritual(self, day: dt.date | None = None) -> RitualEditor:
        day = day or (self.selected.day if self.selected else self.anchor)
        draft = Ritual(
            kind="standup", title=kind_info("standup").label,
            start=dt.datetime.combine(day, dt.time(9, 30)), timezone=self._default_timezone(),
            duration_minutes=15, recurrence=Recurrence("weekdays"),
        )  # fmt: skip
        editor = RitualEditor(draft, self.people, self.add_ritual, self)
        self._open(editor)
        return editor

    def edit_selected(self) -> RitualEditor | None:
        ritual = self.selected_ritual()
        if ritual is None:
            return None
        editor = RitualEditor(ritual, self.service.people(), self.update_ritual, self)
        self._open(editor)
        return editor

    def open_rollout_dialog(self) -> RolloutDialog:
        timezone = self._default_timezone()
        planned_kinds = {r.kind for r in rollout_plan(dt.date.today(), timezone)}
        existing = [
            r
            for r in self.service.list_rituals()
            if r.kind in planned_kinds and r.recurrence.freq != "once"
        ]
        dialog = RolloutDialog(
            timezone,
            self.generate_rollout,
            self,
            existing=existing,
            ratified=latest_ratified_compact(self.ctx.team),
            countries=public_holidays.countries(),
            country=self.service.holiday_country(timezone),
            program_start=TeamInfoService(self.ctx.team).program_start(),
        )
        self._open(dialog)
        return dialog

    def _default_timezone(self) -> str:
        rituals = self.service.list_rituals()
        if rituals:
            return rituals[-1].timezone
        return options.lead_timezone()

    # -- exports ---------------------------------------------------------------------
    def focus_start(self) -> None:
        """The month (arrows move through the days) once there are rituals; the button
        that makes the first one before."""
        if self.agenda.rowCount():
            self.month_view.setFocus()
        else:
            self.new_button.setFocus()

    def export_actions(self) -> list[QAction]:
        calendar = QAction(_("Calendar (ICS or PDF)…"), self)
        calendar.triggered.connect(self.export_calendar)
        quarter = QAction(_("Calendar quarter view (PDF)…"), self)
        quarter.triggered.connect(self.export_quarter)
        cards = QAction(_("Facilitation cards (PDF)…"), self)
        cards.triggered.connect(self.export_cards)
        return [calendar, quarter, cards]

    def export_quarter(self) -> None:
        """Three months from the one on screen, one page of grids plus the agenda."""
        first = self.anchor.replace(day=1)
        last = min(_month_end((first + dt.timedelta(days=62)).replace(day=1)), LAST_DAY)
        self.ctx.prompts.save_file(
            _("Export quarter"),
            _("PDF (*.pdf)"),
            lambda path: self.write_calendar(Path(path), first, last, view="quarter"),
            suggested="rituals-quarter.pdf",
        )

    def export_calendar(self) -> None:
        first, last = self.visible_range()
        if self.view == "month":
            first, last = self.anchor.replace(day=1), _month_end(self.anchor)
        self.ctx.prompts.save_file(
            _("Export calendar"),
            _("iCalendar (*.ics);;PDF month view (*.pdf)"),
            lambda path: self.write_calendar(Path(path), first, last),
            suggested="rituals.ics",
        )

    def write_calendar(
        self, path: Path, first: dt.date, last: dt.date, view: str = "month"
    ) -> None:
        if path.suffix.lower() == ".pdf":
            # A year of occurrences takes seconds to lay out: on a worker, so that the
            # window keeps answering (see teamkeel.ui.worker).
            service, paper = self.service, options.current(options.PAPER_SIZE)
            first_weekday = options.first_weekday()  # Preferences → Week starts on
            run_in_worker(
                lambda _keep_going: service.export_pdf(
                    path, first, last, view=view, paper=paper, first_weekday=first_weekday
                ),
                done=lambda count: self.ctx.prompts.info(
                    _("Calendar exported"), _pdf_written(count, first, last, path)
                ),
                failed=lambda problem: self.ctx.prompts.error(_("Export failed"), problem),
                parent=self,
            )
            return
        try:
            if path.suffix.lower() != ".ics":
                path = path.with_suffix(".ics")
            count = self.service.export_ics(path)
        except (KeelError, OSError) as exc:
            self.ctx.prompts.error(_("Export failed"), str(exc))
            return
        text = _("Wrote {count} rituals to {path}; importing it again updates them.").format(
            count=count, path=path
        )
        self.ctx.prompts.info(_("Calendar exported"), text)

    def export_cards(self) -> None:
        service = self.service

        def write(path: str) -> None:
            paper = options.current(options.PAPER_SIZE)
            run_in_worker(
                lambda _keep_going: service.export_cards(Path(path), paper),
                done=lambda kinds: self.ctx.prompts.info(
                    _("Cards exported"),
                    _("Wrote {count} facilitation cards to {path}.").format(
                        count=len(kinds), path=path
                    ),
                ),
                failed=lambda problem: self.ctx.prompts.error(_("Export failed"), problem),
                parent=self,
            )

        self.ctx.prompts.save_file(_("Export facilitation cards"), _("PDF (*.pdf)"), write,
                                   suggested="facilitation-cards.pdf")  # fmt: skip

    # -- layout ----------------------------------------------------------------------
    def save_state(self) -> dict[str, Any]:
        return {
            "view": self.view,
            "splitter": base64.b64encode(bytes(self.splitter.saveState().data())).decode(),
        }

    def restore_state(self, state: dict[str, Any]) -> None:
        if state.get("splitter"):
            self.splitter.restoreState(QByteArray(base64.b64decode(state["splitter"])))
        if state.get("view") in VIEWS and state["view"] != self.view:  # else read already
            self.set_view(state["view"])


def _month_end(day: dt.date) -> dt.date:
    nxt = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return nxt - dt.timedelta(days=1)


def _pdf_written(count: int, first: dt.date, last: dt.date, path: Path) -> str:
    return ngettext(
        "Wrote {count} occurrence ({first} – {last}) to {path}.",
        "Wrote {count} occurrences ({first} – {last}) to {path}.",
        count,
    ).format(
        count=count,
        first=i18n.format_date(first, "dd MMM"),
        last=i18n.format_date(last, "dd MMM y"),
        path=path,
    )
