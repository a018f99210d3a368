"""``teamkeel goals``, ``buddies``, ``outcomes``, ``log blocker`` suggestions, the basket in
``insights --json`` and ``export checkin`` (the brief read back from the PDF)."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader

from teamkeel.cli import main
from teamkeel.core.goals.weekly import WeeklyGoals
from teamkeel.core.insights.service import InsightsService
from teamkeel.core.roster import Member, RosterService
from teamkeel.core.standup import StandupService
from teamkeel.core.storage.teamfile import TeamFile


@pytest.fixture
def db(team: TeamFile, team_path: Path) -> str:
    RosterService(team).add_many(
        [
            Member(
                "Ana Sousa", role="Backend", timezone="Europe/Lisbon", goals=("Public speaking",)
            ),
            Member("Bo Lind", role="Frontend", timezone="Asia/Tokyo", skills=("PostgreSQL",)),
            Member("Cy", role="QA", timezone="America/New_York"),
        ]
    )
    return str(team_path)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as stop:  # a usage mistake caught by the argument parser
        code = int(stop.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def _count(path: str, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def test_goals_add_done_carry_and_list(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(
        capsys,
        "goals",
        "add",
        "--db",
        db,
        "--member",
        "Ana",
        "--week",
        "2026-W50",
        "--deliverable",
        "ship the export dialog",
        "--support-to",
        "bo",
        "--support",
        "review the migration PR",
    )
    assert code == 0
    assert "2026-W50 Ana Sousa: support Bo Lind: review the migration PR [open]" in out
    ids = [int(line.split()[1].lstrip("#")) for line in out.splitlines()]
    assert (
        _run(capsys, "goals", "done", "--db", db, "--id", str(ids[1]), "--date", "2026-12-09")[0]
        == 0
    )
    code, out, _ = _run(capsys, "goals", "done", "--db", db, "--id", str(ids[0]), "--partly")
    assert "[partly]" in out
    code, out, _ = _run(capsys, "goals", "carry", "--db", db, "--id", str(ids[0]))
    assert "2026-W51 Ana Sousa: ship the export dialog [open]" in out
    code, out, _ = _run(capsys, "goals", "list", "--db", db, "--week", "2026-W50", "--json")
    listed = json.loads(out)
    assert [(i["kind"], i["status"], i["done_on"]) for i in listed] == [
        ("deliverable", "partly", None),
        ("support", "done", "2026-12-09"),
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--member", "Zed", "--deliverable", "x"], "No member is called “Zed”"),
        (["--member", "Ana", "--support", "review"], "--support needs --support-to"),
        (["--member", "Ana", "--support-to", "Ana", "--support", "x"], "for someone else"),
        (["--member", "Ana", "--week", "2026-W60", "--deliverable", "x"], "2026 has no week 60"),
    ],
)
def test_refused_goals_are_one_line_and_write_nothing(
    db: str, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = _run(capsys, "goals", "add", "--db", db, *argv)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
    assert _count(db, "goal_item") == 0


def test_log_blocker_prints_buddies_and_buddies_at_a_moment(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(
        capsys,
        "log",
        "blocker",
        "--db",
        db,
        "--owner",
        "Ana",
        "--note",
        "postgres lag",
        "--date",
        "2026-12-07",
    )
    assert code == 0 and "Who could help now:" in out and "Bo Lind:" in out
    blocker = out.split("#", 1)[1].split()[0]
    code, out, _ = _run(
        capsys, "buddies", "--db", db, "--blocker", blocker, "--at", "2026-12-08T01:00Z", "--json"
    )
    found = json.loads(out)
    assert found[0]["name"] == "Bo Lind"  # 10:00 in Tokyo
    assert found[0]["reasons"] == ["in working hours now (10:00 in Tokyo)", "knows PostgreSQL"]
    assert [f["name"] for f in found] == ["Bo Lind", "Cy"]  # never the owner
    code, out, _ = _run(
        capsys,
        "buddies",
        "--db",
        db,
        "--blocker",
        blocker,
        "--at",
        "2026-12-08T01:00Z",
        "--choose",
        "Bo",
    )
    assert "Recorded Bo Lind as the buddy." in out
    assert _count(db, "blocker_buddy") == 1
    code, _, err = _run(capsys, "buddies", "--db", db, "--blocker", blocker, "--at", "tomorrow")
    assert code == 2 and "is not a moment like 2026-12-07T15:00Z" in err


def test_outcomes_add_and_the_basket_in_insights_json(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    month = f"{dt.date.today():%Y-%m}"
    assert (
        _run(
            capsys,
            "outcomes",
            "add",
            "--db",
            db,
            "--month",
            month,
            "--metric",
            "on-time delivery",
            "--value",
            "87,5",
        )[0]
        == 0
    )
    code, _, err = _run(
        capsys,
        "outcomes",
        "add",
        "--db",
        db,
        "--month",
        month,
        "--metric",
        "happiness",
        "--value",
        "3",
    )
    assert code == 2 and "No metric “happiness”" in err
    code, out, _ = _run(capsys, "insights", "--db", db, "--json")
    basket = {m["metric"]: m["values"] for m in json.loads(out)["outcome_basket"]}
    assert basket["on_time_delivery"] == [{"month": month, "value": 87.5}]


EXCEL = (
    "\ufeffMonth;Metric;Value\r\n2026-10;Voluntary leavers;0\r\n2026-10;On-time delivery;81,5\r\n"
)
WIDE = (
    "Month,On-time delivery,Defects found after release,Overtime\nSep 2026,78,6,3\nOct 2026,82,,2\n"
)
FORMS = (
    "Timestamp,Month,Metric,Value\n"
    "2026/11/03 9:14:02 AM GMT+1,11/2026,Attendance at voluntary feedback sessions,6\n"
)


@pytest.mark.parametrize(("text", "figures"), [(EXCEL, 2), (WIDE, 5), (FORMS, 1)])
def test_outcomes_import_reads_real_tool_csvs(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, figures: int
) -> None:
    path = tmp_path / "outcomes.csv"
    path.write_text(text, encoding="utf-8")
    code, out, _ = _run(capsys, "outcomes", "import", str(path), "--db", db)
    assert code == 0 and f"Imported {figures} figure" in out
    assert _count(db, "outcome_value") == figures


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Month;Metric;Value\n2026-10;Leavers;0\n2026-13;Leavers;1\n",
            "line 3: “2026-13” is not a month",
        ),
        ("Month,Metric,Value\n2026-10,Leavers,lots\n", "line 2: “lots” is not a number"),
        ("Month,Vibes\n2026-10,3\n", "line 1: No metric “Vibes”"),
        ("Metric,Value\nLeavers,1\n", "line 1: no “month” column"),
    ],
)
def test_a_bad_outcomes_csv_names_the_line_and_writes_nothing(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    code, _, err = _run(capsys, "outcomes", "import", str(path), "--db", db)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
    assert _count(db, "outcome_value") == 0


# -- the check-in brief ------------------------------------------------------------------
def _pdf_text(path: Path) -> str:
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    fonts = {
        str(f.get_object()["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"].values()
    }
    assert not any("Helvetica" in f for f in fonts), fonts  # only the bundled, embedded fonts
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


# Words of rating and comparison, as whole words ("migration" holds "ratio").
NEVER = (
    r"scores?",
    r"ratios?",
    "%",
    r"average",
    r"rank\w*",
    r"compar\w*",
    r"survey",
    r"safety",
    r"than",
    r"balance",
    r"given",
    r"received",
)


def test_checkin_brief_holds_observable_actions_only(
    db: str, team: TeamFile, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = {m.name.split()[0]: m.id or 0 for m in RosterService(team).list_members()}
    log = StandupService(team)
    log.add_kudos(
        dt.date(2026, 11, 3), ids["Bo"], [ids["Ana"]], "explained the caching layer with a drawing"
    )
    log.add_kudos(dt.date(2026, 11, 4), ids["Ana"], [ids["Cy"]], "a note about Cy only")
    blocker = log.add_blocker(dt.date(2026, 11, 5), ids["Cy"], "staging database is down")
    log.resolve(blocker.id, dt.date(2026, 11, 6), [ids["Ana"]])
    goals = WeeklyGoals(team)
    action = goals.add(ids["Ana"], dt.date(2026, 11, 9), [], ids["Bo"], "review Bo's migration PR")[
        0
    ]
    goals.set_status(action.id, "done", dt.date(2026, 11, 10))  # type: ignore[arg-type]
    InsightsService(team).add_round(dt.date(2026, 11, 20), [[2, 3, 4, 5, 6, 7, 1]] * 5)
    out = tmp_path / "ana.pdf"
    code, stdout, _ = _run(
        capsys,
        "export",
        "checkin",
        "--db",
        db,
        "--member",
        "Ana",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--out",
        str(out),
    )
    assert code == 0 and "Ana Sousa" in stdout
    text = _pdf_text(out)
    assert "Check-in notes for Ana Sousa" in text
    assert "“explained the caching layer with a drawing” — Bo Lind" in text  # verbatim
    assert "Cy was stuck: staging database is down" in text
    assert "review Bo's migration PR — for Bo Lind (2026-W46)" in text
    assert "Public speaking" in text
    assert "a note about Cy only" not in text  # another member's thanks
    lowered = text.casefold()
    for word in NEVER:
        assert not re.search(rf"(?<!\w){word}(?!\w)", lowered), word


def test_an_empty_period_says_so_kindly(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cy.pdf"
    assert (
        _run(
            capsys,
            "export",
            "checkin",
            "--db",
            db,
            "--member",
            "Cy",
            "--from",
            "2026-01-01",
            "--to",
            "2026-01-31",
            "--out",
            str(out),
        )[0]
        == 0
    )
    text = _pdf_text(out)
    assert "Nothing was written down for these dates yet" in text
    assert "None on the roster yet" in text


def test_checkin_refusals(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(
        capsys,
        "export",
        "checkin",
        "--db",
        db,
        "--member",
        "Cy",
        "--from",
        "2026-02-01",
        "--to",
        "2026-01-01",
        "--out",
        str(tmp_path / "x.pdf"),
    )
    assert code == 2 and "ends (2026-01-01) before it starts" in err
    assert not (tmp_path / "x.pdf").exists()
    code, _, err = _run(
        capsys,
        "export",
        "checkin",
        "--db",
        db,
        "--member",
        "Cy",
        "--from",
        "2026-01-01",
        "--to",
        "2026-01-31",
        "--out",
        str(tmp_path / "x.txt"),
    )
    assert code == 2 and "--out must end in .pdf" in err


def test_the_health_report_reads_the_basket_beside_supportive_actions(
    db: str, team: TeamFile, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = {m.name.split()[0]: m.id or 0 for m in RosterService(team).list_members()}
    goals = WeeklyGoals(team)
    today = dt.date.today()
    action = goals.add(ids["Ana"], today, [], ids["Cy"], "pair on the flaky test")[0]
    goals.set_status(action.id, "done", today)  # type: ignore[arg-type]
    month = f"{today:%Y-%m}"
    assert (
        _run(
            capsys,
            "outcomes",
            "add",
            "--db",
            db,
            "--month",
            month,
            "--metric",
            "defects",
            "--value",
            "4",
        )[0]
        == 0
    )
    out = tmp_path / "report.pdf"
    assert _run(capsys, "export", "report", "--db", db, "--out", str(out), "--for-team")[0] == 0
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out).pages)
    assert "Supportive actions and the outcome basket" in text
    assert "1 supportive actions from weekly goals" in text
    assert f"Defects found after release 4 defects ({month})" in text
    assert "never added up into a score" in text


def test_skill_share_projects_from_the_command_line(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(
        capsys,
        "skillshare",
        "add",
        "--db",
        db,
        "--member",
        "Ana",
        "--partner",
        "Bo",
        "--deliverable",
        "a content performance dashboard",
        "--goal",
        "public speaking",
        "--due",
        "2026-12-18",
    )
    assert code == 0
    assert "Ana Sousa & Bo Lind: a content performance dashboard (serves: Public speaking)" in out
    code, _, err = _run(
        capsys,
        "skillshare",
        "add",
        "--db",
        db,
        "--member",
        "Ana",
        "--partner",
        "Bo",
        "--deliverable",
        "x",
        "--partner-goal",
        "Rust",
    )
    assert code == 2 and "“Rust” is not one of Bo Lind's growth goals (none yet)" in err
    code, out, _ = _run(
        capsys,
        "skillshare",
        "set",
        "--db",
        db,
        "--id",
        "1",
        "--status",
        "delivered",
        "--outcome",
        "used at every Monday stand-up",
    )
    assert "[delivered, due 2026-12-18] — used at every Monday stand-up" in out
    listed = json.loads(_run(capsys, "skillshare", "list", "--db", db, "--json")[1])
    assert [(p["status"], p["member_goal"]) for p in listed] == [("delivered", "Public speaking")]
    # A delivered project reaches the member's check-in brief.
    brief = tmp_path / "ana.pdf"
    today = dt.date.today().isoformat()
    assert (
        _run(
            capsys,
            "export",
            "checkin",
            "--db",
            db,
            "--member",
            "Ana",
            "--from",
            today,
            "--to",
            today,
            "--out",
            str(brief),
        )[0]
        == 0
    )
    text = _pdf_text(brief)
    assert (
        "With Bo Lind: a content performance dashboard, towards your goal “Public speaking”" in text
    )
    assert "What came of it: used at every Monday stand-up" in text
