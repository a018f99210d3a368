"""One supported range of dates (1970-01-01 to 2200-12-31) at every entry point: dates
outside it are refused in one line that says the range, never a traceback later."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from icalendar import Calendar

from teamkeel.cli import main
from teamkeel.core import interchange
from teamkeel.core.calendar import CalendarService, Recurrence, Ritual
from teamkeel.core.calendar.recurrence import iter_rule
from teamkeel.core.errors import KeelError, ValidationError
from teamkeel.core.insights.service import InsightsService
from teamkeel.core.roster import Member, RosterService
from teamkeel.core.roster.csvio import import_roster_csv
from teamkeel.core.standup import StandupService
from teamkeel.core.storage.teamfile import TeamFile

RANGE = "1970-01-01 to 2200-12-31"


def cli_error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse's own refusals
        code = int(exc.code or 0)
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    return err


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "calendar", "--from", "9999-12-01", "--to", "9999-12-31", "--out", "x.pdf"],
        ["calendar", "rollout", "--start", "0001-01-01"],
        ["log", "kudos", "--from", "A", "--to", "B", "--note", "x", "--date", "0001-01-01"],
        ["survey", "import", "s.csv", "--date", "9999-01-01"],
        ["survey", "import", "s.csv", "--date", "0001-01-01"],
        ["insights", "--from", "1969-12-31"],
    ],
)
def test_command_line_dates_outside_the_range_are_refused_saying_the_range(
    argv: list[str], demo_path: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    before = demo_path.read_bytes()
    err = cli_error(capsys, *argv, "--db", str(demo_path))
    assert RANGE in err
    assert demo_path.read_bytes() == before


def test_a_quarter_from_the_last_december_stops_at_the_last_day(
    demo_path: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "c.pdf"
    code = main(["export", "calendar", "--db", str(demo_path), "--from", "2200-12-01",
                 "--out", str(out)])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    assert "2200-12-31" in capsys.readouterr().out


def test_rollout_start_outside_the_range_writes_nothing(team: TeamFile) -> None:
    service = CalendarService(team)
    with pytest.raises(KeelError, match=RANGE):
        service.generate_rollout(dt.date(1, 1, 1), "Europe/Berlin")
    assert service.list_rituals() == []


def _ritual(**kw: object) -> Ritual:
    fields: dict = dict(
        kind="standup", title="Stand-up", start=dt.datetime(2026, 3, 2, 9, 30),
        timezone="Europe/Berlin", duration_minutes=15, recurrence=Recurrence("weekdays"),
    )  # fmt: skip
    return Ritual(**(fields | kw))


def test_rituals_outside_the_range_or_with_absurd_intervals_are_refused(team: TeamFile) -> None:
    service = CalendarService(team)
    with pytest.raises(ValidationError, match=RANGE):
        service.add(_ritual(start=dt.datetime(1, 1, 1, 9)))
    with pytest.raises(ValidationError, match=RANGE):
        service.add(_ritual(recurrence=Recurrence("weekly", until=dt.date(9999, 1, 1))))
    with pytest.raises(ValidationError, match="interval"):
        service.add(_ritual(recurrence=Recurrence("weekly", interval=10**12)))
    assert service.list_rituals() == []


def test_an_open_rule_expands_no_further_than_the_last_day() -> None:
    monthly = _ritual(start=dt.datetime(2200, 1, 6, 9), recurrence=Recurrence("monthly_nth"))
    days = list(iter_rule(monthly, dt.datetime(9999, 12, 31)))
    assert days[-1].date() <= dt.date(2200, 12, 31)
    assert len(days) == 12


def test_json_with_a_ritual_in_year_one_is_refused_and_ics_export_still_works(
    demo_team: TeamFile, team: TeamFile, tmp_path: Path
) -> None:
    doc = interchange.export_document(demo_team)
    doc["calendar"][0]["start"] = "0001-01-01T09:00:00"
    doc["standup"][0]["date"] = "9999-12-31"
    with pytest.raises(ValidationError, match=RANGE) as caught:
        interchange.import_document(team, json.loads(json.dumps(doc)))
    wheres = [p.where for p in caught.value.problems]
    assert wheres == ["calendar[0].start", "standup[0].date"]
    assert RosterService(team).list_members() == []
    # The same document with the dates put right imports, and exports as ICS.
    doc["calendar"][0]["start"] = "2026-01-05T09:00:00"
    doc["standup"][0]["date"] = "2026-01-05"
    interchange.import_document(team, doc)
    out = tmp_path / "c.ics"
    CalendarService(team).export_ics(out)
    assert Calendar.from_ical(out.read_bytes()).walk("VEVENT")


def test_services_refuse_dates_outside_the_range(team: TeamFile) -> None:
    roster = RosterService(team)
    ana = roster.add(Member("Ana"))
    ben = roster.add(Member("Ben"))
    assert ana.id is not None and ben.id is not None
    with pytest.raises(ValidationError, match=RANGE):
        StandupService(team).add_kudos(dt.date(1, 1, 1), ana.id, [ben.id], "thanks")
    with pytest.raises(ValidationError, match=RANGE):
        InsightsService(team).add_round(dt.date(9999, 1, 1), [[5, 5, 5, 5, 5, 5, 5]])
    with pytest.raises(ValidationError, match=RANGE):
        roster.add(Member("Cy", start_date=dt.date(1900, 1, 1)))


def test_roster_csv_with_a_start_date_outside_the_range_names_the_line(
    team: TeamFile, tmp_path: Path
) -> None:
    csv = tmp_path / "r.csv"
    csv.write_text("Name,Start date\nAna,2024-01-02\nBen,0001-01-01\n", encoding="utf-8")
    with pytest.raises(ValidationError, match=RANGE) as caught:
        import_roster_csv(RosterService(team), csv)
    assert "line 3" in str(caught.value)
    assert RosterService(team).list_members() == []


def test_window_date_fields_keep_to_the_range(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QDate

    from teamkeel.ui.calendar.rollout_dialog import RolloutDialog

    dialog = RolloutDialog("Europe/Berlin", lambda day, zone: None)
    qtbot.addWidget(dialog)
    assert dialog.start.minimumDate() == QDate(1970, 1, 1)
    assert dialog.start.maximumDate() == QDate(2200, 12, 31)
    assert RANGE in dialog.start.toolTip()


def test_the_window_calendar_stops_at_the_last_month(qtbot, window, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.open_file(demo_path)
    assert window.select_tab("calendar")
    tab = window.tab("calendar")
    tab.anchor = dt.date(2200, 12, 1)
    tab.reload()
    tab.step(1)
    assert tab.anchor == dt.date(2200, 12, 1)
    tab.set_view("week")
    tab.anchor = dt.date(2200, 12, 28)
    tab.step(1)
    assert tab.anchor == dt.date(2200, 12, 28)
    tab.anchor = dt.date(1970, 1, 1)
    tab.step(-1)
    assert tab.anchor == dt.date(1970, 1, 1)
