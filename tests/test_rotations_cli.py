"""``teamkeel rotations ...`` and ``teamkeel export rotations``: headless planning and
printable schedules, read back from the real files."""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from teamkeel.cli import main
from teamkeel.core import interchange
from teamkeel.core.rotations.service import RotationService
from teamkeel.core.storage.teamfile import TeamFile
from teamkeel.core.team_info import create_team

NAMES = ["Zoë Martin", "Kenji Ōsaka", "Ελένη Παππά", "Дмитрий Орлов", "李娜"]


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    """A team set up from a JSON document, as a script would do it."""
    doc = {
        "format": "keel-team",
        "format_version": 1,
        "team": {"name": "Harbour"},
        "roster": [{"id": i + 1, "name": n, "timezone": "UTC"} for i, n in enumerate(NAMES)],
        "rotations": [
            {
                "name": "Weekly pairs",
                "kind": "pairs",
                "start_date": "2026-01-05",
                "members": "all",
                "odd_policy": "sit_out",
            },
            {
                "name": "Cross-check",
                "kind": "cross_check",
                "start_date": "2026-01-05",
                "cadence_weeks": 2,
                "members": [1, 2, 3, 4],
            },
        ],
    }
    source = tmp_path / "scenario.json"
    source.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    path = tmp_path / "team.keel"
    with TeamFile.create(path) as team:
        interchange.import_document(team, interchange.load_json(source))
    return path


def test_plan_prints_json_by_name_and_stores_the_rounds(scenario: Path, capsys) -> None:
    assert (
        main(
            [
                "rotations",
                "plan",
                "--db",
                str(scenario),
                "--rotation",
                "weekly",
                "--rounds",
                "5",
                "--json",
            ]
        )
        == 0
    )
    plan = json.loads(capsys.readouterr().out)
    assert plan["rotation"] == "Weekly pairs"
    assert [r["date"] for r in plan["rounds"]][:2] == ["2026-01-05", "2026-01-12"]
    sat_out = [name for r in plan["rounds"] for name in r["sitting_out"]]
    assert sorted(sat_out) == sorted(NAMES), "five people, five rounds: each sits out once"
    pairs = [frozenset(g) for r in plan["rounds"] for g in r["groups"]]
    assert len(pairs) == len(set(pairs)) == 10
    with TeamFile.open(scenario) as team:
        service = RotationService(team)
        assert len(service.rounds(service.find("Weekly pairs").id)) == 5


def test_cross_check_json_names_reviewer_and_author(scenario: Path, capsys) -> None:
    assert (
        main(
            [
                "rotations",
                "plan",
                "--db",
                str(scenario),
                "--rotation",
                "Cross-check",
                "--rounds",
                "3",
                "--json",
            ]
        )
        == 0
    )
    plan = json.loads(capsys.readouterr().out)
    for r in plan["rounds"]:
        reviewers = [a["reviewer"] for a in r["assignments"]]
        authors = [a["author"] for a in r["assignments"]]
        assert sorted(reviewers) == sorted(authors) == sorted(NAMES[:4])
        assert all(a["reviewer"] != a["author"] for a in r["assignments"])
    assert plan["rounds"][1]["date"] == "2026-01-19"


def test_list_shows_rotations_and_progress(scenario: Path, capsys) -> None:
    main(["rotations", "plan", "--db", str(scenario), "--rotation", "weekly", "--rounds", "2"])
    capsys.readouterr()
    assert main(["rotations", "list", "--db", str(scenario), "--json"]) == 0
    listed = {r["name"]: r for r in json.loads(capsys.readouterr().out)}
    assert listed["Weekly pairs"]["rounds"] == 2 and listed["Cross-check"]["rounds"] == 0
    assert main(["rotations", "list", "--db", str(scenario)]) == 0
    assert "Weekly pairs — Pairs: 0 of 2 rounds done" in capsys.readouterr().out


def test_unknown_rotation_is_one_line_on_stderr(scenario: Path, capsys) -> None:
    assert (
        main(["rotations", "plan", "--db", str(scenario), "--rotation", "nope", "--rounds", "2"])
        == 2
    )
    err = capsys.readouterr().err
    assert "No rotation is called “nope”" in err and "Weekly pairs" in err


