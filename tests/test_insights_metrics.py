"""Each measure on a small hand-made log whose answers were worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from teamkeel.core.errors import ValidationError
from teamkeel.core.insights.blockers import blocker_summary, percentile
from teamkeel.core.insights.events import Blocker, HelpLog, Kudo, Period, Person
from teamkeel.core.insights.exchanges import all_exchanges, involving
from teamkeel.core.insights.findings import caveats, member_prompts, team_findings
from teamkeel.core.insights.measures import compute, to_json
from teamkeel.core.insights.reciprocity import CARRYING, QUIET, Thresholds

D = date
MARCH = Period(D(2026, 3, 1), D(2026, 3, 31))

ANA, BO, CY, DEE, EVE = 1, 2, 3, 4, 5
PEOPLE = (
    Person(ANA, "Ana", "Developer"),
    Person(BO, "Bo", "developer "),  # role spelling differs only in case and space
    Person(CY, "Cy", "QA"),
    Person(DEE, "Dee", "Design"),
    Person(EVE, "Eve", "Developer"),
)
KUDOS = (
    Kudo(D(2026, 3, 2), giver_id=BO, receiver_id=ANA),  # Ana helped Bo
    Kudo(D(2026, 3, 3), giver_id=CY, receiver_id=ANA),  # Ana helped Cy
    Kudo(D(2026, 3, 5), giver_id=DEE, receiver_id=ANA),  # one kudo, two receivers
    Kudo(D(2026, 3, 5), giver_id=DEE, receiver_id=BO),
    Kudo(D(2026, 3, 10), giver_id=ANA, receiver_id=CY),  # Cy helped Ana
    Kudo(D(2026, 3, 11), giver_id=ANA, receiver_id=ANA),  # thanking oneself: ignored
)
BLOCKERS = (
    Blocker(1, BO, D(2026, 3, 1), D(2026, 3, 4), (ANA,)),  # 3 days, Ana helped Bo
    Blocker(2, DEE, D(2026, 2, 20), D(2026, 3, 2), (CY, BO)),  # 10 days, two helpers
    Blocker(3, CY, D(2026, 3, 10), D(2026, 3, 11)),  # 1 day, solved alone
    Blocker(4, ANA, D(2026, 3, 20), None, (), "waiting for keys"),  # open, 11 days old
    Blocker(5, BO, D(2026, 3, 30), D(2026, 4, 2)),  # open at the end of March
    Blocker(6, CY, D(2026, 2, 1), D(2026, 2, 3), (ANA,)),  # previous period, 2 days
)
LOG = HelpLog(PEOPLE, KUDOS, BLOCKERS)


def by_name(ins):
    return {m.name: m for m in ins.members}


def test_exchanges_count_kudos_per_receiver_and_blockers_per_helper():
    march = [e for e in all_exchanges(LOG) if MARCH.contains(e.day)]
    assert len(march) == 8
    assert sorted((e.helper_id, e.helped_id) for e in march) == sorted(
        [(ANA, BO), (ANA, CY), (ANA, DEE), (BO, DEE), (CY, ANA), (ANA, BO), (CY, DEE), (BO, DEE)]
    )


def test_reciprocity_given_received_balance_and_partners():
    ins = compute(LOG, MARCH)
    m = by_name(ins)
    assert [x.name for x in ins.members] == ["Ana", "Bo", "Cy", "Dee", "Eve"]  # name order
    ana = m["Ana"].now
    assert (ana.given, ana.received, ana.balance, ana.helped, ana.helped_by) == (4, 1, 3, 3, 1)
    bo = m["Bo"].now
    assert (bo.given, bo.received, bo.balance, bo.helped, bo.helped_by) == (2, 2, 0, 1, 1)
    cy = m["Cy"].now
    assert (cy.given, cy.received, cy.balance, cy.helped, cy.helped_by) == (2, 1, 1, 2, 1)
    dee = m["Dee"].now
    assert (dee.given, dee.received, dee.balance, dee.helped, dee.helped_by) == (0, 4, -4, 0, 3)
    assert m["Eve"].now.exchanges == 0
    # the previous period (29 Jan – 28 Feb) only has Ana helping Cy on blocker 6
    assert ins.previous == Period(D(2026, 1, 29), D(2026, 2, 28))
    assert (m["Ana"].before.given, m["Cy"].before.received) == (1, 1)
    assert ins.exchanges_total == 8


def test_carrying_flag_needs_every_examined_period():
    one = compute(LOG, MARCH, Thresholds(give_ratio=2, min_given=3, carry_periods=1))
    assert [(f.name, f.kind) for f in one.flags if f.kind == CARRYING] == [("Ana", CARRYING)]
    # over three periods Ana gave only once in February: no flag
    three = compute(LOG, MARCH, Thresholds(give_ratio=2, min_given=3, carry_periods=3))
    assert not [f for f in three.flags if f.kind == CARRYING]
    # a stricter ratio (4 given is not >= 5 x 1 received) also clears it
    strict = compute(LOG, MARCH, Thresholds(give_ratio=5, min_given=3, carry_periods=1))
    assert not [f for f in strict.flags if f.kind == CARRYING]


def test_quiet_flag_skips_newcomers_and_people_away_throughout():
    people = PEOPLE + (
        Person(6, "Fay", "QA", start_date=D(2026, 3, 15)),  # joined mid-period
        Person(
            7, "Gil", "QA", away=((D(2026, 2, 20), D(2026, 3, 10)), (D(2026, 3, 11), D(2026, 4, 5)))
        ),
        Person(8, "Hal", "QA", archived=True),  # archived, no history here: not in view
    )
    ins = compute(HelpLog(people, KUDOS, BLOCKERS), MARCH, Thresholds(quiet_periods=1))
    assert [f.name for f in ins.flags if f.kind == QUIET] == ["Eve"]
    assert "Hal" not in by_name(ins)
    assert by_name(ins)["Eve"].flags == (QUIET,)


def test_network_cross_role_share_and_both_ways_share():
    net = compute(LOG, MARCH).network
    # 6 of the 8 exchanges cross roles (only Ana -> Bo, twice, stays among developers)
    assert (net.cross_role.part, net.cross_role.whole) == (6, 8)
    assert net.cross_role.value == pytest.approx(0.75)
    # Ana, Bo and Cy both gave and received; Dee only received; Eve neither
    assert (net.mutual.part, net.mutual.whole) == (3, 5)
    edges = {(e.helper_id, e.helped_id): e.count for e in net.edges}
    assert edges == {
        (ANA, BO): 2,
        (ANA, CY): 1,
        (ANA, DEE): 1,
        (BO, DEE): 2,
        (CY, ANA): 1,
        (CY, DEE): 1,
    }


def test_role_filter_keeps_help_exchanged_with_other_roles():
    ins = compute(LOG, MARCH, role="developer")
    assert [m.name for m in ins.members] == ["Ana", "Bo", "Eve"]
    assert ins.exchanges_total == 7  # all but Cy -> Dee
    assert (ins.network.cross_role.part, ins.network.cross_role.whole) == (5, 7)
    assert (ins.network.mutual.part, ins.network.mutual.whole) == (2, 3)


def test_percentiles_interpolate_between_ranks():
    assert percentile([1, 2, 3, 10], 0.5) == pytest.approx(2.5)
    assert percentile([10, 3, 2, 1], 0.9) == pytest.approx(7.9)
    assert percentile([5], 0.9) == 5
    assert percentile([], 0.5) is None


def test_blocker_summary_for_march():
    b = blocker_summary(LOG, MARCH)
    assert (b.raised, b.resolved, b.open_at_end) == (4, 3, 2)
    assert b.median_days == pytest.approx(3)  # of 1, 3, 10 days
    assert b.p90_days == pytest.approx(8.6)
    assert [(o.blocker_id, o.owner, o.age_days) for o in b.oldest_open] == [
        (4, "Ana", 11),
        (5, "Bo", 1),
    ]
    [month] = b.by_month
    assert (month.month, month.resolved, month.median_days) == ("2026-03", 3, 3)


def test_blocker_months_cover_the_period_even_when_empty():
    q1 = Period(D(2026, 1, 1), D(2026, 3, 31))
    b = blocker_summary(LOG, q1)
    assert [(m.month, m.resolved, m.median_days) for m in b.by_month] == [
        ("2026-01", 0, None),
        ("2026-02", 1, 2),
        ("2026-03", 3, 3),
    ]


def test_json_has_every_measure_and_no_ranking():
    data = to_json(compute(LOG, MARCH, Thresholds(carry_periods=1)))
    assert data["period"] == {"from": "2026-03-01", "to": "2026-03-31"}
    assert [m["name"] for m in data["members"]] == ["Ana", "Bo", "Cy", "Dee", "Eve"]
    ana = data["members"][0]
    assert (ana["given"], ana["received"], ana["balance"]) == (4, 1, 3)
    assert data["network"]["cross_role_share"] == 0.75
    assert data["blockers"]["p90_days_to_resolve"] == 8.6
    assert data["thresholds"]["carry_periods"] == 1


def test_findings_are_plain_and_name_flagged_people_only_as_prompts():
    ins = compute(LOG, MARCH, Thresholds(carry_periods=1, quiet_periods=1))
    text = " ".join(team_findings(ins))
    assert "8 acts of help" in text and "75% of help crossed roles" in text
    assert "half within 3 days" in text
    prompts = member_prompts(ins)
    assert any(p.startswith("Ana ") for p in prompts)
    assert any(p.startswith("Eve ") for p in prompts)
    assert any("not rank" in c for c in caveats(ins))


def test_thresholds_are_validated_with_the_field_named():
    with pytest.raises(ValidationError, match="give ratio"):
        compute(LOG, MARCH, Thresholds(give_ratio=0.5))


def test_member_exchanges_list_both_directions():
    mine = involving(all_exchanges(LOG), DEE)
    assert {(e.helper_id, e.helped_id) for e in mine} == {(ANA, DEE), (BO, DEE), (CY, DEE)}
    assert len(mine) == 4


def test_rituals_count_planned_up_to_today_and_standups_held_when_something_was_logged():
    from teamkeel.core.insights.rituals import logged_days, tally

    occurrences = [(1, "Stand-up", "standup", D(2026, 3, d)) for d in (2, 3, 4, 5, 6, 9)]
    occurrences += [
        (2, "Retro", "retrospective", D(2026, 3, 6)),
        (2, "Retro", "retrospective", D(2026, 3, 20)),
    ]
    tallies = tally(occurrences, logged_days(LOG), MARCH, today=D(2026, 3, 10))
    standup, retro = tallies
    # logged days in early March: 1 (blocker 1 raised), 2, 3, 4, 5, 10, 11 ... -> 2, 3, 4, 5 of the planned
    assert (standup.title, standup.planned, standup.held) == ("Stand-up", 6, 4)
    assert (retro.title, retro.planned, retro.held) == ("Retro", 1, None)  # the 20th is after today


def test_large_networks_are_drawn_by_role():
    from teamkeel.core.insights.network import by_role

    net = by_role(compute(LOG, MARCH).network)
    names = sorted(n.name for n in net.nodes)
    assert names == ["Design (1)", "Developer (3)", "QA (1)"]  # Ana, Bo and Eve are developers
    ids = {n.name.split(" (")[0]: n.member_id for n in net.nodes}
    edges = {(e.helper_id, e.helped_id): e.count for e in net.edges}
    dev, qa, design = ids["Developer"], ids["QA"], ids["Design"]
    # Ana->Cy, Ana->Dee, Bo->Dee x2, Cy->Ana, Cy->Dee; developer->developer help is not an edge
    assert edges == {(dev, qa): 1, (dev, design): 3, (qa, dev): 1, (qa, design): 1}


def test_period_between_fills_missing_ends_and_refuses_reversed_ranges():
    from teamkeel.core.insights.events import period_between

    today = D(2026, 3, 31)
    assert period_between(None, None, today) == Period(D(2026, 3, 2), today)  # 30 days
    assert period_between(D(2026, 1, 1), None, today) == Period(D(2026, 1, 1), today)
    assert period_between(None, D(2026, 2, 28), today) == Period(D(2026, 1, 30), D(2026, 2, 28))
    with pytest.raises(ValueError, match="ends"):
        period_between(D(2026, 3, 5), D(2026, 3, 1), today)


def test_away_throughout_needs_absences_covering_every_day():
    p = Person(1, "Ana", away=((D(2026, 3, 1), D(2026, 3, 10)), (D(2026, 3, 12), D(2026, 3, 31))))
    assert not p.away_throughout(D(2026, 3, 1), D(2026, 3, 31))  # back on the 11th
    assert p.away_throughout(D(2026, 3, 12), D(2026, 3, 20))


def test_small_roles_are_pooled_so_no_group_is_one_person():
    from teamkeel.core.insights.network import by_role

    net = by_role(compute(LOG, MARCH).network, min_size=2)
    by_name = {n.name: n for n in net.nodes}
    assert sorted(by_name) == ["Developer (3)", "Other roles (2)"]
    other, dev = by_name["Other roles (2)"], by_name["Developer (3)"]
    # Cy (QA) and Dee (Design): given 2 + 0, received 1 + 4
    assert (other.given, other.received) == (2, 5)
    edges = {(e.helper_id, e.helped_id): e.count for e in net.edges}
    # developers -> others: Ana->Cy, Ana->Dee, Bo->Dee x2; others -> developers: Cy->Ana
    assert edges == {(dev.member_id, other.member_id): 4, (other.member_id, dev.member_id): 1}


def test_a_lone_person_in_the_network_sits_on_the_circle_so_the_label_goes_beside_it():
    from teamkeel.core.insights.layout import circle_layout
    from teamkeel.core.insights.network import Node

    (position,) = circle_layout([Node(7, "Sofía Herrera", "Content strategist", 1, 2)]).values()
    assert position == pytest.approx((0.0, 1.0))  # labels go outwards from the centre


def test_nobody_is_called_quiet_for_periods_when_nothing_was_logged():
    """Before the team kept a log, every member had no exchanges: that is not isolation."""
    ins = compute(LOG, Period(D(2025, 1, 1), D(2025, 1, 31)), Thresholds(quiet_periods=1))
    assert ins.exchanges_total == 0 and len(ins.members) == 5
    assert not ins.flags
    # Eve stays quiet in March (and February) while the others' help was logged.
    march = compute(LOG, MARCH, Thresholds(quiet_periods=2))
    assert [f.name for f in march.flags if f.kind == QUIET] == ["Eve"]
