"""Crash safety and a second Keel on the same file.

A child process writes (members one transaction at a time, or a whole CSV import in one
transaction) and is killed with SIGKILL at random moments: during start-up, during the
on-open backup, in the middle of a transaction. After every kill the file must open,
pass ``PRAGMA integrity_check``, and hold exactly the committed work.

Second-instance policy: both work. SQLite's write-ahead log lets readers and one writer
run together and the busy timeout queues writers, so the window and a chat-bot bridge
running ``teamkeel log kudos`` can share a file; a test runs them at the same time.
"""

from __future__ import annotations

import contextlib
import csv
import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from teamkeel.core.roster import Member, RosterService
from teamkeel.core.safety.check import check_file
from teamkeel.core.storage.teamfile import TeamFile
from teamkeel.core.team_info import create_team

WRITER = Path(__file__).parent / "fixtures" / "safety_writer.py"
LOOP_KILLS = 38
IMPORT_KILLS = 12
IMPORT_ROWS = 1500
RESTORE_KILLS = 8

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")


def spawn(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WRITER), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ},
    )


def kill_after(child: subprocess.Popen[str], delay: float, wait_ready: bool) -> list[str]:
    """SIGKILL the child ``delay`` seconds after it started (or after it said ready);
    return every line it printed."""
    assert child.stdout is not None
    lines: list[str] = []
    if wait_ready:
        line = child.stdout.readline().strip()
        if line:
            lines.append(line)
    # The kill moment: ``delay`` seconds on, or at once if the child has ended by then.
    with contextlib.suppress(subprocess.TimeoutExpired):
        child.wait(timeout=delay)
    child.send_signal(signal.SIGKILL)
    out, err = child.communicate(timeout=30)
    lines.extend(out.split())
    assert child.returncode in (-signal.SIGKILL, 0), err
    return lines


