"""File → Data safety in the window: restore a backup, check integrity."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtGui import QAction

from teamkeel.core.roster import Member, RosterService
from teamkeel.core.safety.backup import list_backups
from teamkeel.core.storage.teamfile import TeamFile
from teamkeel.ui.safety.restore_dialog import RestoreDialog


def action(window, name: str) -> QAction:  # type: ignore[no-untyped-def]
    found = [a for a in window.file_extras.actions() if a.objectName() == name]
    assert len(found) == 1, [a.text() for a in window.file_extras.actions()]
    return found[0]


def names(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return sorted(r[0] for r in conn.execute("SELECT name FROM member"))
    finally:
        conn.close()


def test_menu_entries_need_an_open_file(window, team_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.file_extras.menuAction().isVisible()
    assert not action(window, "restoreFromBackup").isEnabled()
    assert not action(window, "checkIntegrity").isEnabled()
    TeamFile.create(team_path).close()
    assert window.open_file(team_path)
    assert action(window, "restoreFromBackup").isEnabled()
    assert action(window, "checkIntegrity").isEnabled()


def test_restore_a_backup_from_the_window(window, prompts, qtbot, team_path: Path) -> None:  # type: ignore[no-untyped-def]
    with TeamFile.create(team_path) as team:
        RosterService(team).add(Member("Ana Sousa"))
    assert window.open_file(team_path)  # backup 1: Ana only
    RosterService(window.ctx.team).add(Member("Bo Lindqvist"))
    window._close_team()
    assert window.open_file(team_path)  # backup 2: Ana and Bo
    RosterService(window.ctx.team).add(Member("Chidi Okafor"))

    action(window, "restoreFromBackup").trigger()
    dialog = window.findChild(RestoreDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.model.rowCount() == 2
    first = dialog.model.index(0, 0).data()
    assert first and dialog.model.index(0, 2).data().endswith("KB")
    oldest = min(list_backups(team_path), key=lambda b: b.taken_at)
    assert dialog.select_backup(oldest.path)
    prompts.confirm_answer = False
    dialog.restore_button.click()
    assert names(team_path) == ["Ana Sousa", "Bo Lindqvist", "Chidi Okafor"]  # cancelled

    prompts.confirm_answer = True
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: window.ctx is not None)  # copied on a worker, then opened
    assert window.ctx.team.path == team_path
    assert [m.name for m in RosterService(window.ctx.team).list_members()] == ["Ana Sousa"]
    assert "Restored" in window.statusBar().currentMessage()
    kept = [b for b in list_backups(team_path) if b.reason == "before-restore"]
    assert len(kept) == 1 and names(kept[0].path) == ["Ana Sousa", "Bo Lindqvist", "Chidi Okafor"]
    assert prompts.errors == []
    qtbot.waitUntil(
        lambda: (
            window.findChild(RestoreDialog) is None
            or not window.findChild(RestoreDialog).isVisible()
        )
    )


def test_restore_dialog_looks_right(window, qtbot, demo_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from teamkeel.core.roster import Member, RosterService

    for i in range(3):  # each open finds a changed file, so each keeps a backup
        with TeamFile.open(demo_path) as team:
            RosterService(team).add(Member(name=f"Visitor {i}"))
    assert window.open_file(demo_path)
    action(window, "restoreFromBackup").trigger()
    dialog = window.findChild(RestoreDialog)
    assert dialog.model.rowCount() == 4
    qtbot.waitExposed(dialog)
    picture = dialog.grab()
    assert picture.save(str(tmp_path / "restore.png"))  # for a look by hand
    assert (picture.width(), picture.height()) == (dialog.width(), dialog.height())
    # Every backup is in view without scrolling, and no column's text is cut.
    viewport = dialog.table.viewport().rect()
    last = dialog.table.visualRect(dialog.proxy.index(3, 0))
    assert viewport.contains(last)
    header = dialog.table.horizontalHeader()
    metrics = dialog.table.fontMetrics()
    for column in range(dialog.proxy.columnCount()):
        for row in range(4):
            text = str(dialog.proxy.index(row, column).data() or "")
            assert header.sectionSize(column) >= metrics.horizontalAdvance(text), text


def test_check_integrity_reports_clean_and_damaged(window, prompts, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.open_file(demo_path)
    action(window, "checkIntegrity").trigger()
    assert prompts.errors == []
    assert "whole and consistent" in prompts.infos[-1][1]

    conn = sqlite3.connect(demo_path)
    conn.execute("UPDATE member SET name = '' WHERE id = 1")
    conn.commit()
    conn.close()
    action(window, "checkIntegrity").trigger()
    title, text = prompts.errors[-1]
    assert title == "Check file integrity"
    assert "1 problem found" in text and "member row 1" in text


def test_a_failed_on_open_backup_is_mentioned(window, team_path: Path) -> None:  # type: ignore[no-untyped-def]
    from teamkeel.core.safety.backup import backups_root

    TeamFile.create(team_path).close()
    backups_root().parent.mkdir(parents=True, exist_ok=True)
    backups_root().write_text("not a folder", encoding="utf-8")  # backups cannot be written
    assert window.open_file(team_path)
    assert "could not back up" in window.statusBar().currentMessage()
    backups_root().unlink()


def test_backups_while_the_window_is_open_and_on_close(  # type: ignore[no-untyped-def]
    window, qtbot, team_path: Path
) -> None:
    from teamkeel.core.safety.backup import BackupPolicy, backups_root
    from teamkeel.ui import options
    from teamkeel.ui.safety.autobackup import AutoBackup

    options.BACKUP_EVERY_MINUTES.write(window.settings, 2)  # the interval in Preferences
    with TeamFile.create(team_path) as team:
        RosterService(team).add(Member("Ana Sousa"))
    assert window.open_file(team_path)
    auto = window.ctx.findChild(AutoBackup)
    assert auto is not None and auto.timer.interval() == 2 * 60 * 1000
    auto.set_interval(0.2)  # minutes are too long for a test

    def reasons() -> list[str]:
        return [b.reason for b in list_backups(team_path)]  # newest first

    assert reasons() == ["open"]
    window.tab("roster").add_member()  # a change made in the window
    qtbot.waitUntil(lambda: reasons()[0] == "while-open", timeout=5000)
    assert names(list_backups(team_path)[0].path) == ["Ana Sousa", "New member"]
    # Nothing changed since: the timer fires again and copies nothing.
    for _ in range(2):
        with qtbot.waitSignal(auto.timer.timeout, timeout=2000):
            pass
    assert reasons() == ["while-open", "open"]
    # A change from elsewhere (the command line, another Keel) counts too.
    with TeamFile.open(team_path) as other:
        RosterService(other).add(Member("Bo Lindqvist"))
    qtbot.waitUntil(lambda: len(reasons()) == 3, timeout=5000)
    assert "Bo Lindqvist" in names(list_backups(team_path)[0].path)
    # Closing backs up the last changes; opening again then needs no copy of its own.
    RosterService(window.ctx.team).add(Member("Chidi Okafor"))
    window._close_team()
    assert reasons()[0] == "close" and "Chidi Okafor" in names(list_backups(team_path)[0].path)
    assert window.open_file(team_path)
    assert reasons()[0] == "close"
    window.ctx.findChild(AutoBackup).set_interval(0.2)
    # The keep policy still holds: with room for two, the next backup prunes the rest.
    BackupPolicy(keep_last=2, keep_weeks=0).save(backups_root())
    RosterService(window.ctx.team).add(Member("Dara Kim"))
    qtbot.waitUntil(lambda: reasons() == ["while-open", "close"], timeout=5000)
