"""The quick-entry line: what the lead types during a live stand-up, and what gets recorded."""

from __future__ import annotations

import unicodedata

from hypothesis import assume, given
from hypothesis import strategies as st

from teamkeel.core.standup.entries import MemberRef
from teamkeel.core.standup.parser import (
    EntryProblem,
    ParsedBlocker,
    ParsedKudos,
    ParsedResolution,
    complete_names,
    completion_prefix,
    parse_entry,
    split_tags,
)

TEAM = [
    MemberRef(1, "Ana"),
    MemberRef(2, "Bo"),
    MemberRef(3, "Cy"),
    MemberRef(4, "Ana Lima"),
    MemberRef(5, "Zoë"),
    MemberRef(6, "李娜"),
    MemberRef(7, "Дмитрий"),
    MemberRef(8, "Ελένη"),
    MemberRef(9, "O'Brien"),
    MemberRef(10, "Jean-Luc"),
    MemberRef(11, "Alex"),
]


def test_the_issue_examples_are_recorded() -> None:
    assert parse_entry("kudos @Ana -> @Bo paired on the flaky test", TEAM) == ParsedKudos(
        1, (2,), "paired on the flaky test", ()
    )
    assert parse_entry("blocked @Cy waiting for API keys", TEAM) == ParsedBlocker(
        3, "waiting for API keys", ()
    )


def test_several_receivers_separators_and_tags() -> None:
    entry = parse_entry(
        "Kudos @Ana Lima → @Bo, @李娜 and @Zoë & @Ελένη: reviewed #Review #ci", TEAM
    )
    assert entry == ParsedKudos(4, (2, 6, 5, 8), "reviewed", ("review", "ci"))


def test_names_with_punctuation_and_no_spaces_around_the_arrow() -> None:
    assert parse_entry("kudos @O'Brien->@Jean-Luc: fixed it.", TEAM) == ParsedKudos(
        9, (10,), "fixed it.", ()
    )


def test_punctuation_between_names_and_note_is_dropped() -> None:
    assert parse_entry("kudos @Bo -> @Cy:fixed it", TEAM) == ParsedKudos(2, (3,), "fixed it", ())
    assert parse_entry("kudos @Bo -> @Cy! fixed it", TEAM) == ParsedKudos(2, (3,), "fixed it", ())
    assert parse_entry("blocked @Cy -5% budget", TEAM) == ParsedBlocker(3, "-5% budget", ())


def test_a_unique_prefix_is_enough() -> None:
    assert parse_entry("blocked @Дми no access", TEAM) == ParsedBlocker(7, "no access", ())


def test_an_ambiguous_prefix_lists_the_candidates_in_place() -> None:
    text = "kudos @An -> @Bo thanks"
    problems = parse_entry(text, TEAM)
    assert isinstance(problems, list)
    (problem,) = problems
    assert text[problem.start : problem.end] == "@An"
    assert "Ana Lima" in problem.message


def test_an_unknown_name_is_explained_with_suggestions() -> None:
    text = "kudos @Ana -> @Boo thanks"
    problems = parse_entry(text, TEAM)
    assert isinstance(problems, list)
    assert text[problems[0].start : problems[0].end] == "@Boo"
    assert "Bo" in problems[0].message


def test_every_problem_in_the_line_is_reported_at_once() -> None:
    text = "kudos @Xq -> @Bo, @Zz"
    problems = parse_entry(text, TEAM)
    assert isinstance(problems, list)
    spans = [text[p.start : p.end] for p in problems]
    assert "@Xq" in spans and "@Zz" in spans
    assert any("what the help was" in p.message for p in problems)


def test_nobody_thanks_themselves_and_duplicates_collapse() -> None:
    text = "kudos @Bo -> @Cy @Bo @Cy nice"
    problems = parse_entry(text, TEAM)
    assert isinstance(problems, list)
    assert any("themselves" in p.message for p in problems)
    assert parse_entry("kudos @Bo -> @Cy @Cy nice", TEAM) == ParsedKudos(2, (3,), "nice", ())


def test_resolutions_name_the_owner_and_helpers() -> None:
    assert parse_entry("resolved @Cy by @Ana, @Bo", TEAM) == ParsedResolution(3, (1, 2))
    assert parse_entry("resolved @Cy", TEAM) == ParsedResolution(3, ())
    problems = parse_entry("resolved @Cy by @Cy", TEAM)
    assert isinstance(problems, list) and "own helper" in problems[0].message


def test_missing_parts_are_explained() -> None:
    cases = {
        "": "Type an entry",
        "hello @Ana": "Start with",
        "kudos": "Who gives",
        "kudos @Ana @Bo thanks": "Put ->",
        "kudos @Ana ->": "Who is thanked",
        "kudos @Ana -> @Bo": "what the help was",
        "kudos @Ana -> @Bo #tag-only": "what the help was",
        "blocked": "Who is blocked",
        "blocked @Cy  ": "what is stuck",
        "kudos @ -> @Bo x": "name after @",
    }
    for text, expected in cases.items():
        result = parse_entry(text, TEAM)
        assert isinstance(result, list), text
        assert any(expected in p.message for p in result), (text, result)


