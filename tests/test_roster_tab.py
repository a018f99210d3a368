"""The Roster tab, driven through the window as a user would."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer

from teamkeel.core.roster import Member, RosterService
from teamkeel.ui.roster.table_model import NAME, ROLE


def roster_tab(window, path: Path):  # type: ignore[no-untyped-def]
    assert window.open_file(path, create=True)
    tab = window.tab("roster")
    assert tab is not None
    return tab


def visible_names(tab) -> list[str]:  # type: ignore[no-untyped-def]
    return [tab.proxy.index(r, NAME).data() for r in range(tab.proxy.rowCount())]


def test_add_member_then_name_them_and_undo_redo(window, qtbot, team_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = roster_tab(window, team_path)
    tab.add_member()
    assert visible_names(tab) == ["New member"]
    assert tab.form.name.hasFocus() or tab.form.name.selectedText() == "New member"
    tab.form.name.setText("Zoë Martin")
    tab.form.name.editingFinished.emit()
    roster = RosterService(window.ctx.team)
    assert [m.name for m in roster.list_members()] == ["Zoë Martin"]
    window.ctx.undo_stack.undo()
    assert [m.name for m in roster.list_members()] == ["New member"]
    window.ctx.undo_stack.undo()
    assert roster.list_members() == []
    assert visible_names(tab) == []
    window.ctx.undo_stack.redo()
    window.ctx.undo_stack.redo()
    assert [m.name for m in roster.list_members()] == ["Zoë Martin"]
    assert visible_names(tab) == ["Zoë Martin"]


def test_invalid_input_is_flagged_at_the_field_and_not_saved(
    window, qtbot, demo_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tab = roster_tab(window, demo_path)
    member = tab.current_member()
    depth = window.ctx.undo_stack.count()
    tab.form.email.setText("not an address")
    tab.form.email.editingFinished.emit()
    assert tab.form.errors["email"].isVisible()
    assert "not an e-mail address" in tab.form.errors["email"].text()
    assert RosterService(window.ctx.team).get(member.id).email == member.email
    assert window.ctx.undo_stack.count() == depth
    tab.form.name.setText("   ")
    tab.form.name.editingFinished.emit()
    assert "name is needed" in tab.form.errors["name"].text()
    tab.form.email.setText("fixed@example.org")
    tab.form.email.editingFinished.emit()
    assert not tab.form.errors["email"].isVisible()
    assert RosterService(window.ctx.team).get(member.id).email == "fixed@example.org"


def test_keyboard_typing_into_the_form_saves(window, qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = roster_tab(window, demo_path)
    member = tab.current_member()
    tab.form.role.clear()
    qtbot.keyClicks(tab.form.role, "Staff engineer")
    qtbot.keyClick(tab.form.role, Qt.Key.Key_Return)
    assert RosterService(window.ctx.team).get(member.id).role == "Staff engineer"
    assert tab.model.member(tab.model.row_of(member.id)).role == "Staff engineer"


def test_archive_hides_and_restore_brings_back(window, qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = roster_tab(window, demo_path)
    before = visible_names(tab)
    member = tab.current_member()
    tab.toggle_archive()
    assert member.name not in visible_names(tab)
    assert RosterService(window.ctx.team).get(member.id).archived
    tab.show_archived.setChecked(True)
    assert member.name in visible_names(tab)
    tab.select_member(member.id)
    assert tab.archive_button.text() == "Restore"
    tab.toggle_archive()
    tab.show_archived.setChecked(False)
    assert sorted(visible_names(tab)) == sorted(before)
    window.ctx.undo_stack.undo()  # undo the restore
    assert RosterService(window.ctx.team).get(member.id).archived


def test_search_and_sort(window, qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = roster_tab(window, demo_path)
    tab.search.setText("backend")
    assert sorted(visible_names(tab)) == ["Ana Sousa", "Дмитрий Орлов"]
    tab.search.setText("kubernetes")  # Kenji's skill, Eleni's growth goal
    assert sorted(visible_names(tab)) == ["Kenji Ōsaka", "Ελένη Παππά"]
    tab.search.clear()
    tab.table.sortByColumn(ROLE, Qt.SortOrder.AscendingOrder)
    roles = [tab.proxy.index(r, ROLE).data() for r in range(tab.proxy.rowCount())]
    assert roles == sorted(roles, key=str.casefold)
    tab.table.sortByColumn(NAME, Qt.SortOrder.DescendingOrder)
    names = visible_names(tab)
    assert names == sorted(names, key=str.casefold, reverse=True)


def test_csv_import_through_the_tab_is_all_or_nothing(
    window, qtbot, team_path: Path, tmp_path: Path, prompts
) -> None:  # type: ignore[no-untyped-def]
    tab = roster_tab(window, team_path)
    bad = tmp_path / "bad.csv"
    bad.write_text("Name,Email\nAna,ana@example.org\nBo,broken\n", encoding="utf-8")
    prompts.files.append(str(bad))
    tab.import_button.click()
    preview = tab.import_preview
    preview.import_button.click()  # the preview first, then the verdict
    qtbot.waitUntil(lambda: not tab.importing)
    assert prompts.errors and "line 3" in prompts.errors[-1][1]
    assert preview.isVisible()  # still open: the lead may change the mapping
    assert visible_names(tab) == []
    preview.reject()
    assert tab.import_preview is None
    good = tmp_path / "good.csv"
    good.write_text("Name,Email\nAna,ana@example.org\nBo,bo@example.org\n", encoding="utf-8")
    prompts.files.append(str(good))
    tab.import_button.click()
    tab.import_preview.import_button.click()
    qtbot.waitUntil(lambda: not tab.importing)
    assert tab.import_preview is None
    assert sorted(visible_names(tab)) == ["Ana", "Bo"]
    window.ctx.undo_stack.undo()
    assert visible_names(tab) == []


def test_team_name_in_title_and_layout_remembered(window, qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = roster_tab(window, demo_path)
    tab.team_name.setText("Night Owls")
    tab.team_name.editingFinished.emit()
    assert window.windowTitle().startswith("Night Owls — demo.keel")
    tab.splitter.setSizes([300, 700])
    sizes = tab.splitter.sizes()
    window.close()
    from teamkeel.ui.main_window import MainWindow

    again = MainWindow(window.settings, window.prompts)
    qtbot.addWidget(again)
    again.show()
    assert again.open_file(demo_path)
    # The offscreen screen may clamp the restored window width; the member table's
    # share, set by the user, is what must come back.
    qtbot.waitUntil(lambda: again.tab("roster").splitter.sizes()[0] == sizes[0], timeout=3000)
    from teamkeel.ui.settings import recent_files

    assert recent_files(again.settings)[0] == str(demo_path)


def test_refused_file_shows_a_message_and_keeps_the_window_usable(
    window, qtbot, tmp_path: Path, prompts
) -> None:  # type: ignore[no-untyped-def]
    junk = tmp_path / "junk.keel"
    junk.write_bytes(b"not a database at all")
    assert not window.open_file(junk)
    assert prompts.errors[-1][0] == "Cannot open team file"
    assert junk.read_bytes() == b"not a database at all"
    assert window.windowTitle() == "Keel"


def test_changes_from_another_process_show_up(window, qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    tab = roster_tab(window, demo_path)
    tab.add_member()  # our own edit is not "external"
    assert not window.check_external_changes()
    code = (
        "import sys; from teamkeel.core.storage.teamfile import TeamFile;"
        "from teamkeel.core.roster import RosterService, Member;"
        "t = TeamFile.open(sys.argv[1]); RosterService(t).add(Member(name='From the bridge')); t.close()"
    )
    subprocess.run([sys.executable, "-c", code, str(demo_path)], check=True, timeout=120)
    assert window.check_external_changes()
    assert "From the bridge" in visible_names(tab)
    assert not window.check_external_changes()


def test_save_a_copy_and_open_recent(
    window, qtbot, demo_path: Path, tmp_path: Path, prompts
) -> None:  # type: ignore[no-untyped-def]
    roster_tab(window, demo_path)
    copy = tmp_path / "copy.keel"
    prompts.files.append(str(copy))
    window.copy_action.trigger()
    from teamkeel.core.roster import RosterService
    from teamkeel.core.storage.teamfile import TeamFile

    with TeamFile.open(copy) as team:
        assert len(RosterService(team).list_members()) == 12
    other = tmp_path / "other.keel"
    prompts.files.append(str(other))
    window.new_file()
    assert window.ctx.team.path == other
    recent = [a.text() for a in window.recent_menu.actions()]
    assert recent[:2] == [str(other), str(demo_path)]
    window.recent_menu.actions()[1].trigger()  # backed up on a worker, then opened
    qtbot.waitUntil(lambda: window.ctx.team.path == demo_path)


def test_hidden_tabs_reload_when_shown(window, qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = roster_tab(window, demo_path)
    other = next(slot.key for slot in window.slots if slot.key != "roster")
    hidden = window.tab(other)
    reloads = []
    hidden.reload = lambda: reloads.append(1)  # count, without changing behaviour under test
    window.select_tab("roster")
    tab.add_member()
    assert reloads == []  # not while hidden: the edit must stay fast
    window.select_tab(other)
    assert reloads == [1]
    window.select_tab("roster")
    window.select_tab(other)
    assert reloads == [1]  # nothing changed since


def test_a_change_from_another_keel_does_not_eat_what_the_lead_is_typing(  # type: ignore[no-untyped-def]
    window, qtbot, demo_path: Path
) -> None:
    import dataclasses

    from teamkeel.core.storage.teamfile import TeamFile

    tab = roster_tab(window, demo_path)
    tab.table.setCurrentIndex(tab.proxy.index(0, NAME))
    shown = tab.current_member()
    tab.form.notes.setFocus()
    tab.form.notes.setPlainText("Prefers written feedback")  # typed, not saved yet
    qtbot.keyClicks(tab.form.role, " lead")  # typed, Enter not pressed yet
    with TeamFile.open(demo_path) as other:  # another Keel edits someone else
        roster = RosterService(other)
        someone = next(m for m in roster.list_members() if m.id != shown.id)
        roster.update(dataclasses.replace(someone, role="Tester"))
    assert window.check_external_changes()
    assert tab.current_member().id == shown.id
    assert tab.form.notes.toPlainText() == "Prefers written feedback"
    assert tab.form.role.text() == shown.role + " lead"
    tab.form.commit_notes()
    tab.form.role.editingFinished.emit()
    stored = RosterService(window.ctx.team).get(shown.id)
    assert (stored.notes, stored.role) == ("Prefers written feedback", shown.role + " lead")


def test_a_change_from_another_keel_keeps_the_team_name_being_typed(  # type: ignore[no-untyped-def]
    window, qtbot, demo_path: Path
) -> None:
    from teamkeel.core.storage.teamfile import TeamFile
    from teamkeel.core.team_info import TeamInfoService

    tab = roster_tab(window, demo_path)
    tab.team_name.setFocus()
    tab.team_name.selectAll()
    qtbot.keyClicks(tab.team_name, "Dock team")  # Enter not pressed yet
    with TeamFile.open(demo_path) as other:
        RosterService(other).add(Member(name="New"))
    assert window.check_external_changes()
    assert tab.team_name.text() == "Dock team"
    tab.team_name.editingFinished.emit()
    assert TeamInfoService(window.ctx.team).name() == "Dock team"
    window.ctx.undo_stack.undo()  # the field follows an undo of the rename
    assert tab.team_name.text() == TeamInfoService(window.ctx.team).name() != "Dock team"


def test_an_edit_the_file_refuses_is_explained_and_the_view_refreshed(
    window, qtbot, team_path: Path, prompts
) -> None:  # type: ignore[no-untyped-def]
    from teamkeel.core.storage.teamfile import TeamFile

    tab = roster_tab(window, team_path)
    tab.add_member()
    member = tab.current_member()
    with TeamFile.open(team_path) as other:  # another Keel removes the member meanwhile
        RosterService(other).delete(member.id)
    tab.toggle_archive()
    assert prompts.errors[-1][0] == "Cannot save"
    assert visible_names(tab) == []


def test_closing_the_file_shows_the_welcome_page(window, qtbot, team_path: Path) -> None:  # type: ignore[no-untyped-def]
    roster_tab(window, team_path)
    window._close_team()
    assert window.stack.currentWidget() is window.welcome
    assert window.windowTitle() == "Keel"
    assert not window.copy_action.isEnabled()


def test_time_zone_box_fills_its_list_when_first_used(window, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = roster_tab(window, demo_path)
    box = tab.form.timezone
    shown = tab.current_member().timezone
    assert box.currentText() == shown
    box.fill()
    assert box.count() > 300
    assert box.findText("Europe/Berlin") >= 0
    assert box.currentText() == shown  # filling keeps what the box showed
    assert box.completer().model().rowCount() == box.count()


def test_columns_are_wide_enough_for_their_longest_text(window, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QFontMetrics

    tab = roster_tab(window, demo_path)
    header = tab.table.horizontalHeader()
    bold = tab.table.font()
    bold.setBold(True)
    metrics = {False: tab.table.fontMetrics(), True: QFontMetrics(bold)}
    for column in range(tab.model.columnCount()):
        if header.isSectionHidden(column):  # gave way to fit the width (see below)
            continue
        widest = max(
            metrics[column == NAME].horizontalAdvance(tab.model.index(r, column).data())
            for r in range(tab.model.rowCount())
        )
        assert header.sectionSize(column) >= min(widest + 6, 260), tab.model.HEADERS[column]


def test_opening_another_file_while_loading_stops_the_first_load(  # type: ignore[no-untyped-def]
    window, qtbot, demo_path: Path, team_path: Path
) -> None:
    events: list[str] = []
    window.orm_loaded.connect(lambda: events.append("orm"))
    window.loaded.connect(lambda: events.append("loaded"))
    assert window.open_file(demo_path)
    with qtbot.waitSignal(window.orm_loaded, timeout=20000):
        window.grab()  # a first frame starts the loading: the ORM, then tab by tab...
    shown = window.tab_widget.currentWidget()
    assert [slot for slot in window.slots if slot.tab is not None] == [shown]
    assert window.open_file(team_path, create=True)  # ...and another file replaces it
    window.grab()
    qtbot.waitUntil(lambda: "loaded" in events, timeout=20000)
    # The first file's chain builds one tab per turn of the event loop: give it more
    # turns than it has tabs, so that a chain that did not stop would finish too.
    for _ in range(len(window.slots) + 2):
        turn = QTimer()
        turn.setSingleShot(True)
        with qtbot.waitSignal(turn.timeout):
            turn.start(0)
    assert events.count("loaded") == 1
    # A file opened after another builds the tab on screen; the others when shown.
    assert [slot for slot in window.slots if slot.tab is not None] == [
        window.tab_widget.currentWidget()
    ]


def test_a_window_for_a_screenshot_loads_nothing_it_does_not_show(  # type: ignore[no-untyped-def]
    qtbot, prompts, tmp_path: Path, demo_path: Path
) -> None:
    from PySide6.QtCore import QSettings

    from teamkeel.ui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "shot.ini"), QSettings.Format.IniFormat)
    win = MainWindow(settings, prompts, load_in_background=False)  # type: ignore[arg-type]
    qtbot.addWidget(win)
    assert win.open_file(demo_path)
    win.show()
    win.grab()
    # Past the moment a window that shows but is never painted would load the rest
    # (timers fire in the order they expire, so this one fires after that one).
    from teamkeel.ui.main_window import BACKGROUND_FALLBACK_MS

    past = QTimer()
    past.setSingleShot(True)
    with qtbot.waitSignal(past.timeout, timeout=BACKGROUND_FALLBACK_MS + 10000):
        past.start(BACKGROUND_FALLBACK_MS + 1)
    assert [slot.key for slot in win.slots if slot.tab is not None] == ["roster"]


def lean_window(qtbot, prompts, settings):  # type: ignore[no-untyped-def]
    """The window Keel starts with: set-up needing ``QtCore.Qt`` waits for a frame."""
    from teamkeel.ui.main_window import MainWindow

    win = MainWindow(settings, prompts, lean_first_frame=True)  # type: ignore[arg-type]
    qtbot.addWidget(win)
    return win


def test_the_first_frame_is_in_name_order_and_sorting_follows(  # type: ignore[no-untyped-def]
    qtbot, prompts, tmp_path: Path, demo_path: Path
) -> None:
    from PySide6.QtCore import QSettings

    win = lean_window(
        qtbot, prompts, QSettings(str(tmp_path / "k.ini"), QSettings.Format.IniFormat)
    )
    assert win.open_file(demo_path)
    tab = next(s for s in win.slots if s.key == "roster").tab  # the Journey comes first
    names = visible_names(tab)
    assert len(names) >= 10 and names == sorted(names, key=str.casefold)
    assert not tab.table.isSortingEnabled()  # nothing set up that needs QtCore.Qt yet
    win.show()
    qtbot.waitUntil(tab.table.isSortingEnabled, timeout=5000)  # right after the frame
    header = tab.table.horizontalHeader()
    assert header.isSortIndicatorShown()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        NAME,
        Qt.SortOrder.AscendingOrder,
    )
    assert visible_names(tab) == names
    # The lead clicks a title.
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_title_centre(header, ROLE))
    roles = [tab.proxy.index(r, ROLE).data() for r in range(tab.proxy.rowCount())]
    assert roles == sorted(roles, key=str.casefold)
    # Tabs built after the first frame are set up at once.
    assert win.tab("standup") is not None and not win._unfinished


def _title_centre(header, section: int):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint

    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    return QPoint(x, header.height() // 2)


def test_a_remembered_sort_order_is_in_the_first_frame(  # type: ignore[no-untyped-def]
    window, qtbot, prompts, demo_path: Path
) -> None:
    tab = roster_tab(window, demo_path)
    tab.table.sortByColumn(ROLE, Qt.SortOrder.DescendingOrder)
    window.close()  # remembers the layout
    again = lean_window(qtbot, prompts, window.settings)
    assert again.open_file(demo_path)
    tab = next(s for s in again.slots if s.key == "roster").tab
    assert tab.table.isSortingEnabled()  # restored before any frame, without QtCore.Qt
    header = tab.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        ROLE,
        Qt.SortOrder.DescendingOrder,
    )
    roles = [tab.proxy.index(r, ROLE).data() for r in range(tab.proxy.rowCount())]
    assert roles == sorted(roles, key=str.casefold, reverse=True)


def test_a_window_closed_before_its_first_frame_still_sorts_by_name_next_time(  # type: ignore[no-untyped-def]
    qtbot, prompts, tmp_path: Path, demo_path: Path
) -> None:
    from PySide6.QtCore import QSettings

    from teamkeel.ui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "k.ini"), QSettings.Format.IniFormat)
    first = lean_window(qtbot, prompts, settings)
    assert first.open_file(demo_path)
    first.close()  # its header was saved before sorting was turned on
    assert settings.value("tabs/roster")
    again = MainWindow(settings, prompts)  # type: ignore[arg-type]
    qtbot.addWidget(again)
    assert again.open_file(demo_path)
    tab = again.tab("roster")
    header = tab.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        NAME,
        Qt.SortOrder.AscendingOrder,
    )
    names = visible_names(tab)
    assert names == sorted(names, key=str.casefold)


def test_the_member_form_never_scrolls_sideways(window, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QScrollArea

    tab = roster_tab(window, demo_path)
    scroll = tab.form.parentWidget().parentWidget()
    assert isinstance(scroll, QScrollArea)
    assert scroll.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff


def test_plain_role_numbers_are_qts() -> None:
    from teamkeel.ui import rows_model

    plain = (rows_model.DISPLAY_ROLE, rows_model.TOOLTIP_ROLE, rows_model.FONT_ROLE)
    plain += (rows_model.FOREGROUND_ROLE, rows_model.USER_ROLE)
    qt = Qt.ItemDataRole
    names = (qt.DisplayRole, qt.ToolTipRole, qt.FontRole, qt.ForegroundRole, qt.UserRole)
    assert plain == tuple(role.value for role in names)


def test_the_roster_header_shows_its_titles(window, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = roster_tab(window, demo_path)
    header = tab.table.horizontalHeader()
    titles = [
        header.model().headerData(c, Qt.Orientation.Horizontal) for c in range(header.count())
    ]
    assert titles == list(tab.model.HEADERS)
    assert header.count() == tab.proxy.columnCount()


def absence_texts(tab) -> list[str]:  # type: ignore[no-untyped-def]
    return [tab.form.absences.item(i).text() for i in range(tab.form.absences.count())]


def test_a_new_absence_shows_at_once_and_a_duplicate_is_refused(  # type: ignore[no-untyped-def]
    window, qtbot, team_path: Path
) -> None:
    import datetime as dt

    from PySide6.QtCore import QDate

    tab = roster_tab(window, team_path)
    tab.add_member()
    tab.add_member()
    first = tab.current_member()
    form = tab.form
    before = len(first.absences)
    form.absence_from.setDate(QDate(2027, 3, 1))
    form.absence_to.setDate(QDate(2027, 3, 5))
    qtbot.keyClicks(form.absence_note, "Holiday")
    qtbot.keyClick(form.absence_note, Qt.Key.Key_Return)  # Enter adds it
    assert absence_texts(tab) == ["01 Mar – 05 Mar 2027 · Holiday"]
    assert window.ctx.undo_stack.undoText() == f"Add absence for {first.name}"
    # The same absence again: refused in one line, nothing saved.
    qtbot.keyClicks(form.absence_note, "Holiday")
    form.add_absence.click()
    assert "already" in form.errors["absences"].text()
    assert "\n" not in form.errors["absences"].text()
    stored = RosterService(window.ctx.team).get(first.id).absences
    assert len(stored) == before + 1
    assert stored[-1].start == dt.date(2027, 3, 1)
    # The next member starts with fresh fields and no leftover error.
    tab.table.setCurrentIndex(tab.proxy.index(0, 0))
    assert tab.current_member().id != first.id
    assert form.absence_from.date() == QDate.currentDate()
    assert form.absence_to.date() == QDate.currentDate()
    assert form.absence_note.text() == ""
    assert not form.errors["absences"].isVisible()
    assert absence_texts(tab) == []
    window.ctx.undo_stack.undo()  # back on the first member, without the absence
    assert tab.current_member().id == first.id
    assert absence_texts(tab) == []


def assert_columns_fit(tab) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QFontMetrics

    header = tab.table.horizontalHeader()
    bold = tab.table.font()
    bold.setBold(True)
    for column in (NAME, ROLE):
        metrics = QFontMetrics(bold) if column == NAME else tab.table.fontMetrics()
        widest = max(
            metrics.horizontalAdvance(tab.model.index(r, column).data())
            for r in range(tab.model.rowCount())
        )
        assert header.sectionSize(column) >= min(widest + 6, 260), tab.model.HEADERS[column]


LONG_PEOPLE = [
    Member(name="Maximiliane Oberhauser-Lindqvist", role="Frontend accessibility engineer"),
    Member(name="Ana Lima", role="Product designer and researcher"),
]


def test_columns_fitted_to_an_empty_first_start_grow_when_people_arrive(
    window, qtbot, team_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tab = roster_tab(window, team_path)
    assert tab.model.rowCount() == 0
    RosterService(window.ctx.team).add_many(LONG_PEOPLE)
    window.ctx.changed.emit("roster")
    assert_columns_fit(tab)


def test_widths_saved_from_an_empty_table_are_not_restored_as_cut(
    window, qtbot, team_path: Path
) -> None:  # type: ignore[no-untyped-def]
    roster_tab(window, team_path)
    window.close()  # saves the layout of the empty table
    from teamkeel.core.storage.teamfile import TeamFile
    from teamkeel.ui.main_window import MainWindow

    with TeamFile.open(team_path) as team:  # people added elsewhere, e.g. a CSV import
        RosterService(team).add_many(LONG_PEOPLE)
    again = MainWindow(window.settings, window.prompts)
    qtbot.addWidget(again)
    again.show()
    assert again.open_file(team_path)
    assert_columns_fit(again.tab("roster"))


def test_at_1024_the_last_columns_show_without_scrolling_and_others_give_way(
    window, qtbot, demo_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from teamkeel.ui.roster.table_model import GOALS, STATUS

    window.resize(1024, 700)
    tab = roster_tab(window, demo_path)
    window.finish_setup()
    header = tab.table.horizontalHeader()
    qtbot.waitUntil(lambda: header.isSectionHidden(GOALS))
    assert not header.isSectionHidden(STATUS) and not header.isSectionHidden(ROLE)
    assert tab.table.horizontalScrollBar().maximum() == 0
    assert "Growth goals" in header.toolTip()
    # The lead may bring a column back: it stays, even if it needs scrolling.
    tab.show_column(GOALS, True)
    window.resize(1000, 700)
    qtbot.waitUntil(lambda: tab.table.viewport().width() < 620)
    assert not header.isSectionHidden(GOALS)
