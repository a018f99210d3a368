"""The report's charts as reportlab vector drawings (same pictures as the window's).

Names can be in any script, so every label is drawn as runs of ``String`` shapes, each in
the font that has its glyphs (see ``teamkeel.core.pdf.fonts``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, PolyLine, Rect, String
from reportlab.lib.colors import HexColor, white
from reportlab.pdfbase import pdfmetrics

from teamkeel.core.i18n import _
from teamkeel.core.insights.blockers import MonthResolution
from teamkeel.core.insights.layout import (
    GIVEN_COLOUR,
    GRID_COLOUR,
    MEDIAN_COLOUR,
    P90_COLOUR,
    RECEIVED_COLOUR,
    SURVEY_COLOUR,
    TEXT_COLOUR,
    circle_layout,
    colour_for,
    label_every,
    month_label,
    nice_ticks,
    role_colours,
)
from teamkeel.core.insights.network import MAX_PEOPLE_DRAWN, HelpNetwork, by_role
from teamkeel.core.insights.reciprocity import MemberReciprocity
from teamkeel.core.insights.survey import ITEM_LABELS, RoundResult
from teamkeel.core.pdf import fonts

TEXT = HexColor(TEXT_COLOUR)
GRID = HexColor(GRID_COLOUR)


def _drawing(width: float, height: float) -> Drawing:
    d = Drawing(width, height)
    # the renderer starts every drawing in this font; the default would pull in Helvetica
    d.initialFontName = fonts.FONT
    return d


def label(
    x: float,
    y: float,
    text: str,
    size: float = 8,
    anchor: str = "start",
    bold: bool = False,
    colour=TEXT,
) -> Group:
    """Text at ``(x, y)`` with per-run font fallback; anchor is start, middle or end."""
    fonts.register_fonts()
    width = fonts.string_width(text, size, bold)
    if anchor == "middle":
        x -= width / 2
    elif anchor == "end":
        x -= width
    g = Group()
    for font, chunk in fonts.runs(text, bold):
        g.add(String(x, y, chunk, fontName=font, fontSize=size, fillColor=colour))
        x += pdfmetrics.stringWidth(chunk, font, size)
    return g


def fit(text: str, size: float, width: float) -> str:
    """Shorten ``text`` with an ellipsis so it fits ``width`` points."""
    if fonts.string_width(text, size) <= width:
        return text
    while text and fonts.string_width(text + "…", size) > width:
        text = text[:-1]
    return text + "…"


def _legend(
    d: Drawing, x: float, y: float, entries: Sequence[tuple[str, str]], right: float | None = None
) -> float:
    """Colour keys in a row, wrapping before ``right``; returns the y of the last row."""
    start = x
    right = right if right is not None else d.width
    for colour, text in entries:
        w = 20 + fonts.string_width(text, 8)
        if x > start and x + w > right:
            x, y = start, y - 12
        d.add(Rect(x, y - 1, 8, 8, fillColor=HexColor(colour), strokeColor=None))
        d.add(label(x + 11, y, text, 8))
        x += w
    return y


def reciprocity_charts(
    rows: Sequence[MemberReciprocity], width: float = 480, per_chart: int = 12
) -> list[Drawing]:
    """The reciprocity chart in page-sized parts (a large team needs several), all drawn
    on the same scale so bars compare across parts."""
    top = max([max(r.now.given, r.now.received) for r in rows] + [1])
    parts = [rows[i : i + per_chart] for i in range(0, len(rows), per_chart)] or [[]]
    last = len(parts) - 1
    return [
        reciprocity_chart(part, width, top, legend=i == 0, scale_labels=i == last)
        for i, part in enumerate(parts)
    ]


def reciprocity_chart(
    rows: Sequence[MemberReciprocity],
    width: float = 480,
    top: float | None = None,
    legend: bool = True,
    scale_labels: bool = True,
) -> Drawing:
    """Per member, help given and help received as two bars on the same scale.  Parts of
    a long chart leave out the legend (all but the first) and the scale (all but the last)
    so that they read as one chart across pages."""
    row_h, name_w = 19, 110
    top_pad = 26 if legend else 0
    base_y = 14 if scale_labels else 0
    height = top_pad + max(len(rows), 1) * row_h + base_y + 4
    d = _drawing(width, height)
    if legend:
        _legend(
            d,
            name_w,
            height - 12,
            [(GIVEN_COLOUR, _("help given")), (RECEIVED_COLOUR, _("help received"))],
        )
    if top is None:
        top = max([max(r.now.given, r.now.received) for r in rows] + [1])
    ticks = nice_ticks(top)
    plot_w = width - name_w - 30
    scale = plot_w / ticks[-1]
    plot_top = height - top_pad
    for t in ticks:
        x = name_w + t * scale
        d.add(Line(x, base_y, x, plot_top, strokeColor=GRID, strokeWidth=0.5))
        if scale_labels:
            d.add(label(x, base_y - 10, f"{t:g}", 7, "middle"))
    for i, r in enumerate(rows):
        y = plot_top - (i + 1) * row_h + 4
        name = r.name + (" ●" if r.flags else "")
        d.add(label(name_w - 6, y + 5, fit(name, 8, name_w - 10), 8, "end"))
        bars = ((r.now.given, GIVEN_COLOUR), (r.now.received, RECEIVED_COLOUR))
        for j, (value, colour) in enumerate(bars):
            by = y + 8 - j * 8
            bar = Rect(
                name_w, by, max(value * scale, 0.5), 7, fillColor=HexColor(colour), strokeColor=None
            )
            d.add(bar)
            d.add(label(name_w + value * scale + 3, by + 1, str(value), 6.5))
    if not rows:
        d.add(label(width / 2, height / 2, _("Nobody in view for this period."), 9, "middle"))
    return d


def _arrow(d: Drawing, x1, y1, x2, y2, width: float, colour, gap: float) -> None:
    """A line from 1 to 2 that stops ``gap`` short of 2, with a small arrowhead."""
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy) or 1
    ux, uy = dx / length, dy / length
    # bend slightly to the left so that help both ways shows as two separate lines
    ex, ey = x2 - ux * gap, y2 - uy * gap
    sx, sy = x1 + ux * gap, y1 + uy * gap
    off = 3
    sx, sy, ex, ey = sx - uy * off, sy + ux * off, ex - uy * off, ey + ux * off
    d.add(Line(sx, sy, ex, ey, strokeColor=colour, strokeWidth=width))
    head = 4 + width
    d.add(
        Polygon(
            [
                ex,
                ey,
                ex - ux * head - uy * head / 2,
                ey - uy * head + ux * head / 2,
                ex - ux * head + uy * head / 2,
                ey - uy * head - ux * head / 2,
            ],
            fillColor=colour,
            strokeColor=None,
        )
    )


def network_chart(
    net: HelpNetwork, width: float = 480, height: float = 330, roles: bool = False
) -> Drawing:
    """Who helped whom: people on a circle grouped by role, arrows from helper to helped,
    thicker for more help.  A large team is drawn by role (see ``network.by_role``)."""
    if len(net.nodes) > MAX_PEOPLE_DRAWN:
        net = by_role(net)
    d = _drawing(width, height)
    colours = role_colours([n.role for n in net.nodes])
    roles_seen: dict[str, str] = {}
    for n in net.nodes:
        roles_seen.setdefault(n.role.strip().casefold(), n.role.strip() or _("no role"))
    bottom = _legend(d, 4, height - 10, [(colours[k], v) for k, v in roles_seen.items()])
    if not net.nodes:
        return d
    area = bottom - 8  # drawing space below the legend
    cx, cy = width / 2, area / 2
    radius = min(width / 2 - 125, area / 2 - 16)
    pos = {i: (cx + x * radius, cy + y * radius) for i, (x, y) in circle_layout(net.nodes).items()}
    most = max([e.count for e in net.edges] + [1])
    edge_colour = HexColor("#4a5d7a")
    # weakest ties first so the strong ones are drawn on top
    for e in sorted(net.edges, key=lambda e: e.count):
        (x1, y1), (x2, y2) = pos[e.helper_id], pos[e.helped_id]
        share = e.count / most
        colour = edge_colour.clone(alpha=0.12 + 0.78 * share)
        _arrow(d, x1, y1, x2, y2, 0.4 + 3.2 * share, colour, gap=9)
    for n in net.nodes:
        x, y = pos[n.member_id]
        d.add(Circle(x, y, 7, fillColor=HexColor(colour_for(colours, n.role)), strokeColor=white))
        dx, dy = x - cx, y - cy
        dist = math.hypot(dx, dy) or 1
        lx, ly = x + dx / dist * 12, y + dy / dist * 12 - 3
        anchor = "start" if dx > 5 else "end" if dx < -5 else "middle"
        size = 8 if len(net.nodes) <= 24 else 6
        d.add(label(lx, ly, fit(n.name, size, 115), size, anchor))
    return d


def _axes(d: Drawing, x0, y0, w, h, ticks: Sequence[float], unit: str = "") -> float:
    scale = h / (ticks[-1] - ticks[0])
    for t in ticks:
        y = y0 + (t - ticks[0]) * scale
        d.add(Line(x0, y, x0 + w, y, strokeColor=GRID, strokeWidth=0.5))
        d.add(label(x0 - 4, y - 2.5, f"{t:g}{unit}", 7, "end"))
    return scale


def blocker_trend_chart(
    months: Sequence[MonthResolution], width: float = 480, height: float = 190
) -> Drawing:
    """Median and 90th-percentile days to resolve, per month (gaps where none resolved)."""
    d = _drawing(width, height)
    _legend(
        d,
        40,
        height - 10,
        [(MEDIAN_COLOUR, _("median days to resolve")), (P90_COLOUR, _("90th percentile"))],
    )
    x0, y0, w, h = 40, 22, width - 50, height - 44
    values = [m.p90_days for m in months if m.p90_days is not None]
    ticks = nice_ticks(max(values + [1]))
    scale = _axes(d, x0, y0, w, h, ticks)
    n = max(len(months), 1)
    step = w / n
    every = label_every(len(months), int(w // 44))
    for i, m in enumerate(months):
        if i % every == 0:
            d.add(label(x0 + step * (i + 0.5), y0 - 12, month_label(m.month), 7, "middle"))
    for attr, colour in (("p90_days", P90_COLOUR), ("median_days", MEDIAN_COLOUR)):
        segment: list[float] = []
        for i, m in enumerate(months + [None]):  # type: ignore[operator]
            v = None if m is None else getattr(m, attr)
            if v is None:
                if len(segment) >= 4:
                    d.add(PolyLine(segment, strokeColor=HexColor(colour), strokeWidth=1.6))
                segment = []
                continue
            x, y = x0 + step * (i + 0.5), y0 + v * scale
            segment += [x, y]
            if n <= 36:
                d.add(Circle(x, y, 2, fillColor=HexColor(colour), strokeColor=None))
    if not values:
        d.add(
            label(
                x0 + w / 2, y0 + h / 2, _("No blockers were resolved in this period."), 9, "middle"
            )
        )
    return d


def survey_trend_chart(
    results: Sequence[RoundResult], width: float = 480, height: float = 170, spread: bool = True
) -> Drawing:
    """Team psychological safety score per round, on the 1–7 scale. With ``spread``
    (the lead's own copy), a light whisker shows the middle half of the scores of
    rounds large enough to have one (see ``survey.middle_half``)."""
    d = _drawing(width, height)
    x0, y0, w, h = 40, 22, width - 60, height - 40
    scale = _axes(d, x0, y0, w, h, [1, 2, 3, 4, 5, 6, 7])
    if not results:
        d.add(
            label(
                x0 + w / 2, y0 + h / 2, _("No survey round large enough to show yet."), 9, "middle"
            )
        )
        return d
    n = len(results)
    step = w / n
    points: list[float] = []
    spread_colour = HexColor(SURVEY_COLOUR).clone(alpha=0.35)
    for i, r in enumerate(results):
        x, y = x0 + step * (i + 0.5), y0 + (r.mean - 1) * scale
        points += [x, y]
        if spread and r.middle_half is not None:
            low, high = r.middle_half
            d.add(
                Line(
                    x,
                    y0 + (low - 1) * scale,
                    x,
                    y0 + (high - 1) * scale,
                    strokeColor=spread_colour,
                    strokeWidth=3,
                )
            )
        d.add(Circle(x, y, 2.5, fillColor=HexColor(SURVEY_COLOUR), strokeColor=None))
        d.add(label(x + 5, y + 3, f"{r.mean:.1f}", 7))  # beside the whisker
        if i % label_every(n, int(w // 60)) == 0:
            d.add(label(x, y0 - 12, r.held_on.isoformat(), 7, "middle"))
    if len(points) >= 4:
        d.add(PolyLine(points, strokeColor=HexColor(SURVEY_COLOUR), strokeWidth=1.6))
    return d


def survey_items_chart(result: RoundResult, width: float = 480) -> Drawing:
    """Per-item means of one round (after reverse-scoring: higher is safer)."""
    row_h, name_w = 14, 230
    height = len(ITEM_LABELS) * row_h + 22
    d = _drawing(width, height)
    x0, w = name_w, width - name_w - 30
    scale = w / 6
    for t in range(1, 8):
        x = x0 + (t - 1) * scale
        d.add(Line(x, 14, x, height - 4, strokeColor=GRID, strokeWidth=0.5))
        d.add(label(x, 4, str(t), 7, "middle"))
    for i, (text, mean) in enumerate(zip(map(_, ITEM_LABELS), result.item_means, strict=True)):
        y = height - 4 - (i + 1) * row_h + 3
        d.add(label(x0 - 6, y + 2, f"{i + 1}. {text}", 7.5, "end"))
        d.add(
            Rect(
                x0,
                y,
                max((mean - 1) * scale, 0.5),
                10,
                fillColor=HexColor(SURVEY_COLOUR),
                strokeColor=None,
            )
        )
        d.add(label(x0 + (mean - 1) * scale + 3, y + 2, f"{mean:.1f}", 7))
    return d
