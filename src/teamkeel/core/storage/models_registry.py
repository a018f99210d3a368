"""Every feature's models, so that relationships and metadata are complete.

One plain import per feature (imported here, not at the top: the ORM loads after the
window's first frame). ``tests/test_features.py`` checks that every feature with a
``models`` module is listed.
"""

from __future__ import annotations


def load_all_models() -> None:
    import teamkeel.core.calendar.models
    import teamkeel.core.compact.models
    import teamkeel.core.goals.models
    import teamkeel.core.insights.models
    import teamkeel.core.journey.models
    import teamkeel.core.roster.models
    import teamkeel.core.rotations.models
    import teamkeel.core.standup.models  # noqa: F401
