"""The rotation planner's promises, checked on plain data (no storage, no Qt)."""

from __future__ import annotations

import itertools

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from teamkeel.core.rotations.designs import CYCLIC, cyclic, is_repeat_free, known_schedule
from teamkeel.core.rotations.planner import (
    Candidate,
    Kind,
    OddPolicy,
    Round,
    RoundRequest,
    Rules,
    Tally,
    cycle_length,
    pair,
    plan,
    short_pairs,
)


def team(n: int) -> list[Candidate]:
    return [Candidate(i + 1) for i in range(n)]


def links(kind: Kind, group: tuple[int, ...]) -> list[tuple[int, int]]:
    if kind == Kind.CROSS_CHECK:
        return [(group[0], group[1])]
    return [pair(a, b) for a, b in itertools.combinations(group, 2)]


def repeats_per_round(kind: Kind, rounds: list[Round], history: list[Round] = ()) -> list[int]:
    seen: set[tuple[int, int]] = {
        link for r in history for g in r.groups for link in links(kind, g)
    }
    out = []
    for r in rounds:
        here = [link for g in r.groups for link in links(kind, g)]
        out.append(sum(1 for link in here if link in seen))
        seen.update(here)
    return out


# ------------------------------------------------------------------ hard constraints


@st.composite
def scenarios(draw):
    kind = draw(st.sampled_from(list(Kind)))
    n = draw(st.integers(min_value=2, max_value=14))
    ids = list(range(1, n + 1))
    forbidden = draw(
        st.sets(
            st.tuples(st.sampled_from(ids), st.sampled_from(ids)).filter(lambda p: p[0] != p[1]),
            max_size=3,
        )
    )
    never = frozenset(frozenset(p) for p in forbidden)
    requests = []
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        absent = frozenset(draw(st.sets(st.sampled_from(ids), max_size=n // 3)))
        here = [m for m in ids if m not in absent]
        pins: list[tuple[int, ...]] = []
        if len(here) >= 2 and draw(st.booleans()):
            a, b = draw(st.permutations(here))[:2]
            if frozenset((a, b)) not in never:
                pins.append((a,) if kind == Kind.ROLE else (a, b))
        requests.append(RoundRequest(absent=absent, pins=tuple(pins)))
    rules = Rules(
        kind=kind,
        odd_policy=draw(st.sampled_from(list(OddPolicy))),
        group_size=draw(st.integers(min_value=3, max_value=5)),
        never_together=never,
        mix_roles=draw(st.booleans()),
    )
    roles = ["dev", "design", "qa"]
    members = [
        Candidate(
            m,
            role=roles[m % 3],
            skills=frozenset({f"s{m % 4}"}),
            goals=frozenset({f"s{(m + 1) % 4}"}),
        )
        for m in ids
    ]
    return members, rules, requests


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_every_planned_round_keeps_the_hard_rules(scenario) -> None:
    members, rules, requests = scenario
    rounds = plan(members, rules, [], requests).rounds
    assert len(rounds) == len(requests)
    for req, rnd in zip(requests, rounds, strict=True):
        present = {m.id for m in members} - req.absent
        seats = rnd.members()
        assert not set(seats) & req.absent, "an absent member was scheduled"
        for g in rnd.groups:
            assert len(set(g)) == len(g)
            for a, b in itertools.combinations(g, 2):
                assert frozenset((a, b)) not in rules.never_together, "a forbidden pair met"
        for pin in req.pins:
            if rules.kind == Kind.CROSS_CHECK:
                assert pin in rnd.groups, "a pinned assignment was not kept"
            else:
                assert any(set(pin) <= set(g) for g in rnd.groups), "a pinned pair was split"
        if rules.kind == Kind.ROLE:
            assert len(rnd.groups) == (1 if present else 0)
            continue
        if rules.kind == Kind.CROSS_CHECK:
            reviewers = [g[0] for g in rnd.groups]
            authors = [g[1] for g in rnd.groups]
            assert all(r != a for r, a in rnd.groups), "someone reviews their own work"
            assert len(set(reviewers)) == len(reviewers)
            assert len(set(authors)) == len(authors)
            if not rules.never_together and len(present) >= 2:
                assert set(reviewers) == present and set(authors) == present
            continue
        # Pairs, skill-share and groups: every present member in exactly one group,
        # or sitting out.
        assert len(seats) == len(set(seats)), "a member is twice in one round"
        placed = set(seats)
        sitting = set(rnd.duty) - placed
        assert placed | sitting == present
        if not rules.never_together and rules.kind != Kind.GROUPS:
            assert len(sitting) <= 1
            if rules.odd_policy == OddPolicy.TRIO and len(present) >= 3:
                assert not sitting


# --------------------------------------------------------- no repeats while avoidable


@pytest.mark.parametrize("n", range(2, 31))
def test_pairs_meet_everyone_before_anyone_twice(n: int) -> None:
    cycle = cycle_length(Kind.PAIRS, n)
    assert cycle == (n - 1 if n % 2 == 0 else n)
    rounds = plan(team(n), Rules(kind=Kind.PAIRS), [], [RoundRequest()] * (3 * cycle)).rounds
    first = rounds[:cycle]
    assert sum(repeats_per_round(Kind.PAIRS, first)) == 0
    met = {link for r in first for g in r.groups for link in links(Kind.PAIRS, g)}
    assert len(met) == n * (n - 1) // 2, "every pair met once in the first cycle"
    # Afterwards counts stay level and every pair waits a whole cycle before meeting again.
    tally = Tally()
    for r in rounds:
        tally.add(r)
        counts = [
            tally.count.get(pair(a, b), 0) for a, b in itertools.combinations(range(1, n + 1), 2)
        ]
        assert max(counts) - min(counts) <= 1
    last: dict[tuple[int, int], int] = {}
    for t, r in enumerate(rounds):
        for g in r.groups:
            for link in links(Kind.PAIRS, g):
                if link in last:
                    assert t - last[link] == cycle
                last[link] = t


@pytest.mark.parametrize("n", range(3, 31, 2))
@pytest.mark.parametrize("policy", list(OddPolicy))
def test_the_odd_one_out_duty_rotates_evenly(n: int, policy: OddPolicy) -> None:
    rules = Rules(kind=Kind.PAIRS, odd_policy=policy)
    rounds = plan(team(n), rules, [], [RoundRequest()] * (2 * n + 3)).rounds
    tally = Tally()
    for r in rounds:
        assert len(r.duty) == 1
        tally.add(r)
        duties = [tally.duty.get(m, 0) for m in range(1, n + 1)]
        assert max(duties) - min(duties) <= 1, "someone had the duty twice before another once"
    if policy == OddPolicy.TRIO:
        assert all(len(r.groups) == n // 2 for r in rounds)
        assert all(len([g for g in r.groups if len(g) == 3]) == 1 for r in rounds)
        # A trio adds two meetings a round; in n rounds no more repeats than that.
        assert sum(repeats_per_round(Kind.PAIRS, rounds[:n])) == 2 * n
    else:
        assert sum(repeats_per_round(Kind.PAIRS, rounds[:n])) == 0


@pytest.mark.parametrize("n", range(2, 31))
def test_cross_check_partners_change_every_round(n: int) -> None:
    rounds = plan(team(n), Rules(kind=Kind.CROSS_CHECK), [], [RoundRequest()] * (n - 1)).rounds
    for r in rounds:
        assert sorted(g[0] for g in r.groups) == list(range(1, n + 1))
        assert sorted(g[1] for g in r.groups) == list(range(1, n + 1))
        assert all(a != b for a, b in r.groups)
    assert sum(repeats_per_round(Kind.CROSS_CHECK, rounds)) == 0


@pytest.mark.parametrize("n", range(2, 31))
def test_a_rotating_role_goes_round_evenly(n: int) -> None:
    rounds = plan(team(n), Rules(kind=Kind.ROLE), [], [RoundRequest()] * (2 * n + 1)).rounds
    assert sorted(r.groups[0][0] for r in rounds[:n]) == list(range(1, n + 1))
    held: dict[int, int] = dict.fromkeys(range(1, n + 1), 0)
    for r in rounds:
        held[r.groups[0][0]] += 1
        assert max(held.values()) - min(held.values()) <= 1


@pytest.mark.parametrize(
    ("n", "k", "fresh_rounds"), [(9, 3, 4), (16, 4, 5), (12, 3, 3), (25, 5, 3), (30, 3, 3)]
)
def test_groups_are_balanced_and_avoid_repeats_as_far_as_possible(
    n: int, k: int, fresh_rounds: int
) -> None:
    rules = Rules(kind=Kind.GROUPS, group_size=k)
    rounds = plan(team(n), rules, [], [RoundRequest()] * 8).rounds
    for r in rounds:
        sizes = [len(g) for g in r.groups]
        assert max(sizes) - min(sizes) <= 1 and k - 1 <= min(sizes) and max(sizes) <= k + 1
        assert sorted(r.members()) == list(range(1, n + 1))
    assert sum(repeats_per_round(Kind.GROUPS, rounds[:fresh_rounds])) == 0


def fewest_repeats(present: list[int], history: list[Round]) -> int:
    """Fewest repeats a round could have, given that the sit-out duty must go to one of
    those who had it least (that rule comes first)."""
    tally = Tally()
    for r in history:
        tally.add(r)
    g = nx.Graph()
    g.add_nodes_from(present)
    for a, b in itertools.combinations(present, 2):
        g.add_edge(a, b, weight=1 if tally.count.get(pair(a, b)) else 2)
    if len(present) % 2:
        low = min(tally.duty.get(m, 0) for m in present)
        for m in present:
            if tally.duty.get(m, 0) == low:
                g.add_edge(m, "bye", weight=2)
    matching = nx.max_weight_matching(g, maxcardinality=True)
    return sum(1 for a, b in matching if g[a][b]["weight"] == 1)


@settings(max_examples=60, deadline=None)
@given(n=st.integers(min_value=4, max_value=16), seed=st.randoms(use_true_random=False))
def test_absences_never_cause_an_avoidable_repeat(n: int, seed) -> None:
    ids = list(range(1, n + 1))
    requests = [
        RoundRequest(absent=frozenset(seed.sample(ids, seed.randint(0, n // 4))))
        for _ in range(n + 2)
    ]
    rounds = plan(team(n), Rules(kind=Kind.PAIRS), [], requests).rounds
    for t, (req, r) in enumerate(zip(requests, rounds, strict=True)):
        present = [m for m in ids if m not in req.absent]
        got = repeats_per_round(Kind.PAIRS, [r], rounds[:t])[0]
        assert got == fewest_repeats(present, rounds[:t])


# ------------------------------------------------------------------------- history


def test_planning_continues_from_history_the_lead_edited() -> None:
    n = 10
    rules = Rules(kind=Kind.PAIRS)
    first = plan(team(n), rules, [], [RoundRequest()] * 3).rounds
    # The lead swapped two people between the first two pairs of round 2.
    g = list(first[1].groups)
    (a, b), (c, d) = g[0], g[1]
    g[0], g[1] = pair(a, c), pair(b, d)
    edited = [first[0], Round(groups=tuple(g)), first[2]]
    rest = plan(team(n), rules, edited, [RoundRequest()] * 2).rounds
    # No pair from the edited history meets again (with 5 of 9 rounds used, avoidable).
    assert sum(repeats_per_round(Kind.PAIRS, rest, edited)) == 0
    # The pairs that the edit undid are free again and the history counts what happened.
    tally = Tally()
    for r in edited:
        tally.add(r)
    assert tally.count[pair(a, c)] == 1 and tally.count.get(pair(a, b), 0) == 0


@pytest.mark.parametrize("n", [6, 8, 12, 20])
def test_continuation_from_a_partial_history_finishes_the_cycle_without_repeats(n: int) -> None:
    rules = Rules(kind=Kind.PAIRS)
    whole = plan(team(n), rules, [], [RoundRequest()] * (n - 1)).rounds
    done = whole[: n // 2]
    rest = plan(team(n), rules, done, [RoundRequest()] * (n - 1 - len(done))).rounds
    assert sum(repeats_per_round(Kind.PAIRS, rest, done)) == 0


def test_cross_check_continues_from_history_without_repeating_recent_reviews() -> None:
    n = 7
    rules = Rules(kind=Kind.CROSS_CHECK)
    history = [Round(groups=tuple((i, i % n + 1) for i in range(1, n + 1)))]
    rounds = plan(team(n), rules, history, [RoundRequest()] * (n - 2)).rounds
    assert sum(repeats_per_round(Kind.CROSS_CHECK, rounds, history)) == 0


# ------------------------------------------------------------------ soft preferences


def test_skill_share_prefers_partners_who_teach_each_other() -> None:
    members = [
        Candidate(1, skills=frozenset({"sql"}), goals=frozenset({"design"})),
        Candidate(2, skills=frozenset({"design"}), goals=frozenset({"sql"})),
        Candidate(3, skills=frozenset({"design"}), goals=frozenset()),
        Candidate(4, skills=frozenset(), goals=frozenset({"sql"})),
    ]
    rnd = plan(members, Rules(kind=Kind.SKILL_SHARE), [], [RoundRequest()]).rounds[0]
    assert (1, 2) in rnd.groups


def test_mixed_roles_are_preferred_when_pairs_are_otherwise_equal() -> None:
    members = [Candidate(i, role="dev" if i <= 3 else "design") for i in range(1, 7)]
    rnd = plan(members, Rules(kind=Kind.PAIRS, mix_roles=True), [], [RoundRequest()]).rounds[0]
    roles = {m.id: m.role for m in members}
    assert all(roles[a] != roles[b] for a, b in rnd.groups)


def test_pairs_with_enough_shared_hours_are_preferred() -> None:
    # Two early birds and two night owls (UTC minutes): only same-shift pairs overlap 4 h.
    members = [
        Candidate(1, work_utc=(6 * 60, 14 * 60)),
        Candidate(2, work_utc=(14 * 60, 22 * 60)),
        Candidate(3, work_utc=(7 * 60, 15 * 60)),
        Candidate(4, work_utc=(15 * 60, 23 * 60)),
    ]
    rules = Rules(kind=Kind.PAIRS, min_overlap_hours=4)
    rnd = plan(members, rules, [], [RoundRequest()]).rounds[0]
    assert set(rnd.groups) == {(1, 3), (2, 4)}


def test_planning_reports_progress_and_can_be_cancelled() -> None:
    seen: list[tuple[int, int]] = []
    result = plan(
        team(8),
        Rules(),
        [],
        [RoundRequest()] * 5,
        progress=lambda i, total: seen.append((i, total)),
        cancelled=lambda: len(seen) >= 2,
    )
    assert seen == [(1, 5), (2, 5)]
    assert result.cancelled and len(result.rounds) == 2


@pytest.mark.parametrize("kind", [Kind.PAIRS, Kind.CROSS_CHECK])
def test_large_teams_with_absences_still_never_repeat_early(kind: Kind) -> None:
    # 60 members: matching runs on each member's best candidate edges (the thinned graph),
    # and must still find a fresh partner for everyone in 20 rounds of a 59-round cycle.
    import random

    rng = random.Random(60)
    ids = list(range(1, 61))
    requests = [RoundRequest(absent=frozenset(rng.sample(ids, 6))) for _ in range(20)]
    rounds = plan(team(60), Rules(kind=kind), [], requests).rounds
    assert sum(repeats_per_round(kind, rounds)) == 0
    for req, r in zip(requests, rounds, strict=True):
        seats = [g[0] for g in r.groups] if kind == Kind.CROSS_CHECK else r.members()
        assert sorted(seats + [m for m in r.duty if m not in seats]) == sorted(
            set(ids) - req.absent
        )


def test_pairs_without_enough_shared_hours_meet_only_when_nothing_else_works() -> None:
    # Two early birds and two night owls: the only pairs with 2 h in common are the
    # same-shift ones. Meeting a partner again is better than a pair who cannot meet.
    members = [
        Candidate(1, work_utc=(6 * 60, 14 * 60)),
        Candidate(2, work_utc=(14 * 60, 22 * 60)),
        Candidate(3, work_utc=(7 * 60, 15 * 60)),
        Candidate(4, work_utc=(15 * 60, 23 * 60)),
    ]
    rules = Rules(kind=Kind.PAIRS, min_overlap_hours=2)
    rounds = plan(members, rules, [], [RoundRequest()] * 4).rounds
    assert all(set(r.groups) == {(1, 3), (2, 4)} for r in rounds)
    # With an early bird away, the other one sits out rather than pair across shifts.
    away = plan(members, rules, [], [RoundRequest(absent=frozenset({3}))]).rounds[0]
    assert away.groups == ((2, 4),) and away.duty == (1,)
    # With only two people there, the short pair is made (and flagged where it is shown).
    two = plan(members, rules, [], [RoundRequest(absent=frozenset({3, 4}))]).rounds[0]
    assert two.groups == ((1, 2),)


def test_short_shared_hours_weigh_more_than_a_repeat_in_groups_too() -> None:
    early = [Candidate(i, work_utc=(6 * 60, 14 * 60)) for i in range(1, 4)]
    late = [Candidate(i, work_utc=(15 * 60, 23 * 60)) for i in range(4, 7)]
    rules = Rules(kind=Kind.GROUPS, group_size=3, min_overlap_hours=2)
    rounds = plan(early + late, rules, [], [RoundRequest()] * 3).rounds
    assert all(set(r.groups) == {(1, 2, 3), (4, 5, 6)} for r in rounds)


def test_short_pairs_are_listed_for_the_board_and_the_pdf() -> None:
    members = {
        1: Candidate(1, work_utc=(6 * 60, 14 * 60)),
        2: Candidate(2, work_utc=(13 * 60, 21 * 60)),
        3: Candidate(3, work_utc=(7 * 60, 15 * 60)),
    }
    assert short_pairs((1, 2, 3), members, 2) == [(1, 2, 1.0)]
    assert short_pairs((1, 3), members, 2) == []
    assert short_pairs((1, 2), members, None) == []


# ---------------------------------------------------------------------------- groups


@st.composite
def group_scenarios(draw):
    n = draw(st.integers(min_value=3, max_value=30))
    k = draw(st.integers(min_value=3, max_value=5))
    ids = list(range(1, n + 1))
    never = frozenset(
        frozenset(p)
        for p in draw(
            st.sets(
                st.tuples(st.sampled_from(ids), st.sampled_from(ids)).filter(
                    lambda p: p[0] != p[1]
                ),
                max_size=3,
            )
        )
    )
    requests = []
    for _ in range(draw(st.integers(min_value=1, max_value=7))):
        absent = frozenset(draw(st.sets(st.sampled_from(ids), max_size=n // 4)))
        here = [m for m in ids if m not in absent]
        pins: tuple[tuple[int, ...], ...] = ()
        if len(here) >= 3 and draw(st.booleans()):
            pin = tuple(draw(st.permutations(here))[:2])
            if frozenset(pin) not in never:
                pins = (pin,)
        requests.append(RoundRequest(absent=absent, pins=pins))
    return n, k, never, requests


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(group_scenarios())
def test_groups_keep_every_hard_rule(scenario) -> None:
    n, k, never, requests = scenario
    rules = Rules(kind=Kind.GROUPS, group_size=k, never_together=never)
    rounds = plan(team(n), rules, [], requests).rounds
    assert len(rounds) == len(requests)
    for req, rnd in zip(requests, rounds, strict=True):
        present = set(range(1, n + 1)) - req.absent
        seats = rnd.members()
        assert len(seats) == len(set(seats)), "a member is twice in one round"
        assert set(seats) | set(rnd.duty) == present and not set(seats) & set(rnd.duty)
        for g in rnd.groups:
            for a, b in itertools.combinations(g, 2):
                assert frozenset((a, b)) not in never, "a never-together pair met"
        for pin in req.pins:
            assert any(set(pin) <= set(g) for g in rnd.groups), "a pinned pair was split"
        if not never:
            sizes = [len(g) for g in rnd.groups]
            assert not rnd.duty and max(sizes) - min(sizes) <= 1
            if len(present) >= 2 * k:
                assert k - 1 <= min(sizes) and max(sizes) <= k + 1


@pytest.mark.parametrize(("n", "k"), [(14, 4), (19, 4), (30, 4), (23, 5)])
def test_nobody_goes_from_a_small_group_to_a_large_one(n: int, k: int) -> None:
    # One member away every other round changes the mix of sizes (14 in fours: 4, 4, 3, 3
    # with everybody, 5, 4, 4 without one); each member's groups still differ in size by
    # at most one over time.
    away = [RoundRequest(), RoundRequest(absent=frozenset({n}))]
    rounds = plan(team(n), Rules(kind=Kind.GROUPS, group_size=k), [], away * 4).rounds
    sizes: dict[int, set[int]] = {}
    for rnd in rounds:
        for g in rnd.groups:
            for m in g:
                sizes.setdefault(m, set()).add(len(g))
    assert len({len(g) for r in rounds for g in r.groups}) == 3, "the test needs a size change"
    assert all(max(s) - min(s) <= 1 for s in sizes.values())


@pytest.mark.parametrize(("n", "k"), sorted(CYCLIC))
def test_each_stored_design_is_a_repeat_free_schedule_as_long_as_can_be(n: int, k: int) -> None:
    # The stored base rounds develop into schedules where everybody meets all but one
    # other member once, and nobody twice: a typo in the data would show here.
    schedule = cyclic(n, k)
    assert len(schedule) == (n - 1) // (k - 1)
    assert is_repeat_free(schedule, n, k)
    assert len(known_schedule(n, k)) == len(schedule)


def test_32_in_fours_have_the_golfers_ten_rounds_missing_one_partner_each() -> None:
    # The social golfer problem's own case: ten rounds, no pair twice, and the pairs
    # that never meet are one partner per person (a typo in the stored rounds shows here).
    schedule = [list(map(list, r)) for r in known_schedule(32, 4)]
    assert len(schedule) == 10
    assert is_repeat_free(schedule, 32, 4)
    met = {p for r in schedule for g in r for p in itertools.combinations(sorted(g), 2)}
    unmet = [p for p in itertools.combinations(range(32), 2) if p not in met]
    assert sorted(x for p in unmet for x in p) == list(range(32))


@pytest.mark.parametrize("rounds", [4, 9, 10])
def test_32_in_fours_keep_pins_and_never_together_pairs_without_a_repeat(rounds: int) -> None:
    # Two never-together pairs stand on pairs the design never joins, and two pins are
    # honoured by who stands for which point: still no pair meets twice.
    never = frozenset({frozenset({1, 2}), frozenset({3, 4})})
    rules = Rules(kind=Kind.GROUPS, group_size=4, never_together=never)
    requests = [RoundRequest(pins=((1, 5),))] + [RoundRequest()] * (rounds - 1)
    requests[2] = RoundRequest(pins=((2, 6), (3, 7)))
    planned = plan(team(32), rules, [], requests).rounds
    assert sum(repeats_per_round(Kind.GROUPS, planned)) == 0
    assert not any({1, 2} <= set(g) or {3, 4} <= set(g) for r in planned for g in r.groups)
    for req, rnd in zip(requests, planned, strict=True):
        assert all(any(set(pin) <= set(g) for g in rnd.groups) for pin in req.pins)


@pytest.mark.parametrize(("n", "k", "rounds"), [(32, 4, 10), (16, 4, 5)])
def test_a_pin_in_a_round_with_someone_away_keeps_the_design(n: int, k: int, rounds: int) -> None:
    # A pin in a round where someone is away is placed by who stands for which point,
    # like any other pin: the round is the design's without those away, not a new fill.
    requests = [RoundRequest()] * rounds
    requests[1] = RoundRequest(absent=frozenset({9}), pins=((1, 5),))
    requests[4] = RoundRequest(absent=frozenset({2, 12}), pins=((1, 6), (3, 4)))
    planned = plan(team(n), Rules(kind=Kind.GROUPS, group_size=k), [], requests).rounds
    assert sum(repeats_per_round(Kind.GROUPS, planned)) == 0
    for req, rnd in zip(requests, planned, strict=True):
        assert all(any(set(pin) <= set(g) for g in rnd.groups) for pin in req.pins)


KNOWN = [(n, k) for k in (3, 4, 5) for n in range(k, 61, k) if known_schedule(n, k)]


@pytest.mark.parametrize(("n", "k"), KNOWN)
def test_groups_never_repeat_a_pair_where_a_design_is_known(n: int, k: int) -> None:
    rounds = len(known_schedule(n, k))
    assert is_repeat_free([list(map(list, r)) for r in known_schedule(n, k)], n, k)
    planned = plan(team(n), Rules(kind=Kind.GROUPS, group_size=k), [], [RoundRequest()] * rounds)
    assert sum(repeats_per_round(Kind.GROUPS, planned.rounds)) == 0
    assert all(len(g) == k for r in planned.rounds for g in r.groups)


@pytest.mark.parametrize(("n", "k", "rounds"), [(9, 3, 4), (15, 3, 7), (16, 4, 5), (25, 5, 6)])
def test_groups_continue_a_design_from_the_rounds_already_done(n: int, k: int, rounds: int) -> None:
    rules = Rules(kind=Kind.GROUPS, group_size=k)
    done = plan(team(n), rules, [], [RoundRequest()] * 2).rounds
    rest = plan(team(n), rules, done, [RoundRequest()] * (rounds - 2)).rounds
    assert sum(repeats_per_round(Kind.GROUPS, rest, done)) == 0


def test_groups_without_a_design_are_found_by_the_search() -> None:
    # Six groups of three for six rounds (n = 18 has no design Keel builds).
    rounds = plan(team(18), Rules(kind=Kind.GROUPS, group_size=3), [], [RoundRequest()] * 6)
    assert sum(repeats_per_round(Kind.GROUPS, rounds.rounds)) == 0


def test_an_absence_in_a_design_round_costs_no_repeat() -> None:
    # Sixteen in fours, one away in round 3: 15 people make groups of 4, 4, 4 and 3.
    requests = [RoundRequest()] * 2 + [RoundRequest(absent=frozenset({5}))] + [RoundRequest()]
    rounds = plan(team(16), Rules(kind=Kind.GROUPS, group_size=4), [], requests).rounds
    assert sum(repeats_per_round(Kind.GROUPS, rounds)) == 0


@pytest.mark.parametrize(
    ("n", "k", "rounds", "done"), [(12, 3, 4, 0), (12, 3, 4, 2), (32, 4, 10, 3)]
)
def test_repeats_beyond_a_design_come_after_it(n: int, k: int, rounds: int, done: int) -> None:
    # Twelve in threes have four repeat-free rounds (no more exist): a fifth and sixth
    # round must not pull a repeat into the first four, whatever was already done.
    rules = Rules(kind=Kind.GROUPS, group_size=k)
    history = plan(team(n), rules, [], [RoundRequest()] * done).rounds
    rest = plan(team(n), rules, history, [RoundRequest()] * (rounds + 2 - done)).rounds
    everything = history + rest
    assert sum(repeats_per_round(Kind.GROUPS, everything[:rounds])) == 0


def test_never_together_pairs_stand_on_points_the_design_keeps_apart() -> None:
    # 24 in threes for 11 rounds: everybody meets everybody but one partner. Three
    # never-together pairs become three of those partners: no repeat, and they never meet.
    never = frozenset({frozenset({1, 2}), frozenset({3, 4}), frozenset({5, 6})})
    rules = Rules(kind=Kind.GROUPS, group_size=3, never_together=never)
    rounds = plan(team(24), rules, [], [RoundRequest()] * 11).rounds
    assert sum(repeats_per_round(Kind.GROUPS, rounds)) == 0
    assert not any(
        frozenset(p) in never
        for r in rounds
        for g in r.groups
        for p in itertools.combinations(g, 2)
    )


def test_a_plan_continued_later_keeps_the_relabelled_design() -> None:
    # The first plan relabels the design for the never-together pair; the second plan
    # must find that labelling again from the rounds held, or it would repeat pairs.
    never = frozenset({frozenset({1, 2})})
    rules = Rules(kind=Kind.GROUPS, group_size=4, never_together=never)
    first = plan(team(32), rules, [], [RoundRequest()] * 4).rounds
    rest = plan(team(32), rules, first, [RoundRequest()] * 5).rounds
    assert sum(repeats_per_round(Kind.GROUPS, rest, first)) == 0
    assert not any({1, 2} <= set(g) for r in first + rest for g in r.groups)


def test_pins_are_kept_inside_a_design_without_a_repeat() -> None:
    # Fifteen in threes (a Kirkman system): two pins in different rounds are honoured by
    # choosing who stands for which point, so the seven rounds stay repeat-free.
    requests = [RoundRequest(pins=((1, 7),))] + [RoundRequest()] * 6
    requests[3] = RoundRequest(pins=((1, 9), (2, 8)))
    rounds = plan(team(15), Rules(kind=Kind.GROUPS, group_size=3), [], requests).rounds
    assert sum(repeats_per_round(Kind.GROUPS, rounds)) == 0
    for req, rnd in zip(requests, rounds, strict=True):
        assert all(any(set(pin) <= set(g) for g in rnd.groups) for pin in req.pins)


def test_absences_in_every_round_of_a_design_cost_no_repeat() -> None:
    # 28 in fours (a resolvable design, 9 rounds) with someone away in every round: the
    # design's round without them is still repeat-free (the search alone left 21 repeats).
    requests = [RoundRequest(absent=frozenset({1 + (3 * t) % 28})) for t in range(9)]
    rounds = plan(team(28), Rules(kind=Kind.GROUPS, group_size=4), [], requests).rounds
    assert sum(repeats_per_round(Kind.GROUPS, rounds)) == 0
    for req, rnd in zip(requests, rounds, strict=True):
        assert not req.absent & set(rnd.members())
        assert sorted(len(g) for g in rnd.groups) == [3] + [4] * 6