def test_tags_are_taken_out_of_the_note() -> None:
    assert split_tags("fixed issue #12 on #CI and #ci") == ("fixed issue #12 on and", ("ci",))


def test_completion_finds_names_by_any_word_in_any_script() -> None:
    assert completion_prefix("kudos @An", 9) == (6, "An")
    assert completion_prefix("kudos @Ana -> x", 15) is None
    assert [m.name for m in complete_names("an", TEAM)] == ["Ana", "Ana Lima"]
    assert [m.name for m in complete_names("li", TEAM)] == ["Ana Lima"]
    assert [m.name for m in complete_names("李", TEAM)] == ["李娜"]
    assert [m.name for m in complete_names("ελ", TEAM)] == ["Ελένη"]


# --- properties over names in several scripts --------------------------------------------

SCRIPTS = [
    "abcdefghijklmnopqrstuvwxyzéëöüçñ",
    "αβγδεζηθικλμνξοπρστυφχψωάέή",
    "абвгдежзийклмнопрстуфхцчшщыэюя",
    "李娜王芳张伟刘洋陈静杨磊黄敏赵",
    "あいうえおかきくけこさしすせそ",
    "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
]
NOTE_WORDS = ["fixed", "the", "build", "42", "paired", "on", "review", "docs", "😀", "(again)"]


@st.composite
def names(draw: st.DrawFn) -> str:
    alphabet = draw(st.sampled_from(SCRIPTS))
    words = draw(
        st.lists(st.text(alphabet=alphabet, min_size=1, max_size=7), min_size=1, max_size=2)
    )
    words = [w[0].upper() + w[1:] for w in words]
    if draw(st.booleans()) and len(words[0]) > 1:
        joiner = draw(st.sampled_from(["'", "-"]))
        words[0] = words[0][0] + joiner + words[0][1:]
    return " ".join(words)


@st.composite
def rosters(draw: st.DrawFn) -> list[MemberRef]:
    raw = draw(st.lists(names(), min_size=3, max_size=8, unique_by=lambda n: n.casefold()))
    keys = [n.casefold() for n in raw]
    # A name that is another name plus more words would make "@Ana Lima" mean either.
    assume(not any(a != b and b.startswith(a) for a in keys for b in keys))
    assume(not any(w in NOTE_WORDS for k in keys for w in k.split()))
    return [MemberRef(i + 1, n) for i, n in enumerate(raw)]


notes = st.lists(st.sampled_from(NOTE_WORDS), min_size=1, max_size=6).map(" ".join)
list_separators = st.sampled_from([" ", ", ", " and ", " & ", " + ", ","])
arrows = st.sampled_from([" -> ", "->", " → ", " => ", " to "])
tags_strategy = st.lists(
    st.sampled_from(["ci", "pairing", "тест", "docs"]), max_size=2, unique=True
)


@given(rosters(), st.data(), arrows, list_separators, notes, tags_strategy)
def test_any_well_formed_kudos_round_trips(roster, data, arrow, sep, note, tags) -> None:
    giver = data.draw(st.sampled_from(roster))
    others = [m for m in roster if m.id != giver.id]
    receivers = data.draw(st.lists(st.sampled_from(others), min_size=1, max_size=3, unique=True))
    note_sep = data.draw(st.sampled_from([" ", ": ", " - ", "! ", ", ", ". ", " — ", "... "]))
    text = (
        "kudos @"
        + giver.name
        + arrow
        + sep.join("@" + m.name for m in receivers)
        + note_sep
        + note
        + "".join(" #" + t for t in tags)
    )
    assert parse_entry(text, roster) == ParsedKudos(
        giver.id, tuple(m.id for m in receivers), note, tuple(tags)
    )


@given(rosters(), st.data(), notes)
def test_any_well_formed_blocker_round_trips(roster, data, note) -> None:
    owner = data.draw(st.sampled_from(roster))
    keyword = data.draw(st.sampled_from(["blocked", "Blocker", "BLOCKED"]))
    assert parse_entry(f"{keyword} @{owner.name} {note}", roster) == ParsedBlocker(
        owner.id, note, ()
    )


@given(rosters(), st.data(), notes)
def test_decomposed_accents_still_match(roster, data, note) -> None:
    owner = data.draw(st.sampled_from(roster))
    text = unicodedata.normalize("NFD", f"blocked @{owner.name} {note}")
    result = parse_entry(text, roster)
    assert isinstance(result, ParsedBlocker) and result.owner_id == owner.id


