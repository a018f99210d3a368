"""Keeping the translation catalogs in step with the sources (a tool, never run by Keel).

    python -m teamkeel.core.i18n_catalogs update      # extract, merge into every .po, compile
    python -m teamkeel.core.i18n_catalogs init fr     # start a new language
    python -m teamkeel.core.i18n_catalogs compile     # .po -> .mo only
    python -m teamkeel.core.i18n_catalogs missing de  # list texts still untranslated

Texts are found by Babel in every ``_()``, ``N_()``, ``ngettext()`` and ``pgettext()``
call under ``src/teamkeel``. No ``.pot`` file is kept: the template is extracted afresh
each time (and by ``tests/test_i18n.py``), so it can never be out of date.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from teamkeel.core.i18n import DOMAIN, locale_dir

KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
PACKAGE = Path(__file__).resolve().parent.parent  # src/teamkeel
PO_WIDTH = 96


def extract() -> Catalog:
    """Every marked text in Keel's sources, with where it is used."""
    template = Catalog(project="Keel", domain=DOMAIN, fuzzy=False)
    found = extract_from_dir(
        str(PACKAGE),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        where = (f"teamkeel/{filename}", lineno)
        template.add(message, None, [where], auto_comments=comments, context=context)
    return template


def po_path(language: str) -> Path:
    return locale_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages() -> list[str]:
    return sorted(p.parent.parent.name for p in locale_dir().glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def read_catalog(language: str) -> Catalog:
    with po_path(language).open("rb") as f:
        return read_po(f, locale=language, domain=DOMAIN)


def write_catalog(catalog: Catalog, language: str) -> None:
    out = io.BytesIO()
    write_po(out, catalog, width=PO_WIDTH, ignore_obsolete=True, sort_by_file=True)
    po_path(language).write_bytes(out.getvalue())


def compiled(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def compile_all() -> None:
    for language in languages():
        path = po_path(language)
        path.with_suffix(".mo").write_bytes(compiled(read_catalog(language)))


def update() -> None:
    """Merge the sources' texts into every catalog (new ones empty, changed ones fuzzy,
    gone ones dropped), then compile."""
    template = extract()
    for language in languages():
        catalog = read_catalog(language)
        # The catalog keeps its own creation date: an update changes only its texts.
        catalog.update(template, update_creation_date=False)
        write_catalog(catalog, language)
    compile_all()


def init(language: str) -> None:
    path = po_path(language)
    if path.exists():
        raise SystemExit(f"{path} exists already; run 'update'")
    path.parent.mkdir(parents=True, exist_ok=True)
    template = extract()
    catalog = Catalog(
        locale=language,
        domain=DOMAIN,
        project="Keel",
        copyright_holder="The Keel developers",
        msgid_bugs_address="",
        fuzzy=False,
    )
    catalog.update(template)
    write_catalog(catalog, language)
    compile_all()


def untranslated(template: Catalog, catalog: Catalog) -> Iterator[Message]:
    """The template's texts that ``catalog`` does not translate (or only as fuzzy)."""
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id, message.context)
        string = None if found is None else found.string
        strings = list(string) if isinstance(string, (tuple, list)) else [string]

        if found is None or found.fuzzy or not all(strings):
            yield message


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "update"
    if command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "init" and len(argv) == 2:
        init(argv[1])
    elif command == "missing" and len(argv) == 2:
        for message in untranslated(extract(), read_catalog(argv[1])):
            where = ", ".join(f"{f}:{n}" for f, n in message.locations[:1])
            print(f"{where}: {message.id!r}")
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
