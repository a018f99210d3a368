"""German is complete: a German window, PDF or command line shows none of Keel's own
English texts.

"Keel's own texts" are the catalog's English msgids (with a German translation that
differs). The team's data (names, notes, stand-up entries, the demo's sample text) is
not UI and may be English; the ritual library, starter commitments, guides, findings and
the Journey's checks are Keel's and must read German.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from teamkeel.core import i18n
from teamkeel.core import i18n_catalogs as catalogs

SOURCES = Path(i18n.__file__).resolve().parent.parent
TABS = ("journey", "roster", "standup", "calendar", "rotations", "compact", "insights")
# A whole text the window shows is compared with every msgid; inside longer texts (a
# guide, a PDF page) only msgids this long are looked for, so that a short English word
# that is also German ("Team", "Stand-up") or a name in the data does not count.
MIN_SUBSTRING = 24


def _clean(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", text)  # rich text
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")  # accelerators
    return " ".join(text.split())


def _english_texts() -> tuple[set[str], list[str]]:
    """(whole texts, long texts to look for inside others): each msgid whose German is
    different, with its placeholders cut out (only the literal runs between them)."""
    whole: set[str] = set()
    long: list[str] = []
    for message in catalogs.read_catalog("de"):
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for msgid in ids:
            if msgid in strings:
                continue
            for run in re.split(r"\{[^{}]*\}|%\(\w+\)\w|%\w", msgid):
                run = _clean(run).strip(" .:,;…()")
                if len(run) < 4 or not re.search(r"[a-z]{3}", run):
                    continue
                whole.add(run)
                if len(run) >= MIN_SUBSTRING:
                    long.append(run)
    return whole, long


TRANSLATING = {"_", "N_", "ngettext", "pgettext"}


def _unmarked_literals() -> set[str]:
    """English-looking string literals in Keel's sources outside any translating call
    (docstrings, the demo's sample data and log messages left out): a window that shows
    one of them shows a text no translator has seen."""
    import ast

    found: set[str] = set()
    for path in SOURCES.rglob("*.py"):
        if path.name == "demo.py" or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip: set[int] = set()
        for node in ast.walk(tree):
            body = getattr(node, "body", None)
            if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
                skip.add(id(body[0].value))  # a docstring
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                if name in TRANSLATING or name in ("debug", "info", "warning", "exception"):
                    skip.update(id(n) for n in ast.walk(node))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in skip
            ):
                for run in re.split(r"\{[^{}]*\}|%\(\w+\)\w|%\w", node.value):
                    run = _clean(run).strip(" .:,;…()")
                    if re.search(r"[A-Za-z]{3,} [a-z]{2,}", run) and not re.search(
                        r"[_=<>/\\]", run
                    ):
                        found.add(run)
    return found


WHOLE, LONG = _english_texts()
UNMARKED = _unmarked_literals()
WHOLE |= UNMARKED
# An unmarked literal is looked for inside longer texts from three words on (a PDF line
# holds a whole row of calendar cells), msgids only when long: short msgids are often
# words a team's own text uses too.
LONG += [run for run in UNMARKED if len(run) >= MIN_SUBSTRING or len(run.split()) >= 3]


def english_in(texts: list[str]) -> list[str]:
    found = []
    for text in texts:
        text = _clean(text)
        if text.strip(" .:,;…()") in WHOLE:
            found.append(text)
            continue
        hits = [run for run in LONG if run in text]
        if hits:
            found.append(f"{text[:80]!r} contains {hits[0]!r}")
    return sorted(set(found))


@pytest.fixture
def german(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    from PySide6.QtCore import QLocale

    before = QLocale()  # Qt's default locale, which apply_language changes
    monkeypatch.setenv(i18n.ENV_OVERRIDE, "de")
    i18n.set_language()
    yield
    monkeypatch.setenv(i18n.ENV_OVERRIDE, "en")
    i18n.set_language()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if isinstance(app, QApplication):
        from teamkeel.ui.language import apply_language

        apply_language(app, None)
    QLocale.setDefault(before)


@pytest.fixture(scope="module")
def _german_demo_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The small demo made by a German Keel: what Keel seeds (starter commitments, the
    rollout plan's rituals, the compact's title) is written in German; the demo's own
    sample text stays English, as any team's data may be."""
    from teamkeel.core.demo import create_demo

    path = tmp_path_factory.mktemp("demo-de") / "demo.keel"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(i18n.ENV_OVERRIDE, "de")
        i18n.set_language()
        try:
            create_demo(path, "small").close()
        finally:
            patch.setenv(i18n.ENV_OVERRIDE, "en")
            i18n.set_language()
    yield path


@pytest.fixture
def demo_path(_german_demo_template: Path, tmp_path: Path) -> Path:
    from teamkeel.core.storage.copy import snapshot

    path = tmp_path / "demo.keel"
    snapshot(_german_demo_template, path)
    return path


# --- the window ----------------------------------------------------------------------


def _has_children(model, index) -> bool:  # type: ignore[no-untyped-def]
    try:
        return bool(model.rowCount(index))
    except TypeError:  # a table model's rowCount(parent) is not public in PySide6
        return False


def _model_texts(model) -> list[str]:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt

    out = []
    listing = isinstance(model, QAbstractListModel)
    rows = model.rowCount(QModelIndex())
    columns = 1 if listing else model.columnCount(QModelIndex())
    for column in range(columns):
        out.append(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))

    def walk(parent: QModelIndex, depth: int) -> None:
        for row in range(min(model.rowCount(parent), 200)):
            for column in range(columns):
                index = model.index(row, column, parent)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = index.data(role)
                    if isinstance(value, str):
                        out.append(value)
                if column == 0 and depth < 3 and not listing and _has_children(model, index):
                    walk(index, depth + 1)

    if rows:
        walk(QModelIndex(), 0)
    return out


