"""Short plain-language findings and caveats, shared by the window and the report.

Written as prompts for a conversation, never as verdicts: the log only shows the help
that was mentioned at stand-up.
"""

from __future__ import annotations

from teamkeel.core.insights.measures import Insights
from teamkeel.core.insights.network import Share
from teamkeel.core.insights.reciprocity import CARRYING, QUIET
from teamkeel.core.insights.survey import ITEM_LABELS


def _days(x: float | None) -> str:
    if x is None:
        return "—"
    v = round(x, 1)
    if v == int(v):
        return "1 day" if int(v) == 1 else f"{int(v)} days"
    return f"{v:.1f} days"


def _within(x: float | None, it: str = "they were") -> str:
    """How long blockers took, as the end of "resolved ...": never "within 0 days"."""
    if x is not None and round(x, 1) == 0:
        return f"on the day {it} raised"
    return f"within {_days(x)}"


def _waited(age_days: int) -> str:
    return "less than a day" if age_days == 0 else _days(age_days)


def _count(n: int, one: str, many: str) -> str:
    """``1 blocker was`` but ``3 blockers were``: the figure with the right form."""
    return f"{n} {one if n == 1 else many}"


def _compare(now: Share, before: Share) -> str:
    if now.value is None or before.value is None:
        return ""
    diff = round(now.value * 100) - round(before.value * 100)
    if diff == 0:
        return " (about the same as the period before)"
    return f" ({'up' if diff > 0 else 'down'} from {before.percent()} the period before)"


def _nobody_mutual(people: int) -> str:
    if people == 1:
        return "The one person in view has not both given and received help yet"
    return f"None of the {people} people has both given and received help yet"


def team_findings(ins: Insights) -> list[str]:
    """What the lead might notice about the team as a whole."""
    out: list[str] = []
    net = ins.network
    if ins.exchanges_total == 0:
        out.append(
            "No help was recorded in this period. If stand-ups happened, kudos and "
            "blockers may simply not have been logged."
        )
    else:
        # "up from 0%" would only mean the log was not kept back then: say that instead,
        # and nothing at all when the log did not exist yet (a new team).
        if not ins.before_logged:
            before = ""
        elif ins.exchanges_before:
            before = _compare(net.mutual, ins.network_before.mutual)
        else:
            before = " (no help was recorded in the period before)"
        mutual = (
            f"{net.mutual.part} of {_count(net.mutual.whole, 'person', 'people')} "
            "both gave and received help"
            if net.mutual.part
            else _nobody_mutual(net.mutual.whole)
        )
        out.append(
            f"{_count(ins.exchanges_total, 'act of help was', 'acts of help were')} recorded. "
            f"{mutual}{before}."
        )
    if net.cross_role.whole:
        out.append(
            f"{net.cross_role.percent()} of help crossed roles"
            f"{_compare(net.cross_role, ins.network_before.cross_role) if ins.before_logged else ''}: "
            + (
                "knowledge is travelling between specialities."
                if (net.cross_role.value or 0) >= 0.3
                else "most help stays within a role; pairing across roles could spread knowledge."
            )
        )
    b = ins.blockers
    if b.resolved == 1:
        out.append(f"1 blocker was resolved, {_within(b.median_days, 'it was')}.")
    elif b.resolved:
        out.append(
            f"{b.resolved} blockers were resolved: half {_within(b.median_days)} "
            f"and nine in ten {_within(b.p90_days)}"
            + (
                f" (the period before: half {_within(ins.blockers_before.median_days)})."
                if ins.blockers_before.resolved
                else "."
            )
        )
    if b.open_at_end:
        oldest = b.oldest_open[0]
        out.append(
            f"{b.open_at_end} blocker{'s are' if b.open_at_end != 1 else ' is'} still open; "
            f"{'the oldest' if b.open_at_end != 1 else 'it'} has waited {_waited(oldest.age_days)}. "
            "Worth asking who could lend a hand."
        )
    if ins.rituals:
        for r in ins.rituals:
            if r.held is not None and r.planned:
                planned = _count(r.planned, "planned occurrence", "planned occurrences")
                out.append(f"{r.title}: {r.held} of {planned} took place.")
    s = ins.survey
    if s.latest:
        line = (
            f"Psychological safety, latest round ({s.latest.held_on.isoformat()}, "
            f"{s.latest.responses} responses): {s.latest.mean:.1f} out of 7"
        )
        if s.before_latest:
            diff = s.latest.mean - s.before_latest.mean
            trend = (
                "about the same as"
                if abs(diff) < 0.15
                else ("up from" if diff > 0 else "down from")
            )
            line += f", {trend} {s.before_latest.mean:.1f} in the round before"
        means = s.latest.item_means
        low = min(range(len(means)), key=lambda i: means[i])
        item = ITEM_LABELS[low].removesuffix(" (R)")
        line += (
            f". The lowest item is number {low + 1} (“{item}”), a good topic for the "
            "next retrospective."
        )
        out.append(line)
    return out


def member_prompts(ins: Insights) -> list[str]:
    """One prompt per flagged member, for the lead's eyes only."""
    out = []
    t = ins.thresholds
    for f in ins.flags:
        now = f.history[0]
        if f.kind == CARRYING:
            out.append(
                f"{f.name} has been giving much more help than they receive for "
                f"{t.carry_periods} period{'s' if t.carry_periods > 1 else ''} in a row "
                f"({now.given} given, {now.received} received this period). Ask how their "
                "load feels, and whether someone could share it or help them in return."
            )
        elif f.kind == QUIET:
            out.append(
                f"{f.name} has no recorded exchanges for {t.quiet_periods} "
                f"period{'s' if t.quiet_periods > 1 else ''}. It may be focused work or help "
                "that never reaches stand-up, or they may feel out of the loop: a good "
                "moment for a friendly check-in or a pairing session."
            )
    return out


def no_prompts_note(ins: Insights) -> str:
    """Shown instead of the prompts when nobody is flagged: honest about why."""
    if ins.exchanges_total == 0:
        return "Nothing to go on yet: no help was recorded in this period."
    return "Nobody stands out against the thresholds below."


def caveats(ins: Insights) -> list[str]:
    return [
        "These figures count only help that someone mentioned at stand-up. Quiet, "
        "everyday help is real even when nobody logs it.",
        "Counts describe the flow of help, not anyone's worth or performance. Please do "
        "not rank people by them; use them to start conversations.",
        f"Survey rounds with fewer than {ins.survey.min_responses} responses are never "
        "shown, so that nobody's answers can be singled out."
        + (
            f" {ins.survey.withheld} round{'s were' if ins.survey.withheld != 1 else ' was'} "
            "held back for this reason."
            if ins.survey.withheld
            else ""
        ),
        "Flags use the thresholds shown with them; adjust them to what is normal for this team.",
    ]
