"""Imports fed garbage: roster CSV, team JSON and survey CSV.

Every input either imports correctly (and leaves a file that passes every check) or is
refused with a ``KeelError`` — never another exception — and a refused import writes
nothing. Inputs come from hypothesis and from thousands of mutations of real exports.
"""

from __future__ import annotations

import contextlib
import copy
import csv
import datetime as dt
import hashlib
import io
import json
import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from teamkeel.core import interchange
from teamkeel.core.errors import KeelError
from teamkeel.core.insights.service import InsightsService
from teamkeel.core.insights.survey import parse_csv as parse_survey_csv
from teamkeel.core.roster import Member, RosterService
from teamkeel.core.roster.csvio import (
    HEADERS,
    MAX_BYTES,
    decode,
    import_roster_csv,
    parse_roster_csv,
    roster_to_csv,
)
from teamkeel.core.safety.check import check_file
from teamkeel.core.storage.copy import snapshot
from teamkeel.core.storage.teamfile import TeamFile

CSV_MUTANTS = 1500
JSON_MUTANTS = 600
SURVEY_MUTANTS = 500
FAST = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))


# -- what "nothing was written" means ------------------------------------------------
def digest(path: Path, rows_only: bool = False) -> str:
    """A hash of every row of every table (read-only, beside any open connection);
    ``rows_only`` leaves out the data version, which counts every change made (see
    teamkeel.core.storage.data_version), so that a change undone compares equal."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        h = hashlib.sha256()
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        for table in tables:
            h.update(table.encode())
            skip = " WHERE key != 'data.version'" if rows_only and table == "setting" else ""
            for row in conn.execute(f'SELECT * FROM "{table}"{skip} ORDER BY rowid'):
                h.update(repr(row).encode())
        return h.hexdigest()
    finally:
        conn.close()


# -- crashes that are not KeelError ------------------------------------------------
# Input that makes an import raise something other than KeelError is a bug in that
# feature's import (the user sees a traceback instead of a message), even though the
# transaction is rolled back and nothing is written (asserted for every case). Known
# ones, reported to their owners, are listed here by where they are raised; any other
# fails the test.
# Places where a mutated input once escaped as a traceback instead of a clear refusal;
# all are fixed (the survey CSV reader, and import_document's net for sections that do
# not fit together), so any crash site now fails these tests.
KNOWN_CRASH_SITES: set[str] = set()


def crash_site(exc: BaseException) -> str:
    """``module:function ExceptionType`` of the innermost Keel frame that raised."""
    tb = exc.__traceback__
    where = "?"
    while tb is not None:
        code = tb.tb_frame.f_code
        if "/teamkeel/" in code.co_filename:
            where = f"{code.co_filename.split('/teamkeel/')[-1]}:{code.co_name}"
        tb = tb.tb_next
    return f"{where} {type(exc).__name__}"


# -- mutations -----------------------------------------------------------------------
WEIRD_CELLS = [
    "",
    " ",
    '"',
    '""',
    ";",
    ",",
    "\t",
    "\r",
    "\n",
    "\x00",
    "\ufeff",
    "2026-02-30",
    "25:00-26:00",
    "09:00-09:00",
    "Mars/Olympus",
    "not@an@email",
    "x" * 500,
    "-1",
    "yes",
    "maybe",
    "2026-01-09..2026-01-05",
    "١٢٣",
    "🙂‍↔️",
    "ana@example.org",
    "Ana Sousa",
]


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if not b:
            b.extend(rng.randbytes(rng.randint(1, 20)))
            continue
        i = rng.randrange(len(b))
        op = rng.randrange(11)
        if op == 0:
            b[i] = rng.randrange(256)
        elif op == 1:
            b[i:i] = rng.randbytes(rng.randint(1, 16))
        elif op == 2:
            del b[i : i + rng.randint(1, 64)]
        elif op == 3:
            j = rng.randrange(len(b))
            b[i:i] = b[min(i, j) : max(i, j)][:512]
        elif op == 4:
            del b[i:]
        elif op == 5:
            lines = bytes(b).split(b"\n")
            rng.shuffle(lines)
            b = bytearray(b"\n".join(lines))
        elif op == 6:
            lines = bytes(b).split(b"\n")
            k = rng.randrange(len(lines))
            lines.insert(k, lines[rng.randrange(len(lines))])
            b = bytearray(b"\n".join(lines))
        elif op == 7:
            old, new = rng.sample([b",", b";", b"\t", b'"', b"\n", b"\r\n", b".."], 2)
            b = bytearray(bytes(b).replace(old, new, rng.randint(1, 5)))
        elif op == 8:
            cell = rng.choice(WEIRD_CELLS).encode("utf-8")
            end = b.find(b",", i)
            b[i : end if end > i else i] = cell
        elif op == 9:
            b[i:i] = rng.choice([b"\xef\xbb\xbf", b"\x00", b"\xff\xfe", b"\xc3", b"\r"])
        else:
            b = (
                b.upper()
                if rng.random() < 0.5
                else bytearray(bytes(b).replace(b"Name", b"Full name"))
            )
    return bytes(b)


def paths_in(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from paths_in(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from paths_in(v, (*prefix, i))


WEIRD_VALUES: list[Any] = [
    None,
    "",
    "x",
    -1,
    0,
    10**20,
    1.5,
    True,
    [],
    {},
    [None],
    {"a": 1},
    "2026-13-45",
    "25:61",
    "9999-12-31",
    "0001-01-01",
    "x" * 300,
    "Ana Sousa",
    "Mars/Olympus",
    [1, 1],
    "🙂",
    "\u202eevil",
    999999,
    "kudos",
    "blocker",
]


def mutate_doc(doc: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    all_paths = [p for p in paths_in(doc) if p and p[0] not in ("format", "format_version")]
    for _ in range(rng.randint(1, 3)):
        path = rng.choice(all_paths)
        parent: Any = doc
        try:
            for key in path[:-1]:
                parent = parent[key]
            key = path[-1]
            op = rng.randrange(4)
            if op == 0:
                parent[key] = copy.deepcopy(rng.choice(WEIRD_VALUES))
            elif op == 1:
                del parent[key]
            elif op == 2 and isinstance(parent, list):
                parent.insert(key, copy.deepcopy(parent[key]))  # duplicate (same id twice)
            else:
                parent[key] = copy.deepcopy(
                    parent[
                        rng.choice(
                            list(parent.keys()) if isinstance(parent, dict) else range(len(parent))
                        )
                    ]
                )
        except (KeyError, IndexError, TypeError):
            continue
    return doc


# -- fixtures ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def seed_roster(tmp_path_factory: pytest.TempPathFactory) -> list[Any]:
    from teamkeel.core.demo import create_demo

    path = tmp_path_factory.mktemp("seed") / "seed.keel"
    with create_demo(path, "small") as team:
        return RosterService(team).list_members(include_archived=True)


@pytest.fixture(scope="module")
def seed_doc(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A real export, trimmed so thousands of imports stay quick."""
    from teamkeel.core.demo import create_demo

    path = tmp_path_factory.mktemp("seed") / "doc.keel"
    with create_demo(path, "small") as team:
        doc = interchange.export_document(team)
    doc["standup"] = doc["standup"][:25]
    kept = {entry["id"] for entry in doc["standup"]}
    for story in doc.get("journey", {}).get("stories", []):
        if story["entry"] not in kept:
            story["entry"] = None  # its stand-up entry was trimmed away
    if "goals" in doc:  # a chosen buddy belongs to a blocker that must be in the document
        doc["goals"]["buddies"] = [b for b in doc["goals"]["buddies"] if b["blocker"] in kept]
    for rotation in doc.get("rotations", []):
        rotation["rounds"] = rotation["rounds"][:3]
    return doc


