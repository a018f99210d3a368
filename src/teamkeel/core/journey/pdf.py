"""The Journey's printouts: "Where we are", the diagnosis, the charter section and the
stories sheet. One page each as a rule; every text goes through the font helpers so any
name or answer prints in its own script.

Shared outputs never single anyone out: listening answers appear only as the themes,
counts and quotes of a round that reaches the anonymity minimum.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from teamkeel.core import i18n
from teamkeel.core.files import replacing
from teamkeel.core.i18n import _
from teamkeel.core.journey import charter as charter_
from teamkeel.core.journey.checks import DONE, LATER, Journey
from teamkeel.core.journey.listening import Picture
from teamkeel.core.journey.records import Story, kind_title
from teamkeel.core.journey.starting_point import MODELS, Placement
from teamkeel.core.pdf import fonts
from teamkeel.core.pdf.look import ACCENT, INK, MUTED, RULE, TINT, paragraph_style
from teamkeel.core.pdf.paper import page_size

MARGIN = 16 * mm
WIDTH = A4[0] - 2 * MARGIN  # A4 is the narrower paper: the table fits on Letter too


TITLE = paragraph_style("title", 18, bold=True, spaceAfter=2)
SUB = paragraph_style("sub", 9.5, color=MUTED, spaceAfter=8)
HEADING = paragraph_style("heading", 12, bold=True, color=ACCENT, spaceBefore=8, spaceAfter=3)
BODY = paragraph_style("body", 9.5, spaceAfter=2)
SMALL = paragraph_style("small", 8.5, color=MUTED)
QUOTE = paragraph_style("quote", 9, color=INK, leftIndent=10, spaceAfter=2)


def _p(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    return Paragraph(fonts.markup(text), style)


def _lead(bold: str, rest: str, style: ParagraphStyle = BODY) -> Paragraph:
    """A paragraph that starts with a few words in bold."""
    return Paragraph(f"<b>{fonts.markup(bold)}</b>{fonts.markup(rest)}", style)


def _write(out: Path, title: str, team: str, story: list[Flowable], paper: str) -> None:
    fonts.register_fonts()
    buffer = io.BytesIO()  # written beside ``out`` and renamed once complete
    doc = SimpleDocTemplate(
        buffer,
        pagesize=page_size(paper),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author=team,
        creator="Keel",
    )

    def footer(canvas, _doc) -> None:
        canvas.saveState()
        canvas.setFillColor(MUTED)
        text = _("{team} · {title} · printed {date}").format(
            team=team, title=title, date=i18n.format_date(dt.date.today(), "dd MMM y")
        )
        fonts.draw_string(canvas, MARGIN, MARGIN / 2, text, 7.5)
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    with replacing(out) as tmp:
        tmp.write_bytes(buffer.getvalue())


def _d(day: dt.date | None) -> str:
    return i18n.format_date(day, "d MMM y") if day else "—"


def _bullets(lines: Sequence[str], style: ParagraphStyle = BODY) -> list[Flowable]:
    return [_p(f"•  {line}", style) for line in lines]


# -- "Where we are" -----------------------------------------------------------------

MARKS = {DONE: "✓", LATER: "·"}


def journey_pdf(out: Path, team: str, journey: Journey, paper: str = "A4") -> None:
    story: list[Flowable] = [
        _p(_("Where we are: {team}").format(team=team), TITLE),
        _p(
            _("Our support culture journey on {date}.").format(date=_d(journey.today))
            + " "
            + (
                _("The program started on {date}.").format(date=_d(journey.program_start))
                if journey.program_start
                else _("The program's start date is not set yet.")
            ),
            SUB,
        ),
    ]
    for phase in journey.phases:
        when = phase.when
        if phase.first_day:
            if phase.last_day:
                when = _("{when}, {first} – {last}").format(
                    when=when, first=_d(phase.first_day), last=_d(phase.last_day)
                )
            else:
                when = _("{when}, {first} onwards").format(when=when, first=_d(phase.first_day))
        mark = _("  ← we are here") if phase.current else ""
        rows = [
            [
                _p(MARKS.get(c.status, "○"), BODY),
                _p(c.title, BODY),
                _p(c.evidence, SMALL),
            ]
            for c in phase.checks
        ]
        table = Table(rows, colWidths=[7 * mm, 78 * mm, WIDTH - 85 * mm])
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -2), 0.4, RULE),
                    ("BACKGROUND", (0, 0), (-1, -1), TINT if phase.current else colors.white),
                ]
            )
        )
        story.append(KeepTogether([_p(f"{phase.name} ({when}){mark}", HEADING), table]))
    story.append(_p(_("Next steps"), HEADING))
    story += _bullets(journey.next_steps or (_("Keep going: nothing is waiting."),))
    story.append(Spacer(1, 6))
    story.append(_p(_("✓ done   ○ to do   · for a later phase"), SMALL))
    _write(out, _("Where we are"), team, story, paper)


# -- diagnosis ----------------------------------------------------------------------


def _picture(picture: Picture | None) -> list[Flowable]:
    if picture is None:
        return [_p(_("No listening round yet."))]
    head = _p(_("Listening round of {date}").format(date=_d(picture.held_on)), HEADING)
    if not picture.shown:
        return [
            head,
            _p(
                _(
                    "Fewer than {minimum} people answered, so nothing of this round is "
                    "shown: with so few answers, people could be recognised."
                ).format(minimum=picture.minimum)
            ),
        ]
    out: list[Flowable] = [
        head,
        _p(_("At least {count} people answered these questions:").format(count=picture.size)),
    ]
    out += _bullets(picture.questions, SMALL)
    out.append(Spacer(1, 4))
    most = max((c.answers for c in picture.counts), default=1) or 1
    rows = []
    for c in picture.counts:
        bar = Table([[""]], colWidths=[max(1.0, 60 * mm * c.answers / most)], rowHeights=[3 * mm])
        bar.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), ACCENT)]))
        rows.append([_p(c.title), _p(str(c.answers)), bar if c.answers else ""])
    table = Table(rows, colWidths=[80 * mm, 12 * mm, 64 * mm], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    out += [table, Spacer(1, 4), _lead(_("The pattern. "), picture.pattern)]
    for c in picture.counts:
        if c.quotes and c.answers:
            out.append(_p(c.title, paragraph_style("qh", 9.5, bold=True, spaceBefore=4)))
            out += [_p(f"“{q}”", QUOTE) for q in c.quotes]
    return out


def _placement(placement: Placement | None) -> list[Flowable]:
    out: list[Flowable] = [_p(_("Starting point"), HEADING)]
    if placement is None:
        return out + [_p(_("The self-assessment has not been taken yet."))]
    model = MODELS[placement.model]
    step = placement.first_step
    out.append(
        _lead(
            _("{model} (“{nickname}”)").format(model=model.name, nickname=model.nickname),
            _(", assessed {date}.").format(date=_d(placement.taken_on)),
        )
    )
    out.append(_p(model.summary, SMALL))
    out += _bullets(placement.reasons)
    out.append(_lead(_("First step: "), step.title, paragraph_style("fs", 9.5, spaceBefore=4)))
    out.append(_p(step.why, SMALL))
    return out


def diagnosis_pdf(
    out: Path,
    team: str,
    picture: Picture | None,
    placement: Placement | None,
    paper: str = "A4",
) -> None:
    story: list[Flowable] = [
        _p(_("Diagnosis: {team}").format(team=team), TITLE),
        _p(_("What the team said about asking for and offering help, and where we start."), SUB),
        *_picture(picture),
        *_placement(placement),
    ]
    _write(out, _("Diagnosis"), team, story, paper)


# -- charter section and stories ----------------------------------------------------


def charter_pdf(out: Path, c: charter_.Charter, paper: str = "A4") -> None:
    story: list[Flowable] = [
        _p(_(charter_.TITLE), TITLE),
        _p(
            _("{team}, {date}. From the Team Support Compact ({version}).").format(
                team=c.team, date=_d(c.made_on), version=c.compact
            ),
            SUB,
        ),
    ]
    for title, lines, empty in (
        (_("Our commitments"), c.commitments, _("None yet.")),
        (_("Rituals in use"), c.rituals, _("No rituals yet.")),
        (_("Rotations"), c.rotations, _("No rotations.")),
        (_("How to ask for help"), c.asking, ""),
    ):
        story.append(_p(title, HEADING))
        story += _bullets(lines) if lines else [_p(empty, SMALL)]
    _write(out, _(charter_.TITLE), c.team, story, paper)


def stories_pdf(
    out: Path,
    team: str,
    stories: Sequence[Story],
    first: dt.date,
    last: dt.date,
    paper: str = "A4",
) -> None:
    flow: list[Flowable] = [
        _p(_("Stories worth celebrating: {team}").format(team=team), TITLE),
        _p(
            _("From {first} to {last}, for the culture check-in.").format(
                first=_d(first), last=_d(last)
            ),
            SUB,
        ),
    ]
    if not stories:
        flow.append(_p(_("No stories were recorded in this period.")))
    for s in stories:
        flow.append(
            KeepTogether(
                [
                    _p(f"{s.outcome}", paragraph_style("so", 11, bold=True, spaceBefore=8)),
                    _p(f"{kind_title(s.kind)} · {_d(s.told_on)}", SMALL),
                    _p(s.text, BODY),
                ]
            )
        )
    _write(out, _("Stories"), team, flow, paper)
