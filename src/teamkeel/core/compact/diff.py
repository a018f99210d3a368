"""What changed between two versions of the compact.

Commitments are matched by their key first (a draft copies its version's keys, so an
edit in place is a rewording). What is left is paired by wording similarity, so a
commitment the lead deleted and typed again slightly differently still reads as
reworded rather than as one removed and one added.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from teamkeel.core.compact.document import Commitment, Compact
from teamkeel.core.i18n import _, pgettext

# Two statements at least this similar (difflib ratio) count as one reworded commitment.
SIMILAR_ENOUGH = 0.6


@dataclass(frozen=True)
class Numbered:
    """A commitment with its 1-based number in its version."""

    line: int
    commitment: Commitment


@dataclass(frozen=True)
class Change:
    """A commitment present in both versions whose wording, norm or theme differs."""

    old: Numbered
    new: Numbered

    @property
    def aspects(self) -> tuple[str, ...]:
        old, new = self.old.commitment, self.new.commitment
        found = []
        if _normal(old.statement) != _normal(new.statement):
            found.append("wording")
        if old.norm != new.norm:
            found.append("norm")
        if old.theme.strip().casefold() != new.theme.strip().casefold():
            found.append("theme")
        return tuple(found)


@dataclass(frozen=True)
class CompactDiff:
    old_label: str
    new_label: str
    added: tuple[Numbered, ...]
    removed: tuple[Numbered, ...]
    changed: tuple[Change, ...]
    reordered: bool
    title: tuple[str, str] | None
    purpose: tuple[str, str] | None
    cadence: tuple[str, str] | None

    @property
    def reworded(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changed if "wording" in c.aspects)

    @property
    def is_empty(self) -> bool:
        return not (
            self.added
            or self.removed
            or self.changed
            or self.reordered
            or self.title
            or self.purpose
            or self.cadence
        )

    def summary(self) -> list[str]:
        """One plain line per change, for the history view and the command line."""
        lines: list[str] = []
        if self.title:
            lines.append(
                _("Title changed from “{old}” to “{new}”.").format(
                    old=self.title[0], new=self.title[1]
                )
            )
        if self.purpose:
            lines.append(_("Purpose reworded."))
        for item in self.added:
            lines.append(
                _("Added #{line}: {statement}").format(
                    line=item.line, statement=item.commitment.statement
                )
            )
        for item in self.removed:
            lines.append(
                _("Removed (was #{line}): {statement}").format(
                    line=item.line, statement=item.commitment.statement
                )
            )
        for change in self.changed:
            lines.append(
                _("Changed {what} of #{line}: {statement}").format(
                    what=aspects_text(change.aspects),
                    line=change.new.line,
                    statement=change.new.commitment.statement,
                )
            )
        if self.reordered:
            lines.append(_("Commitments reordered."))
        if self.cadence:
            lines.append(
                _("Review cadence changed from {old} to {new}.").format(
                    old=_(self.cadence[0]), new=_(self.cadence[1])
                )
            )
        return lines or [_("No differences.")]


def aspects_text(aspects: tuple[str, ...]) -> str:
    """What changed in a commitment, in words: "wording and norm"."""
    words = {
        "wording": pgettext("changed aspect", "wording"),
        "norm": pgettext("changed aspect", "norm"),
        "theme": pgettext("changed aspect", "theme"),
    }
    shown = [words.get(a, a) for a in aspects]
    if len(shown) < 2:
        return "".join(shown)
    # Translators: the last two of a list of changed parts, "wording and norm".
    return _("{first} and {last}").format(first=", ".join(shown[:-1]), last=shown[-1])


def _normal(text: str) -> str:
    return " ".join(text.split())


def _similarity(a: Commitment, b: Commitment) -> float:
    return difflib.SequenceMatcher(
        None, _normal(a.statement).casefold(), _normal(b.statement).casefold()
    ).ratio()


def diff(old: Compact, new: Compact) -> CompactDiff:
    olds = [Numbered(i, c) for i, c in enumerate(old.commitments, start=1)]
    news = [Numbered(i, c) for i, c in enumerate(new.commitments, start=1)]
    new_by_key = {n.commitment.key: n for n in news}

    pairs: list[tuple[Numbered, Numbered]] = []
    unmatched_old: list[Numbered] = []
    for item in olds:
        partner = new_by_key.pop(item.commitment.key, None)
        if partner is None:
            unmatched_old.append(item)
        else:
            pairs.append((item, partner))
    unmatched_new = [n for n in news if n.commitment.key in new_by_key]

    # Pair leftovers by wording, most similar first.
    candidates = sorted(
        (
            (_similarity(o.commitment, n.commitment), o.line, n.line, o, n)
            for o in unmatched_old
            for n in unmatched_new
        ),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_old: set[int] = set()
    used_new: set[int] = set()
    for score, _gap, _order, o, n in candidates:
        if score < SIMILAR_ENOUGH:
            break
        if o.line in used_old or n.line in used_new:
            continue
        used_old.add(o.line)
        used_new.add(n.line)
        pairs.append((o, n))

    changed = tuple(
        sorted(
            (Change(o, n) for o, n in pairs if Change(o, n).aspects),
            key=lambda c: c.new.line,
        )
    )
    # Reordered: the commitments both versions share are not in the same relative order.
    by_old_line = sorted(pairs, key=lambda p: p[0].line)
    new_lines = [n.line for _, n in by_old_line]
    reordered = new_lines != sorted(new_lines)

    def pair_if(a: str, b: str) -> tuple[str, str] | None:
        return None if _normal(a) == _normal(b) else (a, b)

    return CompactDiff(
        old_label=old.label,
        new_label=new.label,
        added=tuple(n for n in unmatched_new if n.line not in used_new),
        removed=tuple(o for o in unmatched_old if o.line not in used_old),
        changed=changed,
        reordered=reordered,
        title=pair_if(old.title, new.title),
        purpose=pair_if(old.purpose, new.purpose),
        cadence=None
        if old.review_cadence == new.review_cadence
        else (old.review_cadence, new.review_cadence),
    )


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Split a rewording into ``(op, text)`` pieces; op is "same", "removed" or "added"."""
    a = re.findall(r"\S+|\s+", old)
    b = re.findall(r"\S+|\s+", new)
    pieces: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("removed", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(("added", "".join(b[j1:j2])))
    return pieces
