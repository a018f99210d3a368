"""The Insights tab through pytest-qt: charts filled, a click shows one person's
exchanges, survey responses typed in (undoable), the anonymity threshold, the export."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from teamkeel.core.insights.events import Period
from teamkeel.core.insights.service import InsightsService
from teamkeel.core.roster.member import Member
from teamkeel.core.roster.service import RosterService
from teamkeel.core.standup.service import StandupService
from teamkeel.core.team_info import create_team

D = dt.date
TODAY = dt.date.today()


@pytest.fixture
def team_file(team_path):
    with create_team(team_path, "Crew") as team:
        people = RosterService(team).add_many(
            [
                Member(name="Ana", role="Developer"),
                Member(name="Bo", role="Developer"),
                Member(name="Cy", role="QA"),
                Member(name="Zoë", role="Design"),
            ]
        )
        ana, bo, cy, zoe = (m.id for m in people)
        log = StandupService(team)
        day = TODAY - dt.timedelta(days=5)
        log.add_kudos(day, bo, [ana], "paired on the flaky test")
        log.add_kudos(day, cy, [ana], "reviewed my test plan")
        log.add_kudos(day, ana, [cy], "found the race condition")
        b = log.add_blocker(day, zoe, "design tokens out of date")
        log.resolve(b.id, TODAY - dt.timedelta(days=2), [bo])
        svc = InsightsService(team)
        svc.add_round(
            TODAY - dt.timedelta(days=60), [(1, 7, 1, 7, 1, 7, 7)] * 3 + [(4,) * 7] * 2, "Spring"
        )
        svc.add_round(TODAY - dt.timedelta(days=20), [(7, 1, 7, 1, 7, 1, 1)] * 4, "Small")
    return team_path


@pytest.fixture
def tab(window, team_file, qtbot):
    assert window.open_file(team_file)
    assert window.select_tab("insights")
    tab = window.tab("insights")
    qtbot.waitUntil(lambda: tab.insights is not None and not tab.measuring)
    return tab


def test_charts_show_members_in_name_order_and_the_network(tab):
    assert [r.name for r in tab.overview.reciprocity.rows] == ["Ana", "Bo", "Cy", "Zoë"]
    ana = tab.overview.reciprocity.rows[0].now
    assert (ana.given, ana.received) == (2, 1)
    assert {n.name for n in tab.overview.network.network.nodes} == {"Ana", "Bo", "Cy", "Zoë"}
    assert "4 acts of help were recorded" in tab.overview.findings.text()


def test_clicking_a_member_lists_their_exchanges(tab, qtbot):
    chart = tab.overview.reciprocity
    chart.grab()  # paint once so row positions are known
    y = int(chart._row_top + chart.ROW * 2.5)  # third row: Cy
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(200, y))
    model = tab.exchanges.model
    assert model.rowCount() == 2
    assert sorted((model.display(r, model.DIRECTION), r.other) for r in model.rows) == [
        ("helped", "Ana"),
        ("was helped by", "Ana"),
    ]
    assert "Cy" in tab.exchanges.title.text()


def test_role_filter_limits_the_people_shown(tab, qtbot):
    tab.role.setCurrentText("Developer")
    qtbot.waitUntil(lambda: not tab.measuring)  # the measures are computed on a worker
    assert [r.name for r in tab.overview.reciprocity.rows] == ["Ana", "Bo"]


def test_small_round_is_absent_from_the_window_until_the_minimum_allows_it(tab, qtbot):
    small = (TODAY - dt.timedelta(days=20)).isoformat()
    assert [r.held_on.isoformat() for r in tab.overview.survey.results] == [
        (TODAY - dt.timedelta(days=60)).isoformat()
    ]
    shown_text = (
        tab.overview.findings.text() + tab.overview.survey_items.title + tab.overview.prompts.text()
    )
    assert small not in shown_text
    assert "1 round was held back" in tab.overview.caveats.text()
    tab.thresholds.min_responses.setValue(4)
    qtbot.waitUntil(lambda: len(tab.overview.survey.results) == 2)
    assert small in tab.overview.survey_items.title
    tab.ctx.undo_stack.undo()
    qtbot.waitUntil(lambda: len(tab.overview.survey.results) == 1)


def test_typed_survey_responses_are_saved_and_undone(tab, qtbot):
    entry = tab.surveys.entry
    entry.date.setDate(entry.date.date().addDays(-1))
    qtbot.keyClicks(entry.answers, "2 6 3 5 2 6 6")
    qtbot.keyClick(entry.answers, Qt.Key.Key_Return)
    qtbot.keyClicks(entry.answers, "1 7 1 7 1 7 8")
    qtbot.mouseClick(entry.save_button, Qt.MouseButton.LeftButton)
    assert "line 2: item 7: 8 is outside 1–7" in entry.problem.text()
    assert len(tab.surveys.model.rows) == 2  # nothing saved
    entry.answers.setPlainText("2 6 3 5 2 6 6\n1 7 1 7 1 7 7\n4444444")
    qtbot.mouseClick(entry.save_button, Qt.MouseButton.LeftButton)
    assert [r.responses for r in tab.surveys.model.rows] == [5, 4, 3]
    assert entry.answers.toPlainText() == ""
    tab.ctx.undo_stack.undo()
    assert [r.responses for r in tab.surveys.model.rows] == [5, 4]


def test_export_health_report_from_the_file_menu(tab, prompts, tmp_path, qtbot):
    out = tmp_path / "health.pdf"
    prompts.files.append(str(out))
    tab.set_period(Period(TODAY - dt.timedelta(days=29), TODAY))
    tab.export_actions()[0].trigger()
    qtbot.waitUntil(lambda: bool(prompts.infos))  # written on a worker
    assert out.exists()
    text = " ".join(page.extract_text() for page in PdfReader(str(out)).pages)
    assert "Team health report" in text and "Zoë" in text
    assert (TODAY - dt.timedelta(days=20)).isoformat() not in text


def test_keyboard_users_pick_a_member_from_the_list(tab, qtbot):
    pick = tab.exchanges.pick
    pick.setFocus()
    index = pick.findText("Zoë")
    pick.setCurrentIndex(index)
    pick.activated.emit(index)
    assert [(r.direction, r.other) for r in tab.exchanges.model.rows] == [("received", "Bo")]


def test_export_the_version_for_the_team_without_names(tab, prompts, tmp_path, qtbot):
    out = tmp_path / "shared.pdf"
    prompts.files.append(str(out))
    tab.export_actions()[1].trigger()
    qtbot.waitUntil(lambda: bool(prompts.infos))  # written on a worker
    text = " ".join(page.extract_text() for page in PdfReader(str(out)).pages)
    assert "leaves out everyone's name" in text
    words = set(re.findall(r"\w+", text))
    assert not words & {"Ana", "Bo", "Cy", "Zoë"}


def test_import_csv_into_a_round_and_delete_it_with_undo(tab, prompts, tmp_path, qtbot):
    csv_file = tmp_path / "form.csv"
    csv_file.write_text("Q1,Q2,Q3,Q4,Q5,Q6,Q7\n" + "2,6,3,5,2,6,6\n" * 6, encoding="utf-8")
    tab.surveys.entry.date.setDate(tab.surveys.entry.date.date().addDays(-3))
    prompts.files.append(str(csv_file))
    tab.surveys.entry.import_button.click()
    assert [r.responses for r in tab.surveys.model.rows] == [5, 4, 6]
    qtbot.waitUntil(lambda: not tab.measuring)
    assert len(tab.overview.survey.results) == 2  # six answers: shown
    newest = tab.surveys.model.rows[-1]
    tab.delete_round(newest)  # the prompts stand-in confirms at once
    assert [r.responses for r in tab.surveys.model.rows] == [5, 4]
    tab.ctx.undo_stack.undo()
    assert [r.responses for r in tab.surveys.model.rows] == [5, 4, 6]


def test_charts_stack_in_one_column_in_a_narrow_window(tab, window, qtbot):
    """Side by side in a 1024-pixel window, the help network shrank into a knot."""
    overview = tab.overview
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: overview.columns == 1)
    qtbot.waitUntil(lambda: overview.network.y() > overview.reciprocity.y())
    assert overview.network.width() >= 500
    window.resize(1600, 1000)
    qtbot.waitUntil(lambda: overview.columns == 2)
    qtbot.waitUntil(lambda: overview.network.y() == overview.reciprocity.y())
    assert overview.network.x() > overview.reciprocity.x()


def test_a_picked_person_follows_edits_without_pulling_the_side_panel_around(tab, qtbot):
    cy = next(r.member_id for r in tab.overview.reciprocity.rows if r.name == "Cy")
    tab.show_member(cy)
    assert "helped once, was helped once" in tab.exchanges.title.text()
    tab.side.setCurrentWidget(tab.thresholds)
    tab.thresholds.give_ratio.setValue(3)  # an edit: the tab recomputes
    qtbot.waitUntil(lambda: tab.service.thresholds().give_ratio == 3)
    assert tab.side.currentWidget() is tab.thresholds
    assert "Cy" in tab.exchanges.title.text()

    tab.role.setCurrentText("Developer")  # Cy is QA: out of view, so nobody is picked
    qtbot.waitUntil(lambda: not tab.measuring)
    assert tab.exchanges.model.rowCount() == 0
    assert tab.exchanges.pick.currentData() is None
    assert "Cy" not in tab.exchanges.title.text()
    assert tab.overview.reciprocity.selected is None


def test_an_empty_period_gets_no_reassuring_verdict(tab, qtbot):
    tab.set_period(Period(D(2020, 1, 1), D(2020, 1, 31)))  # long before anything was logged
    qtbot.waitUntil(lambda: not tab.measuring)
    assert "no help was recorded in this period" in tab.overview.prompts.text()
    assert "both ways" not in tab.overview.prompts.text()


def test_a_preset_period_moves_on_with_the_calendar_while_the_window_stays_open(tab, qtbot):
    tomorrow = TODAY + dt.timedelta(days=1)
    ana, bo = (m.id for m in RosterService(tab.ctx.team).list_members()[:2])
    before = tab.insights.exchanges_total
    StandupService(tab.ctx.team).add_kudos(tomorrow, ana, [bo], "covered on-call")
    tab.clock = lambda: tomorrow  # midnight passed; "Last 30 days" now ends tomorrow
    tab.ctx.changed.emit("standup")
    assert tab.period().end == tomorrow
    qtbot.waitUntil(lambda: not tab.measuring)
    assert tab.insights.exchanges_total == before + 1
    tab.set_period(Period(D(2026, 1, 1), D(2026, 1, 31)))  # a period typed in stays put
    tab.clock = lambda: tomorrow + dt.timedelta(days=1)
    tab.ctx.changed.emit("standup")
    assert tab.period() == Period(D(2026, 1, 1), D(2026, 1, 31))


def test_a_long_list_of_survey_problems_scrolls_within_its_panel(tab, window, qtbot):
    window.resize(1024, 700)
    tab.side.setCurrentWidget(tab.surveys)
    entry = tab.surveys.entry
    entry.answers.setPlainText("\n".join("1 2 3 4 5 6 7 7" for _ in range(60)))
    qtbot.mouseClick(entry.save_button, Qt.MouseButton.LeftButton)
    # The first problems, and a count of the rest: never sixty lines in the panel.
    assert "line 1: needs 7 answers, found 8" in entry.problem.text()
    assert "line 60" not in entry.problem.text()
    assert "40 more" in entry.problem.text()
    panel = tab.surveys
    QApplication.processEvents()  # the layout settles before measuring
    bottom = entry.save_button.mapTo(panel, QPoint(0, entry.save_button.height())).y()
    assert bottom <= panel.height()  # the buttons stay inside the panel
    assert window.height() <= 700 and window.minimumSizeHint().height() <= 700
    assert entry.problem_box.verticalScrollBar().maximum() > 0  # the rest scrolls
    entry.answers.setPlainText("2 6 3 5 2 6 6")
    qtbot.mouseClick(entry.save_button, Qt.MouseButton.LeftButton)
    assert not entry.problem_box.isVisible()


def test_every_exchanges_column_has_a_title_and_months_carry_their_year(tab):
    from teamkeel.core.insights.layout import month_label

    model = tab.exchanges.model
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert all(titles), titles
    assert month_label("2026-11") == "Nov 2026"


def test_a_chart_title_wraps_in_a_narrow_column_instead_of_being_cut(tab):
    chart = tab.overview.survey
    chart.resize(900, 260)
    one_line = chart.title_bottom()
    chart.resize(380, 260)
    assert chart.title_bottom() > one_line + 10  # room for a second line of title