def test_exported_pdf_has_every_round_names_in_any_script_and_the_matrix(
    scenario: Path, tmp_path: Path
) -> None:
    main(["rotations", "plan", "--db", str(scenario), "--rotation", "weekly", "--rounds", "6"])
    out = tmp_path / "pairs.pdf"
    assert (
        main(
            [
                "export",
                "rotations",
                "--db",
                str(scenario),
                "--rotation",
                "weekly",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    reader = PdfReader(out)
    assert len(reader.pages) == 2, "the schedule, then the pairing matrix on its own page"
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    for name in NAMES:
        assert name in text
    for day in ("Mon 05 Jan 2026", "Mon 09 Feb 2026"):
        assert day in text
    matrix_page = reader.pages[1].extract_text()
    assert "who was paired with whom" in matrix_page
    assert "Partners" in matrix_page and "Sat out" in matrix_page, "per-member figures"
    fonts = {
        str(f.get_object()["/BaseFont"])
        for page in reader.pages
        for f in page["/Resources"]["/Font"].values()
    }
    assert any("DejaVu" in f for f in fonts) and any("Droid" in f for f in fonts)


def test_exported_csv_has_a_row_per_group_and_sit_out(scenario: Path, tmp_path: Path) -> None:
    main(["rotations", "plan", "--db", str(scenario), "--rotation", "cross", "--rounds", "2"])
    out = tmp_path / "cross.csv"
    assert (
        main(
            ["export", "rotations", "--db", str(scenario), "--rotation", "cross", "--out", str(out)]
        )
        == 0
    )
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert len(rows) == 8
    assert rows[0]["date"] == "2026-01-05" and rows[0]["status"] == "planned"
    assert " reviews " in rows[0]["what"]


def test_export_refuses_an_unknown_file_type(scenario: Path, tmp_path: Path, capsys) -> None:
    assert (
        main(
            [
                "export",
                "rotations",
                "--db",
                str(scenario),
                "--rotation",
                "weekly",
                "--out",
                str(tmp_path / "x.docx"),
            ]
        )
        == 2
    )
    assert ".pdf or .csv" in capsys.readouterr().err


def test_a_hundred_and_twenty_member_cross_check_prints_whole(tmp_path: Path, capsys) -> None:
    """A round of a large team is taller than a page: it continues on further rows
    instead of failing, and the matrix shrinks to fit its page."""
    import datetime as dt

    from teamkeel.core.roster import Member, RosterService
    from teamkeel.core.rotations.planner import Kind
    from teamkeel.core.rotations.records import RotationSpec

    path, out = tmp_path / "big.keel", tmp_path / "big.pdf"
    names = [f"Member {i:03d} Ōsaka-Παππά" for i in range(120)]
    with create_team(path, "Big") as team:
        RosterService(team).add_many(Member(name=n) for n in names)
        service = RotationService(team)
        spec = service.save(
            RotationSpec(name="Reviews", kind=Kind.CROSS_CHECK, start_date=dt.date(2026, 1, 7))
        )
        rounds = service.plan(spec.id, 2)
    assert main(["export", "rotations", "--db", str(path), "--rotation", "Reviews",
                 "--out", str(out)]) == 0  # fmt: skip
    assert capsys.readouterr().err == ""
    text = " ".join(p.extract_text() for p in PdfReader(out).pages)
    text = " ".join(text.split())
    for group in rounds[1].groups:  # every assignment of the last round is printed
        reviewer, author = (names[m - 1] for m in group.members)
        assert f"{reviewer} reviews {author}" in text
    assert "1 (cont.)" in text and "who was paired with whom" in text


def test_plan_text_output_counts_rounds_in_words(scenario: Path, capsys) -> None:
    plan = ["rotations", "plan", "--db", str(scenario), "--rotation", "weekly", "--rounds"]
    assert main([*plan, "1"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Planned 1 round of Weekly pairs:" and len(out) == 2
    assert main([*plan, "0"]) == 0
    assert capsys.readouterr().out == (
        "Nothing planned ahead for Weekly pairs now; the rounds marked done are kept.\n"
    )
