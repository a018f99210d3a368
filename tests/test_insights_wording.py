"""Insights on a new team say what the log can say: no "0 days", and no figures for a
period before anything was logged."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from teamkeel.core.insights.events import Period
from teamkeel.core.insights.findings import team_findings
from teamkeel.core.insights.service import InsightsService
from teamkeel.core.roster import Member, RosterService
from teamkeel.core.standup.service import StandupService
from teamkeel.core.storage.teamfile import TeamFile

TODAY = dt.date(2026, 12, 4)
MONTH = Period(TODAY - dt.timedelta(days=29), TODAY)


def first_day_of_a_team(team: TeamFile) -> None:
    """Four people, and the first stand-up on the last day of the period."""
    roster = RosterService(team)
    ana, bruno, chen, dana = (
        roster.add(Member(name=n, role=r)).id
        for n, r in (("Ana", "Design"), ("Bruno", "Backend"), ("Chen", "Backend"), ("Dana", "QA"))
    )
    log = StandupService(team)
    log.add_kudos(TODAY, ana, [bruno], "explained the grid")
    stuck = log.add_blocker(TODAY, chen, "CI is red")
    log.resolve(stuck.id, TODAY, [dana])
    log.add_blocker(TODAY, dana, "waiting for access")


def test_findings_of_a_first_day_use_words_not_zero_days(team: TeamFile) -> None:
    first_day_of_a_team(team)
    text = " ".join(team_findings(InsightsService(team).compute(MONTH)))
    assert "0 days" not in text
    assert "resolved, on the day it was raised" in text
    assert "has waited for less than a day" in text
    assert "period before" not in text  # nothing was logged back then
    assert "None of the 4 people has both given and received help yet" in text


def test_the_report_shows_no_figures_for_a_period_before_the_log(
    team: TeamFile, tmp_path: Path
) -> None:
    first_day_of_a_team(team)
    out = InsightsService(team).export_report(tmp_path / "r.pdf", MONTH)
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "no period before to compare with" in " ".join(text.split())
    glance = text.split("At a glance")[1].split("What stands out")[0]
    rows = [line.split() for line in glance.splitlines() if line.strip()][1:]
    assert rows and all(row[-1] == "—" for row in rows), glance
    assert "0% (0 of 4)" not in glance.split("People who both gave and received")[1].split()[-1]
    assert "less than a day" in text  # the open blocker's age


def test_a_team_with_an_older_log_still_compares_with_the_period_before(
    team: TeamFile,
) -> None:
    first_day_of_a_team(team)
    ana = RosterService(team).find_by_name("Ana")[0].id
    bruno = RosterService(team).find_by_name("Bruno")[0].id
    # Logged long before the period before: that period is known to have had no help.
    StandupService(team).add_kudos(TODAY - dt.timedelta(days=70), bruno, [ana], "pairing")
    ins = InsightsService(team).compute(MONTH)
    assert ins.before_logged
    assert "(no help was recorded in the period before)" in team_findings(ins)[0]


def test_a_persons_tooltip_on_a_new_team_claims_no_figures_before_the_log(
    team: TeamFile, qtbot
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    from teamkeel.ui.insights.people_charts import ReciprocityChart

    first_day_of_a_team(team)
    ins = InsightsService(team).compute(MONTH)
    chart = ReciprocityChart()
    qtbot.addWidget(chart)
    chart.resize(600, 300)
    chart.set_rows(ins.members, compare=ins.before_logged)
    chart.show()
    qtbot.waitExposed(chart)
    chart.grab()  # painted once: the rows have their places
    y = next(y for y in range(chart.height()) if chart.member_at(y) is not None)
    point = QPointF(chart.width() / 2, y + 2)
    move = QMouseEvent(
        QMouseEvent.Type.MouseMove, point, chart.mapToGlobal(point),
        Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(chart, move)
    assert "nothing logged in the period before" in QToolTip.text()
    assert "period before: gave 0" not in QToolTip.text()
