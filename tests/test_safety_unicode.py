"""Any Unicode survives the team file, the JSON document and the roster CSV unchanged:
right-to-left scripts, emoji sequences, combining marks (decomposed, never normalised
behind the user's back), bidi controls and scripts from across the world."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from teamkeel.cli import main
from teamkeel.core import interchange
from teamkeel.core.roster import Absence, Member, RosterService
from teamkeel.core.roster.csvio import decode, parse_roster_csv, roster_to_csv
from teamkeel.core.storage.teamfile import TeamFile
from teamkeel.core.team_info import create_team
from teamkeel.core.text import strip_controls

NAMES = [
    "نور الهدى",  # Arabic, right to left
    "שירה כהן",  # Hebrew
    "Zoe\u0308 Martin",  # e + combining diaeresis, left decomposed
    "Nguye\u0302\u0303n Thi\u0323 A\u0301nh",  # stacked combining marks
    "Sam 🧑🏽‍💻 Okafor",  # emoji with skin tone and zero-width joiner
    "Bandeira 🇧🇷",  # regional-indicator flag
    "Z̷̡a̶l̸g̵o Person",  # many combining marks
    "\u202eevil\u202c Override",  # bidi override characters, stored as typed
    "李娜",
    "प्रिया रमन",  # Devanagari with virama
    "Ἀλέξανδρος",
    "𝔉𝔯𝔞𝔨𝔱𝔲𝔯 Name",  # outside the Basic Multilingual Plane
]


def members() -> list[Member]:
    out = []
    for i, name in enumerate(NAMES):
        out.append(
            Member(
                name=name,
                role="مهندسة برمجيات" if i % 2 else "Ingénieure 🛠️",
                email=f"person{i}@example.org" if i % 3 else None,
                timezone="Asia/Jerusalem" if i % 2 else "Europe/Paris",
                skills=("🐍 Python", "עברית", "Cafe\u0301 culture"),
                goals=("日本語", "قيادة"),
                start_date=dt.date(2026, 1, 1 + i),
                notes=f"{name} — ملاحظة 📝 with a\u0301ccents",
                absences=(Absence(dt.date(2026, 5, 1 + i), dt.date(2026, 5, 3 + i), "إجازة 🏖️"),),
            )
        )
    return out


def without_ids(ms: list[Member]) -> list[Member]:
    return sorted((replace(m, id=None) for m in ms), key=lambda m: m.name)


def test_through_the_team_file(team_path: Path) -> None:
    with TeamFile.create(team_path) as team:
        RosterService(team).add_many(members())
    with TeamFile.open(team_path) as team:
        stored = RosterService(team).list_members(include_archived=True)
    assert without_ids(stored) == without_ids(members())
    assert {m.name for m in stored} == set(NAMES)  # byte for byte, not normalised


def test_through_the_json_document(team_path: Path, tmp_path: Path) -> None:
    with create_team(team_path, "فريق الدعم 🤝") as team:
        RosterService(team).add_many(members())
        original = RosterService(team).list_members(include_archived=True)
        out = tmp_path / "team.json"
        interchange.export_json(team, out)
    doc = interchange.load_json(out)
    with TeamFile.create(tmp_path / "copy.keel") as copy:
        interchange.import_document(copy, doc)
        assert RosterService(copy).list_members(include_archived=True) == original
        assert interchange.export_document(copy)["team"]["name"] == "فريق الدعم 🤝"


def test_through_the_roster_csv(team_path: Path, tmp_path: Path) -> None:
    text = roster_to_csv(members())
    parsed = parse_roster_csv(decode(text.encode("utf-8-sig"))).members
    assert without_ids(parsed) == without_ids(members())
    # And through the command line, file to file.
    with TeamFile.create(team_path) as team:
        RosterService(team).add_many(members())
    out = tmp_path / "roster.csv"
    assert main(["roster", "export", "--db", str(team_path), "--out", str(out)]) == 0
    target = tmp_path / "other.keel"
    TeamFile.create(target).close()
    assert main(["roster", "import", "--db", str(target), str(out)]) == 0
    with TeamFile.open(target) as team:
        assert without_ids(RosterService(team).list_members(include_archived=True)) == without_ids(
            members()
        )


visible = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Zs")), min_size=1, max_size=40
)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(name=visible, note=st.text(max_size=200), skill=visible)
def test_any_text_round_trips(tmp_path_factory, name: str, note: str, skill: str) -> None:  # type: ignore[no-untyped-def]
    skill = skill.replace(",", "").replace(";", "") or "x"
    member = Member(name=name, notes=note.strip(), skills=(skill,), timezone="UTC")
    path = tmp_path_factory.mktemp("u") / "t.keel"
    with TeamFile.create(path) as team:
        (stored,) = RosterService(team).add_many([member])
        assert RosterService(team).get(stored.id) == stored
        doc = interchange.export_document(team)
    with TeamFile.create(path.with_name("j.keel")) as copy:
        interchange.import_document(copy, doc)
        assert RosterService(copy).get(stored.id) == stored
    # A CSV holds no control characters (a spreadsheet, or a terminal, would act on
    # them); the JSON document above keeps them.
    (parsed,) = parse_roster_csv(roster_to_csv([stored])).members
    assert replace(parsed, id=stored.id) == replace(
        stored, notes=strip_controls(stored.notes).strip()
    )
