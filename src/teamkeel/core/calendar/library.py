"""The ritual library: the kinds of ritual Keel knows, with sensible defaults and a
short facilitation guide for each.

The guides are written for Keel (not quoted from anywhere): a purpose line, a short
agenda and, where a ritual needs one, a protocol the facilitator reads out.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Guide:
    purpose: str
    agenda: tuple[str, ...]
    protocol: tuple[str, ...] = ()

    def as_text(self) -> str:
        """The guide as plain text (ICS descriptions, tooltips)."""
        lines = [self.purpose, "", "Agenda:"]
        lines += [f"{i}. {step}" for i, step in enumerate(self.agenda, 1)]
        if self.protocol:
            lines += ["", "Ground rules:"]
            lines += [f"- {rule}" for rule in self.protocol]
        return "\n".join(lines)


@dataclass(frozen=True)
class RitualKind:
    key: str
    label: str
    duration_minutes: int
    # Default cadence, as a Recurrence.freq value (see domain.Recurrence).
    cadence: str
    cadence_label: str
    guide: Guide


_KINDS = (
    RitualKind(
        key="pre_mortem",
        label="Pre-mortem",
        duration_minutes=30,
        cadence="once",
        cadence_label="once, at a project kickoff",
        guide=Guide(
            purpose=(
                "Imagine the project has gone badly and work out, before it starts, "
                "where people are likely to get stuck and who will step in."
            ),
            agenda=(
                "Two minutes of silent writing: the ways this project could go wrong.",
                "Round the table, one risk each, until the list runs dry.",
                "Pick the three risks that would hurt most.",
                "For each one, name who will back up whom and what the early signal is.",
                "Write the agreements down where the whole team can find them.",
            ),
            protocol=(
                "Describe risks in the work, never in a person.",
                "Every risk gets a helper, not only an owner.",
            ),
        ),
    ),
    RitualKind(
        key="standup",
        label="Kudos & blockers stand-up",
        duration_minutes=15,
        cadence="weekdays",
        cadence_label="every working day",
        guide=Guide(
            purpose=(
                "The daily check-in, turned outward: besides their own priority, everyone "
                "thanks someone for help and says where they would welcome a hand."
            ),
            agenda=(
                "Each person: today's one priority.",
                "One thank-you for help received since the last stand-up, naming the helper.",
                "One blocker, or 'none today', and what kind of help would move it.",
                "Helpers volunteer after the round; pairs form outside the meeting.",
            ),
            protocol=(
                "Keep it under fifteen minutes; solve problems afterwards, not during.",
                "Naming a blocker is a request, never an admission of failure.",
            ),
        ),
    ),
    RitualKind(
        key="pairing",
        label="Pairing session",
        duration_minutes=120,
        cadence="weekly",
        cadence_label="every week",
        guide=Guide(
            purpose=(
                "Two people who do not usually work together share a real task for a "
                "couple of hours, so knowledge spreads and nobody works alone."
            ),
            agenda=(
                "Agree on the task and what 'done for today' means (five minutes).",
                "Work together; swap who types every twenty to thirty minutes.",
                "Close with what each of you learned and what is still open.",
            ),
            protocol=(
                "The person who knows less drives more.",
                "Pairs come from the rotation, so everyone pairs with everyone over time.",
            ),
        ),
    ),
    RitualKind(
        key="cross_check",
        label="Cross-check review",
        duration_minutes=45,
        cadence="biweekly",
        cadence_label="once per sprint",
        guide=Guide(
            purpose=(
                "This sprint's cross-check partner looks at a colleague's work for blind "
                "spots, so the duty of careful review moves around the whole team."
            ),
            agenda=(
                "The presenter names the problem the work solves.",
                "The presenter names the one area where they most want input.",
                "The partner and others ask questions and offer observations.",
                "The presenter says what they will take forward.",
            ),
            protocol=(
                "The presenter sets the focus; feedback stays inside it first.",
                "Phrase feedback as an open question: 'I wonder whether...', "
                "'What would happen if...'.",
                "We test the idea, not the person who had it.",
            ),
        ),
    ),
    RitualKind(
        key="retrospective",
        label="Team-health retrospective",
        duration_minutes=60,
        cadence="biweekly",
        cadence_label="every two weeks during the pilot, then monthly",
        guide=Guide(
            purpose=(
                "Look back at how the team supported each other, not only at what it "
                "shipped, and decide one thing to change."
            ),
            agenda=(
                "Quick round: one word for how the last period felt.",
                "Which rituals helped, which felt awkward or heavy?",
                "Where did someone struggle alone when help was near?",
                "Choose one change to try, with a name next to it.",
            ),
            protocol=(
                "Ask what the setup allowed to happen, not who got it wrong.",
                "What is said in the room about a person stays in the room.",
            ),
        ),
    ),
    RitualKind(
        key="skill_share",
        label="Skill share",
        duration_minutes=60,
        cadence="monthly_nth",
        cadence_label="once a month",
        guide=Guide(
            purpose=(
                "One teammate teaches something they are good at, ideally tied to a "
                "colleague's growth goal, so careers grow through each other."
            ),
            agenda=(
                "The teacher shows the skill on a real piece of the team's work.",
                "Everyone tries it for a few minutes.",
                "Agree on a small follow-up task a learner can take on with help.",
            ),
            protocol=("Questions are welcome at any point; there is no 'basic' question.",),
        ),
    ),
    RitualKind(
        key="compact_review",
        label="Compact review",
        duration_minutes=45,
        cadence="quarterly",
        cadence_label="every quarter",
        guide=Guide(
            purpose=(
                "Read the Team Support Compact together and check it still describes "
                "how we want to work; change what no longer fits."
            ),
            agenda=(
                "Read each agreement aloud.",
                "For each: are we living it? A quick thumbs up, sideways or down.",
                "Discuss the 'down' ones: change the wording or change the habit?",
                "Ratify the new version and set the next review date.",
            ),
        ),
    ),
    RitualKind(
        key="culture_checkin",
        label="Culture check-in",
        duration_minutes=60,
        cadence="quarterly",
        cadence_label="every quarter",
        guide=Guide(
            purpose=(
                "A quarterly conversation about the team's culture itself, kept apart "
                "from project retrospectives so it does not get crowded out."
            ),
            agenda=(
                "Share one story from the quarter where support made a difference.",
                "Look at the latest safety survey and help-flow picture together.",
                "Spot signs of sliding back: helpers who are overloaded, people going quiet.",
                "Agree on what to keep, stop and start next quarter.",
            ),
            protocol=(
                "The culture guardian facilitates; the lead speaks last.",
                "Survey results are discussed as team patterns, never traced to a person.",
            ),
        ),
    ),
    RitualKind(
        key="listening",
        label="Listening session",
        duration_minutes=30,
        cadence="once",
        cadence_label="during the first weeks",
        guide=Guide(
            purpose=(
                "Before changing anything, hear when people last felt at ease asking for "
                "help and what keeps them from offering it."
            ),
            agenda=(
                "Explain why you are asking and how the answers will be used.",
                "Ask about a recent moment when asking for help felt easy, and why.",
                "Ask what stops them from helping a colleague: time, worry, or not knowing how.",
                "Thank them and say when they will hear what came out of the sessions.",
            ),
            protocol=("Listen more than you talk; take notes without names in them.",),
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