def window_texts(root) -> list[str]:  # type: ignore[no-untyped-def]
    """Every text a widget under ``root`` shows or would show: labels, buttons, group
    titles, tab titles, tooltips, placeholders, combo items, menu entries, cells."""
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QGroupBox,
        QLabel,
        QLineEdit,
        QPlainTextEdit,
        QTabBar,
        QTextEdit,
        QWidget,
    )

    texts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        texts += [widget.toolTip(), widget.accessibleName(), widget.whatsThis()]
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QLineEdit):
            texts += [widget.placeholderText()]
        if isinstance(widget, (QTextEdit, QPlainTextEdit)):
            texts += [widget.placeholderText(), *widget.toPlainText().splitlines()]
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count())]
            texts += [widget.tabToolTip(i) for i in range(widget.count())]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            texts += _model_texts(widget.model())
    for action in root.findChildren(QAction):
        texts += [action.text(), action.toolTip(), action.statusTip()]
    return [t for t in texts if t and t.strip()]


@pytest.mark.parametrize("tab", TABS)
def test_german_tab_shows_no_english_text(
    german: None, qtbot, prompts, tmp_path: Path, demo_path: Path, tab: str
) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from teamkeel.ui.language import apply_language
    from teamkeel.ui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "keel.ini"), QSettings.Format.IniFormat)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert apply_language(app, settings) == "de"
    window = MainWindow(settings, prompts, load_in_background=False)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.open_file(demo_path)
    assert window.select_tab(tab)
    window.show()
    QApplication.processEvents()
    page = window.tab(tab)
    assert page is not None
    if tab == "calendar":  # the details pane shows a ritual's facilitation guide
        from tests.test_calendar_tab import click_first_chip

        click_first_chip(qtbot, page.month_view)  # type: ignore[attr-defined]
    found = english_in(window_texts(window))
    assert not found, "\n".join(found)


def test_the_calendar_guide_reads_german(german: None) -> None:
    """Each kind of the ritual library: its name, cadence and whole guide."""
    from teamkeel.core.calendar.library import KINDS

    texts = []
    for kind in KINDS.values():
        texts += [kind.label, kind.cadence_label, *kind.guide.as_text().splitlines()]
    assert english_in(texts) == []
    assert KINDS["listening"].label == "Zuhörrunde"


# --- PDFs and the command line -------------------------------------------------------


def _pdf_lines(path: Path) -> list[str]:
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    # Whole paragraphs: a long sentence wraps over lines.
    return [" ".join(block.split()) for block in re.split(r"\n\s*\n", done.stdout)] + [
        line.strip() for line in done.stdout.splitlines()
    ]


@pytest.mark.parametrize(
    "command",
    [
        ["export", "compact"],
        ["export", "report"],
        ["export", "calendar", "--from", "2026-12-01", "--to", "2026-12-31"],
        ["export", "facilitation-cards"],
        ["export", "journey"],
        ["export", "diagnosis"],
        ["export", "charter"],
    ],
    ids=lambda c: " ".join(c[:2]),
)
def test_german_pdfs_show_no_built_in_english(
    german: None, demo_path: Path, tmp_path: Path, command: list[str]
) -> None:
    from teamkeel.cli import main

    out = tmp_path / "out.pdf"
    assert main([*command, "--db", str(demo_path), "--out", str(out)]) == 0
    found = english_in(_pdf_lines(out))
    assert not found, "\n".join(found)


