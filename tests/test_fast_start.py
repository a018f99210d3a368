"""Opening a team file and showing the roster before SQLAlchemy loads.

Reads are plain SQL (``TeamFile.reading``) and writes go through the ORM, so the plain
reader must decode exactly what the ORM stored; the window's first frame must need no
SQLAlchemy at all, and the ORM must be there right after it.
"""

from __future__ import annotations

import builtins
import datetime as dt
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from teamkeel.core.roster import Absence, Member, RosterReader, RosterService
from teamkeel.core.roster.models import MemberRow
from teamkeel.core.roster.service import to_member
from teamkeel.core.storage.sqlite_errors import StorageError
from teamkeel.core.storage.teamfile import TeamFile
from teamkeel.core.team_info import TeamInfoService


def orm_members(team: TeamFile) -> list[Member]:
    """Every member as the ORM reads it back, in the reader's order."""
    with team.session() as s:
        members = [to_member(r) for r in s.scalars(select(MemberRow)).all()]
    return sorted(members, key=lambda m: (m.name.casefold(), m.id or 0))


def test_plain_reading_matches_the_orm_on_the_demo(demo_team: TeamFile) -> None:
    plain = RosterReader(demo_team).list_members(include_archived=True)
    assert len(plain) >= 10
    assert plain == orm_members(demo_team)
    assert any(m.absences for m in plain)
    for member in plain:
        assert RosterReader(demo_team).get(member.id) == member  # type: ignore[arg-type]


text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=0, max_size=30)
tags = st.lists(
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters=","),
            min_size=1, max_size=12).map(str.strip).filter(bool),
    max_size=4,
)  # fmt: skip
days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2035, 12, 31))
times = st.times()  # seconds and microseconds too: the reader must decode them


@st.composite
def members(draw: st.DrawFn) -> Member:
    start, end = sorted((draw(times), draw(times)))
    absences = []
    for _ in range(draw(st.integers(0, 3))):
        first, last = sorted((draw(days), draw(days)))
        absences.append(Absence(first, last, draw(text).strip()))
    return Member(
        name=draw(text.map(str.strip).filter(bool)),
        role=draw(text).strip(),
        email=draw(st.none() | st.emails().filter(lambda e: len(e) < 100)),
        timezone=draw(st.sampled_from(["UTC", "Europe/Berlin", "Asia/Tokyo", "America/Lima"])),
        work_start=start,
        work_end=end if end > start else start.replace(hour=23, minute=59),
        skills=tuple(draw(tags)),
        goals=tuple(draw(tags)),
        start_date=draw(st.none() | days),
        notes=draw(text),
        archived=draw(st.booleans()),
        absences=tuple(absences),  # in any order: the file keeps them by start date
    )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(batch=st.lists(members(), min_size=1, max_size=4))
def test_plain_reading_decodes_whatever_the_orm_wrote(team: TeamFile, batch: list[Member]) -> None:
    service = RosterService(team)
    stored: list[Member] = []
    for member in batch:
        if service.duplicate_of(member) is None:
            stored.append(service.add(member))
    assert RosterReader(team).list_members(include_archived=True) == orm_members(team)
    for member in stored:
        assert service.get(member.id) == member  # type: ignore[arg-type]
    for member in stored:
        service.delete(member.id)  # type: ignore[arg-type]


def test_the_reading_connection_refuses_writes(demo_team: TeamFile) -> None:
    before = len(RosterReader(demo_team).list_members(include_archived=True))
    with pytest.raises(sqlite3.OperationalError, match="readonly"), demo_team.reading() as conn:
        conn.execute("DELETE FROM member")
    assert len(RosterReader(demo_team).list_members(include_archived=True)) == before


def test_an_opened_file_is_in_wal_mode_before_anything_is_written(demo_path: Path) -> None:
    # A copy made with the backup API is a rollback-journal file; once Keel opens it,
    # readers and a writer in another process must never block each other.
    conn = sqlite3.connect(demo_path)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    with TeamFile.open(demo_path):
        conn = sqlite3.connect(f"{demo_path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        finally:
            conn.close()


def run_python(code: str, tmp_path: Path) -> str:
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", **_env(tmp_path)},
    )
    assert out.returncode == 0, out.stderr
    return out.stdout


