"""A rotation as a printable schedule (landscape A4 or Letter).

Page 1 on: a header with the rotation's name and cadence, then a table with one row per
round: number, date, done or planned, who is with whom (wrapping, never cut), who sits
out. On a following page: the pairing matrix, member by member, each cell shaded by how
often the two were together and showing the count. All text goes through
``teamkeel.core.pdf.fonts`` so every script prints and the fonts are embedded.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from teamkeel.core import i18n
from teamkeel.core.files import replacing
from teamkeel.core.i18n import _
from teamkeel.core.pdf import fonts
from teamkeel.core.pdf.look import ACCENT, INK, MUTED, RULE, TINT, paragraph_style
from teamkeel.core.pdf.paper import page_size
from teamkeel.core.rotations.export import describe_cadence, group_lines, sitting_out_text
from teamkeel.core.rotations.planner import Candidate, Kind
from teamkeel.core.rotations.records import RotationSpec, RoundView
from teamkeel.core.rotations.stats import MemberStats, PairingMatrix, member_stats

DONE = colors.HexColor("#F3F5F7")

MARGIN = 14 * mm


def _style(name: str, size: float, **rest: Any) -> ParagraphStyle:
    return paragraph_style(name, size, leading_ratio=1.25, **rest)  # tables sit tighter


TITLE = _style("title", 18, bold=True)
SUB = _style("sub", 10, color=MUTED)
HEADING = _style("heading", 12, bold=True)
CELL = _style("cell", 9)
CELL_MUTED = _style("cellmuted", 8, color=MUTED)
HEAD = _style("head", 9, bold=True, color=colors.white)
HEAD_SMALL = _style("headsmall", 7.5, bold=True, color=colors.white)


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(fonts.markup(text), style)


def write_pdf(
    out: Path,
    team_name: str,
    spec: RotationSpec,
    rounds: Sequence[RoundView],
    names: dict[int, str],
    matrix: PairingMatrix,
    people: dict[int, Candidate] | None = None,
    paper: str = "A4",
) -> None:
    page_width, page_height = page_size(paper, turned=True)
    fonts.register_fonts()
    buffer = io.BytesIO()  # written beside ``out`` and renamed once complete
    doc = BaseDocTemplate(
        buffer,
        pagesize=(page_width, page_height),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=_("{rotation} — rotation schedule").format(rotation=spec.name),
        author=team_name,
        subject=describe_cadence(spec),
        creator="Keel",
    )
    frame = Frame(
        MARGIN, MARGIN + 4 * mm, page_width - 2 * MARGIN, page_height - 2 * MARGIN - 4 * mm
    )

    def footer(canvas, _doc) -> None:
        canvas.saveState()
        canvas.setFillColor(MUTED)
        text = _("{team} · {rotation} · printed {date}").format(
            team=team_name, rotation=spec.name, date=i18n.format_date(dt.date.today(), "dd MMM y")
        )
        page = _("page {number}").format(number=canvas.getPageNumber())
        fonts.draw_footer(canvas, MARGIN, page_width - MARGIN, MARGIN - 2 * mm, text, page, 8)
        canvas.restoreState()

    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=footer)])
    story: list[Flowable] = [
        # One line each, whatever the names' length: the schedule below is sized to
        # the rest of the page.
        _p(fonts.fit_width(spec.name, TITLE.fontSize, frame._width, bold=True), TITLE),
        Spacer(1, 2 * mm),
        _p(
            fonts.fit_heading(
                team_name, f" · {describe_cadence(spec)}", SUB.fontSize, frame._width
            ),
            SUB,
        ),  # fmt: skip
        Spacer(1, 5 * mm),
        # Each name ordered on its own inside "A reviews B", whatever its script.
        _schedule_table(
            spec,
            rounds,
            {i: fonts.isolate(n) for i, n in names.items()},
            people,
            frame._width,
            frame._height,
        ),  # fmt: skip
    ]
    stats = member_stats(spec.kind, matrix.members, rounds)
    if spec.kind == Kind.ROLE:
        story += [
            Spacer(1, 8 * mm),
            KeepTogether(
                [
                    _p(_("Turns so far, planned rounds included"), HEADING),
                    Spacer(1, 2 * mm),
                    _stats_table(spec.kind, stats, names, 120 * mm),
                ]
            ),
        ]
    elif len(matrix.members) >= 2:
        story += [
            PageBreak(),
            _p(_("{rotation}: who was paired with whom").format(rotation=spec.name), TITLE),
            Spacer(1, 2 * mm),
            _p(
                _(
                    "Each cell counts the rounds two people shared (planned rounds included); "
                    "darker means more often. Rows review, columns are reviewed."
                )
                if matrix.directed
                else _(
                    "Each cell counts the rounds two people shared (planned rounds included); "
                    "darker means more often."
                ),
                SUB,
            ),
            Spacer(1, 4 * mm),
        ]
        width = frame._width
        if len(matrix.members) <= SIDE_BY_SIDE:
            # Small teams: the matrix and the per-member figures share the page.
            side = Table(
                [
                    [
                        MatrixFlowable(matrix, names),
                        _stats_table(spec.kind, stats, names, width * 0.4),
                    ]
                ],
                colWidths=[width * 0.58, width * 0.42],
            )
            side.setStyle(
                TableStyle(
                    [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]
                )
            )
            story.append(side)
        else:
            story += [
                MatrixFlowable(matrix, names),
                PageBreak(),
                _p(_("Per member"), HEADING),
                Spacer(1, 2 * mm),
                _stats_table(spec.kind, stats, names, width * 0.6),
            ]
    doc.build(story)
    with replacing(out) as tmp:
        tmp.write_bytes(buffer.getvalue())


def _schedule_table(
    spec: RotationSpec,
    rounds: Sequence[RoundView],
    names: dict[int, str],
    people: dict[int, Candidate] | None,
    width: float,
    page_height: float,
) -> Table:
    sit_outs = any(view.sitting_out for view in rounds)
    head = [_("Round"), _("Date"), _("Status"), _what_column(spec)] + (
        [_("Sits out")] if sit_outs else []
    )
    widths = [18 * mm, 36 * mm, 17 * mm, 0.0] + ([36 * mm] if sit_outs else [])
    widths[3] = width - sum(widths)
    most = max((len(v.groups) for v in rounds), default=1)
    columns = 1 if spec.kind == Kind.ROLE else max(1, min(3, most, int(widths[3] // (62 * mm))))
    data: list[list] = [[_p(h, HEAD) for h in head]]
    done_rows: list[int] = []
    for view in rounds:
        texts = [
            line.text + (f" ({line.note})" if line.note else "")
            for line in group_lines(spec, view, names, people)
        ]
        # A large team's round can be taller than a page, which reportlab cannot
        # print; it then continues on further rows, each at most about a third of a page.
        grids = _grids_that_fit(texts, columns, widths[3], page_height * 0.3)
        for part, grid in enumerate(grids):
            if part == 0:
                row = [
                    _p(str(view.number + 1), CELL),
                    _p(i18n.format_date(view.day, "EEE dd MMM y"), CELL),
                    _p(_("done") if view.done else _("planned"), CELL_MUTED),
                    grid,
                ]
            else:
                row = [
                    _p(_("{number} (cont.)").format(number=view.number + 1), CELL_MUTED),
                    "",
                    "",
                    grid,
                ]
            if sit_outs:
                row.append(_p(sitting_out_text(view, names), CELL) if part == 0 else "")
            data.append(row)
            if view.done:
                done_rows.append(len(data) - 1)
    table = Table(data, colWidths=widths, repeatRows=1)
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    for i in done_rows:
        style.append(("BACKGROUND", (0, i), (-1, i), DONE))
    table.setStyle(TableStyle(style))
    return table


def _grids_that_fit(
    texts: list[str], columns: int, width: float, max_height: float
) -> list[Flowable]:
    """The groups of one round as one grid, or as several grids (in order) when one
    would be taller than ``max_height``."""
    parts = 1
    while True:
        size = -(-len(texts) // parts) if texts else 0
        chunks = [texts[i : i + size] for i in range(0, len(texts), size)] if texts else [[]]
        grids = [_groups_grid(chunk, columns, width) for chunk in chunks]
        if size <= columns or all(g.wrap(width, max_height)[1] <= max_height for g in grids):
            return grids
        parts += 1


def _groups_grid(texts: list[str], columns: int, width: float) -> Flowable:
    """The groups of one round side by side, filled column by column, wrapping names
    inside their own cell rather than across groups."""
    if not texts:
        return _p("—", CELL)
    per_column = -(-len(texts) // columns)
    cells = [
        [
            _p(texts[c * per_column + r], CELL) if c * per_column + r < len(texts) else ""
            for c in range(columns)
        ]
        for r in range(per_column)
    ]
    inner = width - 12
    grid = Table(cells, colWidths=[inner / columns] * columns)
    grid.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return grid


SIDE_BY_SIDE = 24  # members up to which the matrix and the figures share a page


def _stats_table(
    kind: Kind, stats: Sequence[MemberStats], names: dict[int, str], width: float
) -> Table:
    """Per member: rounds taken part in, distinct partners, duties, turns held."""
    columns = [
        (_("Member"), lambda s: names.get(s.member, f"#{s.member}")),
        (_("Rounds"), lambda s: s.rounds),
    ]
    if kind == Kind.ROLE:
        columns = [columns[0], (_("Times held"), lambda s: s.held_role)]
    else:
        columns.append((_("Partners"), lambda s: s.distinct_partners))
        columns.append((_("Sat out"), lambda s: s.sat_out))
        if kind in (Kind.PAIRS, Kind.SKILL_SHARE):
            columns.append((_("Trio third"), lambda s: s.trio_duty))
        if kind == Kind.CROSS_CHECK:
            columns.append((_("Reviews given"), lambda s: s.held_role))
    ordered = sorted(stats, key=lambda s: names.get(s.member, "").casefold())
    data = [[_p(title, HEAD_SMALL) for title, _ in columns]]
    data += [[_p(str(get(s)), CELL) for _, get in columns] for s in ordered]
    first = width * 0.34
    rest = (width - first) / (len(columns) - 1)
    table = Table(
        data, colWidths=[first] + [rest] * (len(columns) - 1), repeatRows=1, hAlign="LEFT"
    )
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def _what_column(spec: RotationSpec) -> str:
    return {
        Kind.PAIRS: _("Pairs"),
        Kind.CROSS_CHECK: _("Who reviews whose work"),
        Kind.SKILL_SHARE: _("Skill-share pairs"),
        Kind.ROLE: _("Role holder"),
        Kind.GROUPS: _("Groups"),
    }[spec.kind]


class MatrixFlowable(Flowable):
    """The pairing matrix as a heat map with names along both edges."""

    def __init__(self, matrix: PairingMatrix, names: dict[int, str]):
        super().__init__()
        self.matrix = matrix
        self.names = names
        self.members = list(matrix.members)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        n = len(self.members)
        widest = max(fonts.string_width(self._name(m), 1.0) for m in self.members)

        def fit(font: float) -> tuple[float, float]:
            label_w = min(45 * mm, widest * font + 6)
            side = min(avail_width, avail_height) - label_w
            return label_w, min(22.0, side / n)

        # Names shrink with the cells so a large team's matrix still fits the page
        # (tiny print, but whole); the cells are then sized for the final labels.
        self.font = 8.0
        self.label_w, self.cell = fit(self.font)
        if self.cell < 10:
            self.font = max(2.5, self.cell * 0.75)
            self.label_w, self.cell = fit(self.font)
        self.cell = max(self.cell, 0.5)
        self.width = self.label_w + n * self.cell
        self.height = self.label_w + n * self.cell
        return self.width, self.height

    def _name(self, m: int) -> str:
        return self.names.get(m, f"#{m}")

    def draw(self) -> None:
        c = self.canv
        n = len(self.members)
        top = self.height - self.label_w
        highest = max(1, self.matrix.highest)
        for i, m in enumerate(self.members):
            y = top - (i + 1) * self.cell
            c.setFillColor(INK)
            name = self._name(m)
            fonts.draw_string(
                c,
                self.label_w - 3 - fonts.string_width(name, self.font),
                y + self.cell * 0.3,
                name,
                self.font,
            )
            # Column labels, turned upright along the top edge.
            c.saveState()
            c.translate(self.label_w + i * self.cell + self.cell * 0.7, top + 3)
            c.rotate(90)
            fonts.draw_string(c, 0, 0, name, self.font)
            c.restoreState()
            for j, other in enumerate(self.members):
                x = self.label_w + j * self.cell
                if i == j:
                    c.setFillColor(RULE)
                    c.rect(x, y, self.cell, self.cell, stroke=0, fill=1)
                    continue
                count = self.matrix.get(m, other)
                shade = count / highest
                c.setFillColor(_heat(shade) if count else colors.white)
                c.setStrokeColor(RULE)
                c.setLineWidth(0.3)
                c.rect(x, y, self.cell, self.cell, stroke=1, fill=1)
                if count and self.cell >= 7:
                    c.setFillColor(colors.white if shade > 0.55 else INK)
                    text = str(count)
                    w = fonts.string_width(text, self.font)
                    fonts.draw_string(
                        c, x + (self.cell - w) / 2, y + self.cell * 0.3, text, self.font
                    )
        c.setStrokeColor(MUTED)
        c.rect(self.label_w, top - n * self.cell, n * self.cell, n * self.cell, stroke=1, fill=0)


def _heat(share: float) -> colors.Color:
    """From the tint to the accent colour as a pair meets more often."""
    lo, hi = TINT, ACCENT
    t = 0.25 + 0.75 * share
    return colors.Color(
        lo.red + (hi.red - lo.red) * t,
        lo.green + (hi.green - lo.green) * t,
        lo.blue + (hi.blue - lo.blue) * t,
    )
