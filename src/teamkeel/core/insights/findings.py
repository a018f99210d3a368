"""Short plain-language findings and caveats, shared by the window and the report.

Written as prompts for a conversation, never as verdicts: the log only shows the help
that was mentioned at stand-up. Every finding is one whole translatable sentence (or a
sentence with a whole phrase filled in), so a translator can reorder it.
"""

from __future__ import annotations

from teamkeel.core.i18n import _, format_date, format_number, ngettext
from teamkeel.core.insights.measures import Insights
from teamkeel.core.insights.network import Share
from teamkeel.core.insights.reciprocity import CARRYING, QUIET
from teamkeel.core.insights.survey import item_label


def _within(x: float | None, one: bool = False) -> str:
    """How long blockers took, as the end of "resolved ...": never "within 0 days"."""
    if x is None:
        return "—"
    v = round(x, 1)
    if v == 0:
        return _("on the day it was raised") if one else _("on the day they were raised")
    if v == int(v):
        return ngettext("within {count} day", "within {count} days", int(v)).format(count=int(v))
    return _("within {days} days").format(days=format_number(v, 1))


def _waited(age_days: int) -> str:
    if age_days == 0:
        return _("for less than a day")
    return ngettext("for {count} day", "for {count} days", age_days).format(count=age_days)


def _compare(now: Share, before: Share) -> str:
    """How a share compares with the period before, as a parenthesis ("" if unknown)."""
    if now.value is None or before.value is None:
        return ""
    diff = round(now.value * 100) - round(before.value * 100)
    if diff == 0:
        return _(" (about the same as the period before)")
    if diff > 0:
        return _(" (up from {before} the period before)").format(before=before.percent())
    return _(" (down from {before} the period before)").format(before=before.percent())


def _mutual(part: int, whole: int) -> str:
    if part:
        return ngettext(
            "{part} of {count} person both gave and received help",
            "{part} of {count} people both gave and received help",
            whole,
        ).format(part=part, count=whole)
    if whole == 1:
        return _("The one person in view has not both given and received help yet")
    return _("None of the {count} people has both given and received help yet").format(count=whole)


def _help_recorded(ins: Insights) -> str:
    net = ins.network
    # "up from 0%" would only mean the log was not kept back then: say that instead,
    # and nothing at all when the log did not exist yet (a new team).
    if not ins.before_logged:
        before = ""
    elif ins.exchanges_before:
        before = _compare(net.mutual, ins.network_before.mutual)
    else:
        before = _(" (no help was recorded in the period before)")
    count = ins.exchanges_total
    return ngettext(
        "{count} act of help was recorded. {mutual}{before}.",
        "{count} acts of help were recorded. {mutual}{before}.",
        count,
    ).format(count=count, mutual=_mutual(net.mutual.part, net.mutual.whole), before=before)


def _cross_role(ins: Insights) -> str:
    net = ins.network
    before = _compare(net.cross_role, ins.network_before.cross_role) if ins.before_logged else ""
    if (net.cross_role.value or 0) >= 0.3:
        text = _(
            "{percent} of help crossed roles{before}: knowledge is travelling between specialities."
        )
    else:
        text = _(
            "{percent} of help crossed roles{before}: most help stays within a role; pairing "
            "across roles could spread knowledge."
        )
    return text.format(percent=net.cross_role.percent(), before=before)


def _blockers(ins: Insights) -> list[str]:
    b = ins.blockers
    out = []
    if b.resolved == 1:
        out.append(
            _("1 blocker was resolved, {within}.").format(within=_within(b.median_days, one=True))
        )
    elif b.resolved:
        if ins.blockers_before.resolved:
            text = _(
                "{count} blockers were resolved: half {half} and nine in ten {most} "
                "(the period before: half {before})."
            )
        else:
            text = _("{count} blockers were resolved: half {half} and nine in ten {most}.")
        out.append(
            text.format(
                count=b.resolved,
                half=_within(b.median_days),
                most=_within(b.p90_days),
                before=_within(ins.blockers_before.median_days),
            )
        )
    if b.open_at_end:
        waited = _waited(b.oldest_open[0].age_days)
        out.append(
            ngettext(
                "{count} blocker is still open; it has waited {waited}. "
                "Worth asking who could lend a hand.",
                "{count} blockers are still open; the oldest has waited {waited}. "
                "Worth asking who could lend a hand.",
                b.open_at_end,
            ).format(count=b.open_at_end, waited=waited)
        )
    return out


