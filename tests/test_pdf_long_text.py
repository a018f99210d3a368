"""Over-long text at entry is refused with its limit; text that is stored anyway (an
older file, another tool) is shortened in PDFs so that every page still lays out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from teamkeel.core.calendar import CalendarService, Recurrence, Ritual
from teamkeel.core.calendar.models import RitualRow
from teamkeel.core.calendar.service import fill_row
from teamkeel.core.errors import ValidationError
from teamkeel.core.pdf import fonts
from teamkeel.core.rotations.records import RotationSpec
from teamkeel.core.storage.teamfile import TeamFile
from teamkeel.core.team_info import TeamInfoService


def _ritual(**kw: object) -> Ritual:
    fields: dict = dict(
        kind="standup", title="Stand-up", start=dt.datetime(2026, 3, 2, 9, 30),
        timezone="Europe/Berlin", duration_minutes=15, recurrence=Recurrence("weekly"),
    )  # fmt: skip
    return Ritual(**(fields | kw))


def _store_unchecked(team: TeamFile, ritual: Ritual) -> None:
    """What an older Keel or a hand-edited file may hold: no length check on the way."""
    with team.session() as s:
        row = RitualRow()
        fill_row(row, ritual)
        s.add(row)


def _text(pdf: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)


@pytest.mark.parametrize(
    ("field", "text"),
    [("title", "Plan " * 60), ("location", "Room 4 " * 80), ("notes", "n" * 5001)],
)
def test_over_long_ritual_text_is_refused_at_entry_with_the_limit(
    team: TeamFile, field: str, text: str
) -> None:
    with pytest.raises(ValidationError, match=f"{field}: Keep the {field} under"):
        CalendarService(team).add(_ritual(**{field: text}))
    assert CalendarService(team).list_rituals() == []


def test_team_and_rotation_names_have_limits(team: TeamFile) -> None:
    with pytest.raises(ValidationError, match="team name: keep it under 80"):
        TeamInfoService(team).rename("Platform " * 20)
    spec = RotationSpec(name="Pairs " * 30)
    assert any(p.where == "name" for p in spec.problems())


def test_a_ten_thousand_character_title_and_a_long_place_still_print(
    team: TeamFile, tmp_path: Path
) -> None:
    title = "Quarterly planning " * 527  # 10,013 characters
    _store_unchecked(team, _ritual(title=title))
    _store_unchecked(team, _ritual(title="Retro", location="Meeting room 4, " * 60))
    service = CalendarService(team)
    out = tmp_path / "calendar.pdf"
    service.export_pdf(out, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    text = _text(out)
    assert "Quarterly planning" in text
    assert "…" in text
    assert len(text) < 20_000  # shortened, not printed whole across pages
    cards = tmp_path / "cards.pdf"
    service.export_cards(cards)
    assert "Quarterly planning" in _text(cards)


def test_fitting_a_line_keeps_the_longest_beginning_that_fits() -> None:
    title = "Zoë’s pairing session with Ōsaka and 李娜 " * 250
    size, width = 7.2, 90.0
    fitted = fonts.fit_width(title, size, width)
    assert fitted.endswith("…") and title.startswith(fitted[:-1].rstrip())
    assert fonts.string_width(fitted, size) <= width
    # One more letter (spaces at the cut are dropped) would not fit.
    kept = len(fitted) - 1
    while title[kept].isspace():
        kept += 1
    longer = title[: kept + 1] + "…"
    assert fonts.string_width(longer, size) > width
    assert fonts.fit_width("Retro", size, width) == "Retro"
    assert fonts.shorten("abcdef", 4) == "abc…"
