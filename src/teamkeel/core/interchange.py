"""The JSON document: a complete, lossless copy of a team file.

Layout (documented in ``resources/schema/keel-team.schema.json``)::

    {"format": "keel-team", "format_version": 1, "keel_version": "...",
     "team": {"name": "..."}, "roster": [...], "<feature>": ...}

Each feature contributes its own section through ``teamkeel.core.<feature>.interchange``
(``SECTION``, ``export_section(session)``, ``import_section(session, data, id_maps)``),
listed in ``section_modules``.
Import runs in one transaction: a document with any problem writes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from teamkeel import __version__
from teamkeel.core import document_check
from teamkeel.core.errors import KeelError, Problem, ValidationError
from teamkeel.core.files import replacing
from teamkeel.core.roster.models import TeamRow
from teamkeel.core.storage.teamfile import TeamFile
from teamkeel.core.text import has_controls

FORMAT = "keel-team"
FORMAT_VERSION = 1


class Section(Protocol):
    """What a feature's ``interchange`` module offers: its key in the document, and
    how to write and read that part."""

    SECTION: str

    def export_section(self, s: Session) -> Any: ...

    def import_section(self, s: Session, data: Any, id_maps: dict[str, dict[int, int]]) -> None: ...


def section_modules() -> list[Section]:
    """Every feature's part of the document, in the order it is written and read."""
    from teamkeel.core.calendar import interchange as calendar
    from teamkeel.core.compact import interchange as compact
    from teamkeel.core.insights import interchange as insights
    from teamkeel.core.roster import interchange as roster
    from teamkeel.core.rotations import interchange as rotations
    from teamkeel.core.standup import interchange as standup

    return [roster, compact, calendar, rotations, standup, insights]


def export_document(team: TeamFile) -> dict[str, Any]:
    with team.session() as s:
        row = s.scalars(select(TeamRow).limit(1)).first()
        doc: dict[str, Any] = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "keel_version": __version__,
            "team": {"name": row.name if row else ""},
        }
        for module in section_modules():
            doc[module.SECTION] = module.export_section(s)
    return doc


def dumps(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def export_json(team: TeamFile, out: Path) -> None:
    text = dumps(export_document(team))
    # The whole team, private notes included: as private as the team file itself.
    with replacing(out, private=True) as tmp:
        tmp.write_text(text, encoding="utf-8")


def load_json(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise KeelError(f"{path.name} is not UTF-8 text.") from exc
    except OSError as exc:
        raise KeelError(f"Cannot read {path}: {exc.strerror}.") from exc
    try:
        doc = json.loads(
            text,
            object_pairs_hook=document_check.refuse_duplicate_keys,
            parse_constant=document_check.refuse_constant,
        )
    except json.JSONDecodeError as exc:
        raise KeelError(f"{path.name} line {exc.lineno}: not valid JSON ({exc.msg}).") from exc
    except ValueError as exc:  # a key given twice, NaN or Infinity
        raise KeelError(f"{path.name}: {exc}.") from exc
    return doc


# Tables an import fills in place rather than adds to: the schema version, the team's
# name and its settings. Rows in any other table make a file "not empty".
BOOKKEEPING = frozenset({"alembic_version", "team", "setting"})


def filled_tables(s: Session) -> list[str]:
    """Every table of the file, beyond bookkeeping, that holds a row (any feature,
    including ones this build does not know)."""
    conn = s.connection()
    names = conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).scalars()
    return [
        name
        for name in sorted(set(names) - BOOKKEEPING)
        if conn.exec_driver_sql(f'SELECT EXISTS (SELECT 1 FROM "{name}")').scalar()
    ]


def import_document(team: TeamFile, doc: Any) -> None:
    """Fill an empty team file from a document; all or nothing."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ValidationError([Problem("format", "this is not a Keel team document")])
    version = doc.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise ValidationError(
            [Problem("format_version", f"version {version!r} is newer than this Keel reads")]
        )
    # Types, ranges and lengths, before anything is written.
    document_check.check_document(doc)
    with team.session() as s:
        filled = filled_tables(s)
        if filled:
            raise KeelError(
                "Import needs an empty team file; this one already holds data "
                f"({', '.join(filled)})."
            )
        name = (doc.get("team") or {}).get("name", "") if isinstance(doc.get("team"), dict) else ""
        if has_controls(str(name)):
            raise ValidationError([Problem("team.name", "a name cannot hold control characters")])
        row = s.scalars(select(TeamRow).limit(1)).first()
        if row is None:
            s.add(TeamRow(name=str(name)))
        else:
            row.name = str(name)
        id_maps: dict[str, dict[int, int]] = {}
        for module in section_modules():
            if module.SECTION not in doc:
                continue
            try:
                module.import_section(s, doc[module.SECTION], id_maps)
                s.flush()
            except KeelError:
                raise
            except (
                IntegrityError,
                TypeError,
                ValueError,
                KeyError,
                AttributeError,
                OverflowError,
            ) as exc:
                # A section that does not fit together (a duplicate key, a wrong type, a
                # reference to nothing): name the section rather than show a traceback.
                detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                raise ValidationError(
                    [Problem(module.SECTION, f"inconsistent data ({detail})")]
                ) from exc
