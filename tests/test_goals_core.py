"""Weekly goals, skill-share projects, the outcome basket, and supportive actions in
Insights' reciprocity (on hand-made logs whose answers were worked out by hand)."""

from __future__ import annotations

import datetime as dt
from datetime import date

import pytest

from teamkeel.core.errors import KeelError, ValidationError
from teamkeel.core.goals.outcomes import Outcomes, parse_month, parse_value
from teamkeel.core.goals.projects import ProjectDraft, ProjectStatus, SkillShares
from teamkeel.core.goals.weekly import GoalStatus, WeeklyGoals, done_day
from teamkeel.core.goals.weeks import parse_week, week_label
from teamkeel.core.insights.events import HelpLog, Kudo, Period, Person, SupportAction
from teamkeel.core.insights.exchanges import SUPPORT, all_exchanges
from teamkeel.core.insights.measures import compute, to_json
from teamkeel.core.insights.reciprocity import counts_by_member
from teamkeel.core.insights.service import InsightsService
from teamkeel.core.roster.member import Member
from teamkeel.core.roster.service import RosterService
from teamkeel.core.storage.teamfile import TeamFile

W50 = date(2026, 12, 7)  # Monday of 2026-W50


def _members(team: TeamFile) -> dict[str, int]:
    roster = RosterService(team)
    for name, goals in (("Ana", ("Public speaking",)), ("Bo", ("SQL",)), ("Cy", ())):
        roster.add(Member(name, role="Developer", goals=goals))
    return {m.name: m.id or 0 for m in roster.list_members()}


# -- weeks -------------------------------------------------------------------------------
def test_iso_weeks_round_trip_across_the_year_end() -> None:
    assert parse_week("2026-W50") == W50
    assert week_label(W50) == "2026-W50"
    assert parse_week("2026-W53") == date(2026, 12, 28)  # 2026 has 53 ISO weeks
    assert week_label(date(2027, 1, 1)) == "2026-W53"
    with pytest.raises(ValueError, match="2025 has no week 53"):
        parse_week("2025-W53")


def test_done_is_dated_inside_its_week() -> None:
    assert done_day(W50, date(2026, 12, 14)) == date(2026, 12, 13)  # marked next Monday
    assert done_day(W50, date(2026, 12, 9)) == date(2026, 12, 9)


# -- weekly goals ------------------------------------------------------------------------
def test_goal_with_deliverables_and_one_supportive_action(team: TeamFile) -> None:
    ids = _members(team)
    goals = WeeklyGoals(team)
    items = goals.add(
        ids["Ana"], W50 + dt.timedelta(days=2), ["ship export"], ids["Bo"], "review PR"
    )
    assert [(i.kind, i.text, i.colleague_name) for i in items] == [
        ("deliverable", "ship export", ""),
        ("support", "review PR", "Bo"),
    ]
    assert all(i.week == "2026-W50" for i in items)
    with pytest.raises(KeelError, match="already has a supportive action in 2026-W50"):
        goals.add(ids["Ana"], W50, [], ids["Cy"], "pair on tests")
    assert len(goals.week(W50)) == 2  # the refused one wrote nothing


@pytest.mark.parametrize(
    ("deliverables", "to", "support", "message"),
    [
        ([], None, "", "give a deliverable or a supportive action"),
        (["  "], None, "", "deliverable: say what it is"),
        ([], "Ana", "help myself", "for someone else"),
        ([], None, "review", "name the colleague"),
    ],
)
def test_refused_goals_write_nothing(
    team: TeamFile, deliverables: list[str], to: str | None, support: str, message: str
) -> None:
    ids = _members(team)
    with pytest.raises(ValidationError, match=message):
        WeeklyGoals(team).add(ids["Ana"], W50, deliverables, ids[to] if to else None, support)
    assert WeeklyGoals(team).week(W50) == []


def test_marking_and_carrying_over(team: TeamFile) -> None:
    ids = _members(team)
    goals = WeeklyGoals(team)
    deliverable, support = goals.add(ids["Ana"], W50, ["ship export"], ids["Bo"], "review PR")
    before = goals.set_status(support.id, GoalStatus.DONE, on=date(2026, 12, 15))
    assert before.status is GoalStatus.OPEN
    assert goals.get(support.id).done_on == date(2026, 12, 13)
    with pytest.raises(KeelError, match="nothing to carry over"):
        goals.carry_over(support.id)
    original, carried = goals.carry_over(deliverable.id)
    assert original.status is GoalStatus.OPEN
    assert goals.get(deliverable.id).status is GoalStatus.NOT_DONE
    assert (carried.week, carried.text, carried.carried_from_id) == (
        "2026-W51",
        "ship export",
        deliverable.id,
    )
    with pytest.raises(KeelError, match="already carried over"):
        goals.carry_over(deliverable.id)
    # Undo puts both back exactly.
    goals.delete(carried.id)
    goals.put_back(original)
    assert goals.get(deliverable.id).status is GoalStatus.OPEN


# -- reciprocity with supportive actions (hand-computed) ----------------------------------
ANA, BO, CY = 1, 2, 3
PEOPLE = (Person(ANA, "Ana", "Developer"), Person(BO, "Bo", "QA"), Person(CY, "Cy", "Design"))
DEC = Period(date(2026, 12, 1), date(2026, 12, 31))


