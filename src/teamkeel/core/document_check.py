"""Checking a JSON team document before anything is written: against the schema Keel
ships (``resources/schema/keel-team.schema.json``, with the ``jsonschema`` library),
then for what a schema cannot say (two items with one id).

Without this, Python's loose conversions took hostile values for something else:
``"archived": "false"`` archived a member, ``"skills": "python"`` made six one-letter
skills, ``"name": ["x"]`` became the text ``['x']``. Each problem names its place in
the document (``roster[3].archived``). The validators are imported here only, when a
document is imported: they cost start-up time nothing else needs.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from teamkeel.core.errors import Problem, ValidationError
from teamkeel.core.i18n import N_, _

if TYPE_CHECKING:
    from jsonschema import ValidationError as SchemaError
    from jsonschema.protocols import Validator

MAX_LISTED = 20  # a document wrong throughout would otherwise list thousands
# Sections whose items carry an ``id`` other sections refer to.
ID_SECTIONS = ("roster", "calendar", "standup")


def check_document(doc: Any) -> None:
    """Raise ``ValidationError`` listing (up to ``MAX_LISTED``) problems with ``doc``."""
    found = [] if _passes_quickly(doc) else list(_schema_problems(doc))
    if not found:
        found = list(_duplicate_ids(doc))
    if found:
        listed = found[:MAX_LISTED]
        if len(found) > MAX_LISTED:
            listed.append(
                Problem(
                    "", _("… and {number} more problems").format(number=len(found) - MAX_LISTED)
                )
            )
        raise ValidationError(listed)


@cache
def _schema() -> dict[str, Any]:
    from teamkeel.resources import path

    schema: dict[str, Any] = json.loads(
        path("schema/keel-team.schema.json").read_text(encoding="utf-8")
    )
    return schema


@cache
def _fast_check() -> Callable[[Any], Any]:
    import fastjsonschema

    return fastjsonschema.compile(_schema())


def _passes_quickly(doc: Any) -> bool:
    """True if the compiled validator finds nothing wrong. ``jsonschema`` walks a
    document about 25 times slower (10 s for a team with years of stand-up entries),
    so it runs only when something is wrong, to list every problem in words. Where the
    two differ on a corner (``fastjsonschema`` checks a date's form, not that it
    exists), the sections' own checks on import still refuse the value."""
    import fastjsonschema

    try:
        _fast_check()(doc)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


@cache
def _validator() -> Validator:
    from jsonschema import Draft202012Validator

    checks = Draft202012Validator.FORMAT_CHECKER
    return Draft202012Validator(_schema(), format_checker=checks)


def _schema_problems(doc: Any) -> Iterator[Problem]:
    errors = sorted(_validator().iter_errors(doc), key=lambda e: [str(p) for p in e.absolute_path])
    for error in errors:
        yield Problem(where(error.absolute_path), _message(error))


def where(parts: Any) -> str:
    """``roster[3].archived`` for the path ``["roster", 3, "archived"]``."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "document"


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value[:40]}{'…' if len(value) > 40 else ''}'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("an object")
    return str(value)


FORMAT_EXAMPLES = {"date": "2026-03-02", "date-time": "2026-03-02T09:30:00"}
_TYPE_NAMES = {
    "string": N_("a text"),
    "integer": N_("a whole number"),
    "number": N_("a number"),
    "boolean": N_("true or false"),
    "array": N_("a list"),
    "object": N_("an object"),
    "null": "null",
}


def _message(error: SchemaError) -> str:
    """What is wrong, in words (jsonschema's own message as the fallback)."""
    kind, limit, value = error.validator, error.validator_value, error.instance
    if kind == "type":
        types = [limit] if isinstance(limit, str) else list(limit)
        names = [_(_TYPE_NAMES[t]) if t in _TYPE_NAMES else t for t in types]
        return _("expected {types}, not {value}").format(
            types=_(" or ").join(names), value=_shown(value)
        )
    if kind == "maxLength":
        return _("at most {limit} characters, not {length}").format(limit=limit, length=len(value))
    if kind == "minLength":
        return _("must not be empty")
    if kind == "minimum":
        return _("{value} is below the smallest allowed, {limit}").format(value=value, limit=limit)
    if kind == "maximum":
        return _("{value} is above the largest allowed, {limit}").format(value=value, limit=limit)
    if kind == "required":
        missing = error.message.removesuffix(" is a required property")
        return _("{name} is missing").format(name=missing)
    if kind in ("enum", "const"):
        allowed = limit if kind == "enum" else [limit]
        return _("{value} is not one of: {allowed}").format(
            value=_shown(value), allowed=_(" or ").join(f"“{a}”" for a in allowed)
        )
    if kind == "format":
        example = FORMAT_EXAMPLES.get(limit)
        if example:
            return _("{value} is not a {format} like {example}").format(
                value=_shown(value), format=limit, example=example
            )
        return _("{value} is not a {format}").format(value=_shown(value), format=limit)
    if kind == "pattern":
        return (
            f"{_shown(value)} {error.schema.get('x-keel-pattern', 'is not in the expected form')}"
        )
    if kind == "minItems":
        return _("needs at least {limit} items").format(limit=limit)
    if kind == "maxItems":
        return _("needs at most {limit} items").format(limit=limit)
    return error.message


def _duplicate_ids(doc: Any) -> Iterator[Problem]:
    for section in ID_SECTIONS:
        items = doc.get(section) if isinstance(doc, dict) else None
        if not isinstance(items, list):
            continue
        first_seen: dict[int, int] = {}
        for index, item in enumerate(items):
            item_id = item.get("id") if isinstance(item, dict) else None
            if item_id is None:
                continue
            if item_id in first_seen:
                yield Problem(
                    f"{section}[{index}].id",
                    _("the id {item_id} is already used by {section}[{first_seen}]").format(
                        item_id=item_id, section=section, first_seen=first_seen[item_id]
                    ),
                )
            else:
                first_seen[item_id] = index


# -- reading the text ------------------------------------------------------------------
def refuse_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``object_pairs_hook`` for ``json.loads``: a key given twice in one object is
    refused (otherwise the last one would silently win)."""
    obj: dict[str, Any] = {}
    for key, value in pairs:
        if key in obj:
            raise ValueError(_("the key “{key}” appears twice in one object").format(key=key))
        obj[key] = value
    return obj


def refuse_constant(name: str) -> Any:
    """``parse_constant`` for ``json.loads``: NaN and Infinity are not JSON, and a
    document holding them could not be exported again."""
    raise ValueError(_("{name} is not a number JSON allows").format(name=name))
