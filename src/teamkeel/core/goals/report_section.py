"""The health report's page on supportive actions and the outcome basket.

Added by ``InsightsService.export_report`` when weekly goals exist: how the kinds of help
add up (supportive actions as their own kind), then each leading indicator and outcome
as a small line over twelve months with its latest figure, and the note that they are
proxies read together. Nothing here names a person.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, PolyLine
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Table, TableStyle

from teamkeel.core import i18n
from teamkeel.core.goals.indicators import PROXY_NOTE, Basket
from teamkeel.core.goals.outcomes import Series
from teamkeel.core.i18n import _
from teamkeel.core.insights.exchanges import BLOCKER, KUDO, SUPPORT
from teamkeel.core.insights.measures import Insights
from teamkeel.core.pdf import fonts

LEADING_COLOUR = colors.HexColor("#3b6ea8")
OUTCOME_COLOUR = colors.HexColor("#7a5195")


def _spark(series: Series, months: tuple[str, ...], colour: colors.Color) -> Drawing:
    width, height = 60 * mm, 9 * mm
    drawing = Drawing(width, height)
    drawing.initialFontName = fonts.FONT  # the default would pull in Helvetica
    if not series.points:
        return drawing
    where = {m: i for i, m in enumerate(months)}
    values = [v for _m, v in series.points]
    low, span = min(values), (max(values) - min(values)) or 1.0
    step = (width - 4) / max(len(months) - 1, 1)
    points = [
        (2 + where.get(m, 0) * step, 2 + (v - low) / span * (height - 4)) for m, v in series.points
    ]
    if len(points) > 1:
        flat = [c for pt in points for c in pt]
        drawing.add(PolyLine(flat, strokeColor=colour, strokeWidth=1.2))
    for x, y in points:
        drawing.add(Circle(x, y, 1.1, fillColor=colour, strokeColor=None))
    return drawing


def _latest(series: Series) -> str:
    if not series.points:
        return _("no figures yet")
    month, value = series.points[-1]
    unit = series.metric.shown_unit
    number = i18n.format_number(value)
    text = f"{number} %" if unit == "%" else f"{number} {unit}".strip()
    return f"{text} ({month})"


def story(ins: Insights, basket: Basket, width: float) -> list:
    fonts.register_fonts()
    body = ParagraphStyle("gbody", fontName=fonts.FONT, fontSize=9.5, leading=13)
    small = ParagraphStyle(
        "gsmall", body, fontSize=8, leading=10.5, textColor=colors.HexColor("#555555")
    )
    h2 = ParagraphStyle(
        "gh2", body, fontName=fonts.FONT_BOLD, fontSize=13, leading=17, spaceBefore=10, spaceAfter=4
    )
    cell = ParagraphStyle("gcell", body, fontSize=8.5, leading=11)
    cell_bold = ParagraphStyle("gcellb", cell, fontName=fonts.FONT_BOLD)
    kinds = dict(ins.kinds)
    intro = _(
        "In this period {kudos} kudos, {blockers} times of helping with a blocker and "
        "{supports} supportive actions from weekly goals were recorded. A supportive action "
        "marked done counts as help given by the member who took it and received by the "
        "colleague it was for: it is counted in the reciprocity figures above as its own "
        "kind, beside kudos and blockers."
    ).format(
        kudos=kinds.get(KUDO, 0), blockers=kinds.get(BLOCKER, 0), supports=kinds.get(SUPPORT, 0)
    )
    rows = [[Paragraph(fonts.markup(t), cell) for t in ("", _("Last 12 months"), _("Latest"))]]
    for label, group, colour in (
        (_("Leading indicators"), basket.leading, LEADING_COLOUR),
        (_("Outcomes"), basket.outcomes, OUTCOME_COLOUR),
    ):
        rows.append([Paragraph(label, cell_bold), "", ""])
        for series in group:
            rows.append(
                [
                    Paragraph(fonts.markup(series.metric.shown_name), cell),
                    _spark(series, basket.months, colour),
                    Paragraph(fonts.markup(_latest(series)), cell),
                ]
            )
    table = Table(rows, colWidths=[width * 0.42, width * 0.36, width * 0.22])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.FONT),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.HexColor("#888888")),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return [
        CondPageBreak(120 * mm),
        KeepTogether(
            [
                Paragraph(_("Supportive actions and the outcome basket"), h2),
                Paragraph(fonts.markup(intro), body),
                table,
                Paragraph(fonts.markup(_(PROXY_NOTE)), small),
            ]
        ),
    ]
