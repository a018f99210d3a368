"""Printable calendar (month or quarter grid + agenda) and facilitation cards.

Text goes through `teamkeel.core.pdf.fonts` so names in any script print, with the
fonts embedded.
"""

from __future__ import annotations

import calendar as stdcal
import re
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    FrameBreak,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from teamkeel.core import i18n
from teamkeel.core.i18n import _
from teamkeel.core.pdf import fonts
from teamkeel.core.pdf.look import INK, MUTED, RULE
from teamkeel.core.pdf.paper import page_size

from .domain import WEEKDAY_NAMES, Marker, Occurrence, Ritual
from .library import KINDS, colour
from .listing import short_title
from .people import Person

WEEKEND = colors.HexColor("#f4f6f7")
# The most of a stored text an agenda cell shows: at the narrowest column this is about
# fifteen lines, so a row stays well within a page.
CELL_CHARS = 300


def _styles() -> dict[str, ParagraphStyle]:
    fonts.register_fonts()
    base = ParagraphStyle("base", fontName=fonts.FONT, fontSize=9, leading=12, textColor=INK)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10),
        "muted": ParagraphStyle("muted", parent=base, fontSize=8, leading=10, textColor=MUTED),
        "h1": ParagraphStyle(
            "h1", parent=base, fontName=fonts.FONT_BOLD, fontSize=16, leading=20, spaceAfter=4
        ),  # fmt: skip
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=fonts.FONT_BOLD,
            fontSize=11,
            leading=14,
            spaceBefore=8,
            spaceAfter=3,
        ),  # fmt: skip
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10, alignment=TA_LEFT),
        "cellb": ParagraphStyle(
            "cellb", parent=base, fontName=fonts.FONT_BOLD, fontSize=8, leading=10
        ),  # fmt: skip
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(fonts.markup(text), style)


def _heading(team_name: str, rest: str, width: float) -> Paragraph:
    """A page heading on one line: a long team name is shortened, so the grid below
    keeps its page (a heading on two lines pushed every month onto a second page)."""
    style = _styles()["h1"]
    line = fonts.fit_heading(team_name, rest, style.fontSize, width, bold=True)
    return Paragraph(fonts.markup(line), style)


def months_between(first: date, last: date) -> list[tuple[int, int]]:
    result, y, m = [], first.year, first.month
    while (y, m) <= (last.year, last.month):
        result.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return result


def _month_span(first: tuple[int, int], last: tuple[int, int]) -> str:
    start = i18n.month_name(first[1]) + ("" if first[0] == last[0] else f" {first[0]}")
    if first == last:
        return f"{start} {first[0]}"
    return _("{first_month} to {last_month}").format(
        first_month=start, last_month=f"{i18n.month_name(last[1])} {last[0]}"
    )