@given(rosters(), st.data(), notes, st.sampled_from(["giver", "arrow", "receivers", "note"]))
def test_a_missing_part_records_nothing_and_points_inside_the_line(
    roster, data, note, missing
) -> None:
    giver, receiver = data.draw(
        st.lists(st.sampled_from(roster), min_size=2, max_size=2, unique=True)
    )
    parts = {
        "giver": "@" + giver.name,
        "arrow": "->",
        "receivers": "@" + receiver.name,
        "note": note,
    }
    parts[missing] = ""
    text = " ".join(["kudos", *parts.values()])
    result = parse_entry(text, roster)
    assert isinstance(result, list) and result
    for problem in result:
        assert isinstance(problem, EntryProblem)
        assert 0 <= problem.start <= problem.end <= len(text)
        assert problem.message


@given(rosters(), st.text(max_size=60))
def test_arbitrary_text_never_crashes(roster, text) -> None:
    result = parse_entry(text, roster)
    if isinstance(result, list):
        assert result
        assert all(0 <= p.start <= p.end <= len(text) for p in result)
    else:
        assert isinstance(result, ParsedKudos | ParsedBlocker | ParsedResolution)


@given(rosters(), st.data())
def test_completion_offers_the_member_being_typed(roster, data) -> None:
    member = data.draw(st.sampled_from(roster))
    cut = data.draw(st.integers(min_value=1, max_value=len(member.name)))
    typed = member.name[:cut]
    assume(not typed.endswith(" "))
    text = "kudos @" + typed
    found = completion_prefix(text, len(text))
    assert found == (6, typed)
    assert member in complete_names(found[1], roster)


def test_helper_lists_are_names_only() -> None:
    from teamkeel.core.standup.parser import parse_names

    assert parse_names("", TEAM) == ()
    assert parse_names("@Bo, @李娜 and @Zoë", TEAM) == (2, 6, 5)
    problems = parse_names("@Bo thanks", TEAM)
    assert isinstance(problems, list) and "Only names" in problems[0].message
    problems = parse_names("Bo", TEAM)
    assert isinstance(problems, list)


def test_names_typed_without_their_accents_are_found() -> None:
    team = [*TEAM, MemberRef(12, "Kenji Ōsaka"), MemberRef(13, "Sofía Herrera")]
    assert parse_entry("kudos @Zoe -> @Kenji Osaka covered my review", team) == ParsedKudos(
        5, (12,), "covered my review", ()
    )
    assert parse_entry("blocked @sofia herrera no keys", team) == ParsedBlocker(13, "no keys", ())
    assert [m.name for m in complete_names("osa", team)] == ["Kenji Ōsaka"]
    # An exact spelling still wins over a name that only matches without accents.
    both = [MemberRef(1, "Zoe"), MemberRef(2, "Zoë"), MemberRef(3, "Bo")]
    assert parse_entry("kudos @Zoë -> @Bo thanks", both) == ParsedKudos(2, (3,), "thanks", ())
    assert parse_entry("kudos @Zoe -> @Bo thanks", both) == ParsedKudos(1, (3,), "thanks", ())


def test_resolution_helpers_may_follow_any_arrow() -> None:
    # "->" and "=>" work after the giver of a kudo; a resolution accepts them too.
    for arrow in ("->", "=>", "→"):
        assert parse_entry(f"resolved @Cy {arrow} @Ana", TEAM) == ParsedResolution(3, (1,))


def test_matching_many_mentions_does_work_in_proportion_to_the_line(monkeypatch) -> None:
    """A pasted line of hundreds of @-mentions, with a long name on the roster: each name
    is found with a key computation or two per word, not one per possible end up to twice
    the longest name's length."""
    from teamkeel.core.standup import parser

    long_name = " ".join(["Zoë Maximiliane Ōsaka-Konstantinopoulou de la Cruz"] * 3)
    members = [MemberRef(1, long_name), MemberRef(2, "Ana Sousa"), MemberRef(3, "Bo")]
    index = parser.NameIndex(members)
    calls = []
    real = parser.name_key
    monkeypatch.setattr(parser, "name_key", lambda t: calls.append(t) or real(t))
    line = "kudos @Ana Sousa -> " + " ".join(["@Bo"] * 800) + f" @{long_name} reviewed it"
    parsed = parser.parse_entry(line, index)
    assert parsed == parser.ParsedKudos(2, (3, 1), "reviewed it", ())
    words = len(long_name.split()) + long_name.count("-")
    assert len(calls) < 3 * 800 + 3 * words


def test_a_line_longer_than_any_entry_is_refused_without_parsing() -> None:
    from teamkeel.core.standup.parser import MAX_LINE

    line = "kudos @Ana -> @Bo " + "x" * MAX_LINE
    problems = parse_entry(line, [MemberRef(1, "Ana"), MemberRef(2, "Bo")])
    assert isinstance(problems, list)
    assert problems[0].message == f"Keep the entry under {MAX_LINE} characters."