def _env(tmp_path: Path) -> dict[str, str]:
    import os

    return {
        **os.environ,
        "TEAMKEEL_DATA_DIR": str(tmp_path / "data"),
        "TEAMKEEL_CONFIG_DIR": str(tmp_path / "config"),
    }


def test_opening_and_reading_a_file_loads_no_sqlalchemy(demo_path: Path, tmp_path: Path) -> None:
    out = run_python(
        f"""
        import sys
        from teamkeel.core.roster import RosterReader
        from teamkeel.core.storage.teamfile import TeamFile
        from teamkeel.core.team_info import TeamInfoService
        with TeamFile.open({str(demo_path)!r}) as team:
            print(len(RosterReader(team).list_members()), TeamInfoService(team).name())
        print(sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "alembic")))
        """,
        tmp_path,
    )
    count, *_ = out.splitlines()[0].split(" ", 1)
    assert int(count) >= 10
    assert out.splitlines()[1] == "[]"


def test_the_first_frame_shows_the_roster_and_the_orm_follows(
    demo_path: Path, tmp_path: Path
) -> None:
    out = run_python(
        f"""
        import sys
        from dataclasses import replace
        from pathlib import Path
        from PySide6.QtCore import QEventLoop, QTimer
        from PySide6.QtWidgets import QApplication
        from teamkeel.ui.main_window import MainWindow
        from teamkeel.ui.settings import make_settings
        app = QApplication([])
        window = MainWindow(make_settings())
        window.open_file(Path({str(demo_path)!r}))
        window.show()
        window.grab()  # the first frame
        tab = window.tab("roster")
        print(tab.proxy.rowCount(), "sqlalchemy" in sys.modules)
        loop = QEventLoop()
        window.orm_loaded.connect(loop.quit)  # the window goes on by itself
        QTimer.singleShot(20000, lambda: loop.exit(1))
        print(loop.exec(), "sqlalchemy.orm" in sys.modules)
        member = tab.current_member()
        tab.roster.update(replace(member, role="Changed"))
        print(tab.reader.get(member.id).role)
        """,
        tmp_path,
    )
    first, after, role = out.splitlines()[-3:]
    rows, loaded = first.split()
    assert int(rows) >= 10
    assert loaded == "False"
    assert after == "0 True"
    assert role == "Changed"


def test_the_first_frame_needs_none_of_qts_enums(demo_path: Path, tmp_path: Path) -> None:
    """Looking ``QtCore.Qt`` up makes PySide6 build its 93 enums (~12 ms): the window
    Keel starts with leaves that until after its first frame (teamkeel.ui.rows_model)."""
    out = run_python(
        f"""
        from pathlib import Path
        from PySide6 import QtCore
        from PySide6.QtCore import QEventLoop, QTimer
        from teamkeel.ui.app import _first_window, make_app
        app = make_app()
        window = _first_window(Path({str(demo_path)!r}))
        window.grab()  # the first frame
        tab = window.tab("roster")
        names = [tab.proxy.index(r, 0).data() for r in range(tab.proxy.rowCount())]
        print("Qt" in vars(QtCore), names == sorted(names, key=str.casefold), len(names))
        loop = QEventLoop()
        window.orm_loaded.connect(loop.quit)
        QTimer.singleShot(20000, lambda: loop.exit(1))
        loop.exec()
        print(tab.table.isSortingEnabled(), tab.table.horizontalHeader().sortIndicatorSection())
        """,
        tmp_path,
    )
    first, after = out.splitlines()[-2:]
    built, in_order, rows = first.split()
    assert (built, in_order) == ("False", "True") and int(rows) >= 10
    assert after == "True 0"  # then sorting is on, by name


def test_a_moved_file_is_not_brought_back_empty(demo_path: Path, tmp_path: Path) -> None:
    team = TeamFile.open(demo_path)
    RosterReader(team).list_members()
    moved = tmp_path / "moved.keel"
    demo_path.rename(moved)
    team.close()  # folds the log in: must not create a new, empty file
    assert not demo_path.exists()
    with pytest.raises(StorageError, match="moved or deleted"):
        RosterReader(team).list_members()
    assert not demo_path.exists()
    assert len(RosterReader(TeamFile.open(moved)).list_members()) >= 10


