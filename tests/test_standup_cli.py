"""``teamkeel log ...`` and ``teamkeel export log``: what scripts and chat bridges rely on."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from teamkeel.cli import main
from teamkeel.core.roster import Member, RosterService
from teamkeel.core.standup import StandupService, Status
from teamkeel.core.storage.teamfile import TeamFile


@pytest.fixture
def db(team: TeamFile, team_path: Path) -> str:
    RosterService(team).add_many(
        Member(name=n, role="Engineer", timezone="UTC", work_start=dt.time(9), work_end=dt.time(17))
        for n in ["Ana Sousa", "Aroha Ngata", "Bo", "李娜"]
    )
    return str(team_path)


def test_kudos_blocker_and_resolve_from_the_command_line(db, team, capsys) -> None:
    code = main(
        [
            "log",
            "kudos",
            "--db",
            db,
            "--from",
            "Ana S",
            "--to",
            "bo",
            "--to",
            "李娜",
            "--note",
            "paired on the flaky test",
            "--date",
            "2026-03-02",
            "--tag",
            "CI",
        ]
    )
    assert code == 0
    assert "Ana Sousa thanks Bo, 李娜" in capsys.readouterr().out
    assert (
        main(
            [
                "log",
                "blocker",
                "--db",
                db,
                "--owner",
                "Aroha",
                "--note",
                "no keys",
                "--date",
                "2026-03-02",
            ]
        )
        == 0
    )
    blocker_id = StandupService(team).open_blockers(dt.date(2026, 3, 2))[0].id
    assert (
        main(
            [
                "log",
                "resolve",
                "--db",
                db,
                "--id",
                str(blocker_id),
                "--helper",
                "Bo",
                "--date",
                "2026-03-05",
            ]
        )
        == 0
    )
    entry = StandupService(team).get(blocker_id)
    assert entry.status is Status.RESOLVED and entry.days_to_resolve == 3
    (kudo,) = StandupService(team).kudos_between(dt.date(2026, 3, 2), dt.date(2026, 3, 2))
    assert kudo.tags == ("ci",) and len(kudo.receiver_ids) == 2


def test_ambiguous_and_unknown_names_list_candidates(db, team, capsys) -> None:
    assert main(["log", "kudos", "--db", db, "--from", "A", "--to", "Bo", "--note", "x"]) == 2
    err = capsys.readouterr().err
    assert "Ana Sousa" in err and "Aroha Ngata" in err
    assert main(["log", "blocker", "--db", db, "--owner", "Zed", "--note", "x"]) == 2
    assert "Zed" in capsys.readouterr().err
    assert StandupService(team).count() == 0


def test_bad_resolutions_are_refused(db, capsys) -> None:
    assert main(["log", "resolve", "--db", db, "--id", "42", "--helper", "Bo"]) == 2
    assert "#42" in capsys.readouterr().err


def test_export_log_writes_the_date_range(db, tmp_path, capsys) -> None:
    for day in ("2026-03-01", "2026-03-05", "2026-03-09"):
        main(
            [
                "log",
                "kudos",
                "--db",
                db,
                "--from",
                "Bo",
                "--to",
                "李娜",
                "--note",
                day,
                "--date",
                day,
            ]
        )
    out = tmp_path / "log.csv"
    assert (
        main(
            [
                "export",
                "log",
                "--db",
                db,
                "--out",
                str(out),
                "--from",
                "2026-03-02",
                "--to",
                "2026-03-09",
            ]
        )
        == 0
    )
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["date"] for r in rows] == ["2026-03-05", "2026-03-09"]
    assert rows[0]["receivers_or_helpers"] == "李娜"


@pytest.mark.parametrize(
    ("out", "extra", "expected"),
    [
        ("log.txt", [], "--out must end in .csv"),
        ("no-such-folder/log.csv", [], "there is no folder"),
        ("log.csv", ["--from", "2026-03-09", "--to", "2026-03-01"], "ends (2026-03-01) before"),
    ],
)
def test_export_log_refuses_bad_output_in_one_line(
    db, tmp_path, capsys, out, extra, expected
) -> None:
    target = tmp_path / out
    assert main(["export", "log", "--db", db, "--out", str(target), *extra]) == 2
    err = capsys.readouterr().err
    assert expected in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not target.exists()


def test_an_entry_dated_in_the_future_is_refused(db, team, capsys) -> None:
    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    command = ["log", "kudos", "--db", db, "--from", "Bo", "--to", "李娜", "--note", "x"]
    assert main([*command, "--date", future]) == 2
    assert f"date: {future} is in the future" in capsys.readouterr().err
    assert (
        main(["log", "blocker", "--db", db, "--owner", "Bo", "--note", "x", "--date", future]) == 2
    )
    assert StandupService(team).count() == 0
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()  # a time zone ahead
    assert main([*command, "--date", tomorrow]) == 0


@pytest.mark.parametrize(
    "argv",
    [
        ["log", "resolve", "--id", "99999999999999999999"],
        ["insights", "--from", "9999-12-20"],
        ["calendar", "rollout", "--start", "9999-12-25"],
        ["calendar", "list", "--from", "9999-12-01"],
    ],
)
def test_numbers_and_dates_out_of_range_are_one_line(db, capsys, argv) -> None:
    try:
        code = main([*argv, "--db", db])
    except SystemExit as exc:  # a date refused by the argument parser itself
        code = exc.code
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("teamkeel") and "error:" in err and "out of range" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
