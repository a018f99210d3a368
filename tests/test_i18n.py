"""Keel in the lead's language: the catalogs are complete and compiled, the language
follows the system and the preference, and German screens cut no label."""

from __future__ import annotations

import ast
import datetime as dt
import gettext
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from teamkeel.core import i18n
from teamkeel.core import i18n_catalogs as catalogs

SOURCES = Path(i18n.__file__).resolve().parent.parent
TRANSLATING_CALLS = {"_": 1, "N_": 1, "ngettext": 2, "pgettext": 2}
COMPS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


@pytest.fixture
def german(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    from PySide6.QtCore import QLocale

    before = QLocale()  # Qt's default locale (week start...), which apply_language changes
    monkeypatch.delenv(i18n.ENV_OVERRIDE, raising=False)
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    i18n.set_language()
    yield
    monkeypatch.setenv(i18n.ENV_OVERRIDE, "en")
    i18n.set_language()
    # Qt's own German (the undo stack's "Undo %1", dialog buttons) goes too, or every
    # later test in this process would see it.
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if isinstance(app, QApplication):
        from teamkeel.ui.language import apply_language

        apply_language(app, None)
    QLocale.setDefault(before)


# --- the catalogs --------------------------------------------------------------------


def test_every_marked_text_has_a_german_translation() -> None:
    missing = [
        f"{m.locations[0][0]}:{m.locations[0][1]}: {m.id!r}"
        for m in catalogs.untranslated(catalogs.extract(), catalogs.read_catalog("de"))
    ]
    assert not missing, (
        "untranslated (run python -m teamkeel.core.i18n_catalogs update, then translate):\n"
        + "\n".join(missing[:40])
    )


def test_compiled_catalogs_match_their_po_files() -> None:
    """The .mo files ship as committed: one older than its .po would show stale texts."""
    for language in catalogs.languages():
        path = catalogs.po_path(language).with_suffix(".mo")
        assert path.exists(), f"{path} missing: run python -m teamkeel.core.i18n_catalogs compile"
        with path.open("rb") as f:
            shipped = gettext.GNUTranslations(f)._catalog  # type: ignore[attr-defined]
        fresh = gettext.GNUTranslations(
            __import__("io").BytesIO(catalogs.compiled(catalogs.read_catalog(language)))
        )._catalog  # type: ignore[attr-defined]
        shipped.pop("", None)
        fresh.pop("", None)
        assert shipped == fresh, (
            f"{path} is stale: run python -m teamkeel.core.i18n_catalogs compile"
        )


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w*)[^{}]*\}", text))


def test_translations_keep_every_placeholder() -> None:
    """A translation that drops or renames {name} would fail at .format() time."""
    for message in catalogs.read_catalog("de"):
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set().union(*(_placeholders(i) for i in ids))
        for string in strings:
            # A plural's singular may say "one" instead of {count}.
            assert _placeholders(string) <= wanted and (
                _placeholders(string) >= wanted - {"count"}
            ), f"{message.id!r} -> {string!r}"


def test_texts_are_marked_as_whole_literals() -> None:
    """``_(f"...")`` or ``_(a + b)`` cannot be extracted: the text would never be
    translated. Placeholders are filled after translating, with .format()."""
    wrong = []
    for path in SOURCES.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            count = TRANSLATING_CALLS.get(node.func.id)
            if count is None or path.name == "i18n.py":
                continue
            args = node.args[:count]
            # _(CONSTANT) translates a text marked with N_() where it was defined.
            if (
                node.func.id == "_"
                and args
                and isinstance(args[0], (ast.Name, ast.Attribute, ast.Subscript, ast.Call))
            ):
                continue

            if not all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args):
                wrong.append(f"{path.relative_to(SOURCES)}:{node.lineno}")
    assert not wrong, wrong


def _own_scope(node: ast.AST) -> Iterator[ast.AST]:
    """The nodes of a function's own scope (not those of nested functions or lambdas)."""
    for child in ast.iter_child_nodes(node):
        if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, *COMPS)):
            yield child
            yield from _own_scope(child)


def test_no_function_hides_the_translating_underscore() -> None:
    """``for _ in ...`` in a function that also calls ``_()`` makes ``_`` local there:
    the call fails with UnboundLocalError (or calls whatever was assigned)."""
    wrong = []
    for path in SOURCES.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for func in ast.walk(tree):
            if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            nodes = list(_own_scope(func))
            stores = any(
                isinstance(n, ast.Name) and n.id == "_" and isinstance(n.ctx, ast.Store)
                for n in nodes
            )
            calls = any(
                isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "_"
                for n in nodes
            )
            if stores and calls:
                wrong.append(f"{path.relative_to(SOURCES)}:{func.lineno} {func.name}")
    assert not wrong, wrong


