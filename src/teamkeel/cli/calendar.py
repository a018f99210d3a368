"""``teamkeel calendar list|rollout``, ``teamkeel export calendar`` and
``teamkeel export facilitation-cards``."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from teamkeel.cli.parser import date_argument
from teamkeel.core import i18n
from teamkeel.core.calendar import CalendarService, public_holidays
from teamkeel.core.calendar.listing import as_json, text_table
from teamkeel.core.calendar.rollout import monday_on_or_after
from teamkeel.core.dates import LAST_DAY
from teamkeel.core.errors import KeelError
from teamkeel.core.i18n import _, ngettext
from teamkeel.core.roster import RosterService

if TYPE_CHECKING:
    from teamkeel.cli.parser import CommandRegistry

# --week-start: a day as date.weekday() counts them (0 Monday ... 6 Sunday).
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _range(args: argparse.Namespace) -> tuple[dt.date, dt.date]:
    """--from/--to, defaulting to this month and the next two (a quarter)."""
    first = args.first or dt.date.today().replace(day=1)
    if args.last is not None:
        last = args.last
    else:
        month = first.month + 3
        year = first.year + (month - 1) // 12
        # Three months on from late 2200 is past the last day Keel works with.
        last = min(dt.date(year, (month - 1) % 12 + 1, 1) - dt.timedelta(days=1), LAST_DAY)
    if last < first:
        raise KeelError(_("--to is before --from."))
    return first, last


def _add_range(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="first", type=date_argument, metavar="DATE",
                        help=_("first day (default: the first of this month)"))  # fmt: skip
    parser.add_argument("--to", dest="last", type=date_argument, metavar="DATE",
                        help=_("last day, inclusive (default: three months on)"))  # fmt: skip


def register(commands: CommandRegistry) -> None:
    group_help = _("The ritual calendar.")
    lst = commands.group("calendar", group_help, "list", _("Print ritual occurrences in a range."))
    commands.add_db_argument(lst)
    _add_range(lst)
    lst.add_argument("--json", action="store_true", help=_("print JSON instead of a table"))
    lst.set_defaults(func=lambda a: _list(commands, a))

    plan = commands.group(
        "calendar", group_help, "rollout", _("Add the phased rollout plan from a start date.")
    )
    commands.add_db_argument(plan)
    plan.add_argument("--start", type=date_argument, required=True, metavar="DATE")
    plan.add_argument("--timezone", default=None, help=_("IANA name (default: the lead's zone)"))
    plan.add_argument(
        "--holidays",
        default=None,
        metavar="COUNTRY",
        help=_(
            "two-letter country whose public holidays the plan avoids, or 'none' (default: "
            "the team's choice, else the timezone's country); remembered"
        ),
    )
    plan.add_argument(
        "--no-reuse",
        action="store_true",
        help=_("add every ritual of the plan, even kinds the team already holds"),
    )
    plan.set_defaults(func=lambda a: _rollout(commands, a))

    exp = commands.export("calendar", _("Write the ritual calendar as ICS or PDF."))
    commands.add_db_argument(exp)
    exp.add_argument("--out", type=Path, required=True, metavar="FILE.ics|FILE.pdf")
    _add_range(exp)
    exp.add_argument("--view", choices=("month", "quarter"), default="month",
                     help=_("PDF layout: one page per month, or three months per page"))  # fmt: skip
    exp.add_argument("--week-start", choices=WEEKDAYS, default=None, metavar="DAY",
                     help=_("the first day of a week in the PDF's month grids, monday … "
                            "sunday (default: as your locale has it)"))  # fmt: skip
    exp.set_defaults(func=lambda a: _export(commands, a))

    cards = commands.export("facilitation-cards", _("Print one guide card per ritual kind in use."))
    commands.add_db_argument(cards)
    cards.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    cards.set_defaults(func=lambda a: _cards(commands, a))


def _list(commands: CommandRegistry, args: argparse.Namespace) -> int:
    first, last = _range(args)
    with commands.open_team(args) as team:
        occurrences = CalendarService(team).occurrences(first, last)
    if args.json:
        print(json.dumps([as_json(o) for o in occurrences], ensure_ascii=False, indent=2))
    elif occurrences:
        print(text_table(occurrences))
    else:
        print(_("No rituals between {first} and {last}.").format(first=first, last=last))
    return 0


def _rollout(commands: CommandRegistry, args: argparse.Namespace) -> int:
    with commands.open_team(args) as team:
        members = RosterService(team).list_members()
        zone = _timezone(args.timezone or (members[0].timezone if members else "UTC"))
        rotation = tuple(m.id for m in members if m.id is not None)
        service = CalendarService(team)
        country = None if args.holidays is None else _country(args.holidays)
        proposal = service.propose_rollout(
            args.start, zone, rotation, reuse=not args.no_reuse, country=country
        )
        # The program starts on the plan's first Monday (the Journey reads it).
        added = service.add_planned(proposal.rituals, monday_on_or_after(args.start))
        if country is not None:
            service.set_holiday_country(country)
        used = service.holiday_country(zone) if country is None else country
    if added:
        print(
            ngettext(
                "Added {count} ritual, starting {day}.",
                "Added {count} rituals, starting {day}.",
                len(added),
            ).format(count=len(added), day=f"{added[0].start:%Y-%m-%d}")
        )
    else:
        print(_("Added 0 rituals."))

    for line in proposal.describe():
        print(line)
    if used:
        print(
            _("Public holidays avoided: {country_name} ({used}).").format(
                country_name=public_holidays.country_name(used), used=used
            )
        )
    return 0


def _country(text: str) -> str:
    """A country code as typed ("de", "DE"); "none" for no public holidays."""
    code = text.strip().upper()
    if code in ("NONE", ""):
        return public_holidays.NO_COUNTRY
    if code not in dict(public_holidays.countries()):
        raise KeelError(
            _(
                "Keel has no public holidays for '{text}'; use a two-letter country code (e.g. "
                "DE, FR, JP) or 'none'."
            ).format(text=text)
        )
    return code


def _timezone(text: str) -> str:
    """An IANA zone name as typed; the case need not match ("asia/tokyo")."""
    name = text.strip()
    zones = available_timezones()
    if name in zones:
        return name
    same = [z for z in zones if z.casefold() == name.casefold()]
    if len(same) == 1:
        return same[0]
    try:
        ZoneInfo(name)
        return name
    except (ZoneInfoNotFoundError, ValueError):
        pass
    raise KeelError(
        _("Unknown timezone '{text}' (use an IANA name such as Europe/Berlin).").format(text=text)
    )


def _export(commands: CommandRegistry, args: argparse.Namespace) -> int:
    suffix = args.out.suffix.lower()
    if suffix not in (".ics", ".pdf"):
        raise KeelError(_("--out must end in .ics or .pdf."))
    with commands.open_team(args) as team:
        service = CalendarService(team)
        if suffix == ".ics":
            ranged = args.first is not None or args.last is not None
            first, last = _range(args) if ranged else (None, None)
            count = service.export_ics(args.out, first, last)
            print(_("Wrote {count} rituals to {out}").format(count=count, out=args.out))
        else:
            first, last = _range(args)
            first_weekday = (
                WEEKDAYS.index(args.week_start) if args.week_start else i18n.first_weekday()
            )
            count = service.export_pdf(
                args.out, first, last, view=args.view, first_weekday=first_weekday
            )
            print(
                _("Wrote {count} occurrences ({first} to {last}) to {out}").format(
                    count=count, first=first, last=last, out=args.out
                )
            )
    return 0


def _cards(commands: CommandRegistry, args: argparse.Namespace) -> int:
    if args.out.suffix.lower() != ".pdf":
        raise KeelError(_("--out must end in .pdf."))
    with commands.open_team(args) as team:
        kinds = CalendarService(team).export_cards(args.out)
    print(_("Wrote {count} facilitation cards to {out}").format(count=len(kinds), out=args.out))
    return 0
