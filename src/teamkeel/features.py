"""The product's areas, in the order the window shows their tabs."""

from teamkeel.core.i18n import N_

FEATURES: tuple[str, ...] = (
    "roster",
    "compact",
    "calendar",
    "rotations",
    "standup",
    "insights",
    "goals",
    "safety",
    # Last: its demo and its part of the JSON document refer to rituals and stand-up
    # entries, which must exist first. Its tab still comes first (TAB_TITLES).
    "journey",
)

# Tabs as the window lists them before their code is loaded (each tab package's
# ``TAB.title`` says the same). "safety" has no tab: it adds File-menu entries.
TAB_TITLES: dict[str, str] = {
    "journey": N_("Journey"),
    "roster": N_("Roster"),
    "compact": N_("Compact"),
    "calendar": N_("Calendar"),
    "rotations": N_("Rotations"),
    "standup": N_("Stand-up"),
    "insights": N_("Insights"),
}
