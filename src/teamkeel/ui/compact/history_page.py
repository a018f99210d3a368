"""The History section: every ratified version, and what changed between any two."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from teamkeel.core.compact import diff
from teamkeel.core.compact.document import Compact
from teamkeel.core.i18n import _
from teamkeel.ui.compact.diff_view import diff_html
from teamkeel.ui.compact.history_model import VERSION, HistoryProxy, HistoryTableModel
from teamkeel.ui.tables import read_only_table


class HistoryPage(QWidget):
    # A ratified version's number, to show it read-only.
    open_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._versions: list[Compact] = []
        self._draft: Compact | None = None
        self.model = HistoryTableModel()
        self.table, self.proxy = read_only_table(
            self.model, "compact_history", proxy=HistoryProxy()
        )
        self.table.sortByColumn(VERSION, Qt.SortOrder.DescendingOrder)  # newest first
        self.table.setAccessibleName(_("Ratified versions"))
        self.open_button = QPushButton(_("Open read-only"))
        self.open_button.setToolTip(
            _("Show the selected version (or double-click it, or press Enter)")
        )
        self.compare_from = QComboBox()
        self.compare_from.setAccessibleName(_("Compare version"))
        self.compare_from.setObjectName("compact_compare_from")
        self.compare_to = QComboBox()
        self.compare_to.setAccessibleName(_("Compare with"))
        self.compare_to.setObjectName("compact_compare_to")
        compare = QHBoxLayout()
        compare.addWidget(self.open_button)
        compare.addStretch(1)
        compare.addWidget(QLabel(_("Compare")))
        compare.addWidget(self.compare_from)
        compare.addWidget(QLabel(_("with")))
        compare.addWidget(self.compare_to)
        self.diff_view = QTextBrowser()
        self.diff_view.setAccessibleName(_("Differences between the versions"))
        self.diff_view.setObjectName("compact_diff")
        self.diff_view.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.diff_view)
        splitter.setSizes([160, 320])
        layout = QVBoxLayout(self)
        layout.addLayout(compare)
        layout.addWidget(splitter, 1)

        self.table.doubleClicked.connect(lambda _: self.open_selected())
        self.table.activated.connect(lambda _: self.open_selected())
        self.open_button.clicked.connect(self.open_selected)
        self.compare_from.currentIndexChanged.connect(lambda _: self.show_diff())
        self.compare_to.currentIndexChanged.connect(lambda _: self.show_diff())

    def show_history(self, versions: list[Compact], draft: Compact | None) -> None:
        """Fill the table and the compare choices. By default the latest ratified
        version against the draft (or, without a draft, the last two versions); a pair
        the lead picked is kept while the list of versions stays the same."""
        self._versions, self._draft = list(versions), draft
        self.model.set_versions(self._versions)
        choices = [(v.label, v.number) for v in self._versions]
        if draft is not None:
            choices.append((_("Draft"), None))
        shown = [self.compare_from.itemData(i) for i in range(self.compare_from.count())]
        same_list = shown == [number for _, number in choices]
        for combo, default in (
            (self.compare_from, len(choices) - 2),
            (self.compare_to, len(choices) - 1),
        ):
            index = combo.currentIndex() if same_list else -1
            combo.blockSignals(True)
            combo.clear()
            for label, number in choices:
                combo.addItem(label, number)
            combo.setCurrentIndex(index if index >= 0 else max(default, 0))
            combo.blockSignals(False)
        self.show_diff()

    def compare(self, old: int | None, new: int | None) -> None:
        """Compare version ``old`` with ``new`` (None stands for the draft)."""
        self.compare_from.setCurrentIndex(self.compare_from.findData(old))
        self.compare_to.setCurrentIndex(self.compare_to.findData(new))

    def show_diff(self) -> None:
        if self.compare_from.count() < 2:
            self.diff_view.setHtml(
                _(
                    "<p>Once there are two versions (a ratified one and the draft, or two ratified "
                    "ones), pick them above to see what changed.</p>"
                )
            )
            return
        old = self._compact_for(self.compare_from.currentData())
        new = self._compact_for(self.compare_to.currentData())
        if old is not None and new is not None:
            self.diff_view.setHtml(diff_html(diff(old, new)))

    def _compact_for(self, number: int | None) -> Compact | None:
        if number is None:
            return self._draft
        return next((v for v in self._versions if v.number == number), None)

    def open_selected(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            version = self.model.version(self.proxy.mapToSource(index).row())
            if version.number is not None:
                self.open_requested.emit(version.number)
