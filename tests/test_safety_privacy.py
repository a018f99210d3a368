"""Privacy: files only their owner can read, and survey answers nobody can trace back.

Anonymous survey responses must not be linkable to a member through any table, the
JSON export, or a timestamp finer than the survey round (a response's creation time
could be matched against who was in the room).
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import stat
from pathlib import Path

from teamkeel.core import interchange
from teamkeel.core.insights.service import InsightsService
from teamkeel.core.roster import Member, RosterService
from teamkeel.core.safety.backup import list_backups
from teamkeel.core.storage.teamfile import TeamFile

SURVEY_TABLES = ("survey_round", "survey_response")


def test_team_file_and_its_sidecars_are_owner_only(team_path: Path) -> None:
    TeamFile.create(team_path).close()
    with TeamFile.open(team_path) as team:
        RosterService(team).add(Member("Ana Sousa"))
        for suffix in ("", "-wal", "-shm"):
            sidecar = Path(f"{team_path}{suffix}")
            if sidecar.exists():
                assert stat.S_IMODE(sidecar.stat().st_mode) == 0o600, sidecar
    (backup,) = list_backups(team_path)
    assert stat.S_IMODE(backup.path.stat().st_mode) == 0o600


def test_no_survey_table_points_at_a_member_or_keeps_a_time(demo_path: Path) -> None:
    conn = sqlite3.connect(demo_path)
    try:
        for table in SURVEY_TABLES:
            links = {r[2] for r in conn.execute(f"PRAGMA foreign_key_list({table})")}
            assert links <= set(SURVEY_TABLES), f"{table} links to {links}"
            for _, column, kind, *_ in conn.execute(f"PRAGMA table_info({table})"):
                assert "member" not in column.casefold(), (table, column)
                assert kind.upper() not in ("DATETIME", "TIMESTAMP", "TIME"), (table, column)
        # And no other table points at a survey response.
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'"):
            targets = {r[2] for r in conn.execute(f'PRAGMA foreign_key_list("{table}")')}
            if table not in SURVEY_TABLES:
                assert "survey_response" not in targets, table
    finally:
        conn.close()


def test_response_order_does_not_reveal_who_answered_first(team: TeamFile) -> None:
    answers = [(i % 7 + 1,) * 7 for i in range(7)]  # as typed in, first respondent first
    orders = set()
    for n in range(6):
        InsightsService(team).add_round(dt.date(2026, 3, 2 + n), answers, rng=random.Random(n))
    conn = sqlite3.connect(team.path)
    try:
        for (round_id,) in conn.execute("SELECT id FROM survey_round"):
            rows = conn.execute(
                "SELECT item1 FROM survey_response WHERE round_id = ? ORDER BY id", (round_id,)
            ).fetchall()
            orders.add(tuple(r[0] for r in rows))
    finally:
        conn.close()
    assert len(orders) > 1, "stored order always equals the order answers were entered"


def test_json_export_of_surveys_has_dates_only(demo_team: TeamFile) -> None:
    doc = interchange.export_document(demo_team)
    rounds = doc["insights"]["survey_rounds"]
    assert rounds
    for r in rounds:
        assert set(r) <= {"date", "label", "responses"}, set(r)
        dt.date.fromisoformat(r["date"])  # a day, not a moment
        for response in r["responses"]:
            assert isinstance(response, list) and all(isinstance(v, int) for v in response)