def seed_csvs(members: list[Any]) -> list[bytes]:
    text = roster_to_csv(members)
    semicolons = text.replace(",", ";")
    rows = list(csv.reader(io.StringIO(text)))
    split = io.StringIO()
    w = csv.writer(split, delimiter="\t")
    w.writerow(["First name", "Last name", "E-mail", "Job title", "TZ", "Hours", "Joined"])
    for r in rows[1:]:
        first, _, last = r[0].partition(" ")
        w.writerow([first, last, r[2], r[1], r[3], r[4], r[7]])
    return [text.encode("utf-8-sig"), semicolons.encode("utf-8"), split.getvalue().encode("utf-8")]


# -- roster CSV ----------------------------------------------------------------------
@FAST
@given(st.text(max_size=400))
def test_any_text_parses_or_is_refused(text: str) -> None:
    try:
        result = parse_roster_csv(text, default_timezone="UTC")
    except KeelError:
        return
    assert result.members and all(m.name.strip() for m in result.members)


header_cells = st.sampled_from([h for names in HEADERS.values() for h in names] + ["Other", ""])
cell_text = st.one_of(st.sampled_from(WEIRD_CELLS), st.text(max_size=30))


@FAST
@given(
    st.lists(header_cells, min_size=1, max_size=8),
    st.lists(st.lists(cell_text, max_size=9), max_size=6),
    st.sampled_from([",", ";", "\t"]),
)
def test_structured_rosters_parse_or_are_refused(
    header: list[str], rows: list[list[str]], delimiter: str
) -> None:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    try:
        result = parse_roster_csv(out.getvalue(), default_timezone="UTC")
    except KeelError:
        return
    names = [m.name.casefold() for m in result.members if not m.email]
    assert len(names) == len(set(names))  # duplicates are refused, never stored twice