class MonthGrid(Flowable):
    """One month as a grid whose weeks begin on ``first_weekday`` (0 Monday ... 6
    Sunday, the lead's choice); each day lists its occurrences.

    `compact=True` (the quarter view) draws a coloured bar per occurrence with the
    time only, so three months fit on one page.
    """

    def __init__(self, year, month, by_day, markers, width, height, compact=False, first_weekday=0):
        super().__init__()
        self.year, self.month = year, month
        self.by_day, self.markers = by_day, markers
        self.width, self.height, self.compact = width, height, compact
        self.first_weekday = first_weekday

    def wrap(self, *_):
        return self.width, self.height

    def draw(self):
        c = self.canv
        weeks = stdcal.Calendar(self.first_weekday).monthdatescalendar(self.year, self.month)
        title_h = 16 if self.compact else 0
        head_h = 12
        col_w = self.width / 7
        row_h = (self.height - head_h - title_h) / len(weeks)
        top = self.height - title_h
        if self.compact:
            title = f"{i18n.month_name(self.month)} {self.year}"
            fonts.draw_string(c, 0, self.height - 12, title, 11, bold=True)
        c.setFillColor(MUTED)
        for i in range(len(WEEKDAY_NAMES)):
            name = i18n.day_name((self.first_weekday + i) % 7, "abbreviated")
            fonts.draw_string(c, i * col_w + 2, top - 9, name, 7)
        text_size = 5.6 if self.compact else 7.2
        line_h = text_size + 1.8
        for r, week in enumerate(weeks):
            for i, day in enumerate(week):
                x = i * col_w
                y = top - head_h - (r + 1) * row_h
                inside = day.month == self.month
                c.setStrokeColor(RULE)
                c.setFillColor(WEEKEND if day.weekday() >= 5 or not inside else colors.white)
                c.rect(x, y, col_w, row_h, stroke=1, fill=1)
                if not inside:
                    continue
                c.setFillColor(INK)
                fonts.draw_string(c, x + 2, y + row_h - 8, str(day.day), 7, bold=True)
                marks = [(f"◆ {m.title}", None, "#b03a2e") for m in self.markers.get(day, ())]
                entries = []
                for occ in self.by_day.get(day, ()):
                    text = f"{occ.start:%H:%M} {short_title(occ.title)}"
                    who = occ.facilitator_name + (_(" (swap)") if occ.swapped else "")
                    # The quarter view has room for the time only; the colour says what.
                    entries.append((f"{occ.start:%H:%M}" if self.compact else text,
                                    None if self.compact or not who else who,
                                    colour(occ.kind)))  # fmt: skip
                room = int((row_h - 11) // line_h)
                lines: list[tuple[str, str | None, str]] = marks + entries
                two_line = sum(2 if e[1] else 1 for e in lines) <= room
                if not two_line:
                    # Facilitator on the same line, shortened with the title.
                    lines = [(t if w is None else f"{t} · {w}", None, h) for t, w, h in lines]
                    if len(lines) > room:
                        hidden = len(lines) - room + 1
                        more = _("+{count} more").format(count=hidden)
                        lines = lines[: room - 1] + [(more, None, "#6b7780")]
                ly = y + row_h - 11 - text_size
                for text, who, hexcol in lines:
                    rows = 2 if who else 1
                    c.setFillColor(colors.HexColor(hexcol))
                    c.rect(x + 2, ly - 0.5 - (rows - 1) * line_h, 1.6,
                           text_size + (rows - 1) * line_h, stroke=0, fill=1)  # fmt: skip
                    c.setFillColor(INK)
                    _draw_clipped(c, x + 5, ly, text, text_size, col_w - 7)
                    if who:
                        ly -= line_h
                        c.setFillColor(MUTED)
                        _draw_clipped(c, x + 5, ly, who, text_size, col_w - 7)
                    ly -= line_h


def _draw_clipped(c, x, y, text, size, width):
    """Draw text shortened with an ellipsis so it never runs into the next cell."""
    fonts.draw_string(c, x, y, fonts.fit_width(text, size, width), size)


class Legend(Flowable):
    """A row of coloured swatches naming each ritual kind on the page."""

    def __init__(self, kinds: Sequence[str], width: float):
        super().__init__()
        self.kinds, self.width = list(kinds), width

    def wrap(self, *_):
        return self.width, 12

    def draw(self):
        c, x = self.canv, 0.0
        for key in self.kinds:
            label = KINDS[key].label if key in KINDS else key
            c.setFillColor(colors.HexColor(colour(key)))
            c.rect(x, 2, 7, 7, stroke=0, fill=1)
            c.setFillColor(INK)
            x = fonts.draw_string(c, x + 10, 2.5, label, 7.5) + 14


_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)\S+$", re.IGNORECASE)
# A URL may break after these (never inside "://"), so that each line is whole parts.
_URL_BREAK = re.compile(r"(?<=[/?&=#])(?<!:/)(?<!://)")
CELL_PADDING = 12  # a table cell's left and right padding together (reportlab's 6 + 6)


def break_urls(text: str, width: float, size: float) -> str:
    """``text`` with each URL too wide for ``width`` broken into lines after a "/",
    "?", "&", "=" or "#", never in the middle of a word (a part wider than a whole
    line is left whole for the paragraph to deal with)."""
    out = []
    for word in text.split(" "):
        if not _URL.match(word) or fonts.string_width(word, size) <= width:
            out.append(word)
            continue
        lines = [""]
        for part in _URL_BREAK.split(word):
            if lines[-1] and fonts.string_width(lines[-1] + part, size) > width:
                lines.append(part)
            else:
                lines[-1] += part
        out.append("\n".join(lines))
    return " ".join(out)


def _main_zone(occurrences: Sequence[Occurrence]) -> str:
    """The time zone most meetings are in: the agenda names only the others."""
    counts: dict[str, int] = defaultdict(int)
    for occ in occurrences:
        counts[occ.timezone] += 1
    return max(counts, key=lambda z: counts[z], default="")


