"""Names in any script survive a PDF: drawn, embedded, and readable from the text layer."""

import subprocess

import pytest
from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate

from teamkeel.core.pdf import fonts

NAMES = ["Zoë", "Ōsaka", "Ελένη", "Дмитрий", "李娜", "山田太郎"]
LINE = " ".join(NAMES)


def _embedded_fonts(pdf_path) -> dict[str, bool]:
    """Map every font the PDF's pages use to whether its program is embedded."""
    found: dict[str, bool] = {}
    for page in PdfReader(pdf_path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font["/BaseFont"])] = embedded
    return found


def _pdftotext(path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def test_paragraph_markup_prints_every_script_with_embedded_fonts(tmp_path):
    out = tmp_path / "names.pdf"
    fonts.register_fonts()
    doc = SimpleDocTemplate(str(out), initialFontName=fonts.FONT)
    regular = ParagraphStyle("body", fontName=fonts.FONT, fontSize=12, leading=16)
    bold = ParagraphStyle("head", fontName=fonts.FONT_BOLD, fontSize=14, leading=18)
    doc.build([Paragraph(fonts.markup(LINE), bold), Paragraph(fonts.markup(LINE), regular)])

    text = PdfReader(out).pages[0].extract_text()
    poppler_text = _pdftotext(out)
    for name in NAMES:
        assert name in text
        assert name in poppler_text

    used = _embedded_fonts(out)
    assert any("DejaVuSans-Bold" in name for name in used)
    assert any("DroidSansFallback" in name for name in used)
    assert all(used.values()), f"fonts not embedded: {used}"


def test_draw_string_falls_back_per_run_and_reports_its_width(tmp_path):
    out = tmp_path / "canvas.pdf"
    c = canvas.Canvas(str(out), initialFontName=fonts.FONT)
    end = fonts.draw_string(c, 72, 700, LINE, 12)
    fonts.draw_string(c, 72, 680, LINE, 12, bold=True)
    c.save()

    assert end == pytest.approx(72 + fonts.string_width(LINE, 12))
    assert fonts.string_width(LINE, 12, bold=True) > fonts.string_width(LINE, 12)
    poppler_text = _pdftotext(out)
    for name in NAMES:
        assert name in poppler_text
    assert all(_embedded_fonts(out).values())


def test_runs_group_characters_by_the_font_that_has_them():
    assert list(fonts.runs("Ελένη 李娜 山田")) == [
        (fonts.FONT, "Ελένη "),
        (fonts.FONT_CJK, "李娜 山田"),
    ]
    assert list(fonts.runs("Zoë", bold=True)) == [(fonts.FONT_BOLD, "Zoë")]


def test_markup_escapes_xml_and_keeps_line_breaks():
    marked = fonts.markup("Tom & Jerry <3\n李娜")
    assert marked == 'Tom &amp; Jerry &lt;3<br/><font face="DroidSansFallback">李娜</font>'
    # Control characters XML forbids are dropped instead of breaking the parser.
    assert fonts.markup("a\x00b") == "ab"


RIGHT_TO_LEFT = ["فاطمة الزهراء", "יעל כהן"]


def test_right_to_left_names_are_drawn_in_reading_order_and_joined(tmp_path):
    """A name in Arabic or Hebrew prints as it is read (not mirrored), Arabic letters
    joined: the text layer, read back, gives the name the lead typed."""
    import unicodedata

    out = tmp_path / "rtl.pdf"
    pdf = canvas.Canvas(str(out))
    style = ParagraphStyle("body", fontName=fonts.FONT, fontSize=12)
    for i, name in enumerate(RIGHT_TO_LEFT):
        fonts.draw_string(pdf, 72, 700 - 40 * i, f"{name} · Zoë", 12)
        para = Paragraph(fonts.markup(f"Signed by {name}"), style)
        para.wrapOn(pdf, 400, 100)
        para.drawOn(pdf, 72, 600 - 40 * i)
    pdf.save()
    text = unicodedata.normalize("NFKC", PdfReader(out).pages[0].extract_text())
    for name in RIGHT_TO_LEFT:
        assert text.count(name) == 2
    # Joined Arabic letters are drawn with their contextual (presentation) forms.
    assert "\ufed3" in fonts.display_order("فاطمة")  # initial feh
    assert fonts.display_order("Zoë\nOsaka") == "Zoë\nOsaka"
