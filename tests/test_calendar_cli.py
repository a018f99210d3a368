"""`teamkeel calendar list` and the calendar exports, run as a user would."""

import datetime as dt
import json

from icalendar import Calendar
from pypdf import PdfReader

from teamkeel.cli import main
from teamkeel.core.calendar import CalendarService
from teamkeel.core.calendar.listing import row


def test_list_prints_what_the_agenda_shows(demo_team, demo_path, capsys):
    today = dt.date.today()
    first, last = today - dt.timedelta(days=7), today + dt.timedelta(days=7)
    expected = CalendarService(demo_team).occurrences(first, last)
    demo_team.close()
    assert main(["calendar", "list", "--db", str(demo_path), "--from", str(first),
                 "--to", str(last)]) == 0  # fmt: skip
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["date", "time", "timezone", "ritual", "facilitator"]
    assert len(lines) == len(expected) + 1
    for line, occ in zip(lines[1:], expected, strict=True):
        cells = row(occ)
        assert line.startswith(cells["date"])
        assert cells["ritual"] in line and line.rstrip().endswith(cells["facilitator"])

    assert main(["calendar", "list", "--db", str(demo_path), "--from", str(first),
                 "--to", str(last), "--json"]) == 0  # fmt: skip
    data = json.loads(capsys.readouterr().out)
    assert [(d["uid"], d["start"], d["facilitator"] or "") for d in data] == [
        (o.uid, o.start.isoformat(), o.facilitator_name) for o in expected
    ]


def test_exports(demo_path, tmp_path, capsys):
    ics, pdf, cards = tmp_path / "r.ics", tmp_path / "r.pdf", tmp_path / "cards.pdf"
    assert main(["export", "calendar", "--db", str(demo_path), "--out", str(ics)]) == 0
    assert len(Calendar.from_ical(ics.read_bytes()).walk("VEVENT")) == 12
    assert main(["export", "calendar", "--db", str(demo_path), "--out", str(pdf),
                 "--from", "2026-01-01", "--to", "2026-03-31", "--view", "quarter"]) == 0  # fmt: skip
    assert "January to March 2026" in PdfReader(pdf).pages[0].extract_text()
    assert main(["export", "facilitation-cards", "--db", str(demo_path), "--out", str(cards)]) == 0
    assert "Kudos & blockers stand-up" in PdfReader(cards).pages[0].extract_text()


def test_bad_input_is_one_line_and_exit_2(demo_path, tmp_path, capsys):
    out = tmp_path / "r.txt"
    assert main(["export", "calendar", "--db", str(demo_path), "--out", str(out)]) == 2
    assert capsys.readouterr().err.strip() == "teamkeel: error: --out must end in .ics or .pdf."
    assert not out.exists()
    assert main(["calendar", "list", "--db", str(demo_path), "--from", "2026-03-01",
                 "--to", "2026-02-01"]) == 2  # fmt: skip
    assert "--to is before --from" in capsys.readouterr().err


def test_rollout_command(team_path, capsys):
    from teamkeel.core.roster.member import Member
    from teamkeel.core.roster.service import RosterService
    from teamkeel.core.storage.teamfile import TeamFile

    with TeamFile.create(team_path) as team:
        RosterService(team).add(Member("Ana", timezone="Europe/Berlin"))
    assert main(["calendar", "rollout", "--db", str(team_path), "--start", "2026-01-07"]) == 0
    assert "Added 12 rituals, starting 2026-01-12" in capsys.readouterr().out


def test_exports_to_a_missing_folder_or_wrong_suffix_are_one_line(demo_path, tmp_path, capsys):
    missing = tmp_path / "nowhere"
    for kind, name in [("calendar", "r.pdf"), ("calendar", "r.ics"),
                       ("facilitation-cards", "cards.pdf")]:  # fmt: skip
        out = missing / name
        assert main(["export", kind, "--db", str(demo_path), "--out", str(out)]) == 2
        err = capsys.readouterr().err
        assert err == f"teamkeel: error: Cannot write {out}: No such file or directory.\n"
    assert not missing.exists()

    cards = tmp_path / "cards.ics"
    assert main(["export", "facilitation-cards", "--db", str(demo_path), "--out", str(cards)]) == 2
    assert capsys.readouterr().err == "teamkeel: error: --out must end in .pdf.\n"
    assert not cards.exists()


