"""Today's stand-up at a glance: who has spoken, and the blockers still open.

Select a blocker and press R (or Enter): a line opens below the list asking who helped;
type ``@names`` (or nothing, if it resolved by itself) and press Enter to resolve it.
B (or “Suggest a buddy…”, also in the blocker's context menu) asks who could help now.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from teamkeel.core import i18n
from teamkeel.core.i18n import _, ngettext
from teamkeel.core.standup import LogEntry, MemberRef
from teamkeel.core.standup.entries import StandupDay
from teamkeel.core.standup.lifecycle import age_in_days
from teamkeel.core.standup.parser import parse_names
from teamkeel.ui import theme
from teamkeel.ui.standup.name_line import NameCompletingLine

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1


def age_text(days: int) -> str:
    if days == 0:
        return _("raised today")
    return ngettext("{count} day", "{count} days", days).format(count=days)


class TodayPanel(QWidget):
    # entry id, helper ids
    resolve_requested = Signal(int, tuple)
    # Escape from the panel: give the keyboard back to the quick-entry line
    leave_requested = Signal()
    # entry id: who could help with this open blocker now
    buddy_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._day = dt.date.today()
        self._members: list[MemberRef] = []
        self.summary = StandupDay(self._day, frozenset())
        self.heading = QLabel()
        self.heading.setStyleSheet(theme.HEADING)
        self.occurrence = QLabel()
        self.occurrence.setObjectName("standup_occurrence")
        self.occurrence.setWordWrap(True)
        self.occurrence.setStyleSheet(theme.HINT_TEXT)
        self.spoken = QLabel()
        self.spoken.setObjectName("spoken")
        self.spoken.setWordWrap(True)
        self.spoken.setTextFormat(Qt.TextFormat.RichText)
        self.blockers_heading = QLabel(_("<b>No open blockers</b>"))
        self.blockers = QListWidget()
        self.blockers.setAccessibleName(_("Open blockers"))
        self.blockers.setAccessibleDescription(_("Select one and press R to resolve it"))
        self.blockers.setObjectName("open_blockers")
        self.blockers.setWordWrap(True)
        self.blockers.installEventFilter(self)
        self.blockers.itemActivated.connect(lambda _item: self.start_resolving())
        self.helper_prompt = QLabel()
        self.helper_prompt.setWordWrap(True)
        self.helper_line = NameCompletingLine()
        self.helper_line.setAccessibleName(_("Who helped"))
        self.helper_line.setObjectName("helper_line")
        self.helper_line.setPlaceholderText(_("@who helped (leave empty if nobody did)"))
        self.helper_line.returnPressed.connect(self._finish_resolving)
        self.helper_line.installEventFilter(self)
        self.helper_problem = QLabel()
        self.helper_problem.setObjectName("helper_problem")
        self.helper_problem.setWordWrap(True)
        self.helper_problem.setStyleSheet(theme.ERROR_TEXT)
        self.buddy_button = QPushButton(_("Suggest a buddy…"))
        self.buddy_button.setObjectName("suggest_buddy")
        self.buddy_button.setToolTip(_("Who could help with the selected blocker now (B)"))
        self.buddy_button.clicked.connect(self.ask_for_buddy)
        self.blockers.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.blockers.customContextMenuRequested.connect(self._context_menu)
        self.blockers.currentItemChanged.connect(lambda *_args: self._update_buddy_button())
        self.menu: QMenu | None = None  # the last context menu shown
        hint = QLabel(
            _(
                "Select a blocker and press R to resolve it, B to suggest a buddy · "
                "Esc returns to the entry line"
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(theme.HINT_TEXT)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.occurrence)
        layout.addWidget(self.spoken)
        layout.addSpacing(8)
        layout.addWidget(self.blockers_heading)
        layout.addWidget(self.blockers, 1)
        layout.addWidget(self.buddy_button)
        layout.addWidget(self.helper_prompt)
        layout.addWidget(self.helper_line)
        layout.addWidget(self.helper_problem)
        layout.addWidget(hint)
        self._set_resolving(False)
        self._update_buddy_button()

    # -- showing -------------------------------------------------------------------------
    def show_day(self, summary: StandupDay, members: Sequence[MemberRef]) -> None:
        self.summary = summary
        self._day = summary.day
        self._members = list(members)
        self.helper_line.set_members(self._members)
        is_today = summary.day == dt.date.today()
        self.heading.setText(
            _("Today's stand-up")
            if is_today
            else _("Stand-up of {date}").format(date=i18n.format_date(summary.day, "full"))
        )
        spoke = [m.name for m in members if m.id in summary.spoken_ids]
        waiting = [m.name for m in members if m.id not in summary.spoken_ids]
        parts = [
            _("<b>Spoken ({spoken}/{total}):</b> ").format(spoken=len(spoke), total=len(members))
        ]
        parts.append(html.escape(", ".join(spoke)) if spoke else _("nobody yet"))
        if waiting:
            parts.append(
                "<br>" + _("<b>Not yet:</b> {names}").format(names=html.escape(", ".join(waiting)))
            )
        text = "".join(parts)
        if text != self.spoken.text():  # unchanged text: spare a relayout mid-meeting
            self.spoken.setText(text)

        rows = [
            (
                entry,
                f"{entry.member.name} — {entry.note}  ·  "
                f"{age_text(age_in_days(entry.day, summary.day))}",
            )
            for entry in summary.open_blockers
        ]
        shown = [
            (self.blockers.item(i).data(ENTRY_ROLE), self.blockers.item(i).text())
            for i in range(self.blockers.count())
        ]
        if rows == shown:
            return  # most entries are kudos: the blocker list stays as it is
        current = self.current_blocker()
        self.blockers.clear()
        count = len(rows)
        self.blockers_heading.setText(
            _("<b>Open blockers ({count})</b>").format(count=count)
            if count
            else _("<b>No open blockers</b>")
        )
        for entry, label in rows:
            item = QListWidgetItem(label)
            item.setData(ENTRY_ROLE, entry)
            item.setToolTip(
                _("Raised on {day} (#{id})").format(day=entry.day.isoformat(), id=entry.id)
            )
            self.blockers.addItem(item)
            if current is not None and entry.id == current.id:
                self.blockers.setCurrentItem(item)
        if self.blockers.currentItem() is None and count:
            self.blockers.setCurrentRow(0)

    def mark_spoken(self, member_id: int) -> None:
        """Someone just spoke (a kudo was recorded): no need to ask the database again."""
        summary = self.summary
        if member_id not in summary.spoken_ids:
            spoken = summary.spoken_ids | {member_id}
            self.show_day(StandupDay(summary.day, spoken, summary.open_blockers), self._members)

    def current_blocker(self) -> LogEntry | None:
        item = self.blockers.currentItem()
        return None if item is None else item.data(ENTRY_ROLE)

    # -- a buddy for an open blocker -----------------------------------------------------
    def ask_for_buddy(self) -> None:
        blocker = self.current_blocker()
        if blocker is not None:
            self.buddy_requested.emit(blocker.id)

    def _update_buddy_button(self) -> None:
        self.buddy_button.setEnabled(self.current_blocker() is not None)

    def _context_menu(self, pos: QPoint) -> None:
        item = self.blockers.itemAt(pos)
        if item is None:
            return
        self.blockers.setCurrentItem(item)
        menu = QMenu(self)
        menu.addAction(_("Suggest a buddy…")).triggered.connect(self.ask_for_buddy)
        menu.addAction(_("Resolve…")).triggered.connect(self.start_resolving)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.blockers.viewport().mapToGlobal(pos))
        self.menu = menu

    # -- resolving -----------------------------------------------------------------------
    def start_resolving(self) -> None:
        blocker = self.current_blocker()
        if blocker is None:
            return
        self.helper_prompt.setText(
            _("Who helped {escape} with “{escape2}”? Enter resolves it, Esc cancels.").format(
                escape=html.escape(blocker.member.name), escape2=html.escape(blocker.note)
            )
        )
        self.helper_problem.clear()
        self.helper_line.clear()
        self._set_resolving(True)
        self.helper_line.setFocus()

    def _finish_resolving(self) -> None:
        blocker = self.current_blocker()
        if blocker is None:
            self._set_resolving(False)
            return
        parsed = parse_names(self.helper_line.text(), self._members)
        if isinstance(parsed, list):
            problem = parsed[0]
            self.helper_problem.setText(problem.message)
            self.helper_line.setSelection(problem.start, max(1, problem.end - problem.start))
            return
        if blocker.member.id in parsed:
            self.helper_problem.setText(
                _("{member_name} cannot be their own helper.").format(
                    member_name=blocker.member.name
                )
            )
            return
        self._set_resolving(False)
        self.blockers.setFocus()
        self.resolve_requested.emit(blocker.id, tuple(parsed))

    def show_problem(self, message: str) -> None:
        """A refusal from the service, shown where the helpers were typed."""
        self._set_resolving(True)
        self.helper_problem.setText(message)
        self.helper_line.setFocus()

    def _set_resolving(self, on: bool) -> None:
        self.helper_prompt.setVisible(on)
        self.helper_line.setVisible(on)
        self.helper_problem.setVisible(on)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if watched is self.blockers:
            plain = event.modifiers() == Qt.KeyboardModifier.NoModifier
            if key == Qt.Key.Key_R and plain:
                self.start_resolving()
                return True
            if key == Qt.Key.Key_B and plain:
                self.ask_for_buddy()
                return True
            if key == Qt.Key.Key_Escape:
                self.leave_requested.emit()
                return True
        elif (
            watched is self.helper_line
            and key == Qt.Key.Key_Escape
            and not self.helper_line.completion_list().isVisible()
        ):
            self._set_resolving(False)
            self.blockers.setFocus()
            return True
        return False
