"""The Stand-up tab driven from the keyboard, as a lead would during a live stand-up."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from teamkeel.core.errors import ValidationError
from teamkeel.core.roster import Member, RosterService
from teamkeel.core.standup import EntryKind, StandupService, Status
from teamkeel.ui.context import AppContext
from teamkeel.ui.standup import StandupTab

NAMES = ["Ana Sousa", "Bo", "Cy", "李娜", "Zoë Martin"]


@pytest.fixture
def tab(qtbot, team, prompts):
    RosterService(team).add_many(
        Member(name=n, role="Engineer", timezone="UTC", work_start=dt.time(9), work_end=dt.time(17))
        for n in NAMES
    )
    ctx = AppContext(team, prompts)
    widget = StandupTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.quick.setFocus()
    return widget


def type_text(qtbot, widget, text: str) -> None:
    """Type text of any script: keyClicks for ASCII, an input-method commit otherwise."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(char)
            QApplication.sendEvent(widget, event)


def test_typing_an_entry_and_enter_records_it_at_the_top(qtbot, tab) -> None:
    resets: list[int] = []
    tab.model.modelReset.connect(lambda: resets.append(1))
    type_text(qtbot, tab.quick, "kudos @Ana Sousa -> @Bo, @李娜 paired on the flaky test #ci")
    qtbot.keyClick(tab.quick, Qt.Key.Key_Return)
    assert tab.quick.text() == ""
    top = tab.model.entry(0)
    assert top.kind is EntryKind.KUDOS
    assert [m.name for m in top.others] == ["Bo", "李娜"]
    assert tab.proxy.index(0, 4).data() == "paired on the flaky test"
    assert resets == []  # inserted in place, not reloaded
    assert "Ana Sousa" in tab.today.spoken.text().split("Not yet")[0]


def test_at_completes_names_in_any_script(qtbot, tab) -> None:
    type_text(qtbot, tab.quick, "kudos @an")
    assert tab.quick.candidates() == ["Ana Sousa"]
    qtbot.keyClick(tab.quick, Qt.Key.Key_Tab)
    assert tab.quick.text() == "kudos @Ana Sousa "
    type_text(qtbot, tab.quick, "-> @李")
    assert tab.quick.candidates() == ["李娜"]
    qtbot.keyClick(tab.quick, Qt.Key.Key_Return)  # takes the name, records nothing yet
    assert tab.quick.text() == "kudos @Ana Sousa -> @李娜 "
    assert StandupService(tab.ctx.team).count() == 0
    type_text(qtbot, tab.quick, "reviewed my schema")
    # A live preview, once typing pauses.
    qtbot.waitUntil(lambda: "Ana Sousa thanks 李娜 — reviewed my schema" in tab.message.text())
    qtbot.keyClick(tab.quick, Qt.Key.Key_Return)
    assert tab.model.entry(0).others[0].name == "李娜"


def test_malformed_input_is_explained_in_place_and_nothing_is_recorded(qtbot, tab) -> None:
    type_text(qtbot, tab.quick, "kudos @Ana Sousa @Bo thanks")
    qtbot.keyClick(tab.quick, Qt.Key.Key_Escape)  # close the completion list
    qtbot.keyClick(tab.quick, Qt.Key.Key_Return)
    assert "after the giver" in tab.message.text()
    assert tab.quick.text() == "kudos @Ana Sousa @Bo thanks"  # kept for fixing
    assert StandupService(tab.ctx.team).count() == 0
    tab.quick.setText("kudos @Nobody -> @Bo thanks")
    tab.submit()
    assert "Nobody" in tab.message.text()
    assert tab.quick.selectedText() == "@Nobody"


