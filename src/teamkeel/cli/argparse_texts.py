"""The texts of Python's argparse that a user of ``teamkeel`` reads, marked for Keel's
catalogs: argparse looks them up through ``argparse._``, which
``teamkeel.cli.parser.base_parser`` points at Keel's translations. Never imported."""

from teamkeel.core.i18n import N_, ngettext

ARGPARSE_TEXTS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("%(prog)s: error: %(message)s\n"),
)
PLURALS = (ngettext("expected %s argument", "expected %s arguments", 1),)
