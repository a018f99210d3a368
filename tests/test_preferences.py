"""Edit → Preferences: each choice is kept, and applies without a restart where it can."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence

from teamkeel.core.insights.service import InsightsService
from teamkeel.core.roster import RosterReader
from teamkeel.core.safety.backup import BackupPolicy
from teamkeel.core.storage.teamfile import TeamFile
from teamkeel.ui import options
from teamkeel.ui.preferences import PreferencesDialog


def open_dialog(window) -> PreferencesDialog:  # type: ignore[no-untyped-def]
    window.preferences_action.trigger()
    dialog = window.findChild(PreferencesDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def choose(box, value: str) -> None:  # type: ignore[no-untyped-def]
    index = box.findData(value)
    assert index >= 0, value
    box.setCurrentIndex(index)


def test_preferences_are_in_the_edit_menu_with_ctrl_comma_even_without_a_file(window) -> None:  # type: ignore[no-untyped-def]
    assert window.ctx is None
    assert window.preferences_action in window.edit_menu.actions()
    assert QKeySequence("Ctrl+,") in window.preferences_action.shortcuts()
    dialog = open_dialog(window)
    assert not dialog.min_responses.isEnabled()  # a team setting: no team file open
    dialog.reject()


def test_language_and_theme_are_kept_and_announced(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(window)
    choose(dialog.language, "de")
    choose(dialog.theme, "dark")
    with qtbot.waitSignal(window.preferences_changed) as changed:
        dialog.accept_if_valid()
    assert sorted(changed.args[0]) == sorted([options.LANGUAGE.key, options.THEME.key])
    assert not dialog.isVisible()
    assert options.LANGUAGE.read(window.settings) == "de"
    assert options.THEME.read(window.settings) == "dark"
    again = QSettings(window.settings.fileName(), QSettings.Format.IniFormat)  # on disk
    assert options.THEME.read(again) == "dark"


def test_paper_size_becomes_the_default_of_the_compact_pdf(
    window, demo_path: Path, tmp_path, prompts
) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    assert window.open_file(demo_path)
    tab = window.tab("compact")
    assert tab.page_size.currentText() == "A4"
    dialog = open_dialog(window)
    choose(dialog.paper, "Letter")
    dialog.accept_if_valid()
    assert tab.page_size.currentText() == "Letter"  # applied at once
    prompts.files.append(str(tmp_path / "compact.pdf"))
    tab.choose_export()
    page = PdfReader(tmp_path / "compact.pdf").pages[0]
    assert float(page.mediabox.width) == 612 and float(page.mediabox.height) == 792
    # A tab built later starts on it too.
    window._close_team()
    assert window.open_file(demo_path)
    assert window.tab("compact").page_size.currentText() == "Letter"


def test_week_start_reorders_the_calendar_at_once(window, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.open_file(demo_path)
    calendar = window.tab("calendar")
    window.select_tab("calendar")
    calendar.anchor = dt.date(2026, 3, 11)  # a Wednesday
    calendar.set_view("month")
    dialog = open_dialog(window)
    choose(dialog.week_start, "sunday")
    dialog.accept_if_valid()
    weeks = calendar.month_view.weeks()
    assert [d.weekday() for d in weeks[0]] == [6, 0, 1, 2, 3, 4, 5]
    assert weeks[0][0] == dt.date(2026, 3, 1)  # March 2026 begins on a Sunday
    calendar.set_view("week")
    assert calendar.visible_range() == (dt.date(2026, 3, 8), dt.date(2026, 3, 14))
    assert calendar.week_view.first_day == dt.date(2026, 3, 8)
    assert calendar.period.text().startswith("Week 11 ·")  # the ISO week of its Monday


def test_backup_count_and_interval_apply_while_a_file_is_open(window, team_path: Path) -> None:  # type: ignore[no-untyped-def]
    from teamkeel.ui.safety.autobackup import AutoBackup

    TeamFile.create(team_path).close()
    assert window.open_file(team_path)
    auto = window.ctx.findChild(AutoBackup)
    assert auto.timer.interval() == 30 * 60 * 1000
    dialog = open_dialog(window)
    assert dialog.backup_keep.value() == BackupPolicy.load().keep_last == 10
    dialog.backup_keep.setValue(4)
    dialog.backup_every.setValue(5)
    dialog.accept_if_valid()
    assert auto.timer.interval() == 5 * 60 * 1000 and auto.timer.isActive()
    # The count is the backup policy the command line and every open prune by.
    assert BackupPolicy.load() == BackupPolicy(keep_last=4, keep_weeks=52)


def test_the_anonymity_minimum_is_a_team_setting_and_undoable(window, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.open_file(demo_path)
    before = InsightsService(window.ctx.team).min_responses()
    dialog = open_dialog(window)
    assert dialog.min_responses.value() == before and dialog.min_responses.minimum() == 3
    dialog.min_responses.setValue(before + 2)
    dialog.accept_if_valid()
    with TeamFile.open(demo_path) as team:  # stored in the file, as any other process sees it
        assert InsightsService(team).min_responses() == before + 2
    stack = window.ctx.undo_stack
    assert stack.undoText() == f"Change survey anonymity minimum to {before + 2}"
    stack.undo()
    assert InsightsService(window.ctx.team).min_responses() == before


def test_the_leads_timezone_is_checked_and_used_for_new_members(window, team_path: Path) -> None:  # type: ignore[no-untyped-def]
    TeamFile.create(team_path).close()
    assert window.open_file(team_path)
    dialog = open_dialog(window)
    dialog.timezone.setEditText("Mars/Olympus_Mons")
    dialog.accept_if_valid()
    assert dialog.isVisible() and "not a time zone" in dialog.problem.text()
    assert options.LEAD_TIMEZONE.read(window.settings) == ""  # nothing stored
    dialog.timezone.setEditText("Pacific/Auckland")
    dialog.accept_if_valid()
    assert not dialog.isVisible()
    assert options.lead_timezone(window.settings) == "Pacific/Auckland"
    window.tab("roster").add_member()
    with TeamFile.open(team_path) as team:
        assert [m.timezone for m in RosterReader(team).list_members()] == ["Pacific/Auckland"]


def test_older_backup_settings_are_moved_to_the_options(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "old.ini"), QSettings.Format.IniFormat)
    settings.setValue("backup/every_seconds", 600)
    settings.setValue("backup/keep", 7)
    options.use(settings)
    assert options.BACKUP_EVERY_MINUTES.read(settings) == 10
    assert BackupPolicy.load().keep_last == 7
    assert not settings.contains("backup/every_seconds") and not settings.contains("backup/keep")
    # A value that cannot be read is dropped; the default holds.
    settings.setValue("backup/every_seconds", "soon")
    options.migrate(settings)
    assert options.BACKUP_EVERY_MINUTES.read(settings) == 10
    settings.remove(options.BACKUP_EVERY_MINUTES.key)
    settings.setValue("backup/every_seconds", 5)  # less than a minute: one minute
    options.migrate(settings)
    assert options.BACKUP_EVERY_MINUTES.read(settings) == 1


def test_every_pdf_the_window_exports_is_on_the_chosen_paper(  # type: ignore[no-untyped-def]
    window, demo_path: Path, tmp_path: Path, prompts, qtbot
) -> None:
    from pypdf import PdfReader

    from teamkeel.features import TAB_TITLES
    from teamkeel.ui.checkin import export_brief

    assert window.open_file(demo_path)
    dialog = open_dialog(window)
    choose(dialog.paper, "Letter")
    dialog.accept_if_valid()
    for key in TAB_TITLES:
        window.tab(key)
    written: list[Path] = []
    # Looked up afresh each time: a worker's result may rebuild the menu meanwhile.
    for number in range(len(window.export_menu.actions())):
        action = window.export_menu.actions()[number]
        if "PDF" not in action.text() and "Health report" not in action.text():
            continue
        out = tmp_path / f"export-{number}.pdf"
        prompts.files.append(str(out))
        action.trigger()
        # Long exports are written on a worker: wait for the file, or for a problem.
        qtbot.waitUntil(lambda o=out: o.exists() or bool(prompts.errors), timeout=60_000)
        assert out.exists(), (action.text(), prompts.errors)
        written.append(out)
    member = RosterReader(window.ctx.team).list_members()[0]
    prompts.files.append(str(tmp_path / "brief.pdf"))
    export_brief(window.ctx, member.id, member.name)  # from the roster's member menu
    written.append(tmp_path / "brief.pdf")
    assert len(written) == 12  # journey ×4, compact, calendar ×3, rotation, report ×2, brief
    for pdf in written:
        for page in PdfReader(pdf).pages:
            size = sorted((round(float(page.mediabox.width)), round(float(page.mediabox.height))))
            assert size == [612, 792], (pdf.name, size)  # US Letter, upright or turned
    assert prompts.errors == []
