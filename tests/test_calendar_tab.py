"""The Calendar tab through pytest-qt: views, details, editing with validation and undo,
rollout plan, export."""

import datetime as dt

import recurring_ical_events
from icalendar import Calendar
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QDialogButtonBox

from teamkeel.core.calendar import CalendarService


def open_tab(window, path):
    assert window.open_file(path)
    assert window.select_tab("calendar")
    return window.tab("calendar")


def click_first_chip(qtbot, view):
    view.repaint()  # paint records where each occurrence is
    rect, occ = view._hits[0]
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    return occ


def test_month_shows_today_and_click_shows_details(qtbot, window, demo_path):
    tab = open_tab(window, demo_path)
    today = dt.date.today()
    assert tab.period.text() == f"{today:%B %Y}"
    assert tab.month_view.today == today
    assert any(o.kind == "standup" for o in tab.occurrences)
    occ = click_first_chip(qtbot, tab.month_view)
    assert tab.selected == occ
    assert occ.facilitator_name in tab.details.facilitator.text()
    assert tab.details.times.rowCount() > 0
    assert "Agenda" not in tab.details.guide.toPlainText()  # the guide, not a heading
    assert tab.details.guide.toPlainText().strip()
    # Week and agenda views show the same occurrences as the service.
    tab.set_view("week")
    first, last = tab.visible_range()
    assert first.weekday() == 0 and (last - first).days == 6
    assert tab.occurrences == CalendarService(tab.ctx.team).occurrences(first, last)
    tab.set_view("agenda")
    assert tab.agenda_proxy.rowCount() == len(tab.occurrences)


def test_editor_validates_then_saves_and_undo_redo(qtbot, window, demo_path):
    tab = open_tab(window, demo_path)
    service = CalendarService(tab.ctx.team)
    before = len(service.list_rituals())
    editor = tab.new_ritual(dt.date(2026, 3, 2))
    editor.title.setText("   ")
    editor.freq.setCurrentIndex(editor.freq.findData("weekly"))
    editor.end_mode.setCurrentIndex(1)
    editor.until.setDate(editor.until.date().addYears(-2))
    editor.save()
    assert "Title: The title is empty." in editor.errors.text()
    assert "End date: The end date is before the start date." in editor.errors.text()
    assert len(service.list_rituals()) == before
    editor.title.setText("Skill share with Zoë")
    editor.kind.setCurrentIndex(editor.kind.findData("skill_share"))
    editor.end_mode.setCurrentIndex(2)
    editor.count.setValue(3)
    editor.save()
    assert editor.errors.text() == ""
    rituals = service.list_rituals()
    added = next(r for r in rituals if r.title == "Skill share with Zoë")
    assert len(rituals) == before + 1 and added.recurrence.count == 3
    tab.ctx.undo_stack.undo()
    assert len(service.list_rituals()) == before
    tab.ctx.undo_stack.redo()
    assert service.get(added.id).uid == added.uid


def test_swap_skip_delete_with_undo(qtbot, window, demo_path, prompts):
    tab = open_tab(window, demo_path)
    tab.set_view("agenda")
    occ = next(o for o in tab.occurrences if o.kind == "standup")
    tab.select(occ)
    service = CalendarService(tab.ctx.team)
    other = next(p for p in tab.people.values() if p.id != occ.facilitator_id and not p.archived)
    tab.details.swap_to.setCurrentIndex(tab.details.swap_to.findData(other.id))
    qtbot.mouseClick(tab.details.swap_button, Qt.MouseButton.LeftButton)
    day = service.occurrences(occ.day, occ.day)
    assert any(o.uid == occ.uid and o.facilitator_name == other.name and o.swapped for o in day)
    assert tab.details.facilitator.text().count(other.name) == 1
    tab.ctx.undo_stack.undo()
    day = service.occurrences(occ.day, occ.day)
    assert any(o.uid == occ.uid and o.facilitator_name == occ.facilitator_name for o in day)

    tab.select(occ)
    qtbot.mouseClick(tab.details.skip_button, Qt.MouseButton.LeftButton)
    assert not any(o.uid == occ.uid for o in service.occurrences(occ.day, occ.day))
    tab.ctx.undo_stack.undo()

    tab.select(next(o for o in tab.occurrences if o.uid == occ.uid))
    count = len(service.list_rituals())
    qtbot.mouseClick(tab.details.delete_button, Qt.MouseButton.LeftButton)
    assert len(service.list_rituals()) == count - 1
    tab.ctx.undo_stack.undo()
    assert occ.uid in {r.uid for r in service.list_rituals()}


