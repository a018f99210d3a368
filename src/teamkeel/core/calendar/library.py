"""The ritual library: the kinds of ritual Keel knows, with sensible defaults and a
short facilitation guide for each.

The guides are written for Keel (not quoted from anywhere): a purpose line, a short
agenda and, where a ritual needs one, a protocol the facilitator reads out. The texts are
marked here and translated where they are read (the ``label``, ``purpose``, ``agenda``
... properties), so the library speaks the language chosen after this module loaded. A
kind is known by its ``key``, never by its (translated) label.
"""

from __future__ import annotations

from dataclasses import dataclass

from teamkeel.core.i18n import N_, _


@dataclass(frozen=True)
class Guide:
    purpose_text: str
    agenda_texts: tuple[str, ...]
    protocol_texts: tuple[str, ...] = ()

    @property
    def purpose(self) -> str:
        return _(self.purpose_text)

    @property
    def agenda(self) -> tuple[str, ...]:
        return tuple(_(step) for step in self.agenda_texts)

    @property
    def protocol(self) -> tuple[str, ...]:
        return tuple(_(rule) for rule in self.protocol_texts)

    def as_text(self) -> str:
        """The guide as plain text (ICS descriptions, tooltips)."""
        lines = [self.purpose, "", _("Agenda:")]
        lines += [f"{i}. {step}" for i, step in enumerate(self.agenda, 1)]
        if self.protocol:
            lines += ["", _("Ground rules:")]
            lines += [f"- {rule}" for rule in self.protocol]
        return "\n".join(lines)


@dataclass(frozen=True)
class RitualKind:
    key: str
    label_text: str
    duration_minutes: int
    # Default cadence, as a Recurrence.freq value (see domain.Recurrence).
    cadence: str
    cadence_text: str
    guide: Guide

    @property
    def label(self) -> str:
        return _(self.label_text)

    @property
    def cadence_label(self) -> str:
        return _(self.cadence_text)


