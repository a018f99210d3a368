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

from teamkeel.core.files import replacing
from teamkeel.core.journey import charter as charter_
from teamkeel.core.journey.checks import DONE, LATER, Journey
from teamkeel.core.journey.listening import Picture
from teamkeel.core.journey.records import KIND_TITLES, Story
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
        text = f"{team} · {title} · printed {dt.date.today():%d %b %Y}"
        fonts.draw_string(canvas, MARGIN, MARGIN / 2, text, 7.5)
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    with replacing(out) as tmp:
        tmp.write_bytes(buffer.getvalue())


def _d(day: dt.date | None) -> str:
    return f"{day.day} {day:%b %Y}" if day else "—"


def _bullets(lines: Sequence[str], style: ParagraphStyle = BODY) -> list[Flowable]:
    return [_p(f"•  {line}", style) for line in lines]


# -- "Where we are" -----------------------------------------------------------------

MARKS = {DONE: "✓", LATER: "·"}


def journey_pdf(out: Path, team: str, journey: Journey, paper: str = "A4") -> None:
    story: list[Flowable] = [
        _p(f"Where we are: {team}", TITLE),
        _p(
            f"Our support culture journey on {_d(journey.today)}. "
            + (
                f"The program started on {_d(journey.program_start)}."
                if journey.program_start
                else "The program's start date is not set yet."
            ),
            SUB,
        ),
    ]
    for phase in journey.phases:
        when = phase.when
        if phase.first_day:
            end = f" – {_d(phase.last_day)}" if phase.last_day else " onwards"
            when += f", {_d(phase.first_day)}{end}"
        mark = "  ← we are here" if phase.current else ""
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
    story.append(_p("Next steps", HEADING))
    story += _bullets(journey.next_steps or ("Keep going: nothing is waiting.",))
    story.append(Spacer(1, 6))
    story.append(_p("✓ done   ○ to do   · for a later phase", SMALL))
    _write(out, "Where we are", team, story, paper)


# -- diagnosis ----------------------------------------------------------------------


def _picture(picture: Picture | None) -> list[Flowable]:
    if picture is None:
        return [_p("No listening round yet.")]
    head = _p(f"Listening round of {_d(picture.held_on)}", HEADING)
    if not picture.shown:
        return [
            head,
            _p(
                f"Fewer than {picture.minimum} people answered, so nothing of this round is "
                "shown: with so few answers, people could be recognised."
            ),
        ]
    out: list[Flowable] = [head, _p(f"At least {picture.size} people answered these questions:")]
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
    out += [table, Spacer(1, 4), _lead("The pattern. ", picture.pattern)]
    for c in picture.counts:
        if c.quotes and c.answers:
            out.append(_p(c.title, paragraph_style("qh", 9.5, bold=True, spaceBefore=4)))
            out += [_p(f"“{q}”", QUOTE) for q in c.quotes]
    return out


def _placement(placement: Placement | None) -> list[Flowable]:
    out: list[Flowable] = [_p("Starting point", HEADING)]
    if placement is None:
        return out + [_p("The self-assessment has not been taken yet.")]
    model = MODELS[placement.model]
    step = placement.first_step
    out.append(_lead(f"{model.name} (“{model.nickname}”)", f", assessed {_d(placement.taken_on)}."))
    out.append(_p(model.summary, SMALL))
    out += _bullets(placement.reasons)
    out.append(_lead("First step: ", step.title, paragraph_style("fs", 9.5, spaceBefore=4)))
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
        _p(f"Diagnosis: {team}", TITLE),
        _p("What the team said about asking for and offering help, and where we start.", SUB),
        *_picture(picture),
        *_placement(placement),
    ]
    _write(out, "Diagnosis", team, story, paper)


# -- charter section and stories ----------------------------------------------------


def charter_pdf(out: Path, c: charter_.Charter, paper: str = "A4") -> None:
    story: list[Flowable] = [
        _p(charter_.TITLE, TITLE),
        _p(f"{c.team}, {_d(c.made_on)}. From the Team Support Compact ({c.compact}).", SUB),
    ]
    for title, lines, empty in (
        ("Our commitments", c.commitments, "None yet."),
        ("Rituals in use", c.rituals, "No rituals yet."),
        ("Rotations", c.rotations, "No rotations."),
        ("How to ask for help", c.asking, ""),
    ):
        story.append(_p(title, HEADING))
        story += _bullets(lines) if lines else [_p(empty, SMALL)]
    _write(out, charter_.TITLE, c.team, story, paper)


def stories_pdf(
    out: Path,
    team: str,
    stories: Sequence[Story],
    first: dt.date,
    last: dt.date,
    paper: str = "A4",
) -> None:
    flow: list[Flowable] = [
        _p(f"Stories worth celebrating: {team}", TITLE),
        _p(f"From {_d(first)} to {_d(last)}, for the culture check-in.", SUB),
    ]
    if not stories:
        flow.append(_p("No stories were recorded in this period."))
    for s in stories:
        flow.append(
            KeepTogether(
                [
                    _p(f"{s.outcome}", paragraph_style("so", 11, bold=True, spaceBefore=8)),
                    _p(f"{KIND_TITLES.get(s.kind, s.kind)} · {_d(s.told_on)}", SMALL),
                    _p(s.text, BODY),
                ]
            )
        )
    _write(out, "Stories", team, flow, paper)