def test_resolve_a_blocker_with_the_keyboard_and_undo_it(qtbot, tab) -> None:
    type_text(qtbot, tab.quick, "blocked @Cy waiting for API keys")
    qtbot.keyClick(tab.quick, Qt.Key.Key_Escape)
    qtbot.keyClick(tab.quick, Qt.Key.Key_Return)
    assert tab.today.blockers.count() == 1
    assert "raised today" in tab.today.blockers.item(0).text()
    assert tab.ctx.undo_stack.undoText() == "Record blocker for Cy"

    qtbot.keyClick(tab.quick, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert tab.today.blockers.hasFocus()
    qtbot.keyClick(tab.today.blockers, Qt.Key.Key_R)
    assert tab.today.helper_line.isVisible()
    type_text(qtbot, tab.today.helper_line, "@Bo")
    qtbot.keyClick(tab.today.helper_line, Qt.Key.Key_Tab)
    qtbot.keyClick(tab.today.helper_line, Qt.Key.Key_Return)

    entry = tab.model.entry(0)
    assert entry.status is Status.RESOLVED and [m.name for m in entry.others] == ["Bo"]
    assert tab.today.blockers.count() == 0
    assert tab.ctx.undo_stack.undoText() == "Resolve blocker for Cy"
    tab.ctx.undo_stack.undo()
    assert tab.model.entry(0).status is Status.OPEN
    assert tab.today.blockers.count() == 1
    tab.ctx.undo_stack.redo()
    assert tab.model.entry(0).status is Status.RESOLVED


def test_a_resolution_typed_in_the_entry_line(qtbot, tab) -> None:
    for text in ("blocked @Cy no VPN", "resolved @Cy by @Zoë"):
        tab.quick.setText(text)
        tab.submit()
    entry = tab.model.entry(0)
    assert entry.status is Status.RESOLVED and entry.others[0].name == "Zoë Martin"


def test_undo_and_redo_of_a_recorded_entry_keep_its_identity(qtbot, tab) -> None:
    tab.quick.setText("kudos @Bo -> @Cy took notes")
    tab.submit()
    first = tab.model.entry(0)
    assert tab.ctx.undo_stack.undoText() == "Record kudos from Bo to Cy"
    tab.ctx.undo_stack.undo()
    assert tab.model.rowCount() == 0 and StandupService(tab.ctx.team).count() == 0
    tab.ctx.undo_stack.redo()
    assert tab.model.entry(0) == first


def test_delete_key_removes_an_entry_and_undo_brings_it_back(qtbot, tab) -> None:
    for text in ("kudos @Bo -> @Cy one", "kudos @Bo -> @Cy two"):
        tab.quick.setText(text)
        tab.submit()
    tab.table.setFocus()
    tab.table.selectRow(0)
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert [tab.model.entry(r).note for r in range(tab.model.rowCount())] == ["one"]
    assert tab.ctx.undo_stack.undoText() == "Delete kudos from Bo to Cy"
    tab.ctx.undo_stack.undo()
    assert [tab.model.entry(r).note for r in range(tab.model.rowCount())] == ["two", "one"]


def test_filters_narrow_the_log(qtbot, tab) -> None:
    for text in (
        "kudos @Ana Sousa -> @Bo reviewed",
        "kudos @Cy -> @李娜 paired",
        "blocked @Zoë no access",
    ):
        tab.quick.setText(text)
        tab.submit()
    tab.filters.member.setCurrentIndex(tab.filters.member.findText("Bo"))
    assert [tab.model.entry(r).note for r in range(tab.model.rowCount())] == ["reviewed"]
    tab.filters.member.setCurrentIndex(0)
    tab.filters.status.setCurrentIndex(tab.filters.status.findText("Open"))
    assert [tab.model.entry(r).note for r in range(tab.model.rowCount())] == ["no access"]
    tab.filters.status.setCurrentIndex(0)
    tab.filters.search.setText("PAIR")
    tab.filters.apply_now()
    assert [tab.model.entry(r).note for r in range(tab.model.rowCount())] == ["paired"]
    # A new entry that does not match the filter stays out of the table.
    tab.quick.setText("kudos @Bo -> @Cy something else")
    tab.submit()
    assert tab.model.rowCount() == 1
    assert tab.count_label.text() == "1 entry"


def test_the_log_fetches_more_rows_as_it_scrolls(qtbot, tab) -> None:
    import random

    from teamkeel.core.standup.demo import add_history

    add_history(tab.ctx.team, random.Random(3), dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    tab.reload()
    total = StandupService(tab.ctx.team).count()
    assert total > 300
    assert tab.model.rowCount() < total and tab.model.canFetchMore()
    for _ in range(20):  # the view asks for more rows when it reaches the bottom
        if not tab.model.canFetchMore():
            break
        before = tab.model.rowCount()
        tab.table.scrollToBottom()
        qtbot.waitUntil(lambda b=before: tab.model.rowCount() > b)
    assert tab.model.rowCount() == total
    days = [tab.model.entry(r).day for r in range(total)]
    assert days == sorted(days, reverse=True)


def test_entries_link_to_the_calendar_stand_up_of_the_day(qtbot, demo_team, prompts) -> None:
    from PySide6.QtCore import QDate

    from teamkeel.core.standup.occurrences import standup_on

    day = next(
        d
        for d in (dt.date.today() + dt.timedelta(days=i) for i in range(14))
        if standup_on(demo_team, d) is not None
    )
    tab = StandupTab(AppContext(demo_team, prompts))
    qtbot.addWidget(tab)
    tab.day.setDate(QDate(day.year, day.month, day.day))
    assert "stand-up" in tab.today.occurrence.text().lower()
    giver, receiver = tab.names.members[:2]
    tab.quick.setText(f"kudos @{giver.name} -> @{receiver.name} covered the release")
    tab.submit()
    entry = tab.model.entry(0)
    stored = StandupService(demo_team).get(entry.id)
    assert stored.link is not None and stored.link.occurrence_date == day


def test_a_ten_person_stand_up_without_the_mouse(qtbot, team, prompts) -> None:
    people = [
        "Ana Sousa",
        "Bo",
        "Cy",
        "李娜",
        "Zoë Martin",
        "Дмитрий",
        "Ελένη",
        "Kenji Ōsaka",
        "Priya",
        "Chidi",
    ]
    RosterService(team).add_many(
        Member(name=n, role="Engineer", timezone="UTC", work_start=dt.time(9), work_end=dt.time(17))
        for n in people
    )
    tab = StandupTab(AppContext(team, prompts))
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)
    tab.quick.setFocus()

    def say(text: str) -> None:
        type_text(qtbot, tab.quick, text)
        if tab.quick.candidates():
            qtbot.keyClick(tab.quick, Qt.Key.Key_Escape)
        qtbot.keyClick(tab.quick, Qt.Key.Key_Return)
        assert tab.quick.text() == "", tab.message.text()

    # Each person speaks once; names typed partly and completed with Tab.
    for i, name in enumerate(people):
        helper = people[(i + 3) % len(people)]
        if i % 4 == 3:
            say(f"blocked @{name} waiting on review {i}")
        else:
            type_text(qtbot, tab.quick, "kudos @" + name[:2])
            qtbot.keyClick(tab.quick, Qt.Key.Key_Tab)
            say(f"-> @{helper} helped with item {i}")
    assert "Spoken (10/10)" in tab.today.spoken.text()
    assert tab.today.blockers.count() == 2

    # Resolve the first open blocker from the keyboard.
    qtbot.keyClick(tab.quick, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(tab.today.blockers, Qt.Key.Key_R)
    type_text(qtbot, tab.today.helper_line, "@Ana Sousa")
    qtbot.keyClick(tab.today.helper_line, Qt.Key.Key_Escape)  # close the name list
    qtbot.keyClick(tab.today.helper_line, Qt.Key.Key_Return)
    assert tab.today.blockers.count() == 1
    # Esc hands the keyboard back to the entry line.
    with qtbot.waitSignal(tab.today.leave_requested, timeout=1000):
        qtbot.keyClick(tab.today.blockers, Qt.Key.Key_Escape)
    assert StandupService(team).count() == 10


def test_only_the_date_header_reorders_the_log(qtbot, tab) -> None:
    for day in ("2026-03-02", "2026-03-04", "2026-03-03"):
        tab.service.add_kudos(dt.date.fromisoformat(day), 1, [2], day)
    tab.reload()
    header = tab.table.horizontalHeader()
    notes = lambda: [tab.proxy.index(r, 4).data() for r in range(tab.proxy.rowCount())]  # noqa: E731
    assert notes() == ["2026-03-04", "2026-03-03", "2026-03-02"]
    tab.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert notes() == ["2026-03-02", "2026-03-03", "2026-03-04"]
    tab.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    assert notes() == ["2026-03-02", "2026-03-03", "2026-03-04"]
    assert header.sortIndicatorSection() == 0


def test_file_export_writes_the_filtered_log(qtbot, tab, prompts, tmp_path) -> None:
    import csv

    for text in ("kudos @Bo -> @Cy one", "blocked @Zoë two"):
        tab.quick.setText(text)
        tab.submit()
    tab.filters.kind.setCurrentIndex(tab.filters.kind.findText("Blockers"))
    out = tmp_path / "log.csv"
    prompts.files.append(str(out))
    (action,) = tab.export_actions()
    action.trigger()
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["kind"], r["giver_or_owner"], r["note"]) for r in rows] == [
        ("blocker", "Zoë Martin", "two")
    ]


