"""The compact's rules: validation, ratifying freezes a version, review dates."""

import dataclasses
import datetime as dt

import pytest

from teamkeel.core.compact import versioning
from teamkeel.core.compact.document import Commitment, Compact, Signature
from teamkeel.core.compact.starters import starter_commitments
from teamkeel.core.errors import ValidationError

D = dt.date


def _draft(*statements: str) -> Compact:
    return Compact(
        purpose="Nobody carries a problem alone.",
        commitments=tuple(Commitment(s) for s in statements),
    )


def test_a_valid_draft_has_no_problems():
    assert versioning.problems(_draft("We answer quickly.")) == []


def test_empty_statement_and_negative_norm_are_named_by_line_and_field():
    draft = Compact(
        commitments=(
            Commitment("We answer quickly."),
            Commitment("   "),
            Commitment("We pair weekly.", norm_value=-2, norm_unit="sessions"),
        )
    )
    found = {(p.where, p.message) for p in versioning.problems(draft)}
    assert ("commitment 2: statement", "write what the team commits to") in found
    assert ("commitment 3: norm", "the norm cannot be negative") in found
    assert len(found) == 2


def test_a_half_entered_norm_can_be_saved_but_not_ratified():
    draft = Compact(
        commitments=(
            Commitment("A", norm_value=4),
            Commitment("B", norm_unit="hours"),
        )
    )
    assert versioning.problems(draft) == []
    wheres = {p.where for p in versioning.problems(draft, for_ratify=True)}
    assert wheres == {"commitment 1: unit", "commitment 2: norm"}
    with pytest.raises(ValidationError, match="commitment 1: unit"):
        versioning.ratify(draft, 1, D(2026, 1, 1), "")


@pytest.mark.parametrize(
    ("text", "value"), [("", None), ("  ", None), ("4", 4.0), ("2,5", 2.5), (" 0 ", 0.0)]
)
def test_parse_norm_reads_what_people_type(text, value):
    assert versioning.parse_norm(text) == value


@pytest.mark.parametrize("text", ["-1", "four", "nan", "inf"])
def test_parse_norm_refuses_negative_and_non_numbers(text):
    with pytest.raises(ValidationError):
        versioning.parse_norm(text)


def test_ratify_freezes_number_date_signatures_and_sets_the_next_review():
    draft = dataclasses.replace(
        _draft("  We answer quickly.  "),
        signatures=(
            Signature(2, "Zoë", D(2026, 3, 2)),
            Signature(1, "Ана", D(2026, 3, 1)),
        ),
    )
    version = versioning.ratify(draft, 3, D(2026, 3, 3), "Harbour Crew")
    assert version.number == 3 and not version.is_draft
    assert version.ratified_on == D(2026, 3, 3)
    assert version.team_name == "Harbour Crew"
    assert version.next_review == D(2026, 6, 3)  # quarterly
    assert version.commitments[0].statement == "We answer quickly."
    assert [s.name for s in version.signatures] == ["Ана", "Zoë"]  # by date
    with pytest.raises(dataclasses.FrozenInstanceError):
        version.number = 4  # type: ignore[misc]
    with pytest.raises(ValueError):
        versioning.ratify(version, 4, D(2026, 3, 4), "Harbour Crew")


def test_ratify_keeps_a_future_review_date_the_lead_chose():
    draft = dataclasses.replace(_draft("A"), next_review=D(2026, 5, 1), review_cadence="yearly")
    assert versioning.ratify(draft, 1, D(2026, 3, 3), "").next_review == D(2026, 5, 1)
    past = dataclasses.replace(draft, next_review=D(2026, 1, 1))
    assert versioning.ratify(past, 1, D(2026, 3, 3), "").next_review == D(2027, 3, 3)


def test_an_empty_or_invalid_draft_cannot_be_ratified():
    with pytest.raises(ValidationError, match="at least one commitment"):
        versioning.ratify(Compact(), 1, D(2026, 1, 1), "")
    with pytest.raises(ValidationError, match="commitment 1: statement"):
        versioning.ratify(_draft(""), 1, D(2026, 1, 1), "")


def test_the_next_draft_copies_text_and_keys_but_not_signatures():
    version = versioning.ratify(
        dataclasses.replace(_draft("A", "B"), signatures=(Signature(1, "Zoë", D(2026, 1, 1)),)),
        1,
        D(2026, 1, 2),
        "Crew",
    )
    draft = versioning.draft_from(version)
    assert draft.is_draft and draft.signatures == () and draft.ratified_on is None
    assert [c.key for c in draft.commitments] == [c.key for c in version.commitments]


def test_review_status_scheduled_due_and_overdue():
    version = Compact(number=1, next_review=D(2026, 6, 30))
    assert versioning.review_status(version, D(2026, 6, 1)).state == "scheduled"
    due = versioning.review_status(version, D(2026, 6, 20))
    assert (due.state, due.days) == ("due", 10)
    assert "10 days" in due.message
    overdue = versioning.review_status(version, D(2026, 7, 2))
    assert (overdue.state, overdue.days) == ("overdue", -2)
    assert "overdue by 2 days" in overdue.message
    assert versioning.review_status(None, D(2026, 1, 1)).state == "none"


def test_add_months_clamps_to_the_end_of_short_months():
    assert versioning.add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert versioning.add_months(D(2027, 11, 30), 3) == D(2028, 2, 29)
    assert versioning.next_review_after(D(2026, 12, 15), "half-yearly") == D(2027, 6, 15)


def test_edit_helpers_add_remove_replace_and_move():
    draft = _draft("A", "B", "C")
    assert [c.statement for c in versioning.moved(draft, 0, 2).commitments] == ["B", "C", "A"]
    assert [c.statement for c in versioning.moved(draft, 2, 0).commitments] == ["C", "A", "B"]
    added = versioning.with_commitment(draft, Commitment("D"), 1)
    assert [c.statement for c in added.commitments] == ["A", "D", "B", "C"]
    assert [c.statement for c in versioning.without_commitment(draft, 1).commitments] == ["A", "C"]
    replaced = versioning.with_replaced(draft, 1, Commitment("B2"))
    assert [c.statement for c in replaced.commitments] == ["A", "B2", "C"]


def test_starters_are_valid_and_cover_every_named_theme():
    starters = starter_commitments()
    assert versioning.problems(Compact(commitments=starters)) == []
    assert {c.theme for c in starters} == {
        "psychological safety",
        "shared accountability",
        "reciprocity",
        "communication",
    }
    # Fresh keys each time: two teams never share commitment identities.
    assert {c.key for c in starters}.isdisjoint({c.key for c in starter_commitments()})
