"""Starting on the tab the lead left: each tab's first screen in the first frame.

Keel reopens on the remembered tab. Its first frame shows that tab's first screen, read
with plain SQL (``teamkeel.ui.first_screen``): real rows, with none of SQLAlchemy, the
tab's own modules, charts, PDF or date-rule libraries loaded; the tab itself replaces
it right after. Insights and the Journey show the figures they kept in the file, with
the data version they came from (``core.storage.data_version``).
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from teamkeel.core.first_screen import compact, insights, journey, rotations, standup
from teamkeel.core.first_screen.kept import read_kept
from teamkeel.core.roster import Member, RosterService
from teamkeel.core.standup import StandupService
from teamkeel.core.storage.teamfile import TeamFile
from teamkeel.core.storage.watch import ChangeWatch
from teamkeel.core.team_info import TeamInfoService

# Modules that must not load before the first frame, whichever tab it shows.
HEAVY = ("sqlalchemy", "alembic", "reportlab", "networkx", "pypdfium2", "dateutil", "pypdf")
TABS_WITH_FIRST_SCREENS = ("journey", "compact", "calendar", "rotations", "standup", "insights")


def start_on(tab: str, path: Path, tmp_path: Path, then: str = "") -> list[str]:
    """Start the window as Keel does, with ``tab`` remembered; print what the first
    frame showed and loaded, then run ``then`` once the tab itself is built."""
    config = tmp_path / "config"
    config.mkdir(exist_ok=True)
    (config / "keel.ini").write_text(f"[window]\ntab_key={tab}\n", encoding="utf-8")
    code = f"""
        import sys
        from pathlib import Path
        from PySide6 import QtCore
        from PySide6.QtCore import QEventLoop, QTimer
        from PySide6.QtWidgets import QLabel, QTableWidget
        from teamkeel.ui.app import _first_window, make_app
        app = make_app()
        window = _first_window(Path({str(path)!r}))
        window.grab()  # the first frame
        slot = window.tab_widget.currentWidget()
        screen = slot.first_screen
        print(slot.key, screen is not None and screen.isVisible(), slot.tab is None)
        heavy = sorted({{m.split(".")[0] for m in sys.modules}} & set({HEAVY!r}))
        tab_code = sorted(m for m in sys.modules if m.startswith("teamkeel.ui.{tab}"))
        print(heavy, tab_code, "Qt" in vars(QtCore))
        texts = [w.text() for w in screen.findChildren(QLabel)] if screen else []
        rows = [t.rowCount() for t in screen.findChildren(QTableWidget)] if screen else []
        print(sum(len(t) for t in texts), rows)
        loop = QEventLoop()
        window.tab_built.connect(lambda key: key == {tab!r} and loop.quit())
        QTimer.singleShot(60000, lambda: loop.exit(1))
        if slot.tab is None:
            print(loop.exec())
        else:
            print(0)
        print(slot.tab is not None, slot.first_screen is None)
        # Work handed to workers (the Insights measures, the compact preview) lands
        # before anything is read back, and no worker outlives the process.
        # (Building the other tabs, one per turn, may start more: until a turn is quiet.)
        from teamkeel.ui.worker import settle
        settle(app, most_turns=500)
        {textwrap.indent(textwrap.dedent(then), " " * 8).strip()}
    """
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=180,
        env={
            **_env(tmp_path),
            "QT_QPA_PLATFORM": "offscreen",
            "TEAMKEEL_CONFIG_DIR": str(config),
        },
    )
    assert out.returncode == 0, out.stderr
    return out.stdout.splitlines()


def _env(tmp_path: Path) -> dict[str, str]:
    import os

    return {**os.environ, "TEAMKEEL_DATA_DIR": str(tmp_path / "data")}


def keep_figures_as_the_tabs_do(path: Path, tmp_path: Path) -> None:
    """One start on each of the tabs that keep figures, as a lead's earlier day did."""
    for tab in ("journey", "insights"):
        start_on(tab, path, tmp_path)


@pytest.mark.parametrize("tab", TABS_WITH_FIRST_SCREENS)
def test_the_first_frame_shows_the_remembered_tabs_rows_without_heavy_modules(
    tab: str, demo_path: Path, tmp_path: Path
) -> None:
    if tab in ("journey", "insights"):
        keep_figures_as_the_tabs_do(demo_path, tmp_path)
    where, heavy, content, built, after = start_on(tab, demo_path, tmp_path)[-5:]
    assert where == f"{tab} True True"  # the remembered tab, on its first screen
    assert heavy == "[] [] False", heavy  # no heavy module, no tab code, no Qt enums
    characters, tables = content.split(" ", 1)
    assert int(characters) > 40 or any(n > 0 for n in json.loads(tables))
    assert built == "0"
    assert after == "True True"  # then the tab itself, in place of its first screen


