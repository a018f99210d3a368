"""The compact on the command line.

- ``teamkeel export compact``: the print-ready PDF;
- ``teamkeel compact history``: every ratified version, with dates and signatories;
- ``teamkeel compact diff A B``: what changed between two versions (or the draft).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from teamkeel.core.compact import CompactService, diff
from teamkeel.core.compact.document import Compact
from teamkeel.core.errors import KeelError
from teamkeel.core.i18n import _, ngettext

if TYPE_CHECKING:
    from teamkeel.cli.parser import CommandRegistry


def _page_size(text: str) -> str:
    size = text.strip().upper()
    if size not in ("A4", "LETTER"):
        raise argparse.ArgumentTypeError(
            _("unknown page size “{text}” (use A4 or Letter)").format(text=text)
        )
    return size


def register(commands: CommandRegistry) -> None:
    exp = commands.export(
        "compact",
        _(
            "Write the Team Support Compact as a print-ready PDF (the latest ratified "
            "version, or the draft if none is ratified yet)."
        ),
    )
    commands.add_db_argument(exp)
    exp.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    exp.add_argument(
        "--version",
        type=int,
        default=None,
        metavar="N",
        help=_("print ratified version N instead of the latest"),
    )
    exp.add_argument(
        "--page-size",
        type=_page_size,
        default="A4",
        metavar="A4|Letter",
        help=_("paper size (default: A4)"),
    )
    exp.set_defaults(func=lambda a: _export(commands, a))

    group_help = _("Look at the compact's ratified versions and how they changed.")
    history = commands.group("compact", group_help, "history", _("List every ratified version."))
    commands.add_db_argument(history)
    history.set_defaults(func=lambda a: _history(commands, a))

    changes = commands.group(
        "compact", group_help, "diff", _("Show what changed between two versions.")
    )
    commands.add_db_argument(changes)
    changes.add_argument("old", metavar="OLD", help=_("a version number, or 'draft'"))
    changes.add_argument("new", metavar="NEW", help=_("a version number, or 'draft'"))
    changes.set_defaults(func=lambda a: _diff(commands, a))


def _export(commands: CommandRegistry, args: argparse.Namespace) -> int:
    if args.out.suffix.lower() != ".pdf":
        raise KeelError(_("--out must end in .pdf."))
    if args.out.is_dir():
        raise KeelError(_("{out} is a folder; give a file name for the PDF.").format(out=args.out))
    if not args.out.parent.exists():
        raise KeelError(_("The folder {parent} does not exist.").format(parent=args.out.parent))
    with commands.open_team(args) as team:
        service = CompactService(team)
        compact = service.for_print(args.version)
        pages = service.export_pdf(args.out, page_size=args.page_size, compact=compact)
    if compact.number is None:
        text = ngettext(
            "Wrote draft of the compact to {out} ({count} page).",
            "Wrote draft of the compact to {out} ({count} pages).",
            pages,
        )
    else:
        text = ngettext(
            "Wrote version {number} of the compact to {out} ({count} page).",
            "Wrote version {number} of the compact to {out} ({count} pages).",
            pages,
        )
    print(text.format(number=compact.number, out=args.out, count=pages))

    return 0


def _history(commands: CommandRegistry, args: argparse.Namespace) -> int:
    with commands.open_team(args) as team:
        service = CompactService(team)
        versions = service.versions()
        draft = service.draft()
        status = service.review_status()
    if not versions:
        print(
            _("No ratified version yet. A draft is in progress.")
            if draft
            else _("No ratified version yet.")
        )
        return 0
    for v in versions:
        names = ", ".join(s.name for s in v.signatures) or "nobody"
        print(
            _(
                "Version {number}  ratified {ratified_on}  {count} commitments  signed by {names}"
            ).format(
                number=v.number, ratified_on=v.ratified_on, count=len(v.commitments), names=names
            )
        )
    print(status.message)
    return 0


def _pick(service: CompactService, text: str) -> Compact:
    if text.strip().lower() == "draft":
        draft = service.draft()
        if draft is None:
            raise KeelError(_("There is no draft of the compact."))
        return draft
    try:
        number = int(text)
    except ValueError:
        raise KeelError(
            _("{text!r} is neither a version number nor 'draft'.").format(text=text)
        ) from None
    return service.version(number)


def _diff(commands: CommandRegistry, args: argparse.Namespace) -> int:
    with commands.open_team(args) as team:
        service = CompactService(team)
        old, new = _pick(service, args.old), _pick(service, args.new)
    print(f"{old.label} → {new.label}")
    for line in diff(old, new).summary():
        print(f"  {line}")
    return 0
