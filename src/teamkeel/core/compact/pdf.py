"""The compact as a print-ready PDF: one page for a typical compact.

Layout, top to bottom: team name, title and version line; the purpose in a tinted box;
numbered commitments (statement, norm, theme), each kept whole on one page; a signature
block with a line per member and their name printed under it; a footer on every page
with the version, ratification date, next review and page number.

All text goes through ``teamkeel.core.pdf.fonts`` so any script prints, fonts are
embedded, and the text layer can be selected and searched.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from teamkeel.core import i18n
from teamkeel.core.compact.document import Commitment, Compact, SignatureLine
from teamkeel.core.errors import KeelError
from teamkeel.core.files import replacing
from teamkeel.core.i18n import N_, _
from teamkeel.core.pdf import fonts
from teamkeel.core.pdf.look import ACCENT, INK, MUTED, RULE, TINT, paragraph_style

PAGE_SIZES = {"A4": A4, "LETTER": LETTER}


MARGIN_X = 18 * mm
MARGIN_TOP = 12 * mm
MARGIN_BOTTOM = 18 * mm


def _style(name: str, size: float, leading: float, *, textColor: Color = INK,
           **rest: Any) -> ParagraphStyle:  # fmt: skip
    return paragraph_style(name, size, leading=leading, color=textColor, **rest)


def _styles() -> dict[str, ParagraphStyle]:
    return {
        "team": _style("team", 10, 13, bold=True, textColor=ACCENT),
        "title": _style("title", 22, 27, bold=True, spaceBefore=1),
        "status": _style("status", 9, 12, textColor=MUTED, spaceBefore=2),
        "purpose": _style("purpose", 10, 14),
        "heading": _style(
            "heading", 11.5, 14, bold=True, textColor=ACCENT, spaceBefore=8, spaceAfter=2
        ),
        "statement": _style("statement", 9.5, 12),
        "norm": _style("norm", 8.5, 10.5, textColor=ACCENT, spaceBefore=0.5),
        "theme": _style("theme", 7.5, 10, textColor=MUTED, alignment=TA_RIGHT),
        "intro": _style("intro", 8.5, 11, textColor=MUTED, spaceAfter=2),
        "signer": _style("signer", 9, 11, spaceBefore=2),
        "signed": _style("signed", 7.5, 9.5, textColor=MUTED),
    }


def _date(day: dt.date | None) -> str:
    return i18n.format_date(day, "d MMM y") if day else "—"


# The stored names of review cadences and the themes Keel suggests, as the PDF shows them.
SHOWN_WORDS = (
    N_("monthly"),
    N_("quarterly"),
    N_("half-yearly"),
    N_("yearly"),
    N_("psychological safety"),
    N_("shared accountability"),
    N_("reciprocity"),
    N_("communication"),
)


class NumberBadge(Flowable):
    """The commitment's number in a filled circle."""

    def __init__(self, number: int, diameter: float = 15):
        super().__init__()
        self.number = number
        self.diameter = diameter

    def wrap(self, avail_width, avail_height):
        return self.diameter, self.diameter

    def draw(self):
        r = self.diameter / 2
        # Centred on the first line of the statement beside it, not on the cell.
        cy = r + 1
        c = self.canv
        c.setFillColor(ACCENT)
        c.circle(r, cy, r, stroke=0, fill=1)
        c.setFillColor(colors.white)
        text = str(self.number)
        size = 8 if self.number < 10 else 7
        width = fonts.string_width(text, size, bold=True)
        fonts.draw_string(c, r - width / 2, cy - size * 0.36, text, size, bold=True)


def _commitment_block(
    number: int, commitment: Commitment, width: float, st: dict[str, ParagraphStyle]
) -> Flowable:
    body: list[Flowable] = [Paragraph(fonts.markup(commitment.statement), st["statement"])]
    if commitment.norm:
        body.append(
            Paragraph(_("Norm: {norm}").format(norm=fonts.markup(commitment.norm)), st["norm"])
        )
    theme_text = _(commitment.theme.strip())  # Keel's own themes are translated
    theme = Paragraph(fonts.markup(theme_text[:1].upper() + theme_text[1:]), st["theme"])
    badge_w, theme_w = 24, 84
    table = Table(
        [[NumberBadge(number), body, theme]],
        colWidths=[badge_w, width - badge_w - theme_w, theme_w],
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.FONT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (1, 0), (1, 0), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 3.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
                ("TOPPADDING", (2, 0), (2, 0), 4.5),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
            ]
        ),
    )
    # One commitment never splits across pages.
    return KeepTogether([table])


def _purpose_box(purpose: str, width: float, st: dict[str, ParagraphStyle]) -> Flowable:
    return Table(
        [[Paragraph(fonts.markup(purpose), st["purpose"])]],
        colWidths=[width],
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.FONT),
                ("BACKGROUND", (0, 0), (-1, -1), TINT),
                ("LINEBEFORE", (0, 0), (0, -1), 3, ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 11),
                ("RIGHTPADDING", (0, 0), (-1, -1), 11),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        ),
    )