def _survey(ins: Insights) -> str:
    s = ins.survey
    assert s.latest is not None
    mean = format_number(s.latest.mean, 1)
    day = format_date(s.latest.held_on, "d MMM y")
    if not s.before_latest:
        text = _(
            "Psychological safety, latest round ({day}, {responses} responses): {mean} out of 7."
        )
        before = ""
    else:
        diff = s.latest.mean - s.before_latest.mean
        before = format_number(s.before_latest.mean, 1)
        if abs(diff) < 0.15:
            text = _(
                "Psychological safety, latest round ({day}, {responses} responses): {mean} out "
                "of 7, about the same as {before} in the round before."
            )
        elif diff > 0:
            text = _(
                "Psychological safety, latest round ({day}, {responses} responses): {mean} out "
                "of 7, up from {before} in the round before."
            )
        else:
            text = _(
                "Psychological safety, latest round ({day}, {responses} responses): {mean} out "
                "of 7, down from {before} in the round before."
            )
    line = text.format(day=day, responses=s.latest.responses, mean=mean, before=before)
    means = s.latest.item_means
    low = min(range(len(means)), key=lambda i: means[i])
    lowest = _(
        "The lowest item is number {number} (“{item}”), a good topic for the next retrospective."
    ).format(number=low + 1, item=item_label(low, marked=False))
    return f"{line} {lowest}"


def team_findings(ins: Insights) -> list[str]:
    """What the lead might notice about the team as a whole."""
    out: list[str] = []
    if ins.exchanges_total == 0:
        out.append(
            _(
                "No help was recorded in this period. If stand-ups happened, kudos and "
                "blockers may simply not have been logged."
            )
        )
    else:
        out.append(_help_recorded(ins))
    if ins.network.cross_role.whole:
        out.append(_cross_role(ins))
    out += _blockers(ins)
    for r in ins.rituals or ():
        if r.held is not None and r.planned:
            out.append(
                ngettext(
                    "{ritual}: {held} of {count} planned occurrence took place.",
                    "{ritual}: {held} of {count} planned occurrences took place.",
                    r.planned,
                ).format(ritual=r.title, held=r.held, count=r.planned)
            )
    if ins.survey.latest:
        out.append(_survey(ins))
    return out


def member_prompts(ins: Insights) -> list[str]:
    """One prompt per flagged member, for the lead's eyes only."""
    out = []
    t = ins.thresholds
    for f in ins.flags:
        now = f.history[0]
        if f.kind == CARRYING:
            out.append(
                ngettext(
                    "{name} has been giving much more help than they receive for {count} "
                    "period ({given} given, {received} received this period). Ask how their "
                    "load feels, and whether someone could share it or help them in return.",
                    "{name} has been giving much more help than they receive for {count} "
                    "periods in a row ({given} given, {received} received this period). Ask "
                    "how their load feels, and whether someone could share it or help them "
                    "in return.",
                    t.carry_periods,
                ).format(name=f.name, count=t.carry_periods, given=now.given, received=now.received)
            )
        elif f.kind == QUIET:
            out.append(
                ngettext(
                    "{name} has no recorded exchanges for {count} period. It may be focused "
                    "work or help that never reaches stand-up, or they may feel out of the "
                    "loop: a good moment for a friendly check-in or a pairing session.",
                    "{name} has no recorded exchanges for {count} periods. It may be focused "
                    "work or help that never reaches stand-up, or they may feel out of the "
                    "loop: a good moment for a friendly check-in or a pairing session.",
                    t.quiet_periods,
                ).format(name=f.name, count=t.quiet_periods)
            )
    return out


def no_prompts_note(ins: Insights) -> str:
    """Shown instead of the prompts when nobody is flagged: honest about why."""
    if ins.exchanges_total == 0:
        return _("Nothing to go on yet: no help was recorded in this period.")
    return _("Nobody stands out against the thresholds below.")


def caveats(ins: Insights) -> list[str]:
    survey = _(
        "Survey rounds with fewer than {minimum} responses are never shown, so that "
        "nobody's answers can be singled out."
    ).format(minimum=ins.survey.min_responses)
    if ins.survey.withheld:
        held_back = ngettext(
            "{count} round was held back for this reason.",
            "{count} rounds were held back for this reason.",
            ins.survey.withheld,
        ).format(count=ins.survey.withheld)
        survey = f"{survey} {held_back}"
    return [
        _(
            "These figures count only help that someone mentioned at stand-up. Quiet, "
            "everyday help is real even when nobody logs it."
        ),
        _(
            "Counts describe the flow of help, not anyone's worth or performance. Please do "
            "not rank people by them; use them to start conversations."
        ),
        survey,
        _("Flags use the thresholds shown with them; adjust them to what is normal for this team."),
    ]
