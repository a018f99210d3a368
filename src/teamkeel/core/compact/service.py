"""The compact facade: every read and write of the compact goes through here.

Each method owns one short session (one transaction) and returns plain dataclasses from
``document``; no caller holds a session or a row. The rules themselves (validation,
ratifying, review dates) live in ``versioning``; this module only stores and loads.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from teamkeel.core.compact import versioning
from teamkeel.core.compact.document import (
    DEFAULT_TITLE,
    Commitment,
    Compact,
    ReviewStatus,
    Signature,
    SignatureLine,
)
from teamkeel.core.compact.models import (
    CompactCommitmentRow,
    CompactSignatureRow,
    CompactVersionRow,
)
from teamkeel.core.compact.starters import starter_commitments, starter_purpose
from teamkeel.core.errors import KeelError, Problem, ValidationError
from teamkeel.core.i18n import _
from teamkeel.core.roster.models import MemberRow, TeamRow
from teamkeel.core.storage.teamfile import TeamFile

# Lines printed for a draft when the roster is still empty.
BLANK_SIGNATURE_LINES = 8

# -- rows <-> dataclasses -----------------------------------------------------------


def to_compact(row: CompactVersionRow, current_names: dict[int, str] | None = None) -> Compact:
    """A stored version as a dataclass. A draft shows members' current names."""
    names = current_names or {}
    return Compact(
        title=row.title,
        purpose=row.purpose,
        commitments=tuple(
            Commitment(
                statement=c.statement,
                theme=c.theme,
                norm_value=c.norm_value,
                norm_unit=c.norm_unit,
                key=c.key,
            )
            for c in row.commitments
        ),
        signatures=tuple(
            Signature(s.member_id, names.get(s.member_id, s.member_name), s.signed_on)
            for s in row.signatures
        ),
        review_cadence=row.review_cadence,
        next_review=row.next_review,
        number=row.number,
        ratified_on=row.ratified_on,
        team_name=row.team_name,
    )


def fill_row(row: CompactVersionRow, compact: Compact) -> None:
    row.number = compact.number
    row.title = compact.title
    row.team_name = compact.team_name
    row.purpose = compact.purpose
    row.review_cadence = compact.review_cadence
    row.next_review = compact.next_review
    row.ratified_on = compact.ratified_on
    row.commitments = [
        CompactCommitmentRow(
            position=i,
            key=c.key,
            statement=c.statement,
            theme=c.theme,
            norm_value=c.norm_value,
            norm_unit=c.norm_unit,
        )
        for i, c in enumerate(compact.commitments)
    ]
    row.signatures = [
        CompactSignatureRow(member_id=s.member_id, member_name=s.name, signed_on=s.signed_on)
        for s in compact.signatures
    ]


def _draft_row(s: Session) -> CompactVersionRow | None:
    return s.scalars(
        select(CompactVersionRow).where(CompactVersionRow.number.is_(None)).limit(1)
    ).first()


def _member_names(s: Session) -> dict[int, str]:
    return {member_id: name for member_id, name in s.execute(select(MemberRow.id, MemberRow.name))}


def _team_name(s: Session) -> str:
    row = s.scalars(select(TeamRow).limit(1)).first()
    return row.name if row else ""


