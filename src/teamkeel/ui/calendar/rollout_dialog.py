"""Ask for the program's start date, meeting timezone, whose public holidays to avoid
and whether to reuse the team's rituals, then generate the plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from teamkeel.core.calendar.domain import Ritual
from teamkeel.core.calendar.rollout import PLAN_SUMMARY
from teamkeel.core.errors import KeelError
from teamkeel.core.i18n import _
from teamkeel.ui import theme
from teamkeel.ui.calendar.editor import _ZONES
from teamkeel.ui.date_range import keep_in_range


class RolloutDialog(QDialog):
    """``on_generate(start, timezone, reuse, country)``; ``existing`` are the team's
    recurring rituals the plan can use instead of adding its own of the same kind,
    ``ratified`` the number of the ratified compact (its steps are then left out)."""

    def __init__(
        self,
        timezone: str,
        on_generate: Callable[[dt.date, str, bool, str], object],
        parent: QWidget | None = None,
        existing: list[Ritual] | None = None,
        ratified: int | None = None,
        countries: list[tuple[str, str]] | None = None,
        country: str = "",
        program_start: dt.date | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("rollout_dialog")
        self.setWindowTitle(_("Generate rollout plan"))
        self.on_generate = on_generate
        # Keep this order: the order widgets are made in is the tab order.
        self._build_start_and_zone(timezone, program_start)
        explain = self._build_explanation()
        self._build_holidays(countries, country)
        self._build_reuse(existing)
        done = self._build_ratified_note(ratified)
        self._build_layout(explain, done)

    def _build_start_and_zone(self, timezone: str, program_start: dt.date | None) -> None:
        """The program's start date and the meetings' time zone."""
        self.start = QDateEdit(QDate.currentDate())
        if program_start is not None:  # set earlier (the Journey): the same one value
            self.start.setDate(QDate(program_start.year, program_start.month, program_start.day))
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd")
        keep_in_range(self.start)
        self.timezone = QComboBox()
        self.timezone.setEditable(True)
        self.timezone.addItems(_ZONES)
        self.timezone.setCurrentText(timezone)

    def _build_explanation(self) -> QLabel:
        """What the plan adds, and that it can be undone."""
        explain = QLabel(
            _(
                "Keel adds these rituals; afterwards they are ordinary rituals you can edit "
                "or delete (and Ctrl+Z removes them all at once)."
            )
            + "\n\n• "
            + "\n• ".join(_(line) for line in PLAN_SUMMARY)
        )
        explain.setWordWrap(True)
        return explain

    def _build_holidays(self, countries: list[tuple[str, str]] | None, country: str) -> None:
        """Whose public holidays the plan avoids."""
        self.holidays = QComboBox()
        self.holidays.setObjectName("rollout_holidays")
        self.holidays.addItem(_("None (weekends only)"), "")
        for code, name in countries or []:
            self.holidays.addItem(f"{name} ({code})", code)
        self.holidays.setCurrentIndex(max(0, self.holidays.findData(country)))
        self.holidays.setToolTip(
            _(
                "One-off meetings move to the next working day; repeating ones skip the holidays "
                "of the next two years."
            )
        )

    def _build_reuse(self, existing: list[Ritual] | None) -> None:
        """Use the team's own rituals instead of adding ones of the same kind."""
        existing = existing or []
        names = ", ".join(f"“{r.title}”" for r in existing)
        self.reuse = QCheckBox(_("Use the rituals the team already has"))
        self.reuse.setObjectName("rollout_reuse")
        self.reuse.setToolTip(_("The plan then adds no second ritual of the same kind."))
        self.reuse.setChecked(True)
        self.reuse.setVisible(bool(existing))
        # Their titles in a label of their own: it wraps (a check box's text does not, and
        # a long list made the dialog wider than the screen), and an "&" in a title
        # shows as itself (in a check box it marks a shortcut key).
        self.reuse_names = QLabel(names)
        self.reuse_names.setObjectName("rollout_reuse_names")
        self.reuse_names.setTextFormat(Qt.TextFormat.PlainText)
        self.reuse_names.setWordWrap(True)
        self.reuse_names.setStyleSheet(theme.MUTED_TEXT)
        self.reuse_names.setContentsMargins(22, 0, 0, 0)
        self.reuse_names.setVisible(bool(existing))

    def _build_ratified_note(self, ratified: int | None) -> QLabel:
        """Says the compact steps are left out once a compact is ratified."""
        done = QLabel(
            _(
                "Version {number} of the compact is ratified: drafting and ratifying it are "
                "left out."
            ).format(number=ratified)
            if ratified is not None
            else ""
        )
        done.setWordWrap(True)
        done.setVisible(ratified is not None)
        return done

    def _build_layout(self, explain: QLabel, done: QLabel) -> None:
        """The explanation, the form, the options, the problem line and Generate/Cancel."""
        form = QFormLayout()
        form.addRow(_("Program starts (first Monday on or after)"), self.start)
        form.addRow(_("Meeting timezone"), self.timezone)
        form.addRow(_("Avoid public holidays of"), self.holidays)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Generate"))
        buttons.accepted.connect(self._generate)
        buttons.rejected.connect(self.reject)
        # The timezone is free text: a zone Keel does not know is refused here, in place.
        self.problem = QLabel()
        self.problem.setObjectName("rollout_problem")
        self.problem.setStyleSheet(theme.ERROR_TEXT)
        self.problem.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.reuse)
        layout.addWidget(self.reuse_names)
        layout.addWidget(done)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def _generate(self) -> None:
        q = self.start.date()
        self.problem.clear()
        try:
            self.on_generate(
                dt.date(q.year(), q.month(), q.day()),
                self.timezone.currentText().strip(),
                self.reuse.isChecked() and not self.reuse.isHidden(),
                self.holidays.currentData(),
            )
        except KeelError as exc:
            self.problem.setText(str(exc))
            return
        self.accept()