def test_other_tabs_hear_of_a_burst_of_entries_once(qtbot, tab) -> None:
    heard: list[str] = []
    tab.ctx.changed.connect(heard.append)
    with qtbot.waitSignal(tab.ctx.changed, timeout=2000):
        for text in ("kudos @Bo -> @Cy one", "kudos @Cy -> @Bo two", "blocked @Bo three"):
            tab.quick.setText(text)
            tab.submit()
    assert heard == ["standup"]
    tab.ctx.undo_stack.undo()
    tab.hide()  # leaving the tab sends the pending notice at once
    assert heard == ["standup", "standup"]


def test_ctrl_z_on_the_empty_entry_line_undoes_the_entry_just_recorded(
    qtbot, window, demo_path
) -> None:
    """Focus stays in the entry line after Enter, so that is where Ctrl+Z is pressed."""
    assert window.open_file(demo_path)
    window.select_tab("standup")
    tab = window.tab("standup")
    qtbot.waitExposed(window)
    window.activateWindow()
    tab.quick.setFocus()
    service = StandupService(tab.ctx.team)
    before = service.count()
    tab.quick.setText("kudos @Ana -> @Bo paired on the flaky test")
    qtbot.keyClick(tab.quick, Qt.Key.Key_Return)
    assert service.count() == before + 1 and tab.quick.text() == ""

    qtbot.keyClick(tab.quick, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert service.count() == before
    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(tab.quick, Qt.Key.Key_Z, redo)
    assert service.count() == before + 1

    # While something is typed, Ctrl+Z undoes the typing, not the log.
    qtbot.keyClicks(tab.quick, "kudos")
    qtbot.keyClick(tab.quick, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert tab.quick.text() == "" and service.count() == before + 1


def test_what_was_said_stays_readable_in_a_narrow_window(qtbot, tab) -> None:
    from teamkeel.ui.standup.log_model import NOTE
    from teamkeel.ui.standup.log_view import MIN_NOTE_WIDTH

    header = tab.table.horizontalHeader()
    tab.resize(1000, 650)  # the tab inside a 1024-pixel window
    qtbot.waitUntil(lambda: header.sectionSize(NOTE) >= MIN_NOTE_WIDTH)
    tab.resize(1600, 900)  # roomy again: "What" takes the free width
    qtbot.waitUntil(lambda: header.length() == tab.table.viewport().width())
    assert header.sectionSize(NOTE) > MIN_NOTE_WIDTH + 100


def test_the_log_can_be_narrowed_to_any_stretch_of_dates(qtbot, tab) -> None:
    from PySide6.QtCore import QDate

    for day, note in (("2026-03-02", "march"), ("2026-04-15", "april"), ("2026-06-01", "june")):
        StandupService(tab.ctx.team).add_kudos(
            dt.date.fromisoformat(day), *_ids(tab, "Bo", "Cy"), note
        )
    tab.reload()
    bar = tab.filters
    assert not bar.start_date.isVisibleTo(tab)
    bar.range.setCurrentIndex(bar.range.findText("Between dates…"))
    assert bar.start_date.isVisibleTo(tab) and bar.end_date.isVisibleTo(tab)
    bar.start_date.setDate(QDate(2026, 4, 1))
    bar.end_date.setDate(QDate(2026, 5, 31))
    assert [tab.model.entry(r).note for r in range(tab.model.rowCount())] == ["april"]
    bar.start_date.setDate(QDate(2026, 6, 30))  # the other way round means the same
    assert [tab.model.entry(r).note for r in range(tab.model.rowCount())] == ["june"]
    bar.range.setCurrentIndex(0)
    assert not bar.start_date.isVisibleTo(tab)
    assert tab.model.rowCount() == 3


def _ids(tab, giver: str, receiver: str) -> tuple[int, list[int]]:
    by_name = {m.name: m.id for m in tab.names.members}
    return by_name[giver], [by_name[receiver]]


def test_a_future_stand_up_cannot_be_picked_or_recorded(qtbot, tab) -> None:
    from PySide6.QtCore import QDate

    tab.day.setDate(QDate.currentDate().addDays(30))
    assert tab.standup_day() <= dt.date.today() + dt.timedelta(days=1)
    far = dt.date.today() + dt.timedelta(days=30)
    ana, bo = (m.id for m in tab.names.members if m.name in ("Ana Sousa", "Bo"))
    with pytest.raises(ValidationError, match="is in the future"):
        StandupService(tab.ctx.team).add_kudos(far, ana, [bo], "not yet")


def test_last_7_days_means_today_and_the_six_days_before(qtbot, tab) -> None:
    today = dt.date.today()
    log = StandupService(tab.ctx.team)
    for back in (7, 6, 0):
        log.add_kudos(today - dt.timedelta(days=back), *_ids(tab, "Bo", "Cy"), f"{back} days ago")
    tab.reload()
    bar = tab.filters
    bar.range.setCurrentIndex(bar.range.findText("Last 7 days"))
    shown = [tab.model.entry(r).note for r in range(tab.model.rowCount())]
    # Seven days, as the Insights tab counts them: a week ago today is the eighth.
    assert shown == ["0 days ago", "6 days ago"]
    assert bar.current(dt.date(2026, 3, 10)).start == dt.date(2026, 3, 4)


def test_a_window_left_open_over_the_weekend_records_on_the_new_day(qtbot, tab) -> None:
    today = dt.date.today()
    friday = today - dt.timedelta(days=3)
    tab.clock = lambda: friday
    tab.follow_today()  # the tab as it stood on Friday evening
    assert tab.standup_day() == friday
    tab.clock = dt.date.today  # the next stand-up, in the same window
    tab.quick.setText("kudos @Bo -> @Cy covered the release")
    tab.submit()
    entry = StandupService(tab.ctx.team).page(tab.filters.current(), 0, 10)[0]
    assert entry.note == "covered the release" and entry.day == today
    assert tab.standup_day() == today
    # A day the lead picked on purpose is kept.
    tab.day.setDate(tab.day.date().addDays(-2))
    tab.clock = lambda: today + dt.timedelta(days=1)
    tab.quick.setText("kudos @Cy -> @Bo late entry")
    tab.submit()
    assert tab.standup_day() == today - dt.timedelta(days=2)
    assert tab.day.maximumDate().toPython() == today + dt.timedelta(days=2)


def test_a_pasted_line_is_parsed_once_typing_pauses_not_per_key(qtbot, tab, monkeypatch) -> None:
    import teamkeel.ui.standup.tab as standup_tab

    parses: list[str] = []
    real = standup_tab.parse_entry
    monkeypatch.setattr(standup_tab, "parse_entry", lambda t, n: parses.append(t) or real(t, n))
    pasted = "kudos @Ana Sousa -> " + " ".join(["@Zoë Martin"] * 300) + " reviewed"
    tab.quick.insert(pasted)
    tab.quick.textEdited.emit(tab.quick.text())  # as a paste from the keyboard does
    type_text(qtbot, tab.quick, " it all")
    assert parses == []  # nothing parsed while the keys come in
    qtbot.waitUntil(lambda: "Ana Sousa thanks Zoë Martin — reviewed it all" in tab.message.text())
    assert len(parses) == 1
    qtbot.keyClick(tab.quick, Qt.Key.Key_Return)  # Enter reads the line at once
    assert StandupService(tab.ctx.team).count() == 1


def test_a_line_of_many_unknown_names_shows_a_few_problems_and_a_count(qtbot, tab) -> None:
    tab.quick.setText("kudos @Ana Sousa -> " + " ".join(f"@Nobody{i}" for i in range(200)) + " x")
    tab.submit()
    lines = tab.message.text().split("<br>")
    assert len(lines) == 5
    assert "196 more problems" in lines[-1]
    assert StandupService(tab.ctx.team).count() == 0
