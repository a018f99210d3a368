"""The printable team health report: a few pages of charts, findings and caveats.

Built from an ``Insights`` value only, so what it shows is exactly what the window and
the JSON export show (small survey rounds included: they are already left out).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from teamkeel.core import i18n
from teamkeel.core.files import replacing
from teamkeel.core.i18n import _, ngettext
from teamkeel.core.insights import charts
from teamkeel.core.insights.findings import (
    caveats,
    member_prompts,
    no_prompts_note,
    team_findings,
)
from teamkeel.core.insights.measures import Insights
from teamkeel.core.insights.network import MAX_PEOPLE_DRAWN, HelpNetwork, Share, by_role
from teamkeel.core.insights.reciprocity import Counts, MemberReciprocity
from teamkeel.core.insights.survey import MIDDLE_HALF_MIN, RoundResult
from teamkeel.core.pdf import fonts
from teamkeel.core.pdf.paper import page_size

WIDTH = A4[0] - 36 * mm - 12  # the frame's own padding is 6 pt on each side


def _styles() -> dict[str, ParagraphStyle]:
    fonts.register_fonts()
    base = ParagraphStyle("body", fontName=fonts.FONT, fontSize=9.5, leading=13, alignment=TA_LEFT)
    return {
        "title": ParagraphStyle("title", base, fontName=fonts.FONT_BOLD, fontSize=20, leading=24),
        "subtitle": ParagraphStyle(
            "subtitle", base, fontSize=11, leading=15, textColor=colors.HexColor("#555555")
        ),
        "h2": ParagraphStyle(
            "h2",
            base,
            fontName=fonts.FONT_BOLD,
            fontSize=13,
            leading=17,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=1,  # a heading never ends a page
        ),
        "body": base,
        "small": ParagraphStyle(
            "small", base, fontSize=8, leading=10.5, textColor=colors.HexColor("#555555")
        ),
        "cell": ParagraphStyle("cell", base, fontSize=8.5, leading=11),
        "cellb": ParagraphStyle("cellb", base, fontName=fonts.FONT_BOLD, fontSize=8.5, leading=11),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(fonts.markup(text), style)


def _bullets(lines: list[str], style: ParagraphStyle) -> ListFlowable:
    return ListFlowable(
        [ListItem(_p(t, style), leftIndent=12, value="•") for t in lines],
        bulletType="bullet",
        start="•",
        leftIndent=12,
        bulletFontName=fonts.FONT,
    )


def _share(s: Share) -> str:
    if not s.whole:
        return "—"
    return _("{percent} ({part} of {whole})").format(
        percent=s.percent(), part=s.part, whole=s.whole
    )


def _days(x: float | None) -> str:
    return "—" if x is None else i18n.format_number(x, 1)


def _age(days: int) -> str:
    if days == 0:
        return _("less than a day")
    return ngettext("{count} day", "{count} days", days).format(count=days)


def _table(rows: list[list[str]], st: dict[str, ParagraphStyle], widths: list[float]) -> Table:
    data = [
        [_p(c, st["cellb"] if r == 0 else st["cell"]) for c in row] for r, row in enumerate(rows)
    ]
    t = Table(data, colWidths=widths, repeatRows=1)
    t.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.FONT),  # the default would be Helvetica
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.HexColor("#888888")),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#dddddd")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return t


def _at_a_glance(ins: Insights, st) -> Table:
    b, b0 = ins.blockers, ins.blockers_before
    n, n0 = ins.network, ins.network_before
    rows = [
        ["", _("This period"), _("Period before")],
        [
            _("Acts of help recorded"),
            str(ins.exchanges_total),
            str(ins.exchanges_before),
        ],
        [_("People who both gave and received"), _share(n.mutual), _share(n0.mutual)],
        [_("Help that crossed roles"), _share(n.cross_role), _share(n0.cross_role)],
        [
            _("Blockers raised / resolved"),
            f"{b.raised} / {b.resolved}",
            f"{b0.raised} / {b0.resolved}",
        ],
        [
            _("Days to resolve: median / 90th percentile"),
            f"{_days(b.median_days)} / {_days(b.p90_days)}",
            f"{_days(b0.median_days)} / {_days(b0.p90_days)}",
        ],
        [_("Blockers open at the end"), str(b.open_at_end), str(b0.open_at_end)],
    ]
    if not ins.before_logged:
        # Nothing was logged back then: no figures, rather than zeros that read as a fall.
        rows = [rows[0]] + [[label, now, "—"] for label, now, _ in rows[1:]]
    s = ins.survey
    if s.latest:
        before = (
            f"{i18n.format_number(s.before_latest.mean, 1)} ({s.before_latest.held_on.isoformat()})"
            if s.before_latest
            else "—"
        )
        rows.append(
            [
                _("Psychological safety (1–7), latest round"),
                f"{i18n.format_number(s.latest.mean, 1)} ({s.latest.held_on.isoformat()})",
                before,
            ]
        )
    return _table(rows, st, [WIDTH * 0.5, WIDTH * 0.25, WIDTH * 0.25])


# In the version for the team, a role shared by fewer people than this is pooled with
# the others, so that no bar or node points at one person.
TEAM_GROUP_MIN = 3


def _network_caption(ins: Insights, for_team: bool) -> str:
    arrows = _(
        "Each arrow points from the group that helped to the group helped; thicker arrows "
        "mean more help. Help within a group is not drawn."
    )
    if for_team:
        return (
            _(
                "This version shows no names, so help is drawn between roles (the number is how "
                "many people are in each; roles of fewer than {minimum} people are pooled "
                "as “Other roles”)."
            ).format(minimum=TEAM_GROUP_MIN)
            + " "
            + arrows
        )
    if len(ins.network.nodes) > MAX_PEOPLE_DRAWN:
        return (
            _(
                "With {count} people a person-to-person graph is unreadable, so help is drawn "
                "between roles (the number is how many people have that role)."
            ).format(count=len(ins.network.nodes))
            + " "
            + arrows
        )
    return _(
        "Each arrow points from the person who helped to the person helped; thicker arrows "
        "mean more help. Colleagues of one role sit together."
    )


def _group_rows(groups: HelpNetwork) -> list[MemberReciprocity]:
    """Help given and received per group (help within a group counts on both sides)."""
    return [
        MemberReciprocity(n.member_id, n.name, n.role, Counts(n.given, n.received), Counts())
        for n in sorted(groups.nodes, key=lambda n: n.name.casefold())
    ]


def _people_sections(ins: Insights, st: dict[str, ParagraphStyle]) -> list:
    """Reciprocity per person, the conversation prompts and the network (lead only)."""
    first, *more = charts.reciprocity_charts(list(ins.members), WIDTH)
    prompts = member_prompts(ins)
    return [
        KeepTogether(
            [
                _p(_("Help given and received"), st["h2"]),
                _p(
                    _("People in name order; ● marks someone with a conversation prompt below."),
                    st["small"],
                ),
                first,
            ]
        ),
        *more,
        _p(_("Conversation prompts (for the lead only)"), st["h2"]),
        _bullets(prompts, st["body"]) if prompts else _p(no_prompts_note(ins), st["body"]),
        Spacer(1, 3),
        _p(
            _("Thresholds used: {thresholds}").format(
                thresholds=" ".join(ins.thresholds.describe())
            ),
            st["small"],
        ),
        CondPageBreak(130 * mm),
        KeepTogether(
            [
                _p(_("The help network"), st["h2"]),
                _p(_network_caption(ins, False), st["small"]),
                charts.network_chart(ins.network, WIDTH),
            ]
        ),
    ]


def _group_sections(ins: Insights, st: dict[str, ParagraphStyle]) -> list:
    """The same pictures by role, for sharing with the team: no names anywhere."""
    groups = by_role(ins.network, min_size=TEAM_GROUP_MIN)
    if len(groups.nodes) < 2:
        return [
            _p(_("Help by role"), st["h2"]),
            _p(
                _(
                    "Roles in this team are shared by fewer than {minimum} people, so "
                    "showing help by role would point at individuals. The figures above are "
                    "for the team as a whole."
                ).format(minimum=TEAM_GROUP_MIN),
                st["body"],
            ),
        ]
    first, *more = charts.reciprocity_charts(_group_rows(groups), WIDTH)
    return [
        KeepTogether(
            [
                _p(_("Help given and received by role"), st["h2"]),
                _p(
                    _("Roles in name order; the number is how many people are in each."),
                    st["small"],
                ),
                first,
            ]
        ),
        *more,
        CondPageBreak(130 * mm),
        KeepTogether(
            [
                _p(_("The help network"), st["h2"]),
                _p(_network_caption(ins, True), st["small"]),
                charts.network_chart(groups, WIDTH),
            ]
        ),
    ]


def _prepared(ins: Insights, today: date) -> str:
    if ins.before_logged:
        text = _(
            "Prepared on {date} from the stand-up log and the anonymous safety surveys, and "
            "compared with the period just before ({period})."
        )
    elif ins.logged_from is None:
        text = _(
            "Prepared on {date} from the stand-up log and the anonymous safety surveys. "
            "Nothing has been logged at stand-up yet."
        )
    else:
        text = _(
            "Prepared on {date} from the stand-up log and the anonymous safety surveys. The "
            "log begins on {first}, so there is no period before to compare with yet."
        )
    return text.format(
        date=today.isoformat(),
        period=ins.previous.label(),
        first=ins.logged_from.isoformat() if ins.logged_from else "",
    )


def build_story(
    ins: Insights, team_name: str, today: date, for_team: bool = False, extra: Sequence = ()
) -> list:
    """The report's flowables; ``extra`` (e.g. the outcome basket) goes before the caveats."""
    st = _styles()
    scope = _(" · role: {role}").format(role=ins.role) if ins.role else ""
    story: list = [
        _p(_("Team health report"), st["title"]),
        _p(f"{fonts.shorten(team_name, 120)} · {ins.period.label()}{scope}", st["subtitle"]),
        Spacer(1, 4),
        _p(
            _prepared(ins, today)
            + " "
            + (
                _("This version leaves out everyone's name so that it can be shared with the team.")
                if for_team
                else _(
                    "Individual figures are there to prompt a conversation, not to score anyone."
                )
            ),
            st["small"],
        ),
        _p(_("At a glance"), st["h2"]),
        _at_a_glance(ins, st),
        _p(_("What stands out"), st["h2"]),
        _bullets(team_findings(ins), st["body"]),
        CondPageBreak(100 * mm),
    ]
    story += _group_sections(ins, st) if for_team else _people_sections(ins, st)
    story += [
        CondPageBreak(90 * mm),
        KeepTogether(
            [
                _p(_("Blockers: time to resolve"), st["h2"]),
                charts.blocker_trend_chart(list(ins.blockers.by_month), WIDTH),
            ]
        ),
    ]
    if ins.blockers.oldest_open:
        if for_team:
            rows = [[_("Raised"), _("Waiting"), _("What")]]
            rows += [
                [o.raised.isoformat(), _age(o.age_days), o.note] for o in ins.blockers.oldest_open
            ]
            widths = [WIDTH * 0.15, WIDTH * 0.13, WIDTH * 0.72]
        else:
            rows = [[_("Raised"), _("Owner"), _("Waiting"), _("What")]]
            rows += [
                [o.raised.isoformat(), o.owner, _age(o.age_days), o.note]
                for o in ins.blockers.oldest_open
            ]
            widths = [WIDTH * 0.15, WIDTH * 0.2, WIDTH * 0.13, WIDTH * 0.52]
        story.append(
            KeepTogether(
                [
                    _p(_("Longest-waiting open blockers"), st["h2"]),
                    _table(rows, st, widths),
                ]
            )
        )
    if ins.rituals:
        rows = [[_("Ritual"), _("Planned"), _("Took place")]]
        rows += [
            [r.title, str(r.planned), _("not recorded") if r.held is None else str(r.held)]
            for r in ins.rituals
        ]
        story.append(
            KeepTogether(
                [
                    _p(_("Rituals"), st["h2"]),
                    _table(rows, st, [WIDTH * 0.6, WIDTH * 0.2, WIDTH * 0.2]),
                ]
            )
        )
    story += _safety_section(ins, st, for_team)
    story += list(extra)
    story.append(KeepTogether([_p(_("Caveats"), st["h2"]), _bullets(caveats(ins), st["small"])]))
    return story