def _agenda(occurrences: Sequence[Occurrence], markers, styles, width) -> list:
    """The agenda, one table per ISO week, with facilitator and place."""
    zone = _main_zone(occurrences)
    story: list = [_p(_("Agenda"), styles["h1"])]
    if zone:
        story.append(
            _p(
                _("Times in {zone} unless another zone is given.").format(zone=zone),
                styles["muted"],
            )
        )
    by_week: dict[date, list] = defaultdict(list)
    for occ in occurrences:
        by_week[occ.day - timedelta(days=occ.day.weekday())].append(occ)
    for m in markers:
        by_week[m.day - timedelta(days=m.day.weekday())].append(m)
    # The place gets the most room: it is often a meeting link.
    widths = [0.11 * width, 0.12 * width, 0.27 * width, 0.17 * width, 0.33 * width]
    cell_size = styles["cell"].fontSize
    for monday in sorted(by_week):
        items = sorted(by_week[monday], key=lambda o: (o.day, getattr(o, "start", None) is not None,
                                                        str(getattr(o, "start", ""))))  # fmt: skip
        rows = [
            [
                _p(h, styles["cellb"])
                for h in (_("Date"), _("Time"), _("Ritual"), _("Facilitator"), _("Where"))
            ]  # fmt: skip
        ]
        kinds: list[str | None] = []
        for item in items:
            if isinstance(item, Marker):
                rows.append([_p(i18n.format_date(item.day, "EEE dd MMM"), styles["cell"]), _p("", styles["cell"]),
                             _p(f"◆ {fonts.shorten(item.title, CELL_CHARS)}", styles["cellb"]), _p("", styles["cell"]),
                             _p("", styles["cell"])])  # fmt: skip
                kinds.append(None)
                continue
            who = item.facilitator_name or "—"
            if item.swapped:
                who += _(" (swap)")
            # Capped so that one row always fits on a page, whatever was stored.
            rows.append([
                _p(i18n.format_date(item.start, "EEE dd MMM"), styles["cell"]),
                _p(f"{item.start:%H:%M}–{item.end:%H:%M}"
                   + ("" if item.timezone == zone else f" {item.timezone}"), styles["cell"]),
                _p(fonts.shorten(item.title, CELL_CHARS), styles["cell"]),
                _p(fonts.shorten(who, CELL_CHARS), styles["cell"]),
                _p(break_urls(fonts.shorten(item.location, CELL_CHARS),
                              widths[4] - CELL_PADDING, cell_size), styles["cell"]),
            ])  # fmt: skip
            kinds.append(item.kind)
        table = Table(rows, colWidths=widths, repeatRows=1)
        style = [
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, INK),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
        for row, key in enumerate(kinds, 1):
            if key:
                style.append(("LINEBEFORE", (0, row), (0, row), 2.5, colors.HexColor(colour(key))))
        table.setStyle(TableStyle(style))
        sunday = monday + timedelta(days=6)
        heading = _p(_("Week {number} · {first} – {last}").format(
            number=monday.isocalendar().week, first=i18n.format_date(monday, "dd MMM"),
            last=i18n.format_date(sunday, "dd MMM y")), styles["h2"])  # fmt: skip
        # A week moves to the next page whole rather than continuing there under a
        # bare header row; only a week longer than a page splits (header repeated).
        story.append(KeepTogether([heading, table]))
    if not occurrences and not markers:
        story.append(_p(_("No rituals in this period."), styles["muted"]))
    return story


def calendar_pdf(
    out: str | BinaryIO,
    occurrences: Sequence[Occurrence],
    first_day: date,
    last_day: date,
    *,
    team_name: str = "Team",
    view: str = "month",
    markers: Sequence[Marker] = (),
    paper: str = "A4",
    first_weekday: int = 0,
) -> None:
    """Month pages (or quarter pages) of grids, then the agenda with facilitators. The
    grids' weeks begin on ``first_weekday`` (0 Monday ... 6 Sunday)."""
    styles = _styles()
    page = page_size(paper, turned=True)
    margin = 12 * mm
    width, height = page[0] - 2 * margin, page[1] - 2 * margin
    by_day: dict[date, list[Occurrence]] = defaultdict(list)
    for occ in occurrences:
        by_day[occ.day].append(occ)
    marks: dict[date, list[Marker]] = defaultdict(list)
    for marker in markers:
        if first_day <= marker.day <= last_day:
            marks[marker.day].append(marker)
    kinds = sorted({o.kind for o in occurrences}, key=lambda k: list(KINDS).index(k)
                   if k in KINDS else 99)  # fmt: skip

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(MUTED)
        text = _("{team} · rituals {first} – {last}").format(
            team=team_name,
            first=i18n.format_date(first_day, "dd MMM y"),
            last=i18n.format_date(last_day, "dd MMM y"),
        )
        page_text = _("page {number}").format(number=doc.page)
        fonts.draw_footer(canvas, margin, page[0] - margin, 7 * mm, text, page_text, 7)
        canvas.restoreState()

    doc = BaseDocTemplate(
        out, pagesize=page, leftMargin=margin, rightMargin=margin, topMargin=margin,
        bottomMargin=margin, title=_("{team} ritual calendar").format(team=team_name), author="Keel",
    )  # fmt: skip
    frame = Frame(margin, margin, width, height, id="main", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)  # fmt: skip
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=footer)])

    story: list = []
    grid_h = height - 44
    months = months_between(first_day, last_day)
    if view == "quarter":
        groups = [months[i : i + 3] for i in range(0, len(months), 3)]
        for group in groups:
            first, last = group[0], group[-1]
            story.append(_heading(
                team_name, _(" — rituals, {months}").format(months=_month_span(first, last)), width
            ))  # fmt: skip
            story.append(Legend(kinds, width))
            story.append(Spacer(1, 4))
            gap = 8
            w = (width - 2 * gap) / 3
            cells = [MonthGrid(y, m, by_day, marks, w, grid_h - 10, compact=True,
                               first_weekday=first_weekday)
                     for y, m in group]  # fmt: skip
            row = Table([cells], colWidths=[w + gap] * len(cells))
            row.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                                     ("RIGHTPADDING", (0, 0), (-1, -1), gap),
                                     ("TOPPADDING", (0, 0), (-1, -1), 0)]))  # fmt: skip
            story += [row, PageBreak()]
    else:
        for y, m in months:
            story.append(_heading(team_name, f" — {i18n.month_name(m)} {y}", width))
            story.append(Legend(kinds, width))
            story.append(Spacer(1, 4))
            grid = MonthGrid(y, m, by_day, marks, width, grid_h, first_weekday=first_weekday)
            story += [grid, PageBreak()]
    story += _agenda(occurrences, [m for ms in marks.values() for m in ms], styles, width)
    doc.build(story)


