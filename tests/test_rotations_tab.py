"""The Rotations tab, driven through the window as the lead would: create, plan in the
background, swap, pin, mark done, re-plan, undo."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from PySide6.QtCore import Qt

from teamkeel.core.roster import Member, RosterService
from teamkeel.core.rotations.planner import Kind
from teamkeel.core.rotations.records import RotationSpec
from teamkeel.core.rotations.service import RotationService
from teamkeel.core.storage.teamfile import TeamFile
from teamkeel.core.team_info import create_team

NAMES = ["Zoë Martin", "Kenji Ōsaka", "Ελένη Παππά", "Дмитрий Орлов", "李娜", "Ana Sousa"]


def open_tab(window, path: Path):  # type: ignore[no-untyped-def]
    assert window.open_file(path)
    assert window.select_tab("rotations")
    return window.tab("rotations")


def make_team(path: Path, plan: int = 0) -> None:
    with create_team(path, "Harbour") as team:
        RosterService(team).add_many(Member(name=n) for n in NAMES)
        service = RotationService(team)
        spec = service.save(RotationSpec(name="Pairing", start_date=dt.date(2026, 1, 7)))
        if plan:
            service.plan(spec.id, plan)


def plan_in_background(tab, qtbot, rounds: int) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(tab.runner.finished, timeout=10000):
        tab.plan_ahead(rounds)
    qtbot.waitUntil(lambda: not tab.planning)  # planned, then stored on a worker


def stored_rounds(window):  # type: ignore[no-untyped-def]
    service = RotationService(window.ctx.team)
    return service.rounds(service.find("Pairing").id)


def test_create_a_rotation_in_the_editor_and_undo(window, qtbot, team_path: Path) -> None:  # type: ignore[no-untyped-def]
    with TeamFile.create(team_path) as team:
        RosterService(team).add_many(Member(name=n) for n in NAMES)
    tab = open_tab(window, team_path)
    assert tab.heading.text() == "No rotation yet"
    tab.new_rotation()
    editor = tab.editor
    editor.save()  # no name yet: refused, naming the field
    assert "name" in editor.problems.text()
    editor.name.setText("Blocker buddies")
    editor.kind.setCurrentIndex(list(Kind).index(Kind.CROSS_CHECK))
    editor.save()
    assert not editor.isVisible()
    service = RotationService(window.ctx.team)
    assert [r.spec.name for r in service.list_rotations()] == ["Blocker buddies"]
    assert tab.heading.text() == "Blocker buddies"
    window.ctx.undo_stack.undo()
    assert service.list_rotations() == []
    window.ctx.undo_stack.redo()
    assert [r.spec.kind for r in service.list_rotations()] == [Kind.CROSS_CHECK]


def test_plan_in_a_worker_then_undo_and_redo(window, qtbot, team_path: Path) -> None:  # type: ignore[no-untyped-def]
    make_team(team_path)
    tab = open_tab(window, team_path)
    plan_in_background(tab, qtbot, 5)
    assert len(stored_rounds(window)) == 5
    assert tab.round_model.rowCount() == 5
    assert tab.progress.isHidden()
    window.ctx.undo_stack.undo()
    assert stored_rounds(window) == [] and tab.round_model.rowCount() == 0
    window.ctx.undo_stack.redo()
    assert len(stored_rounds(window)) == 5


def test_cancelled_planning_changes_nothing(window, qtbot, team_path: Path, prompts) -> None:  # type: ignore[no-untyped-def]
    make_team(team_path)
    tab = open_tab(window, team_path)
    job = tab.service.prepare(tab.current_rotation_id(), count=50)
    stop = threading.Event()
    stop.set()  # as if Cancel was pressed before the first round was planned
    tab._plan_label = "Plan"
    tab._keep_round = None
    with qtbot.waitSignal(tab.runner.finished, timeout=10000) as finished:
        tab.runner.start(job, stop)
    assert finished.args[1].cancelled
    assert stored_rounds(window) == []
    assert any("cancelled" in text for _, text in prompts.infos)
    assert window.ctx.undo_stack.count() == 0


def test_swap_pin_done_and_replan_on_the_board(window, qtbot, team_path: Path) -> None:  # type: ignore[no-untyped-def]
    make_team(team_path, plan=5)
    tab = open_tab(window, team_path)
    board = tab.board
    # The first round not done is shown; swap one person from each of two pairs.
    first = tab.current_round()
    assert first is not None and first.number == 0
    a = first.groups[0].members[0]
    b = first.groups[1].members[0]
    board.select_members(a, b)
    assert board.swap_button.isEnabled()
    qtbot.mouseClick(board.swap_button, Qt.MouseButton.LeftButton)
    swapped = stored_rounds(window)[0]
    assert b in swapped.groups[0].members and a in swapped.groups[1].members
    # Pin the edited pair, mark the round done, re-plan what follows.
    board.select_group(0)
    assert board.pin_button.text() == "Pin"
    qtbot.mouseClick(board.pin_button, Qt.MouseButton.LeftButton)
    assert stored_rounds(window)[0].groups[0].pinned
    name = tab.current_spec().name
    assert window.ctx.undo_stack.undoText() == f"Pin group 1 in round 1 of “{name}”"
    qtbot.mouseClick(board.done_button, Qt.MouseButton.LeftButton)
    assert stored_rounds(window)[0].done
    assert window.ctx.undo_stack.undoText() == f"Mark round 1 of “{name}” done"
    with qtbot.waitSignal(tab.runner.finished, timeout=10000):
        qtbot.mouseClick(board.replan_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.planning)
    rounds = stored_rounds(window)
    assert len(rounds) == 5
    met = {frozenset(g.members) for g in rounds[0].groups}
    assert not met & {frozenset(g.members) for g in rounds[1].groups}
    # Undo walks back: re-plan, done, pin, swap.
    stack = window.ctx.undo_stack
    for _ in range(4):
        stack.undo()
    back = stored_rounds(window)[0]
    assert not back.done and not back.groups[0].pinned
    assert a in back.groups[0].members and b in back.groups[1].members


def test_fairness_page_shows_the_matrix_and_member_figures(
    window, qtbot, team_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    make_team(team_path, plan=5)
    tab = open_tab(window, team_path)
    tab.pages.setCurrentIndex(1)
    matrix = tab.heatmap.matrix
    assert matrix is not None and matrix.highest == 1
    assert tab.stats_model.rowCount() == len(NAMES)
    partners = [tab.stats_model.index(r, 2).data() for r in range(tab.stats_model.rowCount())]
    assert partners == ["5"] * len(NAMES)
    text = tab.heatmap.describe(0, 1)
    assert "once" in text
    # Shaded by how recently: the pair of the last round is darkest, an earlier one lighter.
    last = tab.round_model.rounds[-1].groups[0].members
    first = tab.round_model.rounds[0].groups[0].members
    tab.shade_by.setCurrentIndex(1)
    assert tab.heatmap.shade(*last) == 1.0 > tab.heatmap.shade(*first) > 0
    window.resize(1300, 800)
    assert window.grab().save(str(tmp_path / "fairness.png"))


def test_export_from_the_tab_writes_the_pdf(
    window, qtbot, team_path: Path, tmp_path: Path, prompts
) -> None:  # type: ignore[no-untyped-def]
    make_team(team_path, plan=3)
    tab = open_tab(window, team_path)
    out = tmp_path / "pairing.pdf"
    prompts.files.append(str(out))
    tab.choose_export()
    assert out.read_bytes().startswith(b"%PDF")
    assert prompts.errors == []
    # It says where it wrote (it used to say nothing).
    assert prompts.infos[-1] == (
        "Rotation exported",
        f"Wrote “{tab.current_spec().name}” (3 rounds) to {out}.",
    )


def test_planning_a_large_team_reports_progress_while_the_window_keeps_running(
    window, qtbot, team_path: Path
) -> None:  # type: ignore[no-untyped-def]
    with TeamFile.create(team_path) as team:
        RosterService(team).add_many(Member(name=f"Member {i:03}") for i in range(80))
        RotationService(team).save(
            RotationSpec(name="Everyone", kind=Kind.CROSS_CHECK, start_date=dt.date(2026, 1, 5))
        )
    tab = open_tab(window, team_path)
    seen: list[tuple[int, int]] = []
    tab.runner.progress.connect(lambda done, total: seen.append((done, total)))
    with qtbot.waitSignal(tab.runner.finished, timeout=60000):
        tab.plan_ahead(30)
        # The planner runs in its own thread: the window is free, showing progress.
        assert tab.runner.busy and tab.progress.isVisible() and not tab.board.isEnabled()
    qtbot.waitUntil(lambda: not tab.planning)  # planned, then stored on a worker
    assert seen and seen[-1] == (30, 30)
    assert tab.progress.isHidden() and tab.board.isEnabled()
    assert tab.round_model.rowCount() == 30


def test_the_editor_keeps_a_chosen_subset_and_never_together_pairs(
    window, qtbot, team_path: Path
) -> None:  # type: ignore[no-untyped-def]
    make_team(team_path)
    tab = open_tab(window, team_path)
    tab.edit_rotation()
    editor = tab.editor
    editor.all_members.setChecked(False)
    editor.member_list.item(0).setCheckState(Qt.CheckState.Checked)
    editor.save()
    assert "members: choose at least 2" in editor.problems.text()
    for row in (1, 2, 3):
        editor.member_list.item(row).setCheckState(Qt.CheckState.Checked)
    editor.never_a.setCurrentIndex(0)
    editor.never_b.setCurrentIndex(1)
    editor.add_never.click()
    editor.save()
    spec = RotationService(window.ctx.team).find("Pairing")
    assert not spec.all_members and len(spec.members) == 4
    assert len(spec.never_together) == 1
    plan_in_background(tab, qtbot, 3)
    (a, b) = spec.never_together[0]
    for r in stored_rounds(window):
        assert all({a, b} != set(g.members) for g in r.groups)
        assert len([m for g in r.groups for m in g.members]) + len(r.sitting_out) == 4
    window.ctx.undo_stack.undo()  # the plan
    window.ctx.undo_stack.undo()  # the edit
    assert RotationService(window.ctx.team).find("Pairing").all_members


def test_reopening_shows_the_same_rotation_and_page(window, qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = open_tab(window, demo_path)
    chosen = tab.rotation_model.items[-1].spec
    assert tab.select_rotation(chosen.id)
    tab.pages.setCurrentIndex(1)  # Fairness
    window.close()
    from teamkeel.ui.main_window import MainWindow

    again = MainWindow(window.settings, window.prompts)
    qtbot.addWidget(again)
    again.show()
    reopened = open_tab(again, demo_path)
    assert reopened.current_spec().name == chosen.name
    assert reopened.pages.currentIndex() == 1
    assert reopened.heading.text() == chosen.name


def test_deleting_the_rotation_while_it_is_planned_gives_a_message(  # type: ignore[no-untyped-def]
    window, qtbot, team_path: Path, prompts
) -> None:
    make_team(team_path)
    tab = open_tab(window, team_path)
    # The plan's result comes back through the event loop, so nothing is stored before
    # the lead deletes the rotation here.
    with qtbot.waitSignal(tab.runner.finished, timeout=10000):
        tab.plan_ahead(5)
        tab.delete_rotation()
    qtbot.waitUntil(lambda: not tab.planning)
    assert RotationService(window.ctx.team).list_rotations() == []
    assert any("changed while" in text for _, text in prompts.infos)
    assert window.ctx.undo_stack.count() == 1  # only the deletion
    window.ctx.undo_stack.undo()
    assert stored_rounds(window) == []


def test_a_rotation_edited_while_it_is_planned_is_not_planned_with_stale_rules(  # type: ignore[no-untyped-def]
    window, qtbot, team_path: Path, prompts
) -> None:
    make_team(team_path)
    tab = open_tab(window, team_path)
    with qtbot.waitSignal(tab.runner.finished, timeout=10000):
        tab.plan_ahead(5)
        tab.edit_rotation()
        tab.editor.kind.setCurrentIndex(list(Kind).index(Kind.ROLE))
        tab.editor.save()
    qtbot.waitUntil(lambda: not tab.planning)
    spec = RotationService(window.ctx.team).find("Pairing")
    assert spec.kind is Kind.ROLE
    # Pairs planned for the old kind must not land in a rotation of single roles.
    assert stored_rounds(window) == []
    assert any("changed while" in text for _, text in prompts.infos)


def test_the_swap_shortcut_swaps_and_clashes_with_no_menu_entry(
    window, qtbot, team_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QAction, QKeySequence

    make_team(team_path, plan=2)
    tab = open_tab(window, team_path)
    keys = tab.board.swap_button.shortcut()
    taken = [
        a.text()
        for a in window.findChildren(QAction)
        if any(s.matches(keys) == QKeySequence.SequenceMatch.ExactMatch for s in a.shortcuts())
    ]
    assert taken == []  # an ambiguous key would do nothing at all
    first = tab.current_round()
    a, b = first.groups[0].members[0], first.groups[1].members[0]
    tab.board.select_members(a, b)
    assert tab.board.swap_button.isEnabled()
    window.activateWindow()
    qtbot.waitActive(window)
    # A button's shortcut clicks it the way a mouse would, after a short press animation.
    with qtbot.waitSignal(tab.board.swap_button.clicked, timeout=5000):
        qtbot.keyClick(
            tab.board.grid,
            Qt.Key.Key_X,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    swapped = stored_rounds(window)[0]
    assert b in swapped.groups[0].members and a in swapped.groups[1].members


def test_closed_editors_do_not_pile_up_in_the_tab(window, qtbot, team_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication, QEvent

    from teamkeel.ui.rotations.editor import RotationEditor

    make_team(team_path)
    tab = open_tab(window, team_path)
    for _ in range(3):
        tab.edit_rotation()
        tab.editor.reject()
        tab.new_rotation()
        tab.editor.reject()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert tab.findChildren(RotationEditor) == []


def test_renaming_a_rotation_keeps_its_archived_members(window, qtbot, team_path: Path) -> None:  # type: ignore[no-untyped-def]
    import dataclasses

    make_team(team_path)
    with TeamFile.open(team_path) as team:
        service = RotationService(team)
        chosen = tuple(m.id for m in RosterService(team).list_members()[:4])
        service.save(
            dataclasses.replace(service.find("Pairing"), all_members=False, members=chosen)
        )
        RosterService(team).set_archived(chosen[0], True)  # away for a while
    tab = open_tab(window, team_path)
    tab.edit_rotation()
    tab.editor.name.setText("Wednesday pairing")
    tab.editor.save()
    spec = RotationService(window.ctx.team).find("Wednesday pairing")
    # Back from leave, they are in the rotation again: only the name was edited.
    assert spec.members == chosen


def test_the_heat_map_names_a_pair_that_never_met_in_plain_words(
    window, qtbot, team_path: Path
) -> None:  # type: ignore[no-untyped-def]
    make_team(team_path, plan=1)
    tab = open_tab(window, team_path)
    matrix, shown = tab.heatmap.matrix, tab.heatmap.members
    n = len(shown)
    row, col = next(
        (r, c) for r in range(n) for c in range(n) if r != c and not matrix.get(shown[r], shown[c])
    )
    names = tab.names
    a, b = names[shown[row]], names[shown[col]]
    assert tab.heatmap.describe(row, col) == f"{a} was never with {b}"


def test_the_board_flags_a_pair_without_the_shared_hours_asked_for(  # type: ignore[no-untyped-def]
    window, qtbot, team_path: Path
) -> None:
    nine_to_five = {"work_start": dt.time(9), "work_end": dt.time(17)}
    with create_team(team_path, "Harbour") as team:
        RosterService(team).add_many(
            [
                Member(name="Kenji Ōsaka", timezone="Asia/Tokyo", **nine_to_five),
                Member(name="Zoë Martin", timezone="America/Los_Angeles", **nine_to_five),
            ]
        )
        service = RotationService(team)
        spec = service.save(
            RotationSpec(name="Pairing", start_date=dt.date(2026, 1, 7), min_overlap_hours=2)
        )
        service.plan(spec.id, 1)
    tab = open_tab(window, team_path)
    grid = tab.board.grid
    note = grid.item(0, grid.columnCount() - 1)
    assert "only 1 h of working time in common (2 h asked)" in note.text()
    assert note.toolTip()


def test_picking_another_round_clears_the_selection_and_swap(
    window, qtbot, team_path: Path
) -> None:  # type: ignore[no-untyped-def]
    make_team(team_path, plan=3)
    tab = open_tab(window, team_path)
    board = tab.board
    first = tab.current_round()
    board.select_members(first.groups[0].members[0], first.groups[1].members[0])
    assert board.swap_button.isEnabled()
    tab.select_round(stored_rounds(window)[1].id)
    assert tab.current_round().number == 1
    assert board.selected_members() == []
    assert not board.swap_button.isEnabled()


def test_a_swap_that_pairs_people_back_to_back_warns(window, qtbot, team_path: Path) -> None:  # type: ignore[no-untyped-def]
    make_team(team_path, plan=3)
    tab = open_tab(window, team_path)
    board = tab.board
    rounds = stored_rounds(window)
    x, y = rounds[0].groups[0].members
    second = rounds[1]
    tab.select_round(second.id)
    with_x = next(g for g in second.groups if x in g.members)
    partner = next(m for m in with_x.members if m != x)
    # Put y where x's partner sits: x and y then meet in rounds 1 and 2.
    board.select_members(partner, y)
    qtbot.mouseClick(board.swap_button, Qt.MouseButton.LeftButton)
    assert any({x, y} <= set(g.members) for g in stored_rounds(window)[1].groups)
    assert board.warning.isVisible()
    names = tab.names
    assert names[x] in board.warning.text() and names[y] in board.warning.text()
    assert "round 1" in board.warning.text()
    window.ctx.undo_stack.undo()
    assert not board.warning.isVisible()

    # A swap that makes no repeat says nothing.
    board.select_members(*second.groups[0].members)
    qtbot.mouseClick(board.swap_button, Qt.MouseButton.LeftButton)
    assert not board.warning.isVisible()


def test_the_heat_map_lists_members_as_the_stats_table_and_fits_at_1024(
    window, qtbot, team_path: Path
) -> None:  # type: ignore[no-untyped-def]
    make_team(team_path, plan=5)
    window.resize(1024, 700)
    tab = open_tab(window, team_path)
    tab.pages.setCurrentIndex(1)
    stats = tab.stats_proxy
    listed = [stats.index(r, 0).data() for r in range(stats.rowCount())]
    assert listed == sorted(NAMES, key=str.casefold)
    assert [tab.names[m] for m in tab.heatmap.members] == listed
    tab.stats_table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert [tab.names[m] for m in tab.heatmap.members] == listed[::-1]
    # Every column of the map is inside the widget: none cut off at its edge.
    heat = tab.heatmap
    qtbot.waitUntil(lambda: heat.isVisible() and heat.width() > 0)
    n = len(heat.members)
    assert heat._label_width() + n * heat.cell <= heat.width()
    assert heat.parentWidget().parentWidget().horizontalScrollBar().maximum() == 0


def test_at_1024_the_rotation_list_leaves_room_and_the_rounds_show_every_column(
    window, qtbot, team_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from teamkeel.ui.rotations.table_models import ROUND_GROUPS, ROUND_OUT

    make_team(team_path, plan=5)
    window.resize(1024, 700)
    tab = open_tab(window, team_path)
    qtbot.waitUntil(lambda: tab.splitter.sizes()[1] > 0)
    left, right = tab.splitter.sizes()
    assert left < 0.35 * (left + right)
    header = tab.round_table.horizontalHeader()
    assert header.visualIndex(ROUND_GROUPS) == header.count() - 1  # last, and stretched
    assert header.visualIndex(ROUND_OUT) < header.visualIndex(ROUND_GROUPS)
    assert tab.round_table.horizontalScrollBar().maximum() == 0


def test_a_plan_is_stored_on_a_worker_as_one_undo_step(
    window, qtbot, team_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Storing 52 rounds and reading them back took a second on the main thread."""
    make_team(team_path, plan=2)
    tab = open_tab(window, team_path)
    threads: list[int] = []
    real_store = RotationService.store

    def store_and_note_thread(self, job, result):  # type: ignore[no-untyped-def]
        threads.append(threading.get_ident())
        return real_store(self, job, result)

    monkeypatch.setattr(RotationService, "store", store_and_note_thread)
    before = stored_rounds(window)
    plan_in_background(tab, qtbot, 20)
    assert threads and threads[0] != threading.get_ident()
    assert len(stored_rounds(window)) == 20 and tab.round_model.rowCount() == 20
    assert window.ctx.undo_stack.count() == 1 and tab.plan_button.isEnabled()
    after = stored_rounds(window)
    window.ctx.undo_stack.undo()
    assert stored_rounds(window) == before
    window.ctx.undo_stack.redo()
    assert [r.groups for r in stored_rounds(window)] == [r.groups for r in after]
    assert len(threads) == 1  # the redo wrote the rounds it kept, not a new plan
