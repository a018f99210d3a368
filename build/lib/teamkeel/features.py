"""The product's areas, in the order the window shows their tabs."""

FEATURES: tuple[str, ...] = (
    "roster",
    "compact",
    "calendar",
    "rotations",
    "standup",
    "insights",
    "safety",
)