def committed_state(path: Path, prefix: str) -> tuple[list[str], list[int]]:
    """Names with the prefix, and how many absences each has (raw SQLite, read-only)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        rows = conn.execute(
            "SELECT m.name, (SELECT count(*) FROM absence a WHERE a.member_id = m.id) "
            "FROM member m WHERE m.name LIKE ? ORDER BY m.name",
            (f"{prefix} %",),
        ).fetchall()
    finally:
        conn.close()
    return [r[0] for r in rows], [r[1] for r in rows]


def write_csv(path: Path, prefix: str) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["Name", "Role", "Time zone", "Skills", "Absences", "Notes"])
        for i in range(IMPORT_ROWS):
            writer.writerow(
                [
                    f"{prefix} {i:05d}",
                    "Engineer",
                    "Europe/Berlin",
                    "Python, SQL",
                    "2026-01-05..2026-01-09 holiday",
                    "imported before the crash " * 3,
                ]
            )


def test_sigkill_at_random_moments_loses_nothing_committed(team_path: Path, tmp_path: Path) -> None:
    rng = random.Random(20261127)
    TeamFile.create(team_path).close()
    kills = 0
    committed = 0  # members "Crash NNNNN" known to be committed
    imports_whole = imports_none = 0
    plan = ["loop"] * LOOP_KILLS + ["import"] * IMPORT_KILLS
    rng.shuffle(plan)
    for round_no, kind in enumerate(plan):
        if kind == "loop":
            child = spawn("members", str(team_path), "Crash", str(committed))
            # Mostly in the middle of the write loop; sometimes during start-up and the
            # on-open backup.
            wait_ready = rng.random() < 0.75
            lines = kill_after(child, rng.uniform(0, 0.25 if wait_ready else 0.9), wait_ready)
            printed = [int(x) for x in lines if x.isdigit()]
            last = printed[-1] + 1 if printed else committed
            names, absences = committed_state(team_path, "Crash")
            # Exactly the printed work, or one more transaction committed just before
            # the kill and not yet printed; never a member without both absences.
            assert len(names) in (last, last + 1), (round_no, len(names), last)
            assert names == [f"Crash {i:05d}" for i in range(len(names))]
            assert set(absences) <= {2}
            committed = len(names)
        else:
            prefix = f"Import{round_no}"
            source = tmp_path / f"{prefix}.csv"
            write_csv(source, prefix)
            child = spawn("import", str(team_path), str(source))
            lines = kill_after(child, rng.uniform(0, 1.6), wait_ready=rng.random() < 0.5)
            names, absences = committed_state(team_path, prefix)
            assert len(names) in (0, IMPORT_ROWS), (round_no, len(names))
            if "imported" in " ".join(lines):
                assert len(names) == IMPORT_ROWS
            assert set(absences) <= {1}
            imports_whole += len(names) == IMPORT_ROWS
            imports_none += not names
        kills += 1
        # And the file opens the normal way (which also backs it up and reads every page).
        TeamFile.open(team_path).close()
    assert kills == LOOP_KILLS + IMPORT_KILLS
    assert check_file(team_path) == []
    print(
        f"\n{kills} kills; {committed} members committed one by one; "
        f"imports: {imports_whole} whole, {imports_none} not at all, none partial"
    )


def test_sigkill_during_restores_leaves_one_whole_state(demo_path: Path, tmp_path: Path) -> None:
    """A restore writes the backup into the live file in one SQLite transaction: killed
    at any moment, the file holds the state before or after, never a mix."""
    from teamkeel.core.storage.copy import snapshot

    a, b, target = tmp_path / "a.keel", tmp_path / "b.keel", tmp_path / "team.keel"
    snapshot(demo_path, a)
    with TeamFile.open(demo_path) as team:
        RosterService(team).add_many(
            [Member(f"Extra {i:04d}", notes="x" * 300) for i in range(600)]
        )
    snapshot(demo_path, b)
    snapshot(a, target)
    TeamFile.open(target).close()  # a team file in use is in WAL mode
    states = {
        frozenset(committed_state(a, "%")[0]): "a",
        frozenset(committed_state(b, "%")[0]): "b",
    }
    assert len(states) == 2
    rng = random.Random(7)
    seen = set()
    for _ in range(RESTORE_KILLS):
        child = spawn("restore", str(target), str(b), str(a))
        kill_after(child, rng.uniform(0, 0.4), wait_ready=True)
        TeamFile.open(target).close()  # opening recovers whatever the kill left
        names, _ = committed_state(target, "%")  # also checks integrity and keys
        assert frozenset(names) in states
        seen.add(states[frozenset(names)])
    assert check_file(target) == []
    print(f"\n{RESTORE_KILLS} kills during restores; states found: {sorted(seen)}")


def test_two_processes_writing_at_once_lose_nothing(team_path: Path) -> None:
    with create_team(team_path, "Shared") as team:
        RosterService(team).add_many([Member("Ana Sousa"), Member("Bo Lindqvist")])
    per_writer = 120
    writers = [
        spawn("count", str(team_path), prefix, str(per_writer)) for prefix in ("Left", "Right")
    ]
    exe = Path(sys.executable).with_name("teamkeel")
    bridge = []
    if exe.exists():  # a chat-bot bridge logging kudos while the others write
        for i in range(4):
            bridge.append(
                subprocess.run(
                    [
                        str(exe),
                        "log",
                        "kudos",
                        "--db",
                        str(team_path),
                        "--from",
                        "Ana",
                        "--to",
                        "Bo",
                        "--note",
                        f"thanks {i}",
                    ],
                    capture_output=True,
                    text=True,
                    timeout=120,
                )
            )
    # Meanwhile this process (the window) reads and writes too.
    with TeamFile.open(team_path) as team:
        roster = RosterService(team)
        for i in range(30):
            roster.add(Member(f"Window {i:05d}"))
            roster.list_members()
    for child in writers:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        assert out.split()[-1] == "done"
    for run in bridge:
        assert run.returncode == 0, run.stderr
    for prefix, n in (("Left", per_writer), ("Right", per_writer), ("Window", 30)):
        names, absences = committed_state(team_path, prefix)
        assert names == [f"{prefix} {i:05d}" for i in range(n)]
        assert set(absences) <= {2} if prefix != "Window" else set(absences) <= {0}
    if bridge:
        conn = sqlite3.connect(team_path)
        notes = sorted(r[0] for r in conn.execute("SELECT note FROM standup_entry"))
        conn.close()
        assert notes == [f"thanks {i}" for i in range(len(bridge))]
    assert check_file(team_path) == []


def test_a_transaction_that_reads_then_writes_waits_for_the_other_writer(team_path: Path) -> None:
    """The race behind "database is locked": this process reads, another commits, this
    one then writes. With transactions that begin by taking the write lock, the other
    writer waits its turn instead, and both writes land."""
    from sqlalchemy import func, select

    from teamkeel.core.roster.models import MemberRow

    TeamFile.create(team_path).close()
    window, bridge = TeamFile.open(team_path), TeamFile.open(team_path)
    try:
        other: list[BaseException] = []

        def bridge_writes() -> None:
            try:
                RosterService(bridge).add(Member("From the bridge"))
            except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
                other.append(exc)

        import threading

        thread = threading.Thread(target=bridge_writes)
        with window.session() as s:
            assert s.scalar(select(func.count()).select_from(MemberRow)) == 0
            thread.start()
            thread.join(0.5)  # the bridge is now waiting for the write lock
            s.add(
                MemberRow(
                    name="From the window",
                    timezone="UTC",
                    work_start=Member("x").work_start,
                    work_end=Member("x").work_end,
                    skills=[],
                    goals=[],
                )
            )
        thread.join(30)
        assert other == []
        names = sorted(m.name for m in RosterService(window).list_members())
        assert names == ["From the bridge", "From the window"]
    finally:
        window.close()
        bridge.close()
    assert not Path(f"{team_path}-wal").exists() or Path(f"{team_path}-wal").stat().st_size == 0
