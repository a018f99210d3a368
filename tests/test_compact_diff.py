"""What changed between two versions: added, removed, reworded, norms, order."""

import dataclasses

from teamkeel.core.compact import diff, word_diff
from teamkeel.core.compact.document import Commitment, Compact


def _v(number, *commitments, purpose="Help each other."):
    return Compact(number=number, purpose=purpose, commitments=tuple(commitments))


A = Commitment("We answer requests for help within a few hours.", norm_value=4, norm_unit="hours")
B = Commitment("We name blockers at stand-up.", theme="psychological safety")
C = Commitment("Support roles rotate every sprint.", theme="reciprocity")


def test_identical_versions_have_no_differences():
    d = diff(_v(1, A, B), _v(2, A, B))
    assert d.is_empty
    assert d.summary() == ["No differences."]


def test_added_removed_and_reworded_by_key():
    b2 = dataclasses.replace(B, statement="We name blockers at stand-up, early and without blame.")
    d = diff(_v(1, A, B), _v(2, b2, C))
    assert [n.commitment for n in d.added] == [C]
    assert [n.commitment for n in d.removed] == [A]
    assert [(c.old.commitment, c.new.commitment) for c in d.reworded] == [(B, b2)]
    assert d.changed[0].aspects == ("wording",)
    assert not d.reordered  # B is still before the (new) C


def test_norm_and_theme_changes_are_reported_without_a_rewording():
    a2 = dataclasses.replace(A, norm_value=2, theme="reciprocity")
    d = diff(_v(1, A), _v(2, a2))
    assert d.changed[0].aspects == ("norm", "theme")
    assert d.reworded == ()
    assert "Changed norm and theme of #1" in d.summary()[0]


def test_a_retyped_commitment_with_a_new_key_still_reads_as_reworded():
    retyped = Commitment("We answer requests for help within a couple of hours.")
    d = diff(_v(1, A, B), _v(2, retyped, B))
    assert d.added == () and d.removed == ()
    assert d.reworded[0].new.commitment == retyped


def test_unrelated_new_text_is_an_addition_not_a_rewording():
    other = Commitment("Every quarter we pair on a skill one of us wants to grow.")
    d = diff(_v(1, A), _v(2, other))
    assert [n.commitment for n in d.added] == [other]
    assert [n.commitment for n in d.removed] == [A]


def test_reordering_and_purpose_are_noticed():
    d = diff(_v(1, A, B, C), _v(2, C, A, B, purpose="Nobody is stuck alone."))
    assert d.reordered
    assert d.purpose == ("Help each other.", "Nobody is stuck alone.")
    assert d.added == d.removed == d.changed == ()
    assert "Commitments reordered." in d.summary()
    assert (d.old_label, d.new_label) == ("Version 1", "Version 2")


def test_word_diff_marks_only_the_changed_words():
    pieces = word_diff("We reply within four hours.", "We reply within two working hours.")
    assert ("removed", "four") in pieces
    assert ("added", "two working") in pieces
    assert "".join(t for op, t in pieces if op != "removed") == "We reply within two working hours."
    assert "".join(t for op, t in pieces if op != "added") == "We reply within four hours."