def _signature_rows(
    lines: list[SignatureLine], width: float, st: dict[str, ParagraphStyle]
) -> list[Flowable]:
    # Five narrower columns for a bigger team keeps the block to fewer rows.
    columns = 4 if len(lines) <= 8 else 5
    gap = 14 if columns == 4 else 12
    col = (width - gap * (columns - 1)) / columns
    cells: list[list[Flowable]] = []
    for line in lines:
        when = (
            _("Agreed {date}").format(date=_date(line.signed_on)) if line.signed_on else _("Date:")
        )
        cells.append(
            [
                Spacer(1, 22),  # room to sign by hand
                HRFlowable(width="100%", thickness=0.7, color=INK, spaceBefore=0, spaceAfter=0),
                Paragraph(fonts.markup(line.name) if line.name else _("Name:"), st["signer"]),
                Paragraph(fonts.markup(when), st["signed"]),
            ]
        )
    rows: list[list[object]] = []
    for start in range(0, len(cells), columns):
        chunk: list[object] = list(cells[start : start + columns])
        chunk += [""] * (columns - len(chunk))
        row: list[object] = []
        for i, cell in enumerate(chunk):
            row.append(cell)
            if i < columns - 1:
                row.append("")
        rows.append(row)
    if not rows:
        return []
    widths = []
    for i in range(columns):
        widths.append(col)
        if i < columns - 1:
            widths.append(gap)
    style = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), fonts.FONT),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]
    )
    # The first row is its own table so the heading can be kept with it alone; the
    # rest may continue on the next page, a row of signatures at a time.
    tables: list[Flowable] = [Table(rows[:1], colWidths=widths, style=style)]
    if len(rows) > 1:
        tables.append(Table(rows[1:], colWidths=widths, style=style))
    return tables


def _footer_text(compact: Compact) -> str:
    if compact.is_draft:
        state = _("Draft, not yet ratified")
    else:
        state = _("Version {number} · ratified {date}").format(
            number=compact.number, date=_date(compact.ratified_on)
        )
    if compact.next_review:
        state = _("{state} · next review {date}").format(
            state=state, date=_date(compact.next_review)
        )
    return state


def _numbered_canvas(footer: str, left: str, page_counter: list[int]) -> type[Canvas]:
    """A canvas that draws the footer once the page count is known ("page 1 of 2")."""

    class FooterCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            kwargs.setdefault("initialFontName", fonts.FONT)
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            page_counter.append(total)
            for state in self._pages:
                self.__dict__.update(state)
                self._draw_footer(total)
                super().showPage()
            super().save()

        def _draw_footer(self, total: int) -> None:
            width = self._pagesize[0]
            y = MARGIN_BOTTOM - 9 * mm
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN_X, y + 11, width - MARGIN_X, y + 11)
            self.setFillColor(MUTED)
            right = _("{footer} · page {page} of {total}").format(
                footer=footer, page=self._pageNumber, total=total
            )
            fonts.draw_footer(self, MARGIN_X, width - MARGIN_X, y, left, right, 7.5)
            self.restoreState()

    return FooterCanvas


def story(compact: Compact, lines: list[SignatureLine], width: float) -> list[Flowable]:
    """The flowables of the document, in reading order."""
    st = _styles()
    flow: list[Flowable] = []
    if compact.team_name:
        flow.append(Paragraph(fonts.markup(fonts.shorten(compact.team_name, 120)), st["team"]))
    flow.append(Paragraph(fonts.markup(compact.title), st["title"]))
    if compact.is_draft:
        status = _("Draft for discussion and signing")
    else:
        status = _("Version {number}, ratified {date}").format(
            number=compact.number, date=_date(compact.ratified_on)
        )
    if compact.next_review:
        status = _("{status} · reviewed {cadence}, next on {date}").format(
            status=status, cadence=_(compact.review_cadence), date=_date(compact.next_review)
        )
    flow.append(Paragraph(fonts.markup(status), st["status"]))
    flow.append(Spacer(1, 8))
    if compact.purpose.strip():
        flow.append(_purpose_box(compact.purpose.strip(), width, st))

    heading = Paragraph(_("Our commitments"), st["heading"])
    heading.keepWithNext = True
    flow.append(heading)
    for number, commitment in enumerate(compact.commitments, start=1):
        flow.append(_commitment_block(number, commitment, width, st))

    if lines:
        sign_heading = Paragraph(_("We agree"), st["heading"])
        sign_heading.keepWithNext = True
        intro = Paragraph(
            _(
                "By signing, each of us agrees to live these commitments and to help the others "
                "keep them."
            ),
            st["intro"],
        )
        intro.keepWithNext = True
        flow += [sign_heading, intro, *_signature_rows(lines, width, st)]
    return flow


def write_pdf(
    compact: Compact,
    lines: list[SignatureLine],
    target: str | Path | BinaryIO,
    page_size: str = "A4",
) -> int:
    """Write the compact to ``target`` (a path or a binary file); return the page count."""
    size = PAGE_SIZES.get(page_size.upper())
    if size is None:
        raise KeelError(
            _("Unknown page size {page_size!r}; use A4 or Letter.").format(page_size=page_size)
        )
    fonts.register_fonts()
    team = compact.team_name.strip()
    title = f"{compact.title} — {team}" if team else compact.title
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=title,
        author=team or "Keel",
        subject=_("{version} of the team's support compact").format(version=compact.label),
        creator="Keel",
        lang=i18n.current_language(),
        initialFontName=fonts.FONT,
    )
    # A frame without inner padding: the layout uses the full width between margins.
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="compact", frames=[frame])])
    pages: list[int] = []
    canvas_class = _numbered_canvas(_footer_text(compact), title, pages)
    doc.build(story(compact, lines, doc.width), canvasmaker=canvas_class)
    if isinstance(target, str | Path):
        # Write beside the target and rename, so a failure never leaves half a PDF.
        with replacing(Path(target)) as tmp:
            tmp.write_bytes(buffer.getvalue())
    else:
        target.write(buffer.getvalue())
    return pages[-1] if pages else 0
