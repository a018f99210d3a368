"""What a PDF says in its text layer: characters drawn from a fallback font (emoji,
runes) are there, and an Arabic name, drawn in joined forms and display order, is found
by searching for it as it was typed (issue 19 item 16). Read back with poppler."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate

from teamkeel import resources
from teamkeel.core.calendar import CalendarService, Recurrence, Ritual
from teamkeel.core.pdf import fonts
from teamkeel.core.storage.teamfile import TeamFile

TEXT = "Kudos 👩 and 🏳 from ليلى الحداد to سلام for ᚠ runes ✓"
WANTED = ["👩", "🏳", "ليلى الحداد", "سلام", "ᚠ", "✓"]


def _text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout  # fmt: skip
    return re.sub("[\u200e\u200f\u202a-\u202e]", "", out)  # poppler's direction marks


def _embedded(pdf: Path) -> set[str]:
    found = set()
    for page in PdfReader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                found.add(str(font["/BaseFont"]).split("+", 1)[-1])
    return found


@pytest.mark.parametrize("how", ["paragraph", "canvas"])
def test_fallback_characters_and_arabic_names_are_in_the_text_layer(
    how: str, tmp_path: Path
) -> None:
    out = tmp_path / f"{how}.pdf"
    fonts.register_fonts()
    if how == "paragraph":
        style = ParagraphStyle("body", fontName=fonts.FONT, fontSize=10)
        SimpleDocTemplate(str(out)).build([Paragraph(fonts.markup(TEXT), style)])
    else:
        canvas = Canvas(str(out))
        fonts.draw_string(canvas, 40, 700, TEXT, 10)
        canvas.save()
    text = _text(out)
    for wanted in WANTED:
        assert wanted in text, (wanted, text)
    assert {"Symbola", "NotoSansRunic-Regular"} <= _embedded(out)


def test_searching_a_calendar_pdf_finds_an_arabic_title(team: TeamFile, tmp_path: Path) -> None:
    CalendarService(team).add(
        Ritual(kind="retrospective", title="مراجعة الفريق 🙂", start=dt.datetime(2026, 3, 2, 15),
               timezone="Asia/Dubai", duration_minutes=60, recurrence=Recurrence("once"))
    )  # fmt: skip
    out = tmp_path / "calendar.pdf"
    CalendarService(team).export_pdf(out, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    text = _text(out)
    assert "مراجعة الفريق" in text and "🙂" in text


def test_every_shipped_font_has_its_licence_listed() -> None:
    folder = resources.path("fonts")
    listed = (folder / "LICENSES.md").read_text(encoding="utf-8")
    for font in sorted(folder.glob("*.ttf")):
        assert f"`{font.name}`" in listed, font.name
    assert (folder / "LICENSE-OFL-1.1.txt").read_text().count("SIL OPEN FONT LICENSE") >= 1
