"""The calendar PDF: meeting links break only between their parts, and a month of
daily meetings with links prints on a few full pages."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from pypdf import PdfReader

from teamkeel.core.calendar import CalendarService, Recurrence, Ritual
from teamkeel.core.calendar.pdf import break_urls
from teamkeel.core.pdf import fonts
from teamkeel.core.roster.member import Member
from teamkeel.core.roster.service import RosterService
from teamkeel.core.storage.teamfile import TeamFile

LINK = "https://meet.example-video.com/j/84713920175?pwd=AbCdEfGhIjKlMnOpQrStUvWxYz012345"


def test_a_long_link_breaks_after_a_separator_and_each_line_fits() -> None:
    fonts.register_fonts()
    text = break_urls(f"Room 2 or {LINK}", 200, 8)
    lines = text.split("\n")
    assert len(lines) >= 2
    assert "".join(lines) == f"Room 2 or {LINK}"  # nothing added, nothing lost
    for line in lines[:-1]:
        assert line.endswith(("/", "?", "&", "=", "#")), lines
    assert all(fonts.string_width(line.split(" ")[-1], 8) <= 200 for line in lines)
    assert break_urls("Room 2", 200, 8) == "Room 2"
    assert break_urls("https://x.org/a", 200, 8) == "https://x.org/a"  # fits: left alone


def month_of_linked_meetings(team: TeamFile) -> CalendarService:
    roster = RosterService(team)
    ids = tuple(roster.add(Member(name=n)).id for n in ("Ana", "Bo", "Cy", "Dee"))
    service = CalendarService(team)
    for kind, title, start, rec in (
        ("standup", "Stand-up", dt.datetime(2026, 11, 30, 9, 30), Recurrence("weekdays")),
        ("pairing", "Pairing", dt.datetime(2026, 12, 2, 14), Recurrence("weekly")),
    ):
        service.add(
            Ritual(kind=kind, title=title, start=start, timezone="Europe/Berlin",
                   duration_minutes=30, recurrence=rec, rotation=ids, location=LINK)
        )  # fmt: skip
    return service


def test_a_month_of_linked_meetings_prints_on_three_pages_with_whole_links(
    team: TeamFile, tmp_path: Path
) -> None:
    service = month_of_linked_meetings(team)
    out = tmp_path / "december.pdf"
    service.export_pdf(out, dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    assert len(PdfReader(out).pages) <= 3  # the month grid, then two pages of agenda
    text = subprocess.run(
        ["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    # Each piece of the link is on one line: it broke after "?pwd=" or a "/", never
    # in the middle of the host name or the meeting number.
    assert "https://meet.example-video.com/" in text
    assert "84713920175?" in text
    assert "AbCdEfGhIjKlMnOpQrStUvWxYz012345" in text
    assert "Times in Europe/Berlin" in text