_KINDS = (
    RitualKind(
        key="pre_mortem",
        label_text=N_("Pre-mortem"),
        duration_minutes=30,
        cadence="once",
        cadence_text=N_("once, at a project kickoff"),
        guide=Guide(
            purpose_text=N_(
                "Imagine the project has gone badly and work out, before it starts, "
                "where people are likely to get stuck and who will step in."
            ),
            agenda_texts=(
                N_("Two minutes of silent writing: the ways this project could go wrong."),
                N_("Round the table, one risk each, until the list runs dry."),
                N_("Pick the three risks that would hurt most."),
                N_("For each one, name who will back up whom and what the early signal is."),
                N_("Write the agreements down where the whole team can find them."),
            ),
            protocol_texts=(
                N_("Describe risks in the work, never in a person."),
                N_("Every risk gets a helper, not only an owner."),
            ),
        ),
    ),
    RitualKind(
        key="standup",
        label_text=N_("Kudos & blockers stand-up"),
        duration_minutes=15,
        cadence="weekdays",
        cadence_text=N_("every working day"),
        guide=Guide(
            purpose_text=N_(
                "The daily check-in, turned outward: besides their own priority, everyone "
                "thanks someone for help and says where they would welcome a hand."
            ),
            agenda_texts=(
                N_("Each person: today's one priority."),
                N_("One thank-you for help received since the last stand-up, naming the helper."),
                N_("One blocker, or 'none today', and what kind of help would move it."),
                N_("Helpers volunteer after the round; pairs form outside the meeting."),
            ),
            protocol_texts=(
                N_("Keep it under fifteen minutes; solve problems afterwards, not during."),
                N_("Naming a blocker is a request, never an admission of failure."),
            ),
        ),
    ),
    RitualKind(
        key="pairing",
        label_text=N_("Pairing session"),
        duration_minutes=120,
        cadence="weekly",
        cadence_text=N_("every week"),
        guide=Guide(
            purpose_text=N_(
                "Two people who do not usually work together share a real task for a "
                "couple of hours, so knowledge spreads and nobody works alone."
            ),
            agenda_texts=(
                N_("Agree on the task and what 'done for today' means (five minutes)."),
                N_("Work together; swap who types every twenty to thirty minutes."),
                N_("Close with what each of you learned and what is still open."),
            ),
            protocol_texts=(
                N_("The person who knows less drives more."),
                N_("Pairs come from the rotation, so everyone pairs with everyone over time."),
            ),
        ),
    ),
    RitualKind(
        key="cross_check",
        label_text=N_("Cross-check review"),
        duration_minutes=45,
        cadence="biweekly",
        cadence_text=N_("once per sprint"),
        guide=Guide(
            purpose_text=N_(
                "This sprint's cross-check partner looks at a colleague's work for blind "
                "spots, so the duty of careful review moves around the whole team."
            ),
            agenda_texts=(
                N_("The presenter names the problem the work solves."),
                N_("The presenter names the one area where they most want input."),
                N_("The partner and others ask questions and offer observations."),
                N_("The presenter says what they will take forward."),
            ),
            protocol_texts=(
                N_("The presenter sets the focus; feedback stays inside it first."),
                N_(
                    "Phrase feedback as an open question: 'I wonder whether...', "
                    "'What would happen if...'."
                ),
                N_("We test the idea, not the person who had it."),
            ),
        ),
    ),
    RitualKind(
        key="retrospective",
        label_text=N_("Team-health retrospective"),
        duration_minutes=60,
        cadence="biweekly",
        cadence_text=N_("every two weeks during the pilot, then monthly"),
        guide=Guide(
            purpose_text=N_(
                "Look back at how the team supported each other, not only at what it "
                "shipped, and decide one thing to change."
            ),
            agenda_texts=(
                N_("Quick round: one word for how the last period felt."),
                N_("Which rituals helped, which felt awkward or heavy?"),
                N_("Where did someone struggle alone when help was near?"),
                N_("Choose one change to try, with a name next to it."),
            ),
            protocol_texts=(
                N_("Ask what the setup allowed to happen, not who got it wrong."),
                N_("What is said in the room about a person stays in the room."),
            ),
        ),
    ),
    RitualKind(
        key="skill_share",
        label_text=N_("Skill share"),
        duration_minutes=60,
        cadence="monthly_nth",
        cadence_text=N_("once a month"),
        guide=Guide(
            purpose_text=N_(
                "One teammate teaches something they are good at, ideally tied to a "
                "colleague's growth goal, so careers grow through each other."
            ),
            agenda_texts=(
                N_("The teacher shows the skill on a real piece of the team's work."),
                N_("Everyone tries it for a few minutes."),
                N_("Agree on a small follow-up task a learner can take on with help."),
            ),
            protocol_texts=(
                N_("Questions are welcome at any point; there is no 'basic' question."),
            ),
        ),
    ),
    RitualKind(
        key="compact_review",
        label_text=N_("Compact review"),
        duration_minutes=45,
        cadence="quarterly",
        cadence_text=N_("every quarter"),
        guide=Guide(
            purpose_text=N_(
                "Read the Team Support Compact together and check it still describes "
                "how we want to work; change what no longer fits."
            ),
            agenda_texts=(
                N_("Read each agreement aloud."),
                N_("For each: are we living it? A quick thumbs up, sideways or down."),
                N_("Discuss the 'down' ones: change the wording or change the habit?"),
                N_("Ratify the new version and set the next review date."),
            ),
        ),
    ),
    RitualKind(
        key="culture_checkin",
        label_text=N_("Culture check-in"),
        duration_minutes=60,
        cadence="quarterly",
        cadence_text=N_("every quarter"),
        guide=Guide(
            purpose_text=N_(
                "A quarterly conversation about the team's culture itself, kept apart "
                "from project retrospectives so it does not get crowded out."
            ),
            agenda_texts=(
                N_("Share one story from the quarter where support made a difference."),
                N_("Look at the latest safety survey and help-flow picture together."),
                N_("Spot signs of sliding back: helpers who are overloaded, people going quiet."),
                N_("Agree on what to keep, stop and start next quarter."),
            ),
            protocol_texts=(
                N_("The culture guardian facilitates; the lead speaks last."),
                N_("Survey results are discussed as team patterns, never traced to a person."),
            ),
        ),
    ),
    RitualKind(
        key="listening",
        label_text=N_("Listening session"),
        duration_minutes=30,
        cadence="once",
        cadence_text=N_("during the first weeks"),
        guide=Guide(
            purpose_text=N_(
                "Before changing anything, hear when people last felt at ease asking for "
                "help and what keeps them from offering it."
            ),
            agenda_texts=(
                N_("Explain why you are asking and how the answers will be used."),
                N_("Ask about a recent moment when asking for help felt easy, and why."),
                N_(
                    "Ask what stops them from helping a colleague: time, worry, or not knowing how."
                ),
                N_("Thank them and say when they will hear what came out of the sessions."),
            ),
            protocol_texts=(N_("Listen more than you talk; take notes without names in them."),),
        ),
    ),
)

KINDS: dict[str, RitualKind] = {kind.key: kind for kind in _KINDS}


def usual_repeat(key: str) -> tuple[str, int]:
    """How a kind usually repeats, as (Recurrence.freq, interval): what the ritual
    editor fills in when the lead picks the kind ("biweekly" is every second week)."""
    cadence = kind(key).cadence
    return ("weekly", 2) if cadence == "biweekly" else (cadence, 1)


def kind(key: str) -> RitualKind:
    try:
        return KINDS[key]
    except KeyError:
        raise KeyError(f"unknown ritual kind {key!r}") from None


# One colour per kind, shared by the window and the PDFs (hex, readable on white).
KIND_COLOURS: dict[str, str] = {
    "pre_mortem": "#8e44ad",
    "standup": "#2e86c1",
    "pairing": "#17a589",
    "cross_check": "#d68910",
    "retrospective": "#c0392b",
    "skill_share": "#7d9f35",
    "compact_review": "#5d6d7e",
    "culture_checkin": "#a93226",
    "listening": "#6c3483",
}


def colour(key: str) -> str:
    return KIND_COLOURS.get(key, "#566573")
