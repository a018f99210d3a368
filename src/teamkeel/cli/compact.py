"""``teamkeel export compact``: the print-ready compact PDF, headless."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from teamkeel.core.compact import CompactService
from teamkeel.core.errors import KeelError

if TYPE_CHECKING:
    from teamkeel.cli import CommandRegistry


def _page_size(text: str) -> str:
    size = text.strip().upper()
    if size not in ("A4", "LETTER"):
        raise argparse.ArgumentTypeError(f"unknown page size {text!r} (use A4 or Letter)")
    return size


def register(commands: CommandRegistry) -> None:
    exp = commands.export(
        "compact",
        "Write the Team Support Compact as a print-ready PDF "
        "(the latest ratified version, or the draft if none is ratified yet).",
    )
    commands.add_db_argument(exp)
    exp.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    exp.add_argument(
        "--version",
        type=int,
        default=None,
        metavar="N",
        help="print ratified version N instead of the latest",
    )
    exp.add_argument(
        "--page-size",
        type=_page_size,
        default="A4",
        metavar="A4|Letter",
        help="paper size (default: A4)",
    )
    exp.set_defaults(func=lambda a: _export(commands, a))


def _export(commands: CommandRegistry, args: argparse.Namespace) -> int:
    if args.out.is_dir():
        raise KeelError(f"{args.out} is a folder; give a file name for the PDF.")
    if not args.out.parent.exists():
        raise KeelError(f"The folder {args.out.parent} does not exist.")
    with commands.open_team(args) as team:
        service = CompactService(team)
        compact = service.for_print(args.version)
        pages = service.export_pdf(args.out, page_size=args.page_size, compact=compact)
    print(
        f"Wrote {compact.label.lower()} of the compact to {args.out} "
        f"({pages} page{'s' if pages != 1 else ''})."
    )
    return 0
