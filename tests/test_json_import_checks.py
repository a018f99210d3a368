"""A JSON document is checked against the shipped schema before anything is written:
no value is silently coerced into something else, and every refusal names its place."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from teamkeel.cli import main
from teamkeel.core import interchange
from teamkeel.core.errors import KeelError, ValidationError
from teamkeel.core.storage.teamfile import TeamFile


@pytest.fixture(scope="module")
def demo_doc(_demo_template: Path) -> dict[str, Any]:
    with TeamFile.open(_demo_template) as team:
        return interchange.export_document(team)


def refused(doc: dict[str, Any], tmp_path: Path) -> list[str]:
    """Import ``doc`` into a new file; the problems (the file must stay empty)."""
    target = tmp_path / "target.keel"
    with TeamFile.create(target) as team:
        with pytest.raises(ValidationError) as err:
            interchange.import_document(team, doc)
        with team.session() as session:
            assert interchange.filled_tables(session) == []
    target.unlink()
    return [str(p) for p in err.value.problems]


def changed(doc: dict[str, Any], *path: Any, value: Any) -> dict[str, Any]:
    copy = json.loads(json.dumps(doc))
    where = copy
    for part in path[:-1]:
        where = where[part]
    where[path[-1]] = value
    return copy


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (("roster", 0, "archived"), "false", "roster[0].archived: expected true or false, not 'false'"),
        (("roster", 1, "skills"), "python", "roster[1].skills: expected a list, not 'python'"),
        (("roster", 2, "name"), ["x"], "roster[2].name: expected a text, not a list"),
        (("format_version",), True, "format_version: expected a whole number, not true"),
        (("format_version",), -3, "format_version: -3 is below the smallest allowed, 1"),
        (("standup", 4, "note"), "n" * 5_000_000, "standup[4].note: at most 2000 characters, not 5000000"),
        (("calendar", 0, "duration_minutes"), 10**12, "calendar[0].duration_minutes: 1000000000000 is above"),
        (("roster", 0, "work_start"), "9am", "roster[0].work_start: '9am' is not in the expected form"),
        (("compact", "versions", 0, "commitments", 0, "norm_value"), "3", "norm_value: expected a number or null"),
    ],
)  # fmt: skip
def test_values_of_the_wrong_type_range_or_length_are_refused_with_their_path(
    demo_doc: dict[str, Any], tmp_path: Path, path: tuple[Any, ...], value: Any, expected: str
) -> None:
    problems = refused(changed(demo_doc, *path, value=value), tmp_path)
    assert len(problems) == 1 and expected in problems[0]


def test_two_rituals_or_members_with_one_id_are_refused(
    demo_doc: dict[str, Any], tmp_path: Path
) -> None:
    doc = changed(demo_doc, "calendar", 3, "id", value=demo_doc["calendar"][1]["id"])
    assert refused(doc, tmp_path) == ["calendar[3].id: the id 2 is already used by calendar[1]"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"format": "keel-team", "format": "other"}', "the key “format” appears twice"),
        ('{"x": {"norm_value": Infinity}}', "Infinity is not a number JSON allows"),
        ('{"x": [NaN]}', "NaN is not a number JSON allows"),
    ],
)
def test_duplicate_keys_and_non_numbers_are_refused_on_reading(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = tmp_path / "doc.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KeelError, match=expected):
        interchange.load_json(path)


def test_the_command_line_says_where_in_one_line_and_writes_nothing(
    demo_doc: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "doc.json"
    source.write_text(json.dumps(changed(demo_doc, "roster", 5, "archived", value="no")))
    db = tmp_path / "new.keel"
    assert main(["import", "json", str(source), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err == "teamkeel: error: roster[5].archived: expected true or false, not 'no'\n"
    assert not db.exists()


def test_a_document_wrong_throughout_lists_twenty_problems_and_a_count(
    demo_doc: dict[str, Any], tmp_path: Path
) -> None:
    doc = json.loads(json.dumps(demo_doc))
    for member in doc["roster"]:
        member["archived"] = "no"
    for entry in doc["standup"][:30]:
        entry["others"] = "someone"
    problems = refused(doc, tmp_path)
    assert len(problems) == 21 and problems[-1] == "… and 22 more problems"


def test_jsonschema_is_not_loaded_unless_a_document_is_imported() -> None:
    code = (
        "import sys; from teamkeel.cli.commands import build_parser; build_parser(); "
        "print('jsonschema' in sys.modules or 'fastjsonschema' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"
