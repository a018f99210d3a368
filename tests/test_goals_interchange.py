"""The goals section of the JSON document: a lossless round trip, refusals that write
nothing, and the migration fixture holding every new table."""

from __future__ import annotations

import copy
import sqlite3
from pathlib import Path

import pytest

from teamkeel.core.errors import ValidationError
from teamkeel.core.interchange import export_document, import_document
from teamkeel.core.storage.teamfile import TeamFile

GOAL_TABLES = (
    "goal_item",
    "skill_share_project",
    "blocker_buddy",
    "outcome_metric",
    "outcome_value",
)


def test_demo_goals_survive_a_round_trip(demo_team: TeamFile, tmp_path: Path) -> None:
    doc = export_document(demo_team)
    goals = doc["goals"]
    assert {i["kind"] for i in goals["weekly"]} == {"deliverable", "support"}
    assert len({i["week"] for i in goals["weekly"]}) == 8
    assert any(i["carried_from"] for i in goals["weekly"])
    assert [p["status"] for p in goals["skill_shares"]] == ["delivered", "under_way"]
    assert goals["buddies"]
    assert len({v["month"] for v in goals["outcomes"]}) == 12
    copy_team = TeamFile.create(tmp_path / "copy.keel")
    try:
        import_document(copy_team, doc)
        assert export_document(copy_team)["goals"] == goals
    finally:
        copy_team.close()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda g: g["weekly"][0].update(member=9999),
            r"weekly\[0\]: 9999 is not the id of a member",
        ),
        (lambda g: g["weekly"][0].update(week="2026-W60"), "has no week 60"),
        (
            lambda g: g["outcomes"][0].update(value="many"),
            r"outcomes\[0\]\.value: expected a number",
        ),
        (lambda g: g["outcomes"][0].update(metric="vibes"), "'vibes' is not defined"),
        (lambda g: g["skill_shares"][0].update(status="finished"), "goals"),
        (lambda g: g["buddies"][0].update(blocker=999999), "999999 is not a blocker"),
    ],
)
def test_a_bad_goals_section_writes_nothing(
    demo_team: TeamFile,
    tmp_path: Path,
    change,
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    doc = copy.deepcopy(export_document(demo_team))
    change(doc["goals"])
    target = TeamFile.create(tmp_path / "bad.keel")
    try:
        with pytest.raises(ValidationError, match=message):
            import_document(target, doc)
    finally:
        target.close()
    conn = sqlite3.connect(tmp_path / "bad.keel")
    try:
        assert conn.execute("SELECT count(*) FROM member").fetchone() == (0,)
        for table in GOAL_TABLES:
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,)
    finally:
        conn.close()


def test_the_schema_fixture_holds_goals_data() -> None:
    fixtures = Path(__file__).parent / "fixtures" / "schema"
    newest = list(fixtures.glob("*0008_goals*.keel"))
    assert newest, "run tests/fixtures/make_fixture.py after adding 0008_goals"
    conn = sqlite3.connect(newest[0])
    try:
        for table in GOAL_TABLES:
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 0, table
    finally:
        conn.close()
