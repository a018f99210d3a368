"""Weekly goals in Insights and the Roster: supportive actions as their own kind, the
outcome basket (entered and imported, undoable), and the check-in brief from a member's
context menu and from the person view."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from teamkeel.core.goals.outcomes import Outcomes
from teamkeel.core.goals.weekly import GoalStatus, WeeklyGoals
from teamkeel.core.roster.member import Member
from teamkeel.core.roster.service import RosterService
from teamkeel.core.standup.service import StandupService
from teamkeel.core.team_info import create_team

TODAY = dt.date.today()


@pytest.fixture
def team_file(team_path: Path) -> Path:
    with create_team(team_path, "Crew") as team:
        ana, bo, cy = (
            m.id or 0
            for m in RosterService(team).add_many(
                [
                    Member("Ana", role="Developer"),
                    Member("Bo", role="QA"),
                    Member("Cy", role="Design"),
                ]
            )
        )
        StandupService(team).add_kudos(
            TODAY - dt.timedelta(days=3), bo, [ana], "explained the cache"
        )
        goals = WeeklyGoals(team)
        item = goals.add(ana, TODAY, [], cy, "review the migration PR")[0]
        goals.set_status(item.id, GoalStatus.DONE, TODAY)
    return team_path


@pytest.fixture
def insights(window, team_file, qtbot):  # type: ignore[no-untyped-def]
    assert window.open_file(team_file)
    assert window.select_tab("insights")
    tab = window.tab("insights")
    qtbot.waitUntil(lambda: tab.insights is not None)
    return tab


def _figures(tab) -> dict[str, tuple[tuple[str, float], ...]]:  # type: ignore[no-untyped-def]
    return {s.metric.key: s.points for s in Outcomes(tab.ctx.team).series()}


def test_supportive_actions_are_their_own_kind(insights) -> None:  # type: ignore[no-untyped-def]
    card = insights.goals.card
    assert "1 kudo · 0 times helping with a blocker · 1 supportive action done" in card.kinds.text()
    assert (
        "never added up into a score"
        in card.findChild(type(card.kinds), "insights_proxy_note").text()
    )
    ana = next(m.member_id for m in insights.insights.members if m.name == "Ana")
    insights.show_member(ana)
    model = insights.exchanges.model
    kinds = {model.index(r, model.KIND).data() for r in range(model.rowCount())}
    assert kinds == {"kudos", "supportive action"}
    assert card.lines["supportive_actions"].points[-1] == (f"{TODAY:%Y-%m}", 1.0)


def test_entering_a_figure_is_undoable_and_checked(insights, qtbot) -> None:  # type: ignore[no-untyped-def]
    card = insights.goals.card
    card.month.setText("2026-11")
    card.metric_pick.setCurrentIndex(card.metric_pick.findData("on_time_delivery"))
    card.value.setText("87,5")
    card.add_button.click()
    assert _figures(insights)["on_time_delivery"] == (("2026-11", 87.5),)
    stack = insights.ctx.undo_stack
    assert stack.undoText() == "Enter commitments met on time for 2026-11"
    stack.undo()
    assert _figures(insights)["on_time_delivery"] == ()
    card.value.setText("lots")
    card.add_button.click()
    assert "“lots” is not a number" in card.problem.text()
    assert _figures(insights)["on_time_delivery"] == ()


def test_importing_figures_from_excel(insights, prompts, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    csv = tmp_path / "basket.csv"
    csv.write_bytes("\ufeffMonth;Overtime;Defects\r\n10/2026;2;5\r\n11/2026;1;3\r\n".encode())
    prompts.files.append(str(csv))
    insights.goals.card.import_button.click()
    figures = _figures(insights)
    assert figures["overtime_incidents"] == (("2026-10", 2.0), ("2026-11", 1.0))
    assert insights.ctx.undo_stack.undoText() == "Import 4 outcome figures"
    insights.ctx.undo_stack.undo()
    assert not any(_figures(insights).values())
    bad = tmp_path / "bad.csv"
    bad.write_text("Month,Overtime\n2026-10,two\n", encoding="utf-8")
    prompts.files.append(str(bad))
    insights.goals.card.import_button.click()
    assert "line 2" in insights.goals.card.problem.text()
    assert not any(_figures(insights).values())


def _one_page_text(path: Path) -> str:
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    return " ".join(reader.pages[0].extract_text().split())


def test_checkin_brief_from_the_person_view(insights, prompts, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    button = insights.goals.brief_button
    assert not button.isEnabled()  # nobody picked yet
    ana = next(m.member_id for m in insights.insights.members if m.name == "Ana")
    insights.show_member(ana)
    assert button.isEnabled()
    out = tmp_path / "ana.pdf"
    prompts.files.append(str(out))
    button.click()
    text = _one_page_text(out)
    assert "Check-in notes for Ana" in text and "“explained the cache” — Bo" in text
    assert "review the migration PR — for Cy" in text


def test_checkin_brief_from_the_roster_menu(
    window, team_file, prompts, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    from teamkeel.ui.roster import checkin_menu

    assert window.open_file(team_file)
    roster = window.tab("roster")
    roster.finish_setup()
    row = next(r for r in range(roster.proxy.rowCount()) if roster.proxy.index(r, 0).data() == "Bo")
    roster.table.setCurrentIndex(roster.proxy.index(row, 0))
    menu = checkin_menu.menu_for(roster.table, roster.ctx, roster.current_member)
    assert menu is not None
    [action] = menu.actions()
    assert action.text() == "Check-in brief for Bo…"
    out = tmp_path / "bo.pdf"
    prompts.files.append(str(out))
    action.trigger()
    text = _one_page_text(out)
    assert "Check-in notes for Bo" in text
    assert "Nothing was written down for these dates yet" in text  # Bo only thanked others
    assert prompts.infos and "bo.pdf" in prompts.infos[-1][1]
