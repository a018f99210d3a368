"""Before a roster CSV is imported: which column feeds which field, and the first rows
as they would arrive. The lead can point any column at another field (or at nothing)
and sees the rows change at once; nothing is written until Import.

Opened with ``open()``, never ``exec()``: the window keeps running, and tests drive the
dialog's widgets directly.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import islice

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from teamkeel.core.i18n import N_, _, ngettext
from teamkeel.core.roster.csv_mapping import LABELS, ColumnMapping
from teamkeel.core.roster.csvio import RosterCsv, preview_rows
from teamkeel.ui import theme

NOT_IMPORTED = N_("— not imported —")
PREVIEW_ROWS = 8
SAMPLE_VALUES = 3
PREVIEW_FIELDS = (
    (N_("Name"), lambda m: m.name),
    (N_("Role"), lambda m: m.role),
    (N_("E-mail"), lambda m: m.email or ""),
    (N_("Time zone"), lambda m: m.timezone),
    (N_("Hours"), lambda m: m.working_hours),
    (N_("Skills"), lambda m: ", ".join(m.skills)),
)


class RosterImportPreview(QDialog):
    """Shows ``source`` through an adjustable mapping; ``on_import(mapping, finished)``
    is called when the lead presses Import and calls ``finished(ok)`` once the import
    (on a worker) is over: the dialog closes, or stays open if the import was refused
    or cancelled, so the mapping can be changed and tried again."""

    def __init__(
        self,
        source: RosterCsv,
        on_import: Callable[[ColumnMapping, Callable[[bool], None]], object],
        default_timezone: str,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("roster_import_preview")
        self.setWindowTitle(_("Import roster from {file}").format(file=source.name))
        self.source = source
        self.mapping = source.mapping
        self.on_import = on_import
        self.timezone = default_timezone
        mapping = source.mapping
        # Columns with nothing in them are not worth a line (Outlook writes 92).
        # The columns used come first, then the others that hold values.
        self.columns = sorted(
            (c for c in range(len(mapping.header)) if c in mapping.filled or mapping.field_at(c)),
            key=lambda c: (mapping.field_at(c) is None, c),
        )
        hidden = len(mapping.header) - len(self.columns)

        rows = len(source.table.records)
        intro = QLabel(
            ngettext(
                "{file}, read as {encoding}, has {count} row. Check which column feeds which "
                "field and change any that is wrong; the first rows below show what would be "
                "imported.",
                "{file}, read as {encoding}, has {count} rows. Check which column feeds which "
                "field and change any that is wrong; the first rows below show what would be "
                "imported.",
                rows,
            ).format(file=source.name, encoding=source.encoding, count=rows)
            + (
                " "
                + ngettext(
                    "{count} empty column not shown.", "{count} empty columns not shown.", hidden
                ).format(count=hidden)
                if hidden
                else ""
            )
        )
        intro.setObjectName("roster_import_intro")
        intro.setWordWrap(True)
        self.mapping_table = self._mapping_table()
        self.preview = QTableWidget(0, len(PREVIEW_FIELDS) + 2)
        self.preview.setObjectName("roster_import_rows")
        self.preview.setHorizontalHeaderLabels(
            [_("Line"), *(_(title) for title, _field in PREVIEW_FIELDS), _("Problems")]
        )
        _read_only(self.preview)
        self.problem = QLabel()
        self.problem.setObjectName("roster_import_problem")
        self.problem.setStyleSheet(theme.ERROR_TEXT)
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(
            ngettext("Import {count} member", "Import {count} members", rows).format(count=rows)
        )
        self.buttons.accepted.connect(self._import)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.mapping_table, 3)
        layout.addWidget(QLabel(_("The first rows as they would be imported:")))
        layout.addWidget(self.preview, 2)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(900, 620)
        self._refresh()

    def _mapping_table(self) -> QTableWidget:
        table = QTableWidget(len(self.columns), 4)
        table.setObjectName("roster_import_mapping")
        table.setHorizontalHeaderLabels(
            [_("Column in the file"), _("First values"), _("Imported as"), _("Why not")]
        )
        _read_only(table)
        choices = [_(NOT_IMPORTED), *(_(label) for label in LABELS.values())]
        self.combos: dict[int, QComboBox] = {}
        records = self.source.table.records
        for row, column in enumerate(self.columns):
            table.setItem(row, 0, QTableWidgetItem(self.mapping.header[column].strip() or "—"))
            values = (r.cells[column] for r in records if column < len(r.cells))
            shown = list(islice((" ".join(v.split()) for v in values if v.strip()), SAMPLE_VALUES))
            table.setItem(row, 1, QTableWidgetItem(" · ".join(shown)))
            combo = QComboBox()
            combo.addItems(choices)
            combo.currentIndexChanged.connect(lambda _i, c=column: self._chosen(c))
            self.combos[column] = combo
            table.setCellWidget(row, 2, combo)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        return table

    # -- the mapping -------------------------------------------------------------------
    def choose(self, column: int, field: str | None) -> None:
        """Point a file column at a field (None: not imported), as the lead does."""
        self.combos[column].setCurrentText(_(LABELS[field]) if field else _(NOT_IMPORTED))

    def _chosen(self, column: int) -> None:
        text = self.combos[column].currentText()
        field = next((f for f, label in LABELS.items() if _(label) == text), None)
        if field != self.mapping.field_at(column):
            self.mapping = self.mapping.with_column(column, field)
            self._refresh()

    def _refresh(self) -> None:
        for row, column in enumerate(self.columns):
            combo = self.combos[column]
            field = self.mapping.field_at(column)
            combo.blockSignals(True)
            combo.setCurrentText(_(LABELS[field]) if field else _(NOT_IMPORTED))
            combo.blockSignals(False)
            reason = "" if field else self.mapping.reasons.get(column, "")
            self.mapping_table.setItem(row, 3, QTableWidgetItem(reason))
        problems = self.mapping.problems()
        self.problem.setText(
            _("Choose the column that holds names (or first and last names).") if problems else ""
        )
        self.import_button.setEnabled(not problems)
        rows = preview_rows(self.source, self.mapping, PREVIEW_ROWS, self.timezone)
        self.preview.setRowCount(len(rows))
        for r, preview_row in enumerate(rows):
            cells = [str(preview_row.line)]
            cells += [
                get(preview_row.member) if preview_row.member else "" for _, get in PREVIEW_FIELDS
            ]
            cells.append("; ".join(preview_row.problems))
            for c, text in enumerate(cells):
                self.preview.setItem(r, c, QTableWidgetItem(text))
        self.preview.resizeColumnsToContents()
        self.preview.horizontalHeader().setStretchLastSection(True)

    def _import(self) -> None:
        if not self.import_button.isEnabled():  # one import at a time
            return
        self.import_button.setEnabled(False)
        self.on_import(self.mapping, self._imported)

    def _imported(self, ok: bool) -> None:
        if ok:
            self.accept()
        else:
            self.import_button.setEnabled(True)


def _read_only(table: QTableWidget) -> None:
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
