"""The calendar on a real team file: saving, validation, undo support, rollout, JSON
round trip and the demo file."""

import datetime as dt

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from teamkeel.core.calendar import CalendarService, Recurrence, Ritual
from teamkeel.core.calendar.interchange import export_section
from teamkeel.core.errors import ValidationError
from teamkeel.core.interchange import export_document, import_document
from teamkeel.core.roster.member import Absence, Member
from teamkeel.core.roster.service import RosterService
from teamkeel.core.storage.teamfile import TeamFile


@pytest.fixture
def crew(team):
    roster = RosterService(team)
    ana = roster.add(Member("Ana Sousa", timezone="Europe/Lisbon"))
    ben = roster.add(
        Member("Ben Ito", timezone="Asia/Tokyo", work_start=dt.time(9), work_end=dt.time(18),
               absences=(Absence(dt.date(2026, 3, 3), dt.date(2026, 3, 4)),))
    )  # fmt: skip
    cho = roster.add(Member("Chō Lee", timezone="America/New_York"))
    return team, ana.id, ben.id, cho.id


def standup(rotation=(), **kw):
    fields = dict(
        kind="standup", title="Stand-up", start=dt.datetime(2026, 3, 2, 9, 30),
        timezone="Europe/Berlin", duration_minutes=15, recurrence=Recurrence("weekdays"),
        rotation=rotation,
    )  # fmt: skip
    return Ritual(**(fields | kw))


def test_saved_ritual_reads_back_and_rotates_past_absences(crew):
    team, ana, ben, cho = crew
    service = CalendarService(team)
    saved = service.add(standup((ana, ben, cho), skipped=(dt.date(2026, 3, 6),)))
    assert saved.id is not None
    assert service.get(saved.id) == saved
    occ = service.occurrences(dt.date(2026, 3, 2), dt.date(2026, 3, 9))
    # Ben is away on the 3rd and 4th; the 6th is skipped.
    assert [(o.day.day, o.facilitator_name) for o in occ] == [
        (2, "Ana Sousa"), (3, "Chō Lee"), (4, "Ana Sousa"), (5, "Ben Ito"), (9, "Chō Lee"),
    ]  # fmt: skip
    swapped = service.swap(saved.id, dt.date(2026, 3, 9), ana)
    assert service.occurrences(dt.date(2026, 3, 9), dt.date(2026, 3, 9))[0].facilitator_name == (
        "Ana Sousa"
    )
    assert swapped.swaps[0].day == dt.date(2026, 3, 9)


def test_local_times_for_attendees(crew):
    team, ana, ben, cho = crew
    service = CalendarService(team)
    service.add(standup(attendees=(ben, cho)))
    occ = service.occurrences(dt.date(2026, 3, 2), dt.date(2026, 3, 2))[0]
    times = {t.name: t for t in service.local_times(occ)}
    assert set(times) == {"Ben Ito", "Chō Lee"}
    assert times["Ben Ito"].start.strftime("%H:%M") == "17:30"
    assert not times["Ben Ito"].out_of_hours
    assert times["Chō Lee"].start.strftime("%H:%M") == "03:30"
    assert times["Chō Lee"].out_of_hours


def test_invalid_ritual_is_refused_and_nothing_is_written(crew):
    team, ana, *_ = crew
    service = CalendarService(team)
    bad = standup(title=" ", recurrence=Recurrence("weekly", until=dt.date(2026, 1, 1)))
    with pytest.raises(ValidationError) as err:
        service.add(bad)
    assert [p.where for p in err.value.problems] == ["title", "end date"]
    with pytest.raises(ValidationError, match="facilitator rotation"):
        service.add(standup((ana, 999)))
    assert service.list_rituals() == []


def test_delete_then_add_back_restores_the_same_ritual(crew):
    team, ana, ben, _ = crew
    service = CalendarService(team)
    saved = service.add(standup((ana, ben)))
    gone = service.delete(saved.id)
    assert service.list_rituals() == []
    assert service.add(gone) == saved  # same id and uid: the ICS UID survives undo


def test_rollout_json_round_trip(crew, tmp_path):
    team, ana, ben, cho = crew
    service = CalendarService(team)
    plan = service.generate_rollout(dt.date(2026, 1, 5), "Europe/Berlin", (ana, ben, cho), ana)
    service.swap(plan[4].id, dt.date(2026, 2, 3), cho)
    doc = export_document(team)
    assert len(doc["calendar"]) == len(plan) == 12
    copy = TeamFile.create(tmp_path / "copy.keel")
    try:
        import_document(copy, doc)
        again = CalendarService(copy)
        assert [r.uid for r in again.list_rituals()] == [r.uid for r in service.list_rituals()]
        first, last = dt.date(2026, 1, 1), dt.date(2026, 6, 30)
        a = [
            (o.uid, o.start, o.facilitator_name, o.swapped)
            for o in service.occurrences(first, last)
        ]
        b = [
            (o.uid, o.start, o.facilitator_name, o.swapped) for o in again.occurrences(first, last)
        ]
        assert a == b and len(a) > 140  # German public holidays skipped
        with copy.session() as s:
            assert export_section(s) == doc["calendar"]
    finally:
        copy.close()


def test_demo_has_a_quarter_of_rituals_and_ics_matches(demo_team, tmp_path):
    import recurring_ical_events

    service = CalendarService(demo_team)
    today = dt.date.today()
    first, last = today - dt.timedelta(days=45), today + dt.timedelta(days=45)
    occ = service.occurrences(first, last)
    kinds = {o.kind for o in occ}
    assert {"standup", "pairing", "retrospective", "compact_review"} <= kinds
    assert all(o.facilitator_name for o in occ if o.kind == "standup")
    out = tmp_path / "demo.ics"
    service.export_ics(out)
    cal = Calendar.from_ical(out.read_bytes())
    expanded = recurring_ical_events.of(cal).between(first, last + dt.timedelta(days=1))
    assert sorted((str(e["UID"]), e.start) for e in expanded) == sorted(
        (o.uid, o.start) for o in occ
    )