def _middle_half(r: RoundResult) -> str:
    if r.middle_half is None:
        return "—"
    low, high = (i18n.format_number(x, 1) for x in r.middle_half)
    return f"{low} – {high}"


def _safety_section(ins: Insights, st: dict[str, ParagraphStyle], for_team: bool) -> list:
    """The survey rounds: team scores only. No individual score is ever printed (not the
    lowest or highest of a round); the lead's own copy adds the middle half of the
    scores, and only for rounds of MIDDLE_HALF_MIN answers or more."""
    s = ins.survey
    spread = not for_team
    about = _(
        "Team psychological safety survey (Edmondson): seven statements answered "
        "anonymously on a 1–7 scale; the negatively worded items 1, 3 and 5 are "
        "reversed so that higher always means safer."
    )
    if spread:
        about += " " + _(
            "Bars show the middle half of the scores, for rounds of {minimum} "
            "answers or more; smaller rounds show no spread, so that no answer stands out."
        ).format(minimum=MIDDLE_HALF_MIN)
    safety: list = [_p(_("Psychological safety"), st["h2"]), _p(about, st["small"])]
    safety.append(charts.survey_trend_chart(list(s.results), WIDTH, height=145, spread=spread))
    story: list = [CondPageBreak(80 * mm), KeepTogether(safety)]
    if not s.latest:
        return story
    values = dict(
        date=s.latest.held_on.isoformat(),
        count=s.latest.responses,
        score=i18n.format_number(s.latest.mean, 1),
        middle=_middle_half(s.latest),
    )
    if spread and s.latest.middle_half is not None:
        latest = ngettext(
            "Latest round, {date}: {count} response, team score {score}, middle half of the "
            "scores {middle}",
            "Latest round, {date}: {count} responses, team score {score}, middle half of the "
            "scores {middle}",
            s.latest.responses,
        ).format(**values)
    else:
        latest = ngettext(
            "Latest round, {date}: {count} response, team score {score}",
            "Latest round, {date}: {count} responses, team score {score}",
            s.latest.responses,
        ).format(**values)
    story.append(KeepTogether([_p(latest, st["body"]), charts.survey_items_chart(s.latest, WIDTH)]))
    recent = list(s.results[-8:])
    header = [_("Round"), _("Date"), _("Answers"), _("Score (1–7)")]
    widths = [0.42, 0.2, 0.16, 0.22]
    if spread:
        header.append(_("Middle half"))
        widths = [0.34, 0.16, 0.13, 0.17, 0.2]
    rows = [header]
    for r in reversed(recent):
        row = [
            r.label or "—",
            r.held_on.isoformat(),
            str(r.responses),
            i18n.format_number(r.mean, 2),
        ]
        rows.append(row + [_middle_half(r)] if spread else row)
    title = _("Recent rounds") if len(s.results) > len(recent) else _("All rounds shown")
    story.append(KeepTogether([_p(title, st["h2"]), _table(rows, st, [WIDTH * f for f in widths])]))
    return story