@FAST
@given(st.binary(max_size=300))
def test_any_bytes_decode_or_are_refused(raw: bytes) -> None:
    with contextlib.suppress(KeelError):
        decode(raw, "roster.csv")


def test_mutated_roster_csvs_import_whole_or_not_at_all(
    team: TeamFile, seed_roster: list[Any], tmp_path: Path
) -> None:
    rng = random.Random(81)
    crashes: dict[str, str] = {}
    seeds = seed_csvs(seed_roster)
    source = tmp_path / "roster.csv"
    imported = refused = 0
    demo_path = team.path
    if True:  # the team file is open, as in the window
        roster = RosterService(team)
        roster.add_many([Member(name="Imported Earlier", timezone="UTC")])
        clean, clean_rows = digest(demo_path), digest(demo_path, rows_only=True)
        for case in range(CSV_MUTANTS):
            data = mutate_bytes(rng.choice(seeds), rng)
            source.write_bytes(data)
            before = {m.id for m in roster.list_members(include_archived=True)}
            try:
                result = import_roster_csv(roster, source)
            except Exception as exc:
                refused += 1
                assert digest(demo_path) == clean, f"case {case}: a refused import wrote"
                if not isinstance(exc, KeelError):
                    crashes.setdefault(crash_site(exc), f"case {case}: {exc}")
                continue
            imported += 1
            stored = {m.id: m for m in roster.list_members(include_archived=True)}
            assert set(stored) == before | {m.id for m in result.members}, f"case {case}"
            for m in result.members:
                assert stored[m.id] == m, f"case {case}: stored differently than imported"
            for m in result.members:  # back to the starting point for the next case
                assert m.id is not None
                roster.delete(m.id)
            assert digest(demo_path, rows_only=True) == clean_rows
            clean = digest(demo_path)  # the data version counted the import and the deletes
    assert check_file(demo_path) == []
    print(
        f"\nroster CSV: {CSV_MUTANTS} mutants, {imported} imported, {refused} refused, "
        f"crash sites: {crashes}"
    )
    assert imported and refused
    assert set(crashes) <= KNOWN_CRASH_SITES, crashes


