"""Writing the Journey's files: each reads what it needs, then writes beside the target
and renames once complete (``teamkeel.core.files.replacing``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from teamkeel.core.errors import KeelError
from teamkeel.core.files import replacing
from teamkeel.core.i18n import _
from teamkeel.core.journey import charter, pdf
from teamkeel.core.journey.progress import journey_of
from teamkeel.core.journey.service import JourneyService
from teamkeel.core.storage.teamfile import TeamFile


def check_target(out: Path, suffixes: tuple[str, ...]) -> None:
    """Refuse a wrong file type or a missing folder before any work is done."""
    if out.suffix.lower() not in suffixes:
        raise KeelError(
            _("--out must end in {items} (got “{file}”).").format(
                items=" or ".join(suffixes), file=out.name
            )
        )
    if not out.parent.is_dir():
        raise KeelError(
            _("Cannot write {out}: there is no folder {parent}.").format(out=out, parent=out.parent)
        )


def export_journey(
    team: TeamFile, out: Path, today: dt.date | None = None, paper: str = "A4"
) -> None:
    check_target(out, (".pdf",))
    pdf.journey_pdf(out, JourneyService(team).team_name(), journey_of(team, today), paper)


def export_diagnosis(team: TeamFile, out: Path, paper: str = "A4") -> None:
    check_target(out, (".pdf",))
    service = JourneyService(team)
    placements = service.placements()
    pdf.diagnosis_pdf(
        out,
        service.team_name(),
        service.picture(),
        placements[-1] if placements else None,
        paper,
    )


def export_charter(team: TeamFile, out: Path, paper: str = "A4") -> None:
    check_target(out, (".pdf", ".md"))
    section = charter.build(team)
    if out.suffix.lower() == ".md":
        with replacing(out) as tmp:
            tmp.write_text(charter.markdown(section), encoding="utf-8")
    else:
        pdf.charter_pdf(out, section, paper)


def export_stories(
    team: TeamFile, out: Path, first: dt.date, last: dt.date, paper: str = "A4"
) -> int:
    check_target(out, (".pdf",))
    if last < first:
        raise KeelError(
            _("--to ({last}) is before --from ({first}).").format(last=last, first=first)
        )
    service = JourneyService(team)
    stories = service.stories(first, last)
    pdf.stories_pdf(out, service.team_name(), stories, first, last, paper)
    return len(stories)
