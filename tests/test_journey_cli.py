"""``teamkeel journey``, ``listening``, ``feedback`` and the Journey's exports."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader

from teamkeel.cli import main
from teamkeel.core.calendar import CalendarService
from teamkeel.core.calendar.domain import Recurrence, Ritual
from teamkeel.core.journey.service import JourneyService
from teamkeel.core.storage.teamfile import TeamFile

FORM_CSV = (
    "Timestamp,When did asking for help feel easy?,What stops you from offering help?\n"
    "2026/11/03 10:01:02,In a pairing session,No time between meetings\n"
    "2026/11/03 10:02:02,When the lead admitted a mistake,I'm afraid to look stupid\n"
    "2026/11/03 10:03:02,,I don't know who to ask\n"
    "2026/11/03 10:04:02,,Slack threads bury every question\n"
    "2026/11/03 10:05:02,,Ich habe keine Zeit\n"
)


def _text(pdf: Path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(pdf).pages)


def _rows(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture
def db(team: TeamFile, team_path: Path) -> str:
    CalendarService(team).add(
        Ritual(
            kind="standup",
            title="Kudos & blockers stand-up",
            start=dt.datetime(2026, 1, 5, 9, 30),
            timezone="Europe/Berlin",
            duration_minutes=15,
            recurrence=Recurrence("weekdays"),
        )
    )
    return str(team_path)


def test_listening_import_then_show(db: str, tmp_path: Path, capsys) -> None:
    csv_file = tmp_path / "form.csv"
    csv_file.write_text(FORM_CSV, encoding="utf-8")
    assert main(["listening", "import", str(csv_file), "--db", db, "--date", "2026-11-03"]) == 0
    assert "Added 7 answers" in capsys.readouterr().out
    assert main(["listening", "show", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "at least 5 people" in out and "“I'm afraid to look stupid”" in out
    assert main(["listening", "show", "--db", db, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    counts = {c["key"]: c["answers"] for c in data["round"]["counts"]}
    assert counts["time"] == 2 and counts["fear"] == 1 and counts["how"] == 1


def test_a_small_round_shows_nothing_on_the_command_line(db: str, tmp_path: Path, capsys) -> None:
    csv_file = tmp_path / "form.csv"
    csv_file.write_text("\n".join(FORM_CSV.splitlines()[:4]) + "\n", encoding="utf-8")
    main(["listening", "import", str(csv_file), "--db", db, "--date", "2026-11-03"])
    assert "stays hidden" in capsys.readouterr().out
    assert main(["listening", "show", "--db", db, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["round"]["shown"] is False and data["round"]["counts"] == []
    assert "stupid" not in json.dumps(data)
    main(["listening", "show", "--db", db])
    assert "stupid" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('Q1,Q2\n"broken,quote\n', "line 2: unreadable CSV"),
        ("Timestamp,Q1\n", "no answers found"),
    ],
)
def test_a_bad_csv_is_one_line_and_writes_nothing(
    db: str, tmp_path: Path, capsys, content: str, message: str
) -> None:
    csv_file = tmp_path / "bad.csv"
    csv_file.write_text(content, encoding="utf-8")
    assert main(["listening", "import", str(csv_file), "--db", db, "--date", "2026-11-03"]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    assert _rows(Path(db), "listening_round") == 0


def test_a_future_date_is_refused(db: str, tmp_path: Path, capsys) -> None:
    csv_file = tmp_path / "form.csv"
    csv_file.write_text(FORM_CSV, encoding="utf-8")
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    assert main(["listening", "import", str(csv_file), "--db", db, "--date", future]) == 2
    assert "in the future" in capsys.readouterr().err
    assert _rows(Path(db), "listening_round") == 0


def test_feedback_add_and_list(db: str, capsys) -> None:
    args = ["feedback", "add", "--db", db, "--ritual", "kudos"]
    assert (
        main([*args, "--useful", "quick help", "--decision", "keep", "--date", "2026-02-02"]) == 0
    )
    assert "Recorded feedback on “Kudos & blockers stand-up”" in capsys.readouterr().out
    assert main(["feedback", "list", "--db", db, "--json"]) == 0
    (entry,) = json.loads(capsys.readouterr().out)
    assert entry["decision"] == "keep" and entry["useful"] == "quick help"
    assert main(["feedback", "list", "--db", db]) == 0
    assert "useful: quick help" in capsys.readouterr().out


def test_dropping_a_ritual_from_the_command_line_ends_it(db: str, team: TeamFile, capsys) -> None:
    code = main(
        [
            *("feedback", "add", "--db", db, "--ritual", "Kudos & blockers stand-up"),
            *("--awkward", "nobody came", "--decision", "drop", "--date", "2026-03-02"),
        ]
    )
    assert code == 0
    assert "no longer meets from 2026-03-02" in capsys.readouterr().out
    (ritual,) = CalendarService(team).list_rituals()
    assert ritual.recurrence.until == dt.date(2026, 3, 1)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--ritual", "Retro", "--useful", "x", "--decision", "keep"], "no ritual called"),
        (["--ritual", "Kudos", "--decision", "keep"], "useful or what felt awkward"),
        (["--ritual", "Kudos", "--useful", "x", "--decision", "adjust"], "what changes"),
        (["--ritual", "Kudos", "--useful", "x", "--decision", "keep", "--date", "2199-01-01"],
         "in the future"),
    ],
)  # fmt: skip
def test_bad_feedback_is_one_line_and_writes_nothing(
    db: str, capsys, extra: list[str], message: str
) -> None:
    assert main(["feedback", "add", "--db", db, *extra]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    assert _rows(Path(db), "journey_feedback") == 0


def test_journey_command_text_and_json(demo_path: Path, capsys) -> None:
    assert main(["journey", "--db", str(demo_path)]) == 0
    out = capsys.readouterr().out
    assert "Ritual pilot (weeks 5–12)  <- now" in out and "Next steps:" in out
    assert main(["journey", "--db", str(demo_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [p["name"] for p in data["phases"]][0] == "Diagnosis and foundation"
    checks = {c["key"]: c for p in data["phases"] for c in p["checks"]}
    assert checks["listening"]["status"] == "done" and checks["listening"]["target"] == "journey"


def test_journey_sets_the_program_start(db: str, capsys) -> None:
    assert main(["journey", "--db", db, "--set-start", "2026-01-05"]) == 0
    assert "program started 2026-01-05" in capsys.readouterr().out


def test_exports_write_readable_files(demo_path: Path, tmp_path: Path, capsys) -> None:
    db = str(demo_path)
    out = {k: tmp_path / f"{k}.pdf" for k in ("journey", "diagnosis", "charter")}
    for kind, path in out.items():
        assert main(["export", kind, "--db", db, "--out", str(path)]) == 0
    assert "Where we are" in _text(out["journey"])
    diagnosis = _text(out["diagnosis"])
    assert "The pattern." in diagnosis and "support hotline" in diagnosis
    assert "How to ask for help" in _text(out["charter"])
    md = tmp_path / "charter.md"
    assert main(["export", "charter", "--db", db, "--out", str(md)]) == 0
    text = md.read_text(encoding="utf-8")
    assert text.startswith("## Support & Communication") and "### Rituals in use" in text
    stories = tmp_path / "stories.pdf"
    today = dt.date.today()
    first = (today - dt.timedelta(days=90)).isoformat()
    args = ["export", "stories", "--db", db, "--out", str(stories), "--from", first]
    assert main([*args, "--to", today.isoformat()]) == 0
    assert "Took on pipeline reviews" in _text(stories)


def test_the_diagnosis_pdf_hides_a_small_round(team: TeamFile, team_path: Path, tmp_path) -> None:
    from teamkeel.core.journey.listening import Answer

    JourneyService(team).add_round(
        dt.date(2026, 11, 3), answers=(Answer("I'm afraid to look stupid", (), 1),) * 4
    )
    out = tmp_path / "d.pdf"
    assert main(["export", "diagnosis", "--db", str(team_path), "--out", str(out)]) == 0
    text = _text(out)
    assert "Fewer than 5 people answered" in text and "stupid" not in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "journey", "--out", "x.txt"], "must end in .pdf"),
        (["export", "charter", "--out", "x.docx"], "must end in .pdf or .md"),
        (["export", "diagnosis", "--out", "/no/such/folder/d.pdf"], "no folder"),
        (["export", "stories", "--out", "s.pdf", "--from", "2026-03-01", "--to", "2026-02-01"],
         "before --from"),
        (["export", "charter", "--out", "c.md"], "write (and ideally ratify) it first"),
    ],
)  # fmt: skip
def test_bad_export_requests_are_one_line(
    db: str, tmp_path: Path, monkeypatch, capsys, args: list[str], message: str
) -> None:
    work = tmp_path / "out"
    work.mkdir()
    monkeypatch.chdir(work)
    assert main([*args, "--db", db]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    assert list(work.iterdir()) == []