def test_a_real_start_opens_on_the_remembered_tab(demo_path: Path, tmp_path: Path) -> None:
    """Keel starts with ``create=True`` on the last file: an existing one must still
    open on the tab the lead left, not on the Roster as a new file does."""
    where = start_on("rotations", demo_path, tmp_path)[-5]
    assert where.split()[0] == "rotations"


def test_a_new_file_still_opens_on_the_roster(tmp_path: Path) -> None:
    where = start_on("insights", tmp_path / "new.keel", tmp_path)[-5]
    assert where == "roster False False"


def test_the_insights_first_screen_says_when_the_data_changed_since(
    qapp: object, demo_path: Path, tmp_path: Path
) -> None:
    start_on("insights", demo_path, tmp_path)
    with TeamFile.open(demo_path) as team:
        with team.reading() as conn:
            kept = insights.read(conn, dt.date.today()).kept
        assert kept is not None and kept.current
        assert kept.figures["findings"]
        assert "Conversation prompts" in " ".join(first_screen_texts("insights", team))
        someone = RosterService(team).list_members()[0]
        assert someone.id is not None
        StandupService(team).add_blocker(dt.date.today(), someone.id, "waiting on keys")
        with team.reading() as conn:
            kept = insights.read(conn, dt.date.today()).kept
        assert kept is not None and not kept.current
        texts = " ".join(first_screen_texts("insights", team))
        # Stale prompts name people: they wait for the figures computed afresh.
        assert "recomputing" in texts and "Conversation prompts" not in texts
        assert "What stands out" in texts
    lines = start_on(
        "insights",
        demo_path,
        tmp_path,
        then="""
        from teamkeel.core.first_screen import insights
        from teamkeel.core.first_screen.kept import read_kept
        with window.ctx.team.reading() as conn:
            print(read_kept(conn, insights.KEPT_AS).current)
        """,
    )
    assert lines[-1] == "True"  # the tab recomputed and kept figures for the new data


def first_screen_texts(tab: str, team: TeamFile) -> list[str]:
    from PySide6.QtWidgets import QApplication, QLabel

    from teamkeel.ui.first_screen import first_screen

    assert QApplication.instance() is not None
    screen = first_screen(tab, team)
    assert screen is not None
    try:
        return [label.text() for label in screen.findChildren(QLabel)]
    finally:
        screen.deleteLater()


def test_a_change_raises_the_data_version_and_a_read_does_not(team: TeamFile) -> None:
    before = team.data_version()
    RosterService(team).list_members()
    with team.session():
        pass  # a transaction that changes nothing
    assert team.data_version() == before
    RosterService(team).add(Member(name="Ana"))
    assert team.data_version() == before + 1
    TeamInfoService(team).rename("Platform")
    assert team.data_version() == before + 2


def test_kept_figures_change_no_version_and_are_no_outside_change(team: TeamFile) -> None:
    watch = ChangeWatch(team)
    try:
        version = team.data_version()
        assert team.keep_derived("probe", version, {"answer": [42]})
        assert team.data_version() == version
        assert not watch.changed_elsewhere()
        with team.reading() as conn:
            kept = read_kept(conn, "probe")
        assert kept is not None and kept.current and kept.figures == {"answer": [42]}
        # Figures computed before a change are not kept as if they were current.
        RosterService(team).add(Member(name="Bo"))
        assert not team.keep_derived("probe", version, {"answer": [43]})
        with team.reading() as conn:
            kept = read_kept(conn, "probe")
        assert kept is not None and not kept.current and kept.figures == {"answer": [42]}
    finally:
        watch.close()


def test_kept_figures_stay_out_of_the_json_document(team: TeamFile, tmp_path: Path) -> None:
    from teamkeel.core import interchange

    team.keep_derived("probe", team.data_version(), {"answer": [42]})
    out = tmp_path / "team.json"
    interchange.export_json(team, out)
    text = out.read_text(encoding="utf-8")
    assert "derived." not in text and "data.version" not in text


def test_first_screen_readers_agree_with_the_services(demo_team: TeamFile) -> None:
    from teamkeel.core.compact import CompactService
    from teamkeel.core.rotations.service import RotationService

    with demo_team.reading() as conn:
        compact_glance = compact.read(conn)
        log = standup.read(conn)
        rotation_glance = rotations.read(conn)
        nothing_kept = journey.read(conn)
    service = CompactService(demo_team)
    shown = service.draft() or service.latest()
    assert compact_glance is not None and shown is not None
    assert [c[0] for c in compact_glance.commitments] == [c.statement for c in shown.commitments]
    assert log.total == StandupService(demo_team).count()
    assert log.rows and log.rows[0][0] == max(r[0] for r in log.rows)
    names = sorted(
        (r.spec.name for r in RotationService(demo_team).list_rotations()), key=str.casefold
    )
    assert [r[0] for r in rotation_glance.rotations] == names
    assert nothing_kept is None  # the demo file was never opened on the Journey
