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

import datetime as dt
import json
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from teamkeel import __version__
from teamkeel.core import document_check, import_undo
from teamkeel.core.dates import out_of_range
from teamkeel.core.errors import KeelError, Problem, ValidationError
from teamkeel.core.files import read_input_text, replacing
from teamkeel.core.i18n import _
from teamkeel.core.import_undo import Imported
from teamkeel.core.progress import Progress, Steps
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
    from teamkeel.core.goals import interchange as goals
    from teamkeel.core.insights import interchange as insights
    from teamkeel.core.journey import interchange as journey
    from teamkeel.core.roster import interchange as roster
    from teamkeel.core.rotations import interchange as rotations
    from teamkeel.core.standup import interchange as standup

    # Goals and the Journey last: they refer to rituals and stand-up entries.
    return [roster, compact, calendar, rotations, standup, insights, goals, journey]


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


# The demo's large team (60 members, years of history) is about 3 MB.
MAX_JSON_BYTES = 200 * 1024 * 1024
# Keel's own documents nest five levels deep; anything far deeper is not one of them.
MAX_DEPTH = 64
# Ids and counts fit in SQLite's 64-bit integers (19 digits).
MAX_INT_DIGITS = 19


def load_json(path: Path) -> dict[str, Any]:
    text = read_input_text(path, MAX_JSON_BYTES, _("Keel team document"))
    return parse_json(text, path.name)


def parse_json(text: str, name: str) -> Any:
    """The document in ``text``; anything that is not JSON, or is JSON no Keel wrote
    (brackets nested thousands deep, numbers of thousands of digits), is one line."""
    try:
        doc = json.loads(
            text,
            object_pairs_hook=document_check.refuse_duplicate_keys,
            parse_constant=document_check.refuse_constant,
            parse_int=_bounded_int,
        )
    except json.JSONDecodeError as exc:
        raise KeelError(
            _("{name} line {lineno}: not valid JSON ({msg}).").format(
                name=name, lineno=exc.lineno, msg=exc.msg
            )
        ) from exc
    except RecursionError:
        raise KeelError(
            _("{name}: not a Keel team document (nested too deeply).").format(name=name)
        ) from None
    except ValueError as exc:  # a key given twice, NaN or Infinity, a huge number
        raise KeelError(
            _("{name}: not a Keel team document ({exc}).").format(name=name, exc=exc)
        ) from None
    if _depth_exceeds(doc, MAX_DEPTH):
        raise KeelError(
            _("{name}: not a Keel team document (nested too deeply).").format(name=name)
        )
    return doc


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise ValueError(f"a number of {len(text)} digits, {text[:12]}…")
    return int(text)


def _depth_exceeds(doc: Any, limit: int) -> bool:
    """True when containers nest deeper than ``limit`` (a loop, not recursion)."""
    stack: list[tuple[Any, int]] = [(doc, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth >= limit:
                return True
            items = value.values() if isinstance(value, dict) else value
            stack.extend((item, depth + 1) for item in items)
    return False


# The keys under which sections keep dates and times (ISO text); checked against the
# range Keel works with before any section reads them.
DATE_KEYS = frozenset(
    ("date", "start", "end", "until", "skipped", "start_date", "signed_on", "next_review",
     "ratified_on", "resolved_on", "occurrence_date", "created_at")
)  # fmt: skip


def date_problems(doc: Any, where: str = "") -> list[Problem]:
    """Every date in the document outside the supported range, with its JSON path."""
    found: list[Problem] = []
    stack: list[tuple[str, Any]] = [(where, doc)]
    while stack:  # a loop, not recursion: nesting depth is the parser's concern
        path, value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                here = f"{path}.{key}" if path else str(key)
                if key in DATE_KEYS:
                    found.extend(_dates_out_of_range(here, item))
                stack.append((here, item))
        elif isinstance(value, list):
            stack.extend((f"{path}[{i}]", item) for i, item in enumerate(value))
    return sorted(found, key=lambda p: p.where)


def _dates_out_of_range(path: str, value: Any) -> list[Problem]:
    texts = [(path, value)] if isinstance(value, str) else []
    if isinstance(value, list):
        texts = [(f"{path}[{i}]", v) for i, v in enumerate(value) if isinstance(v, str)]
    found = []
    for where, text in texts:
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            continue  # not a date at all: the section says so in its own words
        message = out_of_range(moment.date())
        if message:
            found.append(Problem(where, message))
    return found


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


def import_document(team: TeamFile, doc: Any, progress: Progress | None = None) -> Imported:
    """Fill an empty team file from a document; all or nothing. Returns what it takes to
    empty the file again (``import_undo.take_back``). ``progress`` hears of the check
    and of each section stored, and may cancel before anything is written."""
    steps = Steps(progress, 2 + len(section_modules()))
    steps.start()
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ValidationError([Problem("format", _("this is not a Keel team document"))])
    version = doc.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise ValidationError(
            [
                Problem(
                    "format_version",
                    _("version {version!r} is newer than this Keel reads").format(version=version),
                )
            ]
        )
    # Dates in the range Keel works with; types, ranges and lengths: before any write.
    wrong_dates = date_problems(doc)
    if wrong_dates:
        raise ValidationError(wrong_dates)
    steps.advance()
    document_check.check_document(doc)
    steps.advance()
    with team.session() as s:
        filled = filled_tables(s)
        if filled:
            raise KeelError(
                _("Import needs an empty team file; this one already holds data ({items}).").format(
                    items=", ".join(filled)
                )
            )
        before = import_undo.own_rows(s)
        name = (doc.get("team") or {}).get("name", "") if isinstance(doc.get("team"), dict) else ""
        if has_controls(str(name)):
            raise ValidationError(
                [Problem("team.name", _("a name cannot hold control characters"))]
            )
        row = s.scalars(select(TeamRow).limit(1)).first()
        if row is None:
            s.add(TeamRow(name=str(name)))
        else:
            row.name = str(name)
        id_maps: dict[str, dict[int, int]] = {}
        for module in section_modules():
            steps.advance()
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
                    [
                        Problem(
                            module.SECTION, _("inconsistent data ({detail})").format(detail=detail)
                        )
                    ]
                ) from exc
        return Imported(before, import_undo.row_counts(s))