def test_rollout_dialog_and_export(qtbot, window, team_path, prompts, tmp_path):
    from teamkeel.core.roster.member import Member
    from teamkeel.core.roster.service import RosterService
    from teamkeel.core.storage.teamfile import TeamFile

    with TeamFile.create(team_path) as team:
        RosterService(team).add_many(
            [Member("Zoë", timezone="Europe/Paris"), Member("李娜", timezone="Asia/Shanghai")]
        )
    tab = open_tab(window, team_path)
    assert tab.occurrences == []
    assert "No rituals yet" in tab.first_step.label.text()  # and how to add some
    dialog = tab.open_rollout_dialog()
    dialog.start.setDate(dialog.start.date().fromString("2026-01-07", "yyyy-MM-dd"))
    dialog.timezone.setCurrentText("Europe/Berlin")
    dialog._generate()
    service = CalendarService(tab.ctx.team)
    assert len(service.list_rituals()) == 12
    assert tab.anchor == dt.date(2026, 1, 12) and tab.occurrences
    assert not tab.first_step.showing()
    # Export what the month shows; the ICS expands to the same occurrences.
    tab.anchor = dt.date(2026, 3, 1)
    tab.reload()
    out = tmp_path / "plan.ics"
    prompts.files.append(str(out))
    action = next(a for a in tab.export_actions() if "ICS" in a.text())
    action.trigger()
    first, last = dt.date(2026, 3, 1), dt.date(2026, 3, 31)
    cal = Calendar.from_ical(out.read_bytes())
    expanded = recurring_ical_events.of(cal).between(first, last + dt.timedelta(days=1))
    shown = service.occurrences(first, last)
    assert sorted((str(e["UID"]), e.start) for e in expanded) == sorted(
        (o.uid, o.start) for o in shown
    )
    assert prompts.infos and str(out) in prompts.infos[-1][1]  # where, not only the name
    tab.ctx.undo_stack.undo()
    assert service.list_rituals() == []


def test_week_view_click_picks_the_occurrence_under_the_mouse(qtbot, window, demo_path):
    tab = open_tab(window, demo_path)
    tab.set_view("week")
    view = tab.week_view
    view.resize(900, 600)
    view.repaint()
    if not view._hits:
        return  # a week without rituals (the demo has them on every working day)
    rect, occ = view._hits[-1]
    assert view.occurrence_at(rect.center().x(), rect.center().y()) == occ
    assert view.occurrence_at(1, 1) is None
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPointF(rect.center()).toPoint())
    assert tab.selected == occ


def test_keyboard_steps_through_occurrences_in_the_grids_and_enter_opens_one(
    qtbot, window, demo_path
):
    tab = open_tab(window, demo_path)
    for view_name, view in (("month", tab.month_view), ("week", tab.week_view)):
        tab.set_view(view_name)
        tab.select(None)
        view.setFocus()
        in_order = sorted(tab.occurrences, key=lambda o: o.start)
        assert len(in_order) >= 2, "the demo has rituals every working day"
        qtbot.keyClick(view, Qt.Key.Key_Right)
        assert tab.selected == in_order[0]
        qtbot.keyClick(view, Qt.Key.Key_Down)
        assert tab.selected == in_order[1]
        assert tab.details.facilitator.text()  # the details follow the keyboard
        qtbot.keyClick(view, Qt.Key.Key_Left)
        qtbot.keyClick(view, Qt.Key.Key_Up)  # stays on the first
        assert tab.selected == in_order[0]
        qtbot.keyClick(view, Qt.Key.Key_Return)
        editor = tab._dialogs[-1]
        assert editor.title.text() == in_order[0].title
        editor.reject()


