"""Survey exports as Google Forms and Microsoft Forms write them (issue 15, item 3).

Both put columns about the respondent around the seven answers: a timestamp, an
e-mail, an id, a name. Those are never read, and nothing of them reaches the file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from teamkeel.cli import main
from teamkeel.core.errors import ValidationError
from teamkeel.core.insights.service import InsightsService
from teamkeel.core.insights.survey import parse_csv
from teamkeel.core.storage.teamfile import TeamFile

FILES = Path(__file__).parent / "fixtures" / "imports"
ANSWERS = [
    (2, 6, 1, 6, 2, 7, 6),
    (3, 5, 2, 5, 3, 6, 5),
    (1, 7, 1, 7, 1, 7, 7),
    (4, 4, 3, 4, 4, 5, 4),
    (2, 6, 2, 5, 2, 6, 6),
    (5, 3, 4, 3, 5, 4, 3),
]


def read(name: str) -> str:
    return (FILES / name).read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("name", ["google_forms_survey.csv", "microsoft_forms_survey.csv"])
def test_form_exports_are_read_by_header_and_position(name: str) -> None:
    assert parse_csv(read(name)) == ANSWERS


@pytest.mark.parametrize("name", ["google_forms_survey.csv", "microsoft_forms_survey.csv"])
def test_nothing_identifying_reaches_the_team_file(
    name: str, team_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    TeamFile.create(team_path).close()
    assert main(["survey", "import", str(FILES / name), "--db", str(team_path),
                 "--date", "2026-11-04"]) == 0  # fmt: skip
    assert "with 6 responses" in capsys.readouterr().out
    with TeamFile.open(team_path) as team:
        (stored,) = InsightsService(team).survey_rounds()
        assert sorted(stored.responses) == sorted(ANSWERS)
        assert stored.held_on == dt.date(2026, 11, 4)
    out = tmp_path / "team.json"
    assert main(["export", "json", "--db", str(team_path), "--out", str(out)]) == 0
    # The file is closed (its log folded in): every byte Keel keeps is in these two.
    kept = team_path.read_bytes() + out.read_bytes()
    for trace in ("example.org", "anonymous", "GMT+1", "11/4/26", "14:00:05", "2026/11/03"):
        assert trace.encode() not in kept, trace


def test_numbered_columns_are_read_by_their_number_in_any_order() -> None:
    text = "Timestamp;Q3;Q1;Q2;Q4;Q5;Q6;Q7;Comments\r\n2026-03-01 09:00;3;1;2;4;5;6;7;great\r\n"
    assert parse_csv(text) == [(1, 2, 3, 4, 5, 6, 7)]


def test_extra_unnumbered_answer_columns_are_refused_with_a_clear_line() -> None:
    header = "Timestamp," + ",".join(f"Statement {c}" for c in "ABCDEFGH")
    with pytest.raises(ValidationError) as err:
        parse_csv(header + "\n2026-03-01,1,2,3,4,5,6,7,8\n")
    (problem,) = err.value.problems
    assert problem.where == "line 1"
    assert problem.message.startswith("found 8 answer columns (“Statement A”")


def test_a_blank_answer_in_a_form_row_names_its_line_and_item() -> None:
    text = read("google_forms_survey.csv").replace(
        '"2","6","1","6","2","7","6"', '"2","6","","6","2","7","6"'
    )
    with pytest.raises(ValidationError, match="line 2: item 3: 'blank' is not a whole number"):
        parse_csv(text)