def test_imports_in_the_pause_skip_pysides_feature_hook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import PySide6.QtCore  # noqa: F401 - installs PySide6's import hook

    from teamkeel.ui.import_hook import pyside_import_hook_paused

    features = sys.modules["PySide6.support.feature"].pyside_feature_dict
    for name in ("keel_probe_paused", "keel_probe_hooked"):
        (tmp_path / f"{name}.py").write_text("VALUE = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    hooked = builtins.__import__
    with pytest.raises(RuntimeError), pyside_import_hook_paused():
        import keel_probe_paused  # noqa: F401

        assert builtins.__import__ is not hooked
        raise RuntimeError("the hook must come back even so")
    assert builtins.__import__ is hooked
    import keel_probe_hooked  # noqa: F401

    assert "keel_probe_paused" not in features  # its source was never read
    assert "keel_probe_hooked" in features


def test_team_name_reads_without_the_orm_after_a_rename(team: TeamFile) -> None:
    info = TeamInfoService(team)
    info.rename("  Platform   Team ")
    assert info.name() == "Platform Team"
    assert info.setting("missing", "fallback") == "fallback"
    info.set_setting("quiet", "3")
    assert info.setting("quiet") == "3"


def test_a_real_start_shows_the_window_then_loads_the_rest(demo_path: Path, tmp_path: Path) -> None:
    """``python -m teamkeel`` as a user starts it, with the benchmark's probe."""
    out = subprocess.run(
        [sys.executable, "-m", "teamkeel", "--db", str(demo_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**_env(tmp_path), "QT_QPA_PLATFORM": "offscreen", "TEAMKEEL_STARTUP_PROBE": "loaded"},
    )
    assert out.returncode == 0, out.stderr
    lines = [line.split() for line in out.stdout.splitlines()]
    assert [w[0] for w in lines] == ["shown", "orm", "loaded", "gc"]
    shown, orm, loaded = (float(w[1]) for w in lines[:3])
    assert shown <= orm <= loaded
    assert lines[3] == ["gc", "1"]  # the collector, off during start-up, is back on


def test_keels_fonts_reach_the_window_after_its_first_frame(
    team_path: Path, tmp_path: Path
) -> None:
    """Names in scripts the machine has no font for (CJK) show as boxes until Keel's
    own fonts are registered with Qt; that is done after the first frame, not before."""
    with TeamFile.create(team_path) as team:
        RosterService(team).add_many(
            [Member(name="李娜", role="后端工程师"), Member(name="佐藤さくら", role="デザイナー")]
        )
    out = run_python(
        f"""
        from pathlib import Path
        from PySide6.QtCore import QEventLoop, QTimer
        from PySide6.QtGui import QFontDatabase
        from PySide6.QtWidgets import QLabel
        from teamkeel.ui import fonts
        from teamkeel.ui.app import _first_window, make_app
        app = make_app()

        def looks(char):
            label = QLabel(char)
            label.resize(40, 30)
            return label.grab().toImage()

        window = _first_window(Path({str(team_path)!r}))
        window.grab()  # the first frame
        print(fonts.fonts_registered())
        loop = QEventLoop()
        window.loaded.connect(loop.quit)
        QTimer.singleShot(20000, lambda: loop.exit(1))
        loop.exec()
        print(fonts.fonts_registered(), "Droid Sans Fallback" in QFontDatabase.families())
        # Two different characters look different: not the same empty box twice.
        print(looks("李") != looks("娜"), looks("さ") != looks("く"))
        # The roster's columns, measured with boxes in the first frame, now fit the names.
        from teamkeel.ui.roster.table_model import ROLE
        tab = window.tab("roster")
        needed = tab.table.fontMetrics().horizontalAdvance("后端工程师")
        print(tab.table.horizontalHeader().sectionSize(ROLE) > needed)
        """,
        tmp_path,
    )
    first, loaded, glyphs, fitted = out.splitlines()[-4:]
    assert first == "False"
    assert loaded == "True True"
    assert glyphs == "True True"
    assert fitted == "True"