def test_agenda_filters_as_the_lead_types_and_sorts_by_a_column(qtbot, window, demo_path):
    from teamkeel.ui.calendar.agenda_model import FACILITATOR, RITUAL

    tab = open_tab(window, demo_path)
    tab.month_view.setFocus()
    qtbot.keyClick(tab.month_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert tab.view == "agenda" and tab.agenda_filter.hasFocus()
    proxy = tab.agenda_proxy
    everything = proxy.rowCount()
    qtbot.keyClicks(tab.agenda_filter, "pairing")
    rituals = {proxy.index(r, RITUAL).data() for r in range(proxy.rowCount())}
    assert rituals == {"Pairing rotation session"} and 0 < proxy.rowCount() < everything
    tab.agenda_filter.clear()
    assert proxy.rowCount() == everything
    tab.agenda_view.sortByColumn(FACILITATOR, Qt.SortOrder.AscendingOrder)
    names = [proxy.index(r, FACILITATOR).data() for r in range(proxy.rowCount())]
    assert names == sorted(names, key=str.casefold)


def test_rollout_with_an_unknown_timezone_says_so_and_adds_nothing(
    qtbot, window, team_path, prompts
):
    from teamkeel.core.storage.teamfile import TeamFile

    TeamFile.create(team_path).close()
    tab = open_tab(window, team_path)
    dialog = tab.open_rollout_dialog()
    dialog.timezone.setCurrentText("Europe/Nowhere")  # the field is free text
    qtbot.mouseClick(
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
        Qt.MouseButton.LeftButton,
    )
    assert dialog.isVisible()  # still open, so the lead can correct the zone
    assert "Europe/Nowhere" in dialog.problem.text() or "timezone" in dialog.problem.text()
    assert CalendarService(tab.ctx.team).list_rituals() == []
    assert tab.ctx.undo_stack.count() == 0


def test_closed_dialogs_do_not_pile_up_in_the_tab(qtbot, window, demo_path):
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QDialog

    tab = open_tab(window, demo_path)
    for _ in range(3):
        tab.new_ritual().reject()
        tab.open_rollout_dialog().reject()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert tab.findChildren(QDialog) == []
    assert tab._dialogs == []


def test_skipping_the_only_meeting_of_a_ritual_says_why_and_changes_nothing(
    qtbot, window, team_path, prompts
):
    from teamkeel.core.calendar import Ritual
    from teamkeel.core.calendar.domain import Recurrence
    from teamkeel.core.storage.teamfile import TeamFile

    with TeamFile.create(team_path) as team:
        CalendarService(team).add(
            Ritual(
                kind="pre_mortem", title="Pre-mortem", start=dt.datetime(2026, 3, 4, 10),
                timezone="Europe/Paris", duration_minutes=60, recurrence=Recurrence("once"),
            )
        )  # fmt: skip
    tab = open_tab(window, team_path)
    tab.anchor = dt.date(2026, 3, 4)
    tab.set_view("agenda")
    (occ,) = tab.occurrences
    tab.select(occ)
    qtbot.mouseClick(tab.details.skip_button, Qt.MouseButton.LeftButton)
    assert prompts.errors and "skipped" in prompts.errors[-1][1]
    assert CalendarService(tab.ctx.team).list_rituals()[0].skipped == ()
    assert tab.ctx.undo_stack.count() == 0


def test_saving_a_ritual_deleted_meanwhile_by_another_keel_says_so(qtbot, window, demo_path):
    from teamkeel.core.storage.teamfile import TeamFile

    tab = open_tab(window, demo_path)
    tab.set_view("agenda")
    occ = next(o for o in tab.occurrences if o.ritual_id is not None)
    tab.select(occ)
    editor = tab.edit_selected()
    with TeamFile.open(demo_path) as other:
        CalendarService(other).delete(occ.ritual_id)
    editor.title.setText("Renamed")
    editor.save()
    assert "no ritual" in editor.errors.text()
    assert editor.isVisible()  # still open: the lead can copy what they typed
    assert tab.ctx.undo_stack.count() == 0


def test_editing_a_ritual_keeps_its_archived_rotation_members(qtbot, window, team_path):
    from teamkeel.core.calendar import Ritual
    from teamkeel.core.calendar.domain import Recurrence
    from teamkeel.core.roster.member import Member
    from teamkeel.core.roster.service import RosterService
    from teamkeel.core.storage.teamfile import TeamFile

    with TeamFile.create(team_path) as team:
        people = RosterService(team).add_many([Member(n) for n in ("Zoë", "Bo", "李娜", "Cy")])
        rotation = tuple(p.id for p in people)
        ritual = CalendarService(team).add(
            Ritual(
                kind="standup", title="Stand-up", start=dt.datetime(2026, 3, 2, 9, 30),
                timezone="Europe/Paris", duration_minutes=15, recurrence=Recurrence("weekdays"),
                attendees=rotation[:3], rotation=rotation,
            )
        )  # fmt: skip
        fixed = CalendarService(team).add(
            Ritual(
                kind="retrospective", title="Retro", start=dt.datetime(2026, 3, 6, 15),
                timezone="Europe/Paris", duration_minutes=60, recurrence=Recurrence("once"),
                facilitator_id=people[1].id,
            )
        )  # fmt: skip
        RosterService(team).set_archived(people[1].id, True)  # on parental leave
    tab = open_tab(window, team_path)
    tab.anchor = dt.date(2026, 3, 2)
    tab.reload()
    tab.select(next(o for o in tab.occurrences if o.ritual_id == ritual.id))
    editor = tab.edit_selected()
    editor.title.setText("Kudos & blockers")
    editor.save()
    saved = CalendarService(tab.ctx.team).get(ritual.id)
    assert saved.title == "Kudos & blockers"
    assert saved.rotation == rotation and saved.attendees == rotation[:3]
    # Dragging the order still counts; the archived member stays behind Zoë.
    editor = tab.edit_selected()
    editor.rotation.insertItem(0, editor.rotation.takeItem(2))  # Cy first
    editor.save()
    assert CalendarService(tab.ctx.team).get(ritual.id).rotation == (
        rotation[3],
        rotation[0],
        rotation[1],
        rotation[2],
    )
    # A fixed facilitator on leave stays fixed when something else is edited.
    tab.select(next(o for o in tab.occurrences if o.ritual_id == fixed.id))
    editor = tab.edit_selected()
    editor.location.setText("Room 2")
    editor.save()
    assert CalendarService(tab.ctx.team).get(fixed.id).facilitator_id == people[1].id


def test_rollout_dialog_offers_to_reuse_rituals_and_avoids_holidays(
    qtbot, window, prompts, team_path
):
    from teamkeel.core.calendar.domain import Recurrence, Ritual
    from teamkeel.core.storage.teamfile import TeamFile

    with TeamFile.create(team_path) as team:
        CalendarService(team).add(
            Ritual("standup", "Kudos & blockers", dt.datetime(2026, 11, 2, 9, 30),
                   "Europe/Paris", 15, Recurrence("weekdays"))
        )  # fmt: skip
    tab = open_tab(window, team_path)
    dialog = tab.open_rollout_dialog()
    assert dialog.reuse.isVisibleTo(dialog) and dialog.reuse.isChecked()
    # The title as it is, "&" included (a check box would take it for a shortcut mark),
    # in a label that wraps, so the dialog stays narrower than a small screen.
    assert dialog.reuse_names.text() == "“Kudos & blockers”"
    assert dialog.sizeHint().width() < 1024
    assert dialog.holidays.currentData() == "FR"  # the meeting timezone's country
    dialog.start.setDate(dialog.start.date().fromString("2026-12-02", "yyyy-MM-dd"))
    dialog._generate()
    rituals = CalendarService(tab.ctx.team).list_rituals()
    assert [r.kind for r in rituals].count("standup") == 1
    title, text = prompts.infos[-1]
    assert title == "Rollout plan"
    assert "Kept what the team already has instead of adding more: “Kudos & blockers”." in text
    assert "New Year's Day" in text  # the ratification moved off 1 January
    assert CalendarService(tab.ctx.team).holiday_country("Asia/Tokyo") == "FR"  # remembered
    window.ctx.undo_stack.undo()  # one step takes the whole plan back
    assert [r.title for r in CalendarService(tab.ctx.team).list_rituals()] == ["Kudos & blockers"]