def test_german_command_line_output_has_no_built_in_english(
    demo_path: Path, tmp_path: Path
) -> None:
    env = {"TEAMKEEL_LANGUAGE": "de", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(SOURCES.parent)}
    env["TEAMKEEL_CONFIG_DIR"] = str(tmp_path / "config")
    env["TEAMKEEL_DATA_DIR"] = str(tmp_path / "data")
    lines = []
    for command in (["journey"], ["insights"], ["calendar", "list"]):
        done = subprocess.run(
            [sys.executable, "-m", "teamkeel", *command, "--db", str(demo_path)],
            capture_output=True, text=True, env=env, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        lines += done.stdout.splitlines()
    found = english_in(lines)
    assert not found, "\n".join(found)


def test_qt_standard_dialogs_read_german(german: None, qtbot, tmp_path: Path) -> None:
    """Qt's own texts come from its qtbase_de catalog (QLibraryInfo's translations)."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QMessageBox

    from teamkeel.ui.language import apply_language

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert apply_language(app, QSettings(str(tmp_path / "k.ini"), QSettings.Format.IniFormat))
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Keel",
        "?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
    )
    qtbot.addWidget(box)
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert texts == {"Ja", "Nein"}


# --- texts built from names and numbers --------------------------------------------


def test_german_rotation_edits_name_their_undo_steps_in_german(
    german: None, window, qtbot, team_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from tests.test_rotations_tab import make_team, open_tab

    make_team(team_path, plan=2)
    tab = open_tab(window, team_path)
    first = tab.current_round()
    a, b = first.groups[0].members[0], first.groups[1].members[0]
    tab.swap(a, b)
    stack = window.ctx.undo_stack
    assert stack.undoText() == f"{tab.names[a]} und {tab.names[b]} tauschen"
    tab.set_pinned(0, True)
    assert stack.undoText() == "Gruppe 1 in Runde 1 von „Pairing“ festhalten"
    tab.set_done(True)
    assert stack.undoText() == "Runde 1 von „Pairing“ als erledigt markieren"
    matrix, shown = tab.heatmap.matrix, tab.heatmap.members
    pairs = [(r, c) for r in range(len(shown)) for c in range(len(shown)) if r != c]
    never = next((r, c) for r, c in pairs if not matrix.get(shown[r], shown[c]))
    met = next((r, c) for r, c in pairs if matrix.get(shown[r], shown[c]))
    assert " war nie mit " in tab.heatmap.describe(*never)
    assert "-mal mit " in tab.heatmap.describe(*met) or "einmal mit" in tab.heatmap.describe(*met)
    assert english_in([tab.heatmap.describe(*never), tab.heatmap.describe(*met)]) == []


def test_a_cancelled_german_survey_import_says_so_in_german(german: None) -> None:
    from teamkeel.core.insights.survey import parse_csv
    from teamkeel.core.progress import Cancelled

    text = "".join("4,4,4,4,4,4,4\n" for _ in range(500))
    with pytest.raises(Cancelled) as refused:
        parse_csv(text, lambda done, total: False)
    assert str(refused.value) == "Der Umfrageimport wurde abgebrochen; nichts wurde geschrieben."


def test_german_roster_column_reasons(german: None) -> None:
    from teamkeel.core.roster.csv_mapping import guess_mapping

    header = ["Title", "Name", "First Name", "Job Title", "Extra"]
    rows = [["Dr.", "Ana Sousa", "Ana", "Engineer", ""], ["Mr.", "Li Na", "Na", "", ""]]
    lines = guess_mapping(header, rows).describe()
    assert lines[0] == "Verwendete Spalten:"
    ignored = lines[-1]
    assert ignored.startswith(
        "Nicht verwendet: “Title” (Anreden wie Herr oder Dr., nie eine Rolle)"
    )
    assert "der Name wird aus „Name“ gelesen" in ignored
    assert "1 leere Spalte" in ignored
    assert english_in(lines) == []


def test_german_ritual_checks_and_refused_input_read_german(german: None) -> None:
    from datetime import date, datetime

    from tests.test_calendar_recurrence import ritual

    from teamkeel.core.calendar.domain import Recurrence
    from teamkeel.core.calendar.validation import field_label, problems
    from teamkeel.core.errors import Problem, ValidationError

    bad = ritual(
        datetime(2026, 3, 2, 9, 30), Recurrence("weekly", until=date(2026, 3, 1)), title=" "
    )
    shown = [f"{field_label(f)}: {m}" for f, m in problems(bad)]
    assert shown[0] == "Titel: Der Titel ist leer."
    assert shown[1].endswith("Das Enddatum liegt vor dem Startdatum.")
    refused = ValidationError([Problem("line 2", "x"), Problem("line 3", "y")], total=3)
    assert str(refused) == "line 2: x (und 2 weitere)"
    assert english_in(shown) == []


def test_a_refused_german_roster_import_names_each_cell_in_german(german: None) -> None:
    from teamkeel.core.errors import ValidationError
    from teamkeel.core.roster.csvio import members_from_csv, read_roster_text

    text = "name,email,hours\n,ana@example.org,9-17\nLi Na,li-at-example,9 bis 17\n"
    with pytest.raises(ValidationError) as refused:
        members_from_csv(read_roster_text(text), default_timezone="Europe/Berlin")
    lines = refused.value.lines()
    assert any("Name: Ein Name wird gebraucht." in line for line in lines), lines
    assert any("„li-at-example“ ist keine E-Mail-Adresse." in line for line in lines), lines
    assert any("„9 bis 17“ ist keine Zeitspanne wie 09:00-17:00" in line for line in lines)
    assert all(line.startswith("Zeile ") for line in lines), lines  # the place, too
    assert english_in(lines) == []
