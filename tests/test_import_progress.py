"""Large roster imports tell their progress and can be cancelled with nothing written
(issue 19, item 13), and the column-by-column row reader holds every row to the member
form's rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from teamkeel.core.errors import ValidationError
from teamkeel.core.progress import Cancelled
from teamkeel.core.roster import Member, RosterService, validation
from teamkeel.core.roster.csv_rows import RowReader
from teamkeel.core.roster.csvio import import_roster_csv, parse_roster_csv, read_roster_text
from teamkeel.core.storage.teamfile import TeamFile

ROWS = 12_000


def big_roster(tmp_path: Path, rows: int = ROWS) -> Path:
    path = tmp_path / "big.csv"
    text = "Name,Email,Role,Absences\r\n" + "".join(
        f"Person {i},p{i}@example.org,Designer,2026-01-0{1 + i % 5}\r\n" for i in range(rows)
    )
    path.write_text(text, encoding="utf-8")
    return path


def test_progress_is_told_in_order_up_to_the_whole(team: TeamFile, tmp_path: Path) -> None:
    told: list[tuple[int, int]] = []
    roster = RosterService(team)
    result = import_roster_csv(
        roster, big_roster(tmp_path), progress=lambda d, t: told.append((d, t)) or True
    )
    assert len(result.members) == ROWS == roster.count()
    assert 10 <= len(told) <= 400  # often enough to move a bar, not once a row
    assert told[0] == (0, 2 * ROWS) and told[-1] == (2 * ROWS, 2 * ROWS)
    assert [d for d, _ in told] == sorted(d for d, _ in told)


@pytest.mark.parametrize("stop_at", [0.1, 0.75])  # while checking rows; while storing them
def test_cancel_writes_nothing(team: TeamFile, tmp_path: Path, stop_at: float) -> None:
    roster = RosterService(team)
    roster.add(Member(name="Already Here"))
    absences_before = _absence_count(team)

    def progress(done: int, total: int) -> bool:
        return done < stop_at * total

    with pytest.raises(Cancelled, match="cancelled; nothing was written"):
        import_roster_csv(roster, big_roster(tmp_path), progress=progress)
    assert [m.name for m in roster.list_members()] == ["Already Here"]
    assert _absence_count(team) == absences_before


def _absence_count(team: TeamFile) -> int:
    with team.reading() as conn:
        return int(conn.execute("SELECT count(*) FROM absence").fetchone()[0])


cells = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "Ana",
            "  Bo  Li ",
            "=cmd",
            "'=cmd",
            "a@b.org",
            "not mail",
            "Europe/Berlin",
            "Mars/Base",
            "09:00-17:00",
            "9-9",
            "08.30 to 16.30",
            "2026-03-01",
            "1900-01-01",
            "01.02.2026",
            "2026-01-05..2026-01-02",
            "2026-01-05..2026-01-09 Holiday; 2026-01-01",
            "yes",
            "maybe",
            "python, SQL; python",
            "x\x1bname",
            "Dr.",
        ]
    ),
    st.text(max_size=12),
)
HEADER = [
    "Name", "Email", "Role", "Time zone", "Working hours", "Work start", "Skills",
    "Growth goals", "Start date", "Absences", "Archived", "Notes",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(cells, min_size=0, max_size=len(HEADER)), min_size=1, max_size=6))
def test_a_member_read_is_clean_and_valid_and_a_refused_row_says_why(
    rows: list[list[str]],
) -> None:
    source = read_roster_text(",".join(HEADER) + "\n" + "x\n")
    reader = RowReader(source.mapping, "UTC")
    for row, read in zip(rows, reader.read(rows), strict=True):
        if isinstance(read, Member):
            assert validation.clean(read) == read  # as the form would store it
            assert validation.problems(read) == []
            assert Member(**{k: v for k, v in vars(read).items()}) == read
        else:
            assert read and all(": " in text for text in read)
        assert reader.member(row) == ((read, []) if isinstance(read, Member) else (None, read))


def test_problems_keep_the_order_of_the_form_within_a_row() -> None:
    with pytest.raises(ValidationError) as err:
        parse_roster_csv(
            "Name,Email,Time zone,Start date\nAna,nope,Mars/Base,1900-01-01\n",
            default_timezone="UTC",
        )
    assert [p.message for p in err.value.problems] == [
        "email: “nope” is not an e-mail address.",
        "timezone: “Mars/Base” is not a known timezone (e.g. Europe/Berlin).",
        "start date: 1900-01-01 is out of range (Keel works with dates from 1970-01-01 to 2200-12-31)",
    ]


def test_a_survey_round_cancelled_while_stored_leaves_nothing(team: TeamFile) -> None:
    import datetime as dt

    from teamkeel.core.insights.service import InsightsService

    service = InsightsService(team)
    answers = [(1, 2, 3, 4, 5, 6, 7)] * 25_000
    with pytest.raises(Cancelled):
        service.add_round(dt.date(2026, 3, 2), answers, progress=lambda d, t: d < t // 2)
    assert service.survey_rounds() == []
    told: list[int] = []
    service.add_round(dt.date(2026, 3, 2), answers, progress=lambda d, t: told.append(d) or True)
    assert told[-1] == 25_000 and len(service.survey_rounds()[0].responses) == 25_000
