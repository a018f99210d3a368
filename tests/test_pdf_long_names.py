"""A long team name (35, 60, thousands of characters: JSON import takes any length) never
overlaps a footer and never pushes a calendar month onto a second page."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from teamkeel.core.calendar import CalendarService, Recurrence, Ritual
from teamkeel.core.compact.document import Commitment, Compact
from teamkeel.core.compact.pdf import write_pdf
from teamkeel.core.roster.models import TeamRow
from teamkeel.core.storage.teamfile import TeamFile

NAMES = [
    "Platform Reliability & Developer Ex",  # 35 characters
    "Platform Reliability and Developer Experience Guild of the Berlin and Lisbon offices",
    "Platform Reliability " * 300,
]


def _words(pdf: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    """(x0, y0, x1, y1, word) of every word on a page, as poppler lays them out."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    words = []
    for line in html.splitlines():
        line = line.strip()
        if line.startswith("<word "):
            attrs = dict(
                part.split("=", 1) for part in line[6 : line.index(">")].replace('"', "").split()
            )
            text = line[line.index(">") + 1 : line.rindex("</word>")]
            words.append((float(attrs["xMin"]), float(attrs["yMin"]), float(attrs["xMax"]),
                          float(attrs["yMax"]), text))  # fmt: skip
    return words


def _pages(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return [p for p in out.stdout.split("\f") if p.strip()]


def _assert_no_overlap_on_last_line(pdf: Path, page: int = 1) -> None:
    words = _words(pdf, page)
    bottom = max(w[3] for w in words)
    footer = sorted(w for w in words if abs(w[3] - bottom) < 2)
    assert len(footer) > 2
    for left, right in zip(footer, footer[1:], strict=False):
        assert left[2] <= right[0] + 0.5, f"{left[4]!r} runs into {right[4]!r}"


@pytest.mark.parametrize("name", NAMES, ids=["35", "84", "6300"])
def test_a_long_team_name_never_overlaps_the_compact_footer(name: str, tmp_path: Path) -> None:
    compact = Compact(
        title="How we support each other",
        commitments=(Commitment(key="ask", statement="We ask for help within an hour."),),
        number=3,
        ratified_on=dt.date(2026, 3, 2),
        next_review=dt.date(2026, 6, 2),
        team_name=name,
    )
    out = tmp_path / "compact.pdf"
    write_pdf(compact, [], out)
    _assert_no_overlap_on_last_line(out)
    assert "page 1 of 1" in _pages(out)[0]


@pytest.mark.parametrize("name", NAMES, ids=["35", "84", "6300"])
def test_a_long_team_name_keeps_each_calendar_month_on_one_page(
    team: TeamFile, name: str, tmp_path: Path
) -> None:
    with team.session() as s:  # as JSON import or an older Keel may have stored it
        row = s.scalars(select(TeamRow).order_by(TeamRow.id)).first()
        if row is None:
            s.add(TeamRow(name=name))
        else:
            row.name = name
    assert CalendarService(team).team_name() == name
    service = CalendarService(team)
    service.add(Ritual(kind="standup", title="Stand-up", start=dt.datetime(2026, 3, 2, 9, 30),
                       timezone="Europe/Berlin", duration_minutes=15,
                       recurrence=Recurrence("weekdays")))  # fmt: skip
    for view in ("month", "quarter"):
        out = tmp_path / f"{view}.pdf"
        service.export_pdf(out, dt.date(2026, 3, 1), dt.date(2026, 5, 31), view=view)
        pages = _pages(out)
        grids = 3 if view == "month" else 1
        # The grids, then the agenda: no page holding only a heading or half a grid.
        assert pages[grids].lstrip().startswith("Agenda"), (view, len(pages))
        for number in range(1, grids + 1):
            _assert_no_overlap_on_last_line(out, number)