class CompactService:
    def __init__(self, team: TeamFile):
        self.team = team

    # -- reading ---------------------------------------------------------------------
    def draft(self) -> Compact | None:
        """The compact being edited, or None before the team has started one."""
        with self.team.session() as s:
            row = _draft_row(s)
            return to_compact(row, _member_names(s)) if row else None

    def versions(self) -> list[Compact]:
        """Every ratified version, oldest first."""
        with self.team.session() as s:
            rows = s.scalars(
                select(CompactVersionRow)
                .where(CompactVersionRow.number.is_not(None))
                .order_by(CompactVersionRow.number)
            ).all()
            return [to_compact(r) for r in rows]

    def version(self, number: int) -> Compact:
        with self.team.session() as s:
            row = s.scalars(
                select(CompactVersionRow).where(CompactVersionRow.number == number)
            ).first()
            if row is None:
                raise KeelError(
                    _("There is no ratified version {number} of the compact.").format(number=number)
                )
            return to_compact(row)

    def latest(self) -> Compact | None:
        """The newest ratified version, or None if nothing has been ratified yet."""
        versions = self.versions()
        return versions[-1] if versions else None

    def team_name(self) -> str:
        with self.team.session() as s:
            return _team_name(s)

    def for_print(self, number: int | None = None) -> Compact:
        """The version to print: ``number``, else the latest ratified, else the draft."""
        if number is not None:
            return self.version(number)
        chosen = self.latest() or self.draft()
        if chosen is None:
            raise KeelError(_("This team has no compact yet; start one in the Compact tab."))
        return chosen

    def signature_lines(self, compact: Compact) -> list[SignatureLine]:
        """The printed signature block: who signed a ratified version; for a draft,
        every active member (with the date for those who already agreed)."""
        if not compact.is_draft:
            return [SignatureLine(s.name, s.signed_on) for s in compact.signatures]
        with self.team.session() as s:
            members = s.execute(
                select(MemberRow.id, MemberRow.name)
                .where(MemberRow.archived.is_(False))
                .order_by(func.lower(MemberRow.name))
            ).all()
        if not members and not compact.signatures:
            # No roster yet: blank lines, so the printed page can still be signed.
            return [SignatureLine("") for _ in range(BLANK_SIGNATURE_LINES)]
        lines = []
        active = set()
        for member_id, name in members:
            active.add(member_id)
            signed = compact.signature_of(member_id)
            lines.append(SignatureLine(name, signed.signed_on if signed else None))
        # Someone archived after agreeing still appears: their agreement happened.
        lines += [
            SignatureLine(g.name, g.signed_on)
            for g in compact.signatures
            if g.member_id not in active
        ]
        return lines

    def review_status(self, today: dt.date | None = None) -> ReviewStatus:
        """Whether the latest ratified compact is due (or overdue) for its review."""
        return versioning.review_status(self.latest(), today or dt.date.today())

    # -- writing ---------------------------------------------------------------------
    def start(self, with_starters: bool = True) -> Compact:
        """Start a draft: the first one (optionally with the starter commitments), or,
        when ratified versions exist but no draft (e.g. after an import), a copy of the
        latest version."""
        latest = self.latest()
        with self.team.session() as s:
            if _draft_row(s) is not None:
                raise KeelError(_("A compact draft already exists."))
            if latest is not None:
                draft = versioning.draft_from(latest)
            else:
                # Seeded in the language Keel speaks now; the team edits it from here.
                draft = Compact(
                    title=_(DEFAULT_TITLE),
                    purpose=starter_purpose() if with_starters else "",
                    commitments=starter_commitments() if with_starters else (),
                )
            row = CompactVersionRow()
            fill_row(row, draft)
            s.add(row)
        return draft

    def save_draft(self, draft: Compact) -> Compact:
        """Replace the draft with ``draft`` after checking it; nothing is saved if not valid."""
        self._check_draft(draft)
        with self.team.session() as s:
            self._store_draft(s, draft)
        return self.draft() or draft

    def _check_draft(self, draft: Compact) -> None:
        if not draft.is_draft:
            raise KeelError(
                _("{label} is ratified and can no longer be changed.").format(label=draft.label)
            )
        versioning.check(draft)

    def _store_draft(self, s: Session, draft: Compact) -> None:
        self._check_members(s, draft)
        row = _draft_row(s)
        if row is None:
            row = CompactVersionRow()
            s.add(row)
        else:
            # Replace child rows in two steps so the unique (version, member) pair
            # never sees the old and the new signature of one member at once.
            row.commitments = []
            row.signatures = []
            s.flush()
        fill_row(row, draft)

    def discard_draft(self) -> None:
        """Remove the draft (undoing "start"). Ratified versions are never touched."""
        with self.team.session() as s:
            row = _draft_row(s)
            if row is not None:
                s.delete(row)

    def ratify(self, today: dt.date | None = None) -> Compact:
        """Freeze the draft as the next version and start a new draft from it."""
        today = today or dt.date.today()
        with self.team.session() as s:
            row = _draft_row(s)
            if row is None:
                raise KeelError(_("There is no draft to ratify; start a compact first."))
            draft = to_compact(row, _member_names(s))
            number = (s.scalar(select(func.max(CompactVersionRow.number))) or 0) + 1
            version = versioning.ratify(draft, number, today, _team_name(s))
            ratified = CompactVersionRow()
            fill_row(ratified, version)
            s.add(ratified)
            row.signatures = []
            s.flush()
            fill_row(row, versioning.draft_from(version))
        return version

    def withdraw_latest(self, number: int, restore: Compact) -> None:
        """Undo a ratification: delete version ``number`` (it must be the newest) and put
        ``restore`` back as the draft, in one transaction (a refused draft changes
        nothing)."""
        self._check_draft(restore)
        with self.team.session() as s:
            newest = s.scalar(select(func.max(CompactVersionRow.number)))
            if newest != number:
                raise KeelError(
                    _("Only the newest version can be withdrawn, not {number}.").format(
                        number=number
                    )
                )
            s.execute(delete(CompactVersionRow).where(CompactVersionRow.number == number))
            self._store_draft(s, restore)

    def export_pdf(
        self,
        target: str | Path | BinaryIO,
        number: int | None = None,
        page_size: str = "A4",
        compact: Compact | None = None,
    ) -> int:
        """Write the print-ready PDF of a version (see ``for_print``); returns its pages."""
        from teamkeel.core.compact.pdf import write_pdf

        chosen = compact or self.for_print(number)
        team_name = chosen.team_name or self.team_name()
        return write_pdf(
            dataclasses.replace(chosen, team_name=team_name),
            self.signature_lines(chosen),
            target,
            page_size=page_size,
        )

    @staticmethod
    def _check_members(s: Session, draft: Compact) -> None:
        known = set(s.scalars(select(MemberRow.id)).all())
        missing = [g for g in draft.signatures if g.member_id not in known]
        if missing:
            raise ValidationError(
                [
                    Problem(
                        "signatories",
                        _("{g_name} is not on the roster").format(g_name=g.name or g.member_id),
                    )
                    for g in missing
                ]
            )