# --- choosing the language -----------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "preference", "language", "locale"),
    [
        ({"LANG": "de_DE.UTF-8"}, "", "de", "de_DE"),
        ({"LANG": "de_AT.UTF-8"}, "", "de", "de_AT"),
        ({"LANG": "en_GB.UTF-8", "LC_MESSAGES": "de_CH.UTF-8"}, "", "de", "de_CH"),
        ({"LANG": "de_DE.UTF-8", "LC_ALL": "C"}, "", "en", "en"),
        ({"LANG": "de_DE.UTF-8"}, "en", "en", "en"),
        ({"LANG": "en_US.UTF-8"}, "de", "de", "de"),
        # No French catalog yet: English texts, French dates and numbers.
        ({"LANG": "fr_FR.UTF-8"}, "", "en", "fr_FR"),
        ({"LANG": "en_US.UTF-8", "TEAMKEEL_LANGUAGE": "de"}, "en", "de", "de"),
        ({}, "", "en", "en"),
    ],
)
def test_language_follows_override_then_preference_then_system(
    monkeypatch: pytest.MonkeyPatch,
    env: dict[str, str],
    preference: str,
    language: str,
    locale: str,
) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", i18n.ENV_OVERRIDE):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    try:
        assert i18n.set_language(preference) == language
        assert i18n.current_locale() == locale
        assert (i18n._("&File") == "&Datei") == (language == "de")
    finally:
        monkeypatch.setenv(i18n.ENV_OVERRIDE, "en")
        i18n.set_language()


def test_dates_numbers_and_week_start_follow_the_locale(german: None) -> None:
    day = dt.date(2026, 3, 2)
    assert i18n.format_date(day, "long") == "2. März 2026"
    assert i18n.format_number(1234.5, 1) == "1.234,5"
    assert i18n.first_weekday() == 0
    assert i18n.day_name(0) == "Montag"
    i18n.set_language("en")
    assert i18n.format_date(day, "long") == "March 2, 2026"
    assert i18n.format_number(1234.5, 1) == "1,234.5"


def test_a_week_span_reads_as_the_locale_writes_it(german: None) -> None:
    from teamkeel.core.goals.weeks import week_span

    assert week_span(dt.date(2026, 12, 7)) == "7.–13. Dez. 2026"
    assert week_span(dt.date(2026, 12, 28)) == "28. Dez. 2026\u2009–\u20093. Jan. 2027"
    i18n.set_language("en")
    assert week_span(dt.date(2026, 12, 7)) == "7–13 Dec 2026"
    assert week_span(dt.date(2026, 11, 30)) == "30 Nov – 6 Dec 2026"


# --- the window in German ------------------------------------------------------------


def test_german_window_menus_tabs_and_qt_dialog_buttons(
    german: None, qtbot, prompts, tmp_path: Path, team_path: Path
) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from teamkeel.ui import options
    from teamkeel.ui.language import apply_language
    from teamkeel.ui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "keel.ini"), QSettings.Format.IniFormat)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        assert apply_language(app, settings) == "de"
        window = MainWindow(settings, prompts)
        qtbot.addWidget(window)
        window.open_file(team_path, create=True)
        menus = [a.text() for a in window.menuBar().actions()]
        assert menus == ["&Datei", "&Bearbeiten", "&Hilfe"]
        tabs = [window.tab_widget.tabText(i) for i in range(window.tab_widget.count())]
        assert "Team" in tabs and "Einblicke" in tabs
        # Qt's own texts come from its German catalog.
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text().strip("&") == "Abbrechen"
        # The preference overrides the system's German.
        options.LANGUAGE.write(settings, "en")
        assert apply_language(app, settings) == "en"
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text().strip("&") == "Cancel"
    finally:
        settings.remove(options.LANGUAGE.key)
        apply_language(app, None)