def test_pdf_exports_read_back(demo_team, tmp_path):
    service = CalendarService(demo_team)
    today = dt.date.today()
    first = today.replace(day=1)
    last = (first + dt.timedelta(days=92)).replace(day=1) - dt.timedelta(days=1)
    out = tmp_path / "cal.pdf"
    count = service.export_pdf(out, first, last, view="quarter")
    text = "\n".join(p.extract_text() for p in PdfReader(out).pages)
    assert count > 50
    assert "Agenda" in text and "Kudos & blockers stand-up" in text
    facilitators = {o.facilitator_name for o in service.occurrences(first, last)} - {""}
    assert any(name in text for name in facilitators)
    cards = tmp_path / "cards.pdf"
    kinds = service.export_cards(cards)
    cards_text = "\n".join(p.extract_text() for p in PdfReader(cards).pages)
    assert "Pre-mortem" in cards_text and "Ground rules" in cards_text
    assert len(PdfReader(cards).pages) == (len(kinds) + 1) // 2


def test_agenda_never_starts_a_page_in_the_middle_of_a_week(crew, tmp_path):
    """Each week's table stays under its 'Week N' heading: a page of the agenda opens
    with a heading, never with rows whose week the reader has to guess."""
    team, *_ = crew
    service = CalendarService(team)
    for hour in range(8, 12):  # four rituals every working day: 20 rows a week
        service.add(standup(title=f"Check-in {hour}", start=dt.datetime(2026, 3, 2, hour)))
    out = tmp_path / "agenda.pdf"
    service.export_pdf(out, dt.date(2026, 3, 1), dt.date(2026, 5, 31))
    pages = [
        [line.strip() for line in page.extract_text().splitlines() if line.strip()][2:]
        for page in PdfReader(out).pages
    ]  # [2:]: after the footer (team · range, page N)
    agenda = [lines for lines in pages if not lines[0].startswith("Test Team —")]
    assert len(agenda) >= 3
    weeks_seen = 0
    for lines in agenda:
        assert lines[0].startswith(("Agenda", "Week")), lines[:2]
        weeks_seen += sum(line.startswith("Week") for line in lines)
    assert weeks_seen == 13  # 2 Mar .. 31 May, each week once


def test_json_round_trip_keeps_log_links_on_their_ritual(crew, tmp_path):
    """A stand-up entry linked to a ritual still points at that ritual after a JSON
    round trip, even when an earlier ritual was deleted (its id left a gap)."""
    from teamkeel.core.standup.entries import OccurrenceLink
    from teamkeel.core.standup.service import StandupService

    team, ana, ben, _ = crew
    service = CalendarService(team)
    first = service.add(standup(title="Morning sync"))
    retro = service.add(standup(title="Retro", recurrence=Recurrence("weekly")))
    service.delete(first.id)
    day = dt.date(2026, 3, 2)
    StandupService(team).add_kudos(
        day, ana, [ben], "helped with the deploy", link=OccurrenceLink(retro.id, day)
    )
    copy = TeamFile.create(tmp_path / "copy.keel")
    try:
        import_document(copy, export_document(team))
        (entry,) = StandupService(copy).page()
        assert entry.link is not None
        assert CalendarService(copy).get(entry.link.ritual_id).title == "Retro"
    finally:
        copy.close()


def test_working_hours_past_midnight_are_working_hours(team):
    """The roster accepts shifts that end after midnight (22:00–06:00, 16:00–00:00);
    a ritual inside such a shift is not 'outside working hours'."""
    roster = RosterService(team)
    night = roster.add(
        Member("Noor Haddad", timezone="Europe/Berlin", work_start=dt.time(22),
               work_end=dt.time(6))
    )  # fmt: skip
    late = roster.add(
        Member("Lena Vogel", timezone="Europe/Berlin", work_start=dt.time(16),
               work_end=dt.time(0))
    )  # fmt: skip
    service = CalendarService(team)

    def out_of_hours(hour: int, minute: int = 0) -> dict[str, bool]:
        ritual = service.add(
            standup(start=dt.datetime(2026, 3, 3, hour, minute), attendees=(night.id, late.id),
                    recurrence=Recurrence("once"))
        )  # fmt: skip
        (occ,) = service.occurrences(dt.date(2026, 3, 3), dt.date(2026, 3, 4))
        found = {t.name: t.out_of_hours for t in service.local_times(occ)}
        service.delete(ritual.id)
        return found

    assert out_of_hours(23) == {"Noor Haddad": False, "Lena Vogel": False}
    assert out_of_hours(17) == {"Noor Haddad": True, "Lena Vogel": False}
    assert out_of_hours(7) == {"Noor Haddad": True, "Lena Vogel": True}


def test_putting_back_a_ritual_whose_id_was_taken_meanwhile_is_refused(crew):
    """Undo of a deletion after another Keel (e.g. `teamkeel calendar rollout`) was
    given the freed id: a clear refusal, and the other ritual stays as it is."""
    from teamkeel.core.errors import KeelError

    team, ana, *_ = crew
    service = CalendarService(team)
    gone = service.delete(service.add(standup(title="Morning sync")).id)
    other = service.add(standup(title="Retro"))
    assert other.id == gone.id  # the freed id was given again
    for put_back in (lambda: service.add(gone), lambda: service.restore_many([gone])):
        with pytest.raises(KeelError, match="changed"):
            put_back()
    assert service.list_rituals() == [other]
