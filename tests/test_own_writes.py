"""Keel's own writes never show as "changes made outside this window" (issue 15, item 5).

The window polls the file for commits by other connections. The stand-up log announces
its edits a moment later (a burst of entries is one notice), and a poll in between used
to take the window's own entries for someone else's.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt

from teamkeel.core.roster import Member, RosterService
from teamkeel.core.standup import StandupService
from teamkeel.core.storage.teamfile import TeamFile
from teamkeel.core.team_info import create_team

OUTSIDE_CHANGES = "Updated with changes made outside this window."
DAY = dt.date(2026, 3, 2)


def test_the_watch_tells_own_writes_from_other_connections(team: TeamFile) -> None:
    from teamkeel.core.storage.watch import ChangeWatch

    watch = ChangeWatch(team)
    try:
        ana, bo = RosterService(team).add_many([Member(name="Ana"), Member(name="Bo")])
        assert not watch.changed_elsewhere()
        with TeamFile.open(team.path) as other:
            StandupService(other).add_kudos(DAY, ana.id, [bo.id], "from the chat bridge")
        # Our own write right after theirs must not swallow it.
        StandupService(team).add_kudos(DAY, bo.id, [ana.id], "typed in the window")
        assert watch.changed_elsewhere()
        assert not watch.changed_elsewhere()
    finally:
        watch.close()


def test_logging_stand_up_entries_in_the_window_is_not_an_outside_change(
    window, qtbot, team_path: Path
) -> None:  # type: ignore[no-untyped-def]
    with create_team(team_path, "Night Owls") as team:
        ana, bo = RosterService(team).add_many([Member(name="Ana"), Member(name="Bo")])
    assert window.open_file(team_path)
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    window.select_tab("standup")
    tab = window.tab("standup")
    for note in ("paired on the flaky test", "reviewed the schema", "unblocked the deploy"):
        tab.quick.setFocus()
        qtbot.keyClicks(tab.quick, f"kudos @Ana -> @Bo {note}")
        qtbot.keyClick(tab.quick, Qt.Key.Key_Return)
        # The poll comes while the entry's change notice is still pending.
        assert not window.check_external_changes()
    qtbot.waitUntil(lambda: not tab.edits.notice._timer.isActive(), timeout=3000)
    assert not window.check_external_changes()
    assert StandupService(window.ctx.team).count() == 3
    assert OUTSIDE_CHANGES not in messages

    with TeamFile.open(team_path) as other:  # a real change from another Keel
        StandupService(other).add_kudos(DAY, bo.id, [ana.id], "from the chat bridge")
    assert window.check_external_changes()
    assert messages[-1] == OUTSIDE_CHANGES