def test_command_line_speaks_the_environments_language(tmp_path: Path) -> None:
    env = {"LANG": "de_DE.UTF-8", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(SOURCES.parent)}
    env["TEAMKEEL_CONFIG_DIR"] = str(tmp_path / "config")
    env["TEAMKEEL_DATA_DIR"] = str(tmp_path / "data")
    done = subprocess.run(
        [sys.executable, "-m", "teamkeel", "shot", "--db", str(tmp_path / "none.keel"),
         "--out", str(tmp_path / "x.png")],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2
    assert "Unter " in done.stderr and "gibt es keine Teamdatei" in done.stderr, done.stderr
    # argparse's own messages too, in one line.
    done = subprocess.run(
        [sys.executable, "-m", "teamkeel", "log", "kudos"],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr == (
        "teamkeel log kudos: Fehler: folgende Argumente werden benötigt: --from, --to, --note\n"
    )


# --- PDFs in German ------------------------------------------------------------------


def _pdf_text(path: Path) -> tuple[int, str]:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize(
    ("command", "german"),
    [
        (["export", "compact"], ["Unsere Zusagen", "Wir stimmen zu", "Seite 1 von"]),
        (["export", "report"], ["Bericht zur Teamgesundheit", "Auf einen Blick", "Seite 1"]),
        (["export", "calendar", "--from", "2026-12-01", "--to", "2026-12-31"], ["Seite 1"]),
        (["export", "journey"], ["Wo wir stehen", "Nächste Schritte"]),
    ],
)
def test_german_pdfs_keep_their_pages(
    monkeypatch: pytest.MonkeyPatch, demo_path: Path, tmp_path: Path, command, german
) -> None:
    """German words are longer: the same document must not gain pages (a heading pushed
    onto its own page, a table cut) and must read German."""
    from teamkeel.cli import main

    counts = {}
    for language in ("en", "de"):
        monkeypatch.setenv(i18n.ENV_OVERRIDE, language)
        out = tmp_path / f"{language}.pdf"
        assert main([*command, "--db", str(demo_path), "--out", str(out)]) == 0
        counts[language], text = _pdf_text(out)
    monkeypatch.setenv(i18n.ENV_OVERRIDE, "en")
    i18n.set_language()
    assert counts["de"] == counts["en"]
    flat = " ".join(text.split())
    for words in german:
        assert words in flat, words


# --- German screens cut no label -----------------------------------------------------

# Tabs whose texts are translated (the others still show English and are checked once
# they are): a German screen at 1024×700 must fit and show every label whole.
GERMAN_TABS = ("roster", "standup", "calendar", "rotations", "compact", "insights", "journey")


def _cut_widgets(root) -> list[str]:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QAbstractButton, QLabel, QTabBar

    cut = []
    for widget in root.findChildren(QLabel) + root.findChildren(QAbstractButton):
        if not widget.isVisibleTo(root) or not widget.text():
            continue
        if isinstance(widget, QLabel) and widget.wordWrap():
            continue
        if widget.width() < widget.minimumSizeHint().width():
            cut.append(f"{type(widget).__name__} {widget.text()!r}")
    for bar in root.findChildren(QTabBar):
        for index in range(bar.count()):
            if bar.tabRect(index).width() < bar.tabSizeHint(index).width():
                cut.append(f"tab {bar.tabText(index)!r}")
    return cut


@pytest.mark.parametrize("tab", GERMAN_TABS)
def test_german_tab_fits_1024_by_700_without_cut_labels(
    german: None, qtbot, prompts, tmp_path: Path, demo_path: Path, tab: str
) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from teamkeel.ui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "keel.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, prompts, load_in_background=False)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.open_file(demo_path)
    assert window.select_tab(tab)
    window.show()
    QApplication.processEvents()
    assert window.windowTitle().endswith("Keel")
    assert (window.width(), window.height()) == (1024, 700), "the German window is wider"
    assert _cut_widgets(window) == []


@pytest.mark.parametrize("form", ["dd MMM y", "dd MMM", "d MMM y", "d MMM", "EEE", "EEE dd MMM y"])
def test_english_dates_written_without_babel_read_as_babel_writes_them(form: str) -> None:
    from babel.dates import format_date as babel_date

    i18n.set_language("en")
    for offset in range(0, 400, 7):  # every month and weekday, both digit counts
        day = dt.date(2026, 1, 1) + dt.timedelta(days=offset)
        assert i18n.format_date(day, form) == babel_date(day, form, locale="en"), (day, form)


def test_a_screen_reader_hears_the_german_names_too(
    german: None, qtbot, prompts, tmp_path: Path, team_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    from teamkeel.ui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "keel.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, prompts, load_in_background=False)
    qtbot.addWidget(window)
    window.open_file(team_path, create=True)
    roster = window.tab("roster")
    assert roster is not None
    assert roster.search.accessibleName() == "Im Team suchen"
