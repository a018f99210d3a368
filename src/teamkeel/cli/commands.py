"""Every subcommand of ``teamkeel``: each feature's ``register``, in the order
``teamkeel --help`` lists them."""

from __future__ import annotations

import argparse

from teamkeel.cli.parser import CommandRegistry, base_parser


def build_parser(with_commands: bool = True) -> argparse.ArgumentParser:
    parser = base_parser()
    if not with_commands:
        return parser
    # Imported here: ``--version`` needs none of them (they import every service).
    from teamkeel.cli import (
        calendar,
        compact,
        general,
        goals,
        insights,
        journey,
        roster,
        rotations,
        safety,
        standup,
    )

    registry = CommandRegistry(parser.add_subparsers(dest="command", metavar="COMMAND"))
    features = (
        general, roster, compact, calendar, rotations, standup, insights, goals, safety, journey
    )  # fmt: skip
    for feature in features:
        feature.register(registry)
    return parser
