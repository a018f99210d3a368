"""The Journey's core: theme suggestions, listening imports, the anonymity minimum, the
starting point, pilot feedback, stories and the checks worked out from the file."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from teamkeel.core.calendar import CalendarService
from teamkeel.core.calendar.domain import Recurrence, Ritual
from teamkeel.core.compact.document import Signature
from teamkeel.core.compact.service import CompactService
from teamkeel.core.errors import KeelError, ValidationError
from teamkeel.core.insights.service import InsightsService
from teamkeel.core.journey import themes
from teamkeel.core.journey.listening import Answer, parse_csv
from teamkeel.core.journey.progress import journey_of
from teamkeel.core.journey.records import Feedback, Story
from teamkeel.core.journey.service import JourneyService
from teamkeel.core.roster import Member, RosterService
from teamkeel.core.standup.service import StandupService
from teamkeel.core.storage.teamfile import TeamFile

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Honestly, there is never time between meetings.", {"time"}),
        ("I'm afraid people will think my question is stupid.", {"fear"}),
        ("I don’t know who to ask about billing.", {"how"}),
        ("My workload is too much already.", {"workload"}),
        ("Requests get lost in Slack threads.", {"tools"}),
        ("Ich habe keine Zeit, überall Termine.", {"time"}),
        ("Es ist mir peinlich, ich habe Angst vor Vorwürfen.", {"fear"}),
        ("Ich weiß nicht, wen ich fragen soll.", {"how"}),
        ("Wir sind völlig überlastet, zu viel auf dem Tisch.", {"workload"}),
        ("Im Chat geht alles unter, zu viele Kanäle.", {"tools"}),
        ("The coffee machine is broken.", {"other"}),
    ],
)
def test_themes_are_suggested_from_english_and_german_words(text: str, expected: set) -> None:
    assert set(themes.suggest(text)) == expected


def test_words_match_whole_words_unless_they_end_in_a_star() -> None:
    # "time" must not fire inside "sometimes"; "deadline*" covers "deadlines".
    assert themes.suggest("sometimes it is fine") == ("other",)
    assert themes.suggest("Deadlines everywhere") == ("time",)


def test_the_rules_are_read_from_the_shipped_data_file() -> None:
    from teamkeel.resources import path

    data = json.loads(path("journey/themes.json").read_text(encoding="utf-8"))
    keys = [t["key"] for t in data["themes"]] + [data["fallback"]["key"]]
    assert keys == list(themes.keys())
    assert all({"en", "de"} <= set(t["words"]) for t in data["themes"])


# -- listening CSVs as form tools write them ----------------------------------------

GOOGLE = (
    "Timestamp,When did asking for help last feel easy?,What stops you from offering help?\n"
    '2026/11/03 10:01:02 AM GMT+1,"In pairing, nobody rushed me.",No time between meetings\n'
    "2026/11/03 10:07:45 AM GMT+1,,I'm afraid to look stupid\n"
)
MICROSOFT = (
    "\ufeffID;Start time;Completion time;Email;Name;Wann war es leicht?;Was hindert dich?\n"
    "1;11/3/26 10:01:02;11/3/26 10:03:00;anonymous;;Beim Pairing;Keine Zeit\n"
    "2;11/3/26 10:04:02;11/3/26 10:06:00;anonymous;;;Ich weiß nicht, wen ich fragen soll\n"
)


def test_google_forms_export_with_timestamps() -> None:
    answers = parse_csv(GOOGLE, 2)
    assert [(a.question, a.text) for a in answers] == [
        (0, "In pairing, nobody rushed me."),
        (1, "No time between meetings"),
        (1, "I'm afraid to look stupid"),
    ]
    assert answers[2].themes == ("fear",)


def test_microsoft_forms_export_with_semicolons_bom_and_metadata_columns() -> None:
    answers = parse_csv(MICROSOFT, 2)
    assert [(a.question, a.text) for a in answers] == [
        (0, "Beim Pairing"),
        (1, "Keine Zeit"),
        (1, "Ich weiß nicht, wen ich fragen soll"),
    ]
    assert "anonymous" not in {a.text for a in answers}


def test_csv_without_header_skips_timestamp_columns() -> None:
    text = "2026-11-03 10:00,no time,dunno who to ask\n2026-11-03 11:00,slack chaos,\n"
    assert [a.text for a in parse_csv(text, 2)] == ["no time", "dunno who to ask", "slack chaos"]


def test_a_broken_quote_is_refused_with_its_line() -> None:
    text = 'Timestamp,Q1,Q2\n2026/11/03 10:01,"fine",ok\n2026/11/03 10:02,"open quote,z\n'
    with pytest.raises(ValidationError, match="line 3"):
        parse_csv(text, 2)


def test_import_writes_nothing_when_the_csv_is_broken(team: TeamFile) -> None:
    service = JourneyService(team)
    with pytest.raises(ValidationError):
        service.import_answers(D(2026, 11, 3), 'Q1,Q2\n"broken,x\n')
    assert service.rounds() == []


def test_imports_of_the_same_day_join_one_round(team: TeamFile) -> None:
    service = JourneyService(team)
    service.import_answers(D(2026, 11, 3), GOOGLE)
    round_, added = service.import_answers(D(2026, 11, 3), GOOGLE)
    assert added == 3 and len(service.rounds()) == 1
    assert len(round_.answers) == 6 and round_.size == 4


# -- the anonymity minimum ----------------------------------------------------------


def _round(service: JourneyService, n: int) -> int:
    answers = tuple(Answer(f"no time, answer {i}", (), 1) for i in range(n))
    round_ = service.add_round(D(2026, 1, 12), answers=answers)
    assert round_.id is not None
    return round_.id


def test_a_round_below_the_minimum_shows_nothing(team: TeamFile) -> None:
    service = JourneyService(team)
    _round(service, 4)
    picture = service.picture()
    assert picture is not None and not picture.shown
    assert picture.counts == () and picture.pattern == ""


def test_the_minimum_is_the_surveys_and_never_below_three(team: TeamFile) -> None:
    service = JourneyService(team)
    round_id = _round(service, 4)
    InsightsService(team).set_min_responses(4)
    assert service.min_answers() == 4 and service.picture(round_id).shown
    # A setting lowered by hand in the file still cannot go below three.
    from teamkeel.core.team_info import TeamInfoService

    TeamInfoService(team).set_setting("insights.min_responses", "1")
    assert service.min_answers() == 3


def test_size_counts_people_not_answers(team: TeamFile) -> None:
    service = JourneyService(team)
    # Three people answered both questions: six answers, but only three people.
    answers = tuple(Answer(f"answer {i}", (), i % 2) for i in range(6))
    service.add_round(D(2026, 11, 3), answers=answers)
    assert service.rounds()[0].size == 3
    assert not service.picture().shown


def test_an_empty_answer_or_unknown_theme_writes_nothing(team: TeamFile) -> None:
    service = JourneyService(team)
    round_id = _round(service, 1)
    with pytest.raises(ValidationError, match="empty"):
        service.add_answer(round_id, Answer("   ", ()))
    with pytest.raises(ValidationError, match="unknown theme"):
        service.add_answer(round_id, Answer("fine", ("bogus",)))
    assert len(service.round(round_id).answers) == 1


def test_themes_can_be_corrected_and_put_back(team: TeamFile) -> None:
    service = JourneyService(team)
    round_id = _round(service, 1)
    answer = service.round(round_id).answers[0]
    assert answer.id is not None
    before = service.set_themes(answer.id, ("workload", "time"))
    assert service.round(round_id).answers[0].themes == ("time", "workload")
    service.set_themes(answer.id, before)
    assert service.round(round_id).answers[0].themes == answer.themes


# -- starting point, pilot, feedback, stories ---------------------------------------


def test_starting_point_follows_trust() -> None:
    from teamkeel.core.journey.starting_point import place

    assert place((1, 2, 2, 3, 5, 3), D(2026, 1, 1)).model == "gym"
    assert place((3, 3, 2, 5, 3, 4), D(2026, 1, 1)).model == "hotline"
    assert place((5, 4, 5, 2, 2, 2), D(2026, 1, 1)).model == "ecosystem"
    low = place((1, 2, 2, 3, 5, 3), D(2026, 1, 1))
    assert "anonymous" in low.first_step.title.lower()
    assert "pairs" in place((3, 3, 2, 5, 3, 4), D(2026, 1, 1)).first_step.title.lower()


def _weekly(team: TeamFile, title: str, start: dt.date) -> int:
    ritual = CalendarService(team).add(
        Ritual(
            kind="pairing",
            title=title,
            start=dt.datetime.combine(start, dt.time(14)),
            timezone="Europe/Berlin",
            duration_minutes=60,
            recurrence=Recurrence("weekly"),
        )
    )
    assert ritual.id is not None
    return ritual.id


def test_a_dropped_ritual_stops_from_the_decision_date_and_undo_restores_it(
    team: TeamFile,
) -> None:
    ritual_id = _weekly(team, "Pairing", D(2026, 1, 5))
    service, calendar = JourneyService(team), CalendarService(team)
    entry = service.add_feedback(
        Feedback(ritual_id, D(2026, 2, 2), "drop", awkward="Nobody had the time.")
    )
    occ = calendar.occurrences(D(2026, 1, 1), D(2026, 3, 31))
    days = [o.day for o in occ]
    assert days[0] == D(2026, 1, 5) and max(days) == D(2026, 1, 26)
    assert entry.id is not None
    service.remove_feedback(entry.id)
    assert calendar.get(ritual_id).recurrence.until is None
    assert max(o.day for o in calendar.occurrences(D(2026, 1, 1), D(2026, 3, 31))) > D(2026, 3, 20)


@pytest.mark.parametrize(
    ("feedback", "message"),
    [
        (Feedback(1, D(2026, 2, 2), "maybe", useful="x"), "keep, adjust or drop"),
        (Feedback(1, D(2026, 2, 2), "adjust", useful="x"), "what changes"),
        (Feedback(1, D(2026, 2, 2), "keep"), "useful or what felt awkward"),
        (Feedback(99, D(2026, 2, 2), "keep", useful="x"), "no ritual"),
    ],
)
def test_bad_feedback_writes_nothing(team: TeamFile, feedback: Feedback, message: str) -> None:
    _weekly(team, "Pairing", D(2026, 1, 5))
    with pytest.raises(KeelError, match=message):
        JourneyService(team).add_feedback(feedback)
    assert JourneyService(team).feedback() == []


def test_find_ritual_by_name(team: TeamFile) -> None:
    _weekly(team, "Pairing rotation", D(2026, 1, 5))
    _weekly(team, "Pairing deep dive", D(2026, 1, 5))
    service = JourneyService(team)
    assert service.find_ritual("pairing ROTATION")[1] == "Pairing rotation"
    with pytest.raises(KeelError, match="several"):
        service.find_ritual("Pairing")
    with pytest.raises(KeelError, match="no ritual"):
        service.find_ritual("Stand-up")


def test_stories_from_kudos_and_only_resolved_blockers(team: TeamFile) -> None:
    roster = RosterService(team)
    a, b = (roster.add(Member(name=n)).id for n in ("Ana", "Ben"))
    assert a is not None and b is not None
    standup = StandupService(team)
    kudos = standup.add_kudos(D(2026, 3, 2), a, [b], "Ben untangled the migration with me")
    blocker = standup.add_blocker(D(2026, 3, 3), a, "stuck on the flaky test")
    service = JourneyService(team)
    assert [s.entry_id for s in service.story_sources()] == [kudos.id]
    with pytest.raises(ValidationError, match="resolved blocker"):
        service.add_story(Story(D(2026, 3, 4), "learning", "x", "y", blocker.id))
    story = service.add_story(Story(D(2026, 3, 4), "project_win", kudos.note, "Shipped", kudos.id))
    assert service.stories(D(2026, 3, 1), D(2026, 3, 31)) == [story]
    assert service.stories(D(2026, 4, 1), D(2026, 4, 30)) == []


# -- the checks, from a file built step by step -------------------------------------


def _status(team: TeamFile, today: dt.date) -> dict[str, tuple[str, str]]:
    return {c.key: (c.status, c.evidence) for c in journey_of(team, today).checks}


def test_the_journey_is_computed_from_the_file_step_by_step(team: TeamFile) -> None:
    start, today = D(2026, 1, 5), D(2026, 2, 27)
    service = JourneyService(team)
    status = _status(team, today)
    assert status["listening"][0] == "open"
    assert "Set the program's start date" in journey_of(team, today).next_steps[0]
    assert status["feedback"][0] == "later"  # before a start date only phase 1 is open

    service.set_program_start(start)
    j = journey_of(team, today)
    assert [p.current for p in j.phases] == [False, True, False, False]

    _round(service, 4)
    assert "4 answers so far" in _status(team, today)["listening"][1]
    round_id = service.rounds()[0].id
    assert round_id is not None
    service.add_answer(round_id, Answer("no time at all", (), 1))
    assert _status(team, today)["listening"] == ("done", "held 12 Jan 2026, 5 answers")

    service.assess((3, 3, 2, 5, 3, 4), D(2026, 1, 9))
    assert _status(team, today)["starting_point"][0] == "done"

    roster = RosterService(team)
    ids = [roster.add(Member(name=n)).id for n in ("Ana", "Ben", "Cleo")]
    compact = CompactService(team)
    draft = compact.start()
    signed = tuple(
        Signature(i, n, D(2026, 1, 20)) for i, n in zip(ids[:2], ("Ana", "Ben"), strict=True)
    )
    compact.save_draft(dataclasses.replace(draft, signatures=signed))  # type: ignore[arg-type]
    compact.ratify(D(2026, 1, 28))
    assert _status(team, today)["compact"] == (
        "open",
        "version 1 ratified 28 Jan 2026, 2 of 3 signed",
    )

    pilot_start = D(2026, 2, 2)
    first = _weekly(team, "Pairing", pilot_start)
    second = _weekly(team, "Stand-up", pilot_start)
    service.set_pilot(first, pilot_start, None)
    assert _status(team, today)["pilot"][0] == "open"
    service.set_pilot(second, pilot_start, (ids[0], ids[1]))
    assert _status(team, today)["pilot"][0] == "done"
    # Feb 27: two windows have ended (2-15 Feb, 16 Feb - 1 Mar is still running: one).
    assert _status(team, today)["feedback"][0] == "open"
    service.add_feedback(Feedback(first, D(2026, 2, 13), "keep", useful="good"))
    service.add_feedback(Feedback(second, D(2026, 2, 10), "adjust", useful="ok", change="shorter"))
    assert _status(team, today)["feedback"] == (
        "done",
        "Pairing: 1 of 1 two-week windows; Stand-up: 1 of 1 two-week windows",
    )
    assert _status(team, today)["decisions"][0] == "done"
    assert _status(team, D(2026, 3, 3))["feedback"][0] == "open"  # the second window ended
    due = journey_of(team, today).next_steps
    assert "Ask for feedback on “Pairing” by 1 Mar 2026: what helps, what jars." in due

    assert _status(team, today)["stories"][0] == "later"  # phase 4 has not begun
    service.add_story(Story(D(2026, 2, 20), "learning", "Paired on SQL", "First dashboard"))
    assert _status(team, today)["stories"] == ("done", "1 story this quarter")
    steps = journey_of(team, today).next_steps
    assert steps and all(s.endswith(".") for s in steps)
    assert "compact" in steps[0].lower()


def test_the_rollout_plan_and_the_journey_share_the_program_start(team: TeamFile) -> None:
    CalendarService(team).generate_rollout(D(2026, 3, 4), "Europe/Berlin")
    # The plan starts on the Monday on or after the date: that is the program start.
    assert JourneyService(team).program_start() == D(2026, 3, 9)


def test_migration_builds_exactly_the_tables_the_models_describe(team: TeamFile) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from teamkeel.core.storage.base import Base

    team.prepare_orm()
    with team.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    ours = [d for d in differences if "journey_" in repr(d) or "listening_" in repr(d)]
    assert ours == []


def test_demo_fills_the_journey(demo_team: TeamFile) -> None:
    service = JourneyService(demo_team)
    (round_,) = service.rounds()
    assert len([a for a in round_.answers if a.question == 1]) == 9
    assert service.picture() is not None and service.picture().shown  # type: ignore[union-attr]
    assert service.placements() and len(service.pilots()) == 2
    assert {f.decision for f in service.feedback()} == {"keep", "adjust"}
    assert len(service.stories()) >= 2


def test_round_trip_carries_every_journey_record(demo_team: TeamFile, tmp_path: Path) -> None:
    from teamkeel.core import interchange

    doc = interchange.export_document(demo_team)
    section = doc["journey"]
    assert section["program_start"] and section["listening_rounds"] and section["stories"]
    with TeamFile.create(tmp_path / "copy.keel") as copy:
        interchange.import_document(copy, doc)
        again = interchange.export_document(copy)
        assert JourneyService(copy).program_start() == JourneyService(demo_team).program_start()
    assert again["journey"] == section


def test_a_bad_journey_section_writes_nothing(demo_team: TeamFile, tmp_path: Path) -> None:
    from teamkeel.core import interchange

    doc = interchange.export_document(demo_team)
    doc["journey"]["listening_rounds"][0]["answers"][0]["text"] = "  "
    doc["journey"]["feedback"][0]["ritual"] = 9999
    with TeamFile.create(tmp_path / "copy.keel") as copy:
        with pytest.raises(ValidationError) as caught:
            interchange.import_document(copy, doc)
        where = {p.where for p in caught.value.problems}
        assert "journey.listening_rounds[1].answers[1]" in where
        assert "journey.feedback[1].ritual" in where
        assert RosterService(copy).list_members() == []


def test_guardian_and_check_ins_are_read_from_rotations_and_the_calendar(team: TeamFile) -> None:
    from teamkeel.core.rotations.planner import Kind
    from teamkeel.core.rotations.records import RotationSpec
    from teamkeel.core.rotations.service import RotationService

    today = D(2026, 9, 1)
    JourneyService(team).set_program_start(D(2026, 1, 5))
    roster = RosterService(team)
    for name in ("Ana", "Ben", "Cleo"):
        roster.add(Member(name=name))
    assert _status(team, today)["guardian"][0] == "open"
    RotationService(team).save(RotationSpec(name="Culture Guardian", kind=Kind.ROLE))
    assert _status(team, today)["guardian"] == (
        "done",
        "rotating role “Culture Guardian”, 3 people take turns",
    )
    assert _status(team, today)["checkins"] == ("open", "none held yet")
    CalendarService(team).add(
        Ritual(
            kind="culture_checkin",
            title="Culture check-in",
            start=dt.datetime(2026, 7, 14, 10),
            timezone="Europe/Berlin",
            duration_minutes=60,
        )
    )
    assert _status(team, today)["checkins"] == ("done", "last held 14 Jul 2026")
    assert _status(team, D(2026, 11, 2))["checkins"][0] == "open"  # a quarter has passed


def test_a_header_of_questions_alone_is_recognised() -> None:
    text = "What made it easy?;What gets in the way?\nPairing;No time\n"
    assert [a.text for a in parse_csv(text, 2)] == ["Pairing", "No time"]
    assert [a.text for a in parse_csv("Q1,Q2\nPairing,No time\n", 2)] == ["Pairing", "No time"]


def test_a_story_naming_a_missing_stand_up_entry_is_refused(
    demo_team: TeamFile, tmp_path: Path
) -> None:
    from teamkeel.core import interchange

    doc = interchange.export_document(demo_team)
    story = next(s for s in doc["journey"]["stories"] if s["entry"] is not None)
    story["entry"] = 10**6
    with (
        TeamFile.create(tmp_path / "copy.keel") as copy,
        pytest.raises(ValidationError, match="no stand-up entry with id 1000000"),
    ):
        interchange.import_document(copy, doc)