def write_report(
    ins: Insights,
    path: str | Path,
    team_name: str,
    today: date | None = None,
    for_team: bool = False,
    extra: Sequence = (),
    paper: str = "A4",
) -> Path:
    """Write the report to ``path`` (PDF) and return the path.  ``for_team`` leaves out
    every name (roles instead of people, no conversation prompts) so it can be shared."""
    today = today or date.today()
    path = Path(path)
    fonts.register_fonts()

    def footer(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#777777"))
        fonts.draw_footer(
            canvas,
            18 * mm,
            doc.pagesize[0] - 18 * mm,
            10 * mm,
            _("Keel · team health report · {team} · {period}").format(
                team=team_name, period=ins.period.label()
            ),
            _("page {number}").format(number=doc.page),
            7,
        )
        canvas.restoreState()

    # Built in memory, then written beside the target and renamed into place, so a
    # write cut short (a full disk) never leaves half a PDF where the last good one was.
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=page_size(paper),
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=_("Team health report – {team}").format(team=team_name),
        author="Keel",
        subject=f"Team health {ins.period.label()}",
        initialFontName=fonts.FONT,  # otherwise every page references an unembedded Helvetica
    )
    doc.build(
        build_story(ins, team_name, today, for_team, extra), onFirstPage=footer, onLaterPages=footer
    )
    with replacing(path) as tmp:
        tmp.write_bytes(buffer.getvalue())
    return path
