"""The JSON document: a lossless copy of a team file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from teamkeel.core import interchange
from teamkeel.core.errors import KeelError, ValidationError
from teamkeel.core.roster import Member, RosterService
from teamkeel.core.storage.teamfile import TeamFile


def test_export_import_export_is_identical(demo_team: TeamFile, tmp_path: Path) -> None:
    first = tmp_path / "first.json"
    interchange.export_json(demo_team, first)
    with TeamFile.create(tmp_path / "copy.keel") as copy:
        interchange.import_document(copy, interchange.load_json(first))
        second = tmp_path / "second.json"
        interchange.export_json(copy, second)
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")
    doc = json.loads(first.read_text(encoding="utf-8"))
    assert doc["format"] == "keel-team"
    assert doc["team"]["name"]
    assert {m["name"] for m in doc["roster"]} >= {"Zoë Martin", "李娜", "Дмитрий Орлов"}


def test_import_needs_an_empty_file(demo_team: TeamFile, tmp_path: Path) -> None:
    doc = interchange.export_document(demo_team)
    with pytest.raises(KeelError, match="empty team file"):
        interchange.import_document(demo_team, doc)


def test_import_refuses_a_file_with_rituals_and_surveys_but_no_members(
    demo_team: TeamFile, tmp_path: Path
) -> None:
    """Every table counts, not only the roster: merging into such a file would
    duplicate its stand-ups and survey rounds."""
    doc = interchange.export_document(demo_team)
    rituals = [
        {**r, "facilitator": None, "rotation": [], "swaps": [], "attendees": None}
        for r in doc["calendar"]
    ]
    partial = {k: doc[k] for k in ("format", "format_version", "team", "insights")}
    with TeamFile.create(tmp_path / "partial.keel") as target:
        interchange.import_document(target, {**partial, "calendar": rituals})
        assert RosterService(target).list_members() == []
        before = interchange.export_document(target)
        without_rituals = {k: v for k, v in doc.items() if k != "calendar"}
        with pytest.raises(KeelError, match=r"empty team file.*ritual.*survey_round"):
            interchange.import_document(target, without_rituals)
        assert interchange.export_document(target) == before


def test_a_bad_document_writes_nothing(team: TeamFile) -> None:
    doc = {
        "format": "keel-team",
        "format_version": 1,
        "team": {"name": "Renamed"},
        "roster": [
            {"id": 1, "name": "Fine", "timezone": "UTC"},
            {"id": 2, "name": "Broken", "timezone": "Nowhere/Land"},
        ],
    }
    with pytest.raises(ValidationError, match=r"roster\[1\]\.timezone"):
        interchange.import_document(team, doc)
    assert RosterService(team).list_members() == []
    from teamkeel.core.team_info import TeamInfoService

    assert TeamInfoService(team).name() == "Test Team"


@pytest.mark.parametrize(
    "doc",
    [[], {"format": "something-else"}, {"format": "keel-team", "format_version": 99}],
)
def test_foreign_or_newer_documents_are_refused(team: TeamFile, doc: object) -> None:
    with pytest.raises(ValidationError):
        interchange.import_document(team, doc)


def test_unreadable_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{\n  "format": "keel-team",\n  oops\n}', encoding="utf-8")
    with pytest.raises(KeelError, match="line 3"):
        interchange.load_json(path)


def test_schema_file_documents_the_roster(team: TeamFile) -> None:
    from teamkeel.resources import path

    schema = json.loads(path("schema/keel-team.schema.json").read_text(encoding="utf-8"))
    RosterService(team).add(Member(name="Ana"))
    doc = interchange.export_document(team)
    member_fields = set(schema["properties"]["roster"]["items"]["properties"])
    assert set(doc["roster"][0]) == member_fields
    assert set(schema["required"]) <= set(doc)


def test_demo_document_follows_the_published_schema(demo_team: TeamFile) -> None:
    import jsonschema

    from teamkeel.resources import path

    schema = json.loads(path("schema/keel-team.schema.json").read_text(encoding="utf-8"))
    doc = interchange.export_document(demo_team)
    jsonschema.validate(doc, schema)
    # Every section Keel writes is documented, not just tolerated.
    assert set(doc) <= set(schema["properties"])