def test_done_supportive_actions_count_as_their_own_kind() -> None:
    log = HelpLog(
        PEOPLE,
        kudos=(Kudo(date(2026, 12, 2), giver_id=BO, receiver_id=ANA),),  # Ana helped Bo
        supports=(
            SupportAction(date(2026, 12, 9), ANA, CY, "pair on the flaky test"),  # Ana -> Cy
            SupportAction(date(2026, 12, 10), CY, BO, "review the migration"),  # Cy -> Bo
            SupportAction(date(2026, 11, 20), BO, ANA, "before the period"),
            SupportAction(date(2026, 12, 11), BO, BO, "oneself: not an exchange"),
        ),
    )
    supports = [e for e in all_exchanges(log) if e.kind == SUPPORT]
    assert [(e.helper_id, e.helped_id) for e in supports] == [(BO, ANA), (ANA, CY), (CY, BO)]
    ins = compute(log, DEC)
    # Ana: gave 2 (kudo from Bo, support for Cy), received 0.
    # Bo: gave 0 in December, received 2 (Ana's help in the kudo, Cy's support).
    # Cy: gave 1 (support for Bo), received 1 (Ana's support).
    counts = {m.name: (m.now.given, m.now.received) for m in ins.members}
    assert counts == {"Ana": (2, 0), "Bo": (0, 2), "Cy": (1, 1)}
    assert dict(ins.kinds) == {"kudo": 1, "blocker": 0, "support": 2}
    assert dict(ins.kinds_before) == {"kudo": 0, "blocker": 0, "support": 1}  # Nov 20
    assert to_json(ins)["exchanges_by_kind"] == {"kudo": 1, "blocker": 0, "support": 2}
    # Cross-role share: all three exchanges are between different roles.
    assert ins.network.cross_role.part == 3


def test_only_done_actions_reach_insights(team: TeamFile) -> None:
    ids = _members(team)
    goals = WeeklyGoals(team)
    a = goals.add(ids["Ana"], W50, [], ids["Bo"], "review PR")[0]
    b = goals.add(ids["Bo"], W50, [], ids["Cy"], "pair on tests")[0]
    c = goals.add(ids["Cy"], W50, [], ids["Ana"], "walk through the design")[0]
    goals.set_status(a.id, GoalStatus.DONE, on=date(2026, 12, 9))
    goals.set_status(b.id, GoalStatus.PARTLY, on=date(2026, 12, 9))
    goals.set_status(c.id, GoalStatus.NOT_DONE, on=date(2026, 12, 9))
    service = InsightsService(team)
    ins = service.compute(DEC)
    counts = counts_by_member(e for e in all_exchanges(service.help_log()))
    assert (counts[ids["Ana"]].given, counts[ids["Bo"]].received) == (1, 1)
    assert dict(ins.kinds)["support"] == 1
    views = service.member_exchanges(ids["Bo"], DEC)
    assert [(v.direction, v.other, v.kind, v.note) for v in views] == [
        ("received", "Ana", "support", "review PR")
    ]


# -- skill-share projects ----------------------------------------------------------------
def test_skill_share_goals_come_from_the_roster(team: TeamFile) -> None:
    ids = _members(team)
    shares = SkillShares(team)
    project = shares.add(
        ProjectDraft(ids["Ana"], ids["Bo"], "content dashboard", "public speaking", "SQL")
    )
    assert (project.first_name, project.second_name, project.status) == (
        "Ana",
        "Bo",
        ProjectStatus.PLANNED,
    )
    with pytest.raises(ValidationError, match="“Rust” is not one of Bo's growth goals"):
        shares.add(ProjectDraft(ids["Ana"], ids["Bo"], "x", "", "Rust"))
    with pytest.raises(ValidationError, match="two different people"):
        shares.add(ProjectDraft(ids["Ana"], ids["Ana"], "x"))
    delivered = ProjectDraft(
        ids["Ana"],
        ids["Bo"],
        "content dashboard",
        status=ProjectStatus.DELIVERED,
        outcome="used every Monday",
        delivered_on=date(2026, 11, 30),
    )
    before = shares.update(project.id, delivered)
    assert before.status is ProjectStatus.PLANNED
    assert shares.get(project.id).delivered_on == date(2026, 11, 30)
    assert len(shares.all(ids["Bo"])) == 1 and shares.all(ids["Cy"]) == []


# -- outcome basket ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("2026-11", "2026-11"),
        ("2026-11-01", "2026-11"),
        ("11/2026", "2026-11"),
        ("01.11.2026", "2026-11"),
        ("Nov 2026", "2026-11"),
        ("november-2026", "2026-11"),
    ],
)
def test_months_as_spreadsheets_write_them(text: str, month: str) -> None:
    assert parse_month(text) == month


def test_values_as_spreadsheets_write_them() -> None:
    assert parse_value("87,5 %") == 87.5
    assert parse_value(" 12 ") == 12
    with pytest.raises(ValueError, match="not a number"):
        parse_value("lots")


def test_basket_values_and_custom_metrics(team: TeamFile) -> None:
    outcomes = Outcomes(team)
    outcomes.add_metric("Support-channel response", "hours")
    before = outcomes.set_values(
        [
            ("on_time_delivery", "2026-10", 80),
            ("on_time_delivery", "2026-11", 85),
            ("support_channel_response", "2026-11", 3.5),
        ]
    )
    assert before == [
        ("support_channel_response", "2026-11", None),
        ("on_time_delivery", "2026-11", None),
        ("on_time_delivery", "2026-10", None),
    ]
    basket = {s.metric.key: s.points for s in outcomes.basket(date(2026, 11, 15), months=12)}
    assert basket["on_time_delivery"] == (("2026-10", 80.0), ("2026-11", 85.0))
    assert basket["support_channel_response"] == (("2026-11", 3.5),)
    assert basket["voluntary_leavers"] == ()
    assert outcomes.find_metric("Turnover").key == "voluntary_leavers"
    with pytest.raises(KeelError, match="No metric “happiness”"):
        outcomes.find_metric("happiness")
    outcomes.set_values(before)  # undo
    assert all(not s.points for s in outcomes.basket(date(2026, 11, 15)))