def test_a_50_mb_csv_is_refused_without_writing(team: TeamFile, tmp_path: Path) -> None:
    huge = tmp_path / "huge.csv"
    row = b"Someone,Engineer,someone@example.org,Europe/Berlin,09:00-17:00\r\n"
    with huge.open("wb") as out:
        out.write(b"Name,Role,Email,Time zone,Working hours\r\n")
        out.write(row * (50 * 1024 * 1024 // len(row) + 1))
    assert huge.stat().st_size > MAX_BYTES
    before = digest(team.path)
    with pytest.raises(KeelError, match="larger than"):
        import_roster_csv(RosterService(team), huge)
    assert digest(team.path) == before


# -- team JSON -----------------------------------------------------------------------
def test_the_seed_document_round_trips(seed_doc: dict[str, Any], tmp_path: Path) -> None:
    with TeamFile.create(tmp_path / "a.keel") as team:
        interchange.import_document(team, seed_doc)
        again = interchange.export_document(team)
    assert again == seed_doc


def test_mutated_documents_import_whole_or_not_at_all(
    seed_doc: dict[str, Any], tmp_path: Path
) -> None:
    rng = random.Random(82)
    crashes: dict[str, str] = {}
    template = tmp_path / "empty.keel"
    TeamFile.create(template).close()
    empty = digest(template)
    imported = refused = 0
    current = tmp_path / "target-0.keel"
    snapshot(template, current)
    team = TeamFile.open(current)
    text_seed = interchange.dumps(seed_doc).encode("utf-8")
    source = tmp_path / "doc.json"
    try:
        for case in range(JSON_MUTANTS):
            try:
                if case % 4 == 0:  # byte-level damage to the file itself
                    source.write_bytes(mutate_bytes(text_seed, rng))
                    doc = interchange.load_json(source)
                else:
                    doc = mutate_doc(seed_doc, rng)
                interchange.import_document(team, doc)
            except Exception as exc:
                refused += 1
                assert digest(current) == empty, f"case {case}: a refused import wrote"
                if not isinstance(exc, KeelError):
                    crashes.setdefault(crash_site(exc), f"case {case}: {exc}")
                continue
            imported += 1
            findings = check_file(current)
            assert findings == [], f"case {case}: import left problems: {findings[:3]}"
            team.close()
            current = tmp_path / f"target-{case + 1}.keel"
            snapshot(template, current)
            team = TeamFile.open(current)
    finally:
        team.close()
    print(
        f"\nteam JSON: {JSON_MUTANTS} mutants, {imported} imported, {refused} refused, "
        f"crash sites: {json.dumps(crashes, indent=1, ensure_ascii=False)}"
    )
    assert imported and refused
    assert set(crashes) <= KNOWN_CRASH_SITES, crashes


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    value=st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(st.text(max_size=10), children, max_size=4)
        ),
        max_leaves=20,
    )
)
def test_any_json_value_imports_or_is_refused(
    value: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("json") / "t.keel"
    with TeamFile.create(path) as team:
        before = digest(path)
        for doc in (
            value,
            {"format": "keel-team", "format_version": 1, "roster": value},
            {"format": "keel-team", "format_version": 1, "standup": value, "roster": []},
        ):
            try:
                interchange.import_document(team, doc)
            except Exception as exc:
                assert digest(path) == before
                if not isinstance(exc, KeelError):
                    assert crash_site(exc) in KNOWN_CRASH_SITES, crash_site(exc)
            else:
                assert check_file(path) == []
                return


# -- survey CSV ----------------------------------------------------------------------
@FAST
@given(st.text(max_size=300))
def test_any_text_is_a_survey_or_refused(text: str) -> None:
    try:
        rows = parse_survey_csv(text)
    except KeelError:
        return
    except Exception as exc:
        assert crash_site(exc) in KNOWN_CRASH_SITES, crash_site(exc)
        return
    assert rows and all(len(r) == 7 and all(1 <= v <= 7 for v in r) for r in rows)


def test_mutated_survey_csvs_record_whole_or_not_at_all(team: TeamFile) -> None:
    rng = random.Random(83)
    crashes: dict[str, str] = {}
    seed = (
        "Q1,Q2,Q3,Q4,Q5,Q6,Q7,Timestamp\r\n"
        + "".join(
            ",".join(str(rng.randint(1, 7)) for _ in range(7)) + ",2026-03-02 10:14\r\n"
            for _ in range(9)
        )
    ).encode("utf-8")
    service = InsightsService(team)
    recorded = refused = 0
    for case in range(SURVEY_MUTANTS):
        before = digest(team.path)
        raw = mutate_bytes(seed, rng)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            refused += 1
            continue
        try:
            responses = parse_survey_csv(text)
            service.add_round(dt.date(2026, 3, 2), responses, f"case {case}")
        except Exception as exc:
            refused += 1
            assert digest(team.path) == before, f"case {case}"
            if not isinstance(exc, KeelError):
                crashes.setdefault(crash_site(exc), f"case {case}: {exc}")
            continue
        recorded += 1
    rounds = service.list_rounds()
    assert len(rounds) == recorded
    assert check_file(team.path) == []
    print(
        f"\nsurvey CSV: {SURVEY_MUTANTS} mutants, {recorded} recorded, {refused} refused, "
        f"crash sites: {crashes}"
    )
    assert set(crashes) <= KNOWN_CRASH_SITES, crashes