def facilitation_cards_pdf(
    out: str | BinaryIO,
    rituals: Sequence[Ritual],
    people: dict[int, Person],
    *,
    team_name: str = "Team",
    paper: str = "A4",
) -> list[str]:
    """One card per ritual kind in use (two cards per page, cut along the line).

    Returns the kinds printed, in library order.
    """
    styles = _styles()
    page = page_size(paper)
    margin = 14 * mm
    half = (page[1] - 2 * margin) / 2
    width = page[0] - 2 * margin
    used = [k for k in KINDS if any(r.kind == k for r in rituals)]

    def cut_line(canvas, doc):
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setDash(4, 3)
        canvas.line(margin / 2, page[1] / 2, page[0] - margin / 2, page[1] / 2)
        canvas.restoreState()

    doc = BaseDocTemplate(out, pagesize=page, title=_("{team} facilitation cards").format(team=team_name),

                          author="Keel")  # fmt: skip
    frames = [
        Frame(margin, margin + half + 6 * mm, width, half - 10 * mm, id="top"),
        Frame(margin, margin, width, half - 10 * mm, id="bottom"),
    ]
    doc.addPageTemplates([PageTemplate("cards", frames, onPage=cut_line)])
    story: list = [NextPageTemplate("cards")]
    name = lambda i: people[i].name if i in people else "?"  # noqa: E731
    for n, key in enumerate(used):
        info = KINDS[key]
        guide = info.guide
        mine = [r for r in rituals if r.kind == key]
        heading = ParagraphStyle("card", parent=styles["h1"], textColor=colour(key))
        card: list = [
            _p(info.label, heading),
            _p(
                _("{minutes} minutes · {cadence}").format(
                    minutes=info.duration_minutes, cadence=info.cadence_label
                ),
                styles["muted"],
            ),  # fmt: skip
            Spacer(1, 4),
            _p(guide.purpose, styles["body"]),
            _p(_("Agenda"), styles["h2"]),
        ]
        card += [_p(f"{i}. {step}", styles["body"]) for i, step in enumerate(guide.agenda, 1)]
        if guide.protocol:
            card.append(_p(_("Ground rules"), styles["h2"]))
            card += [_p(f"• {rule}", styles["body"]) for rule in guide.protocol]
        card.append(_p(_("In this team"), styles["h2"]))
        for r in mine:
            if r.rotation:
                who = _("facilitators rotate: {names}").format(
                    names=" → ".join(name(i) for i in r.rotation)
                )
            elif r.facilitator_id is not None:
                who = _("facilitated by {name}").format(name=name(r.facilitator_id))
            else:
                who = _("no facilitator set")
            card.append(_p(_("{title}: {when} at {time} {zone}; {who}.").format(
                title=r.title, when=r.recurrence.describe(r.start.date()),
                time=f"{r.start:%H:%M}", zone=r.timezone, who=who), styles["small"]))  # fmt: skip
        story.append(KeepTogether(card))
        if n < len(used) - 1:
            story.append(FrameBreak())
    if not used:
        story.append(_p(_("No rituals planned yet."), styles["body"]))

    doc.build(story)
    return used
