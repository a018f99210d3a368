"""The check-in brief: one page a member reads before a growth or performance check-in.

It gathers observable supportive actions only: what colleagues thanked them for (the
kudos notes, word for word), the blockers they helped clear, the supportive actions
they did, their skill-share projects and their growth goals. By design it holds no
score, ratio, count compared with anyone, or survey answer: it describes, it does not
rate.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from teamkeel.core import i18n
from teamkeel.core.errors import KeelError
from teamkeel.core.files import replacing
from teamkeel.core.goals.projects import ProjectStatus, SkillShares
from teamkeel.core.goals.weekly import GoalStatus, WeeklyGoals
from teamkeel.core.i18n import N_, _
from teamkeel.core.roster.service import RosterService
from teamkeel.core.standup.service import StandupService
from teamkeel.core.storage.teamfile import TeamFile

MAX_LINES = 8  # per section, newest first: the brief stays one readable page
MORE_NOTE = N_("Earlier ones are in the stand-up log.")
EMPTY_NOTE = N_(
    "Nothing was written down for these dates yet. That says more about what the log "
    "caught than about you: a quiet page is a good reason to talk about what help looked "
    "like for you lately, and what would make it easier to ask for or offer."
)


@dataclass(frozen=True)
class Thanks:
    day: dt.date
    from_name: str
    note: str  # verbatim


@dataclass(frozen=True)
class HelpedBlocker:
    resolved: dt.date
    owner_name: str
    note: str


@dataclass(frozen=True)
class DoneSupport:
    week: str
    colleague: str
    text: str


@dataclass(frozen=True)
class ProjectLine:
    partner: str
    deliverable: str
    own_goal: str
    status: str
    due_on: dt.date | None
    delivered_on: dt.date | None
    outcome: str


@dataclass(frozen=True)
class Brief:
    member_name: str
    start: dt.date
    end: dt.date
    thanks: tuple[Thanks, ...]
    helped: tuple[HelpedBlocker, ...]
    supports: tuple[DoneSupport, ...]
    projects: tuple[ProjectLine, ...]
    growth_goals: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return not (self.thanks or self.helped or self.supports or self.projects)


def _day(d: dt.date) -> str:
    return i18n.format_date(d, "d MMM y")


def build_brief(team: TeamFile, member_id: int, start: dt.date, end: dt.date) -> Brief:
    if end < start:
        raise KeelError(
            _("The period ends ({end}) before it starts ({start}).").format(end=end, start=start)
        )
    roster = RosterService(team)
    member = roster.get(member_id)
    names = {m.id: m.name for m in roster.list_members(include_archived=True)}
    log = StandupService(team)
    thanks = tuple(
        Thanks(k.day, names.get(k.giver_id, "?"), k.note)
        for k in log.kudos_between(start, end)
        if member_id in k.receiver_ids
    )
    helped = tuple(
        HelpedBlocker(b.resolved_on, names.get(b.owner_id, "?"), b.note)
        for b in log.blockers_between(dt.date(1900, 1, 1), end)
        if member_id in b.helper_ids and b.resolved_on is not None and start <= b.resolved_on <= end
    )
    supports = tuple(
        DoneSupport(i.week, i.colleague_name, i.text)
        for i in WeeklyGoals(team).supports_done_between(start, end)
        if i.member_id == member_id and i.status is GoalStatus.DONE
    )
    projects = []
    for p in SkillShares(team).all(member_id):
        if p.status is ProjectStatus.DELIVERED:
            active = p.delivered_on is not None and start <= p.delivered_on <= end
        else:  # planned or under way: shown once it exists, unless due before the period
            begun = p.created_at is None or p.created_at.date() <= end
            active = (
                p.status is not ProjectStatus.DROPPED
                and begun
                and (p.due_on is None or p.due_on >= start)
            )
        if not active:
            continue
        partner, own, _theirs = p.partner_of(member_id)
        projects.append(
            ProjectLine(
                partner, p.deliverable, own, p.status.label, p.due_on, p.delivered_on, p.outcome
            )
        )
    return Brief(
        member.name,
        start,
        end,
        thanks,
        helped,
        supports,
        tuple(projects),
        member.goals,
    )


def _newest(lines: list[str]) -> list[str]:
    """The newest ``MAX_LINES`` of lines in date order (oldest first)."""
    if len(lines) <= MAX_LINES:
        return lines
    return [*lines[-MAX_LINES:], _(MORE_NOTE)]


def brief_lines(brief: Brief) -> list[tuple[str, list[str]]]:
    """The brief as (heading, lines): what the PDF prints, also handy for tests."""
    sections: list[tuple[str, list[str]]] = []
    if brief.thanks:
        sections.append(
            (
                _("What colleagues thanked you for"),
                _newest(
                    [
                        _("“{note}” — {name}, {date}").format(
                            note=t.note, name=t.from_name, date=_day(t.day)
                        )
                        for t in brief.thanks
                    ]
                ),
            )
        )
    if brief.helped:
        sections.append(
            (
                _("Blockers you helped clear"),
                _newest(
                    [
                        _("{name} was stuck: {note} (cleared {date})").format(
                            name=h.owner_name, note=h.note, date=_day(h.resolved)
                        )
                        for h in sorted(brief.helped, key=lambda h: h.resolved)
                    ]
                ),
            )
        )
    if brief.supports:
        sections.append(
            (
                _("Supportive actions you took"),
                _newest(
                    [
                        _("{action} — for {colleague} ({week})").format(
                            action=s.text, colleague=s.colleague, week=s.week
                        )
                        for s in brief.supports
                    ]
                ),
            )
        )
    if brief.projects:
        lines = []
        for p in brief.projects:
            if p.delivered_on is not None:
                state = _("delivered {date}").format(date=_day(p.delivered_on))
            elif p.due_on is not None:
                state = _("{status}, due {date}").format(status=_(p.status), date=_day(p.due_on))
            else:
                state = _(p.status)
            if p.own_goal:
                line = _("With {partner}: {deliverable}, towards your goal “{goal}” — {state}.")
            else:
                line = _("With {partner}: {deliverable} — {state}.")
            line = line.format(
                partner=p.partner, deliverable=p.deliverable, goal=p.own_goal, state=state
            )
            if p.outcome:
                line += " " + _("What came of it: {outcome}").format(outcome=p.outcome)
            lines.append(line)
        sections.append((_("Skill-share projects"), lines))
    sections.append(
        (
            _("Your growth goals"),
            list(brief.growth_goals)
            or [_("None on the roster yet: the check-in is a good moment to name one or two.")],
        )
    )
    return sections


def write_brief(brief: Brief, path: Path, paper: str = "A4") -> Path:
    """One page (the content shrinks to fit rather than run over)."""
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepInFrame, Paragraph, SimpleDocTemplate, Spacer

    from teamkeel.core.pdf import fonts
    from teamkeel.core.pdf.paper import page_size

    fonts.register_fonts()
    body = ParagraphStyle("body", fontName=fonts.FONT, fontSize=10, leading=14)
    title = ParagraphStyle("title", body, fontName=fonts.FONT_BOLD, fontSize=18, leading=22)
    sub = ParagraphStyle("sub", body, textColor=colors.HexColor("#555555"))
    h2 = ParagraphStyle(
        "h2", body, fontName=fonts.FONT_BOLD, fontSize=12, leading=16, spaceBefore=8, spaceAfter=2
    )
    item = ParagraphStyle("item", body, leftIndent=12, bulletIndent=2, bulletFontName=fonts.FONT)

    def p(text: str, style: ParagraphStyle, bullet: str | None = None) -> Paragraph:
        return Paragraph(fonts.markup(text), style, bulletText=bullet)

    story: list = [
        p(_("Check-in notes for {name}").format(name=brief.member_name), title),
        p(f"{_day(brief.start)} – {_day(brief.end)}", sub),
        Spacer(1, 6),
        p(
            _(
                "What colleagues noticed, and what you did for others, as it was written down "
                "at stand-ups and in weekly goals. Bring it to your check-in and start from "
                "whatever matters most to you."
            ),
            body,
        ),
    ]
    if brief.empty:
        story += [Spacer(1, 6), p(_(EMPTY_NOTE), body)]
    for heading, lines in brief_lines(brief):
        story.append(p(heading, h2))
        story += [p(line, item, "•") for line in lines]
    page = page_size(paper)
    width, height = page[0] - 40 * mm, page[1] - 36 * mm
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=page,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=_("Check-in notes – {name}").format(name=brief.member_name),
        author="Keel",
        initialFontName=fonts.FONT,
    )
    doc.build([KeepInFrame(width, height - 12, story, mode="shrink")])
    path = Path(path)
    with replacing(path) as tmp:
        tmp.write_bytes(buffer.getvalue())
    return path
