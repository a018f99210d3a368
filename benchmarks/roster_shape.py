"""The roster window's shape with none of Keel's code, for benchmarks/startup.py.

The same kinds of widgets as Keel's first frame (menu bar, six tabs, a sorted table of
60 rows x 9 columns from a Python model, the member form's fields), no file and no SQL.
Prints ``shown <time>`` once the first frame is painted, like Keel's probe. It tells
what PySide6 itself costs for such a window (setting up each widget class and Qt's
enums), apart from what Keel's own code adds.
"""

import sys
import time

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QFont, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

ROWS, COLUMNS = 60, 9


class Model(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows = [[f"Member {r} column {c}" for c in range(COLUMNS)] for r in range(ROWS)]

    def rowCount(self, parent=QModelIndex()):  # noqa: N802, B008
        return 0 if parent.isValid() else ROWS

    def columnCount(self, parent=QModelIndex()):  # noqa: N802, B008
        return 0 if parent.isValid() else COLUMNS

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.FontRole and index.column() == 0:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return f"Header {section}"
        return None


class Probe(QObject):
    def eventFilter(self, watched, event):  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            app.removeEventFilter(self)
            QTimer.singleShot(0, report)
        return False


def report() -> None:
    print(f"shown {time.time():.6f}", flush=True)
    app.quit()


app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowIcon(QIcon())
for title in ("&File", "&Edit", "&Help"):
    menu = window.menuBar().addMenu(title)
    for i in range(4):
        action = QAction(f"Action {i}", window)
        action.setShortcut(QKeySequence(f"Ctrl+{i}"))
        menu.addAction(action)
stack = QStackedWidget()
tabs = QTabWidget()
tabs.setDocumentMode(True)
stack.addWidget(tabs)
window.setCentralWidget(stack)
page = QWidget()
tabs.addTab(page, "Roster")
for title in ("Compact", "Calendar", "Rotations", "Stand-up", "Insights"):
    tabs.addTab(QWidget(), title)

model = Model()
proxy = QSortFilterProxyModel()
proxy.setSourceModel(model)
table = QTableView()
table.setModel(proxy)
table.setSortingEnabled(True)
table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
table.setAlternatingRowColors(True)
table.verticalHeader().hide()
table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

form = QWidget()
fields = QFormLayout(form)
fields.addRow(QLabel("<b>Member</b>"))
for label in ("Name", "Role", "E-mail", "Skills", "Goals"):
    fields.addRow(label, QLineEdit("text"))
zones = QComboBox()
zones.setEditable(True)
fields.addRow("Time zone", zones)
fields.addRow("From", QTimeEdit())
fields.addRow("To", QTimeEdit())
fields.addRow(QCheckBox("Started"))
fields.addRow("Start", QDateEdit())
fields.addRow("Notes", QPlainTextEdit())
fields.addRow("Absences", QListWidget())
fields.addRow(QPushButton("Add"))
scroll = QScrollArea()
scroll.setWidgetResizable(True)
scroll.setWidget(form)

left = QWidget()
left_layout = QVBoxLayout(left)
buttons = QHBoxLayout()
for text in ("Add member", "Archive", "Import CSV…", "Export CSV…"):
    buttons.addWidget(QPushButton(text))
left_layout.addLayout(buttons)
left_layout.addWidget(table)
splitter = QSplitter()
splitter.addWidget(left)
splitter.addWidget(scroll)
top = QHBoxLayout()
top.addWidget(QLabel("Team"))
top.addWidget(QLineEdit())
top.addWidget(QLineEdit())
top.addWidget(QCheckBox("Show archived"))
layout = QVBoxLayout(page)
layout.addLayout(top)
layout.addWidget(splitter)
table.setCurrentIndex(proxy.index(0, 0))

window.resize(1280, 800)
window.show()
probe = Probe()
app.installEventFilter(probe)
app.exec()
