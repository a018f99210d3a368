"""Support goals: support made part of the week, tied to growth, and read with outcomes.

- ``weeks``         ISO weeks (``2026-W50``) and their Mondays
- ``weekly``        ``WeeklyGoals(team)``: deliverables and one supportive action a week
- ``projects``      ``SkillShares(team)``: skill-share micro-projects tied to growth goals
- ``buddies``       who could help with a blocker now (pure); ``buddy_store`` reads and records
- ``outcomes``      ``Outcomes(team)``: the monthly outcome basket; ``outcomes_csv`` imports it
- ``brief``         the check-in brief (one page, for the member to read)
- ``models``, ``interchange``, ``demo``: tables, JSON section, demo history

Supportive actions marked done are read by Insights as help given by the member and
received by the colleague (``WeeklyGoals.supports_done_between``).
"""