def test_an_export_onto_a_folder_leaves_no_temporary_file(demo_path, tmp_path, capsys):
    folder = tmp_path / "exports" / "agenda.pdf"
    folder.mkdir(parents=True)
    assert main(["export", "calendar", "--db", str(demo_path), "--out", str(folder)]) == 2
    assert capsys.readouterr().err.startswith("teamkeel: error: ")
    assert [p.name for p in folder.parent.iterdir()] == ["agenda.pdf"]


def test_rollout_timezone_in_any_case_and_an_unknown_one_in_one_line(team_path, capsys):
    from teamkeel.core.storage.teamfile import TeamFile

    TeamFile.create(team_path).close()
    args = ["calendar", "rollout", "--db", str(team_path), "--start", "2026-01-07"]
    assert main([*args, "--timezone", "Mars/Olympus"]) == 2
    assert capsys.readouterr().err == (
        "teamkeel: error: Unknown timezone 'Mars/Olympus' (use an IANA name such as "
        "Europe/Berlin).\n"
    )
    assert main([*args, "--timezone", "asia/tokyo"]) == 0
    with TeamFile.open(team_path) as team:
        assert {r.timezone for r in CalendarService(team).list_rituals()} == {"Asia/Tokyo"}


def test_cards_for_a_calendar_without_rituals_are_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    from teamkeel.core.storage.teamfile import TeamFile

    db = tmp_path / "empty.keel"
    TeamFile.create(db).close()
    out = tmp_path / "cards.pdf"
    run = subprocess.run(
        [sys.executable, "-m", "teamkeel", "export", "facilitation-cards", "--db", str(db), "--out", str(out)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 2 and "no rituals yet" in run.stderr
    assert not out.exists()


def test_rollout_on_a_team_that_already_has_rituals_and_a_ratified_compact(team_path, capsys):
    import datetime as dt

    from teamkeel.core.calendar.domain import Recurrence, Ritual
    from teamkeel.core.calendar.public_holidays import days_off
    from teamkeel.core.compact import CompactService
    from teamkeel.core.roster.member import Member
    from teamkeel.core.roster.service import RosterService
    from teamkeel.core.storage.teamfile import TeamFile

    with TeamFile.create(team_path) as team:
        RosterService(team).add(Member("Ana", timezone="Europe/Berlin"))
        calendar = CalendarService(team)
        for kind, title, weekdays in (("standup", "Stand-up", ()), ("pairing", "Pairing", (2,))):
            calendar.add(Ritual(kind, title, dt.datetime(2026, 11, 2, 9, 30), "Europe/Berlin", 30,
                                Recurrence("weekly" if weekdays else "weekdays", weekdays=weekdays)))  # fmt: skip
        compact = CompactService(team)
        compact.start()
        compact.ratify()
    args = ["calendar", "rollout", "--db", str(team_path), "--start", "2026-12-02"]
    assert main([*args, "--holidays", "de"]) == 0
    out = capsys.readouterr().out
    assert "Kept what the team already has instead of adding more: “Stand-up”, “Pairing”." in out
    assert "version 1 of the compact is already ratified" in out
    assert "Public holidays avoided: Germany (DE)." in out
    with TeamFile.open(team_path) as team:
        rituals = CalendarService(team).list_rituals()
        kinds = [r.kind for r in rituals]
        assert kinds.count("standup") == 1 and kinds.count("pairing") == 1
        assert not any(r.title.endswith("the Team Support Compact") for r in rituals)
        first = dt.date(2026, 12, 2)
        year = CalendarService(team).occurrences(first, first + dt.timedelta(days=365))
        plan_uids = {r.uid for r in rituals if r.title not in ("Stand-up", "Pairing")}
        off = days_off("DE", first, first + dt.timedelta(days=365))
        assert not [o for o in year if o.uid in plan_uids and (o.day in off or o.day.weekday() > 4)]
    # The country is remembered; "none" turns holidays off (and is remembered too).
    assert main([*args, "--no-reuse"]) == 0
    assert "Germany (DE)" in capsys.readouterr().out
    assert main([*args, "--holidays", "none"]) == 0
    assert "Public holidays" not in capsys.readouterr().out
    assert main([*args, "--holidays", "Atlantis"]) == 2
    assert "no public holidays for 'Atlantis'" in capsys.readouterr().err
