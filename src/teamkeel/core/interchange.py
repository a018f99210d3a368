"""The JSON document: a complete, lossless copy of a team file.

Layout (documented in ``resources/schema/keel-team.schema.json``)::

    {"format": "keel-team", "format_version": 1, "keel_version": "...",
     "team": {"name": "..."}, "roster": [...], "<feature>": ...}

Each feature contributes its own section through ``teamkeel.core.<feature>.interchange``
(``SECTION``, ``export_section(session)``, ``import_section(session, data, id_maps)``).
Import runs in one transaction: a document with any problem writes nothing.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from teamkeel import __version__
from teamkeel.core.dates import out_of_range
from teamkeel.core.errors import KeelError, Problem, ValidationError
from teamkeel.core.files import read_input_text, replacing
from teamkeel.core.roster.models import MemberRow, TeamRow
from teamkeel.core.storage.teamfile import TeamFile
from teamkeel.features import FEATURES

FORMAT = "keel-team"
FORMAT_VERSION = 1


def section_modules() -> list[ModuleType]:
    modules = []
    for feature in FEATURES:
        name = f"teamkeel.core.{feature}.interchange"
        try:
            spec = importlib.util.find_spec(name)
        except ModuleNotFoundError:
            spec = None
        if spec is not None:
            modules.append(importlib.import_module(name))
    return modules


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
    with replacing(out) as tmp:
        tmp.write_text(text, encoding="utf-8")


# The demo's large team (60 members, years of history) is about 3 MB.
MAX_JSON_BYTES = 200 * 1024 * 1024
# Keel's own documents nest five levels deep; anything far deeper is not one of them.
MAX_DEPTH = 64
# Ids and counts fit in SQLite's 64-bit integers (19 digits).
MAX_INT_DIGITS = 19


def load_json(path: Path) -> dict[str, Any]:
    text = read_input_text(path, MAX_JSON_BYTES, "Keel team document")
    return parse_json(text, path.name)


def parse_json(text: str, name: str) -> Any:
    """The document in ``text``; anything that is not JSON, or is JSON no Keel wrote
    (brackets nested thousands deep, numbers of thousands of digits), is one line."""
    try:
        doc = json.loads(text, parse_int=_bounded_int)
    except json.JSONDecodeError as exc:
        raise KeelError(f"{name} line {exc.lineno}: not valid JSON ({exc.msg}).") from exc
    except RecursionError:
        raise KeelError(f"{name}: not a Keel team document (nested too deeply).") from None
    except ValueError as exc:  # _bounded_int, or a number Python will not convert
        raise KeelError(f"{name}: not a Keel team document ({exc}).") from None
    if _depth_exceeds(doc, MAX_DEPTH):
        raise KeelError(f"{name}: not a Keel team document (nested too deeply).")
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


def import_document(team: TeamFile, doc: Any) -> None:
    """Fill an empty team file from a document; all or nothing."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ValidationError([Problem("format", "this is not a Keel team document")])
    version = doc.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise ValidationError(
            [Problem("format_version", f"version {version!r} is newer than this Keel reads")]
        )
    wrong_dates = date_problems(doc)
    if wrong_dates:
        raise ValidationError(wrong_dates)
    with team.session() as s:
        if s.scalar(select(func.count()).select_from(MemberRow)):
            raise KeelError("Import needs an empty team file; this one already has members.")
        name = (doc.get("team") or {}).get("name", "") if isinstance(doc.get("team"), dict) else ""
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
