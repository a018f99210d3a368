"""The window keeps answering (issue 17): the ORM loads on a worker after the first
frame, and closing a file never re-reads the tabs it is taking down."""

from __future__ import annotations

import threading
from pathlib import Path

from teamkeel.core.storage.teamfile import TeamFile


def test_the_orm_loads_on_a_worker_after_the_first_frame(qtbot, window, demo_path, monkeypatch):
    threads: list[int] = []
    real_prepare = TeamFile.prepare_orm

    def prepare_and_note_thread(self: TeamFile) -> None:
        threads.append(threading.get_ident())
        real_prepare(self)

    monkeypatch.setattr(TeamFile, "prepare_orm", prepare_and_note_thread)
    assert window.open_file(demo_path)
    with qtbot.waitSignal(window.orm_loaded, timeout=20_000):
        window.grab()  # the first frame starts the loading
    assert threads and threads[0] != threading.get_ident()
    with qtbot.waitSignal(window.loaded, timeout=30_000):
        pass
    assert all(slot.tab is not None for slot in window.slots)


def test_closing_a_file_does_not_reload_its_tabs(qtbot, window, demo_path, team_path: Path):
    assert window.open_file(demo_path)
    for slot in window.slots:
        window.tab(slot.key)
    window.select_tab("roster")
    assert window.ctx is not None
    window.ctx.changed.emit("team")  # every other tab is now stale: it reloads when shown
    reloaded: list[str] = []
    for tab in window.tabs:
        real_reload = tab.reload
        tab.reload = lambda *a, t=tab, r=real_reload, **k: (reloaded.append(t.key), r(*a, **k))
    assert window.open_file(team_path, create=True)
    assert reloaded == []


def test_a_year_of_calendar_is_exported_on_a_worker(qtbot, window, prompts, demo_path, tmp_path):
    import datetime as dt

    from pypdf import PdfReader

    assert window.open_file(demo_path)
    tab = window.tab("calendar")
    out = tmp_path / "year.pdf"
    first = dt.date.today().replace(day=1)
    last = first.replace(year=first.year + 1) - dt.timedelta(days=1)
    tab.write_calendar(out, first, last)
    qtbot.waitUntil(lambda: bool(prompts.infos), timeout=60_000)
    assert prompts.infos[-1][0] == "Calendar exported" and str(out) in prompts.infos[-1][1]
    assert len(PdfReader(out).pages) >= 12  # a page per month at least

    tab.write_calendar(tmp_path / "no such folder" / "year.pdf", first, last)
    qtbot.waitUntil(lambda: bool(prompts.errors), timeout=60_000)
    [(title, text)] = prompts.errors
    assert title == "Export failed" and "\n" not in text


def test_the_compact_preview_is_laid_out_on_a_worker(qtbot, window, demo_path, monkeypatch):
    from teamkeel.ui.compact import tab as compact_tab

    threads: list[int] = []
    real_render = compact_tab.render_pages

    def render_and_note_thread(pdf: bytes, width: int):  # type: ignore[no-untyped-def]
        threads.append(threading.get_ident())
        return real_render(pdf, width)

    monkeypatch.setattr(compact_tab, "render_pages", render_and_note_thread)
    assert window.open_file(demo_path)
    assert window.select_tab("compact")
    tab = window.tab("compact")
    qtbot.waitUntil(lambda: tab.preview.page_count > 0, timeout=30_000)
    assert threads and threading.get_ident() not in threads


def test_a_hidden_tab_reloads_for_another_features_change_once_it_is_shown(
    qtbot, window, demo_path
):
    assert window.open_file(demo_path)
    for key in ("rotations", "calendar"):
        window.tab(key)
    window.select_tab("roster")
    reloaded: list[str] = []
    for tab in window.tabs:
        if tab.key in ("rotations", "calendar"):
            real_reload = tab.reload
            tab.reload = lambda *a, t=tab, r=real_reload, **k: (reloaded.append(t.key), r(*a, **k))
    assert window.ctx is not None
    window.ctx.changed.emit("roster")  # e.g. a large roster import
    assert reloaded == []  # nothing re-read behind the lead's back
    window.select_tab("rotations")
    window.select_tab("calendar")
    assert reloaded == ["rotations", "calendar"]  # once each, when shown


def test_a_window_deleted_with_unsaved_steps_does_not_retitle_itself(
    qtbot, prompts, team_path: Path, tmp_path: Path
):
    """The undo stack outlives the window's C++ object by a moment and, emptied as it
    goes, tells whoever listens that it is clean again: the window must no longer be
    among them (it was, through a lambda, and the title update failed on a deleted
    window)."""
    import shiboken6
    from PySide6.QtCore import QSettings

    from teamkeel.core.team_info import TeamInfoService
    from teamkeel.ui.main_window import MainWindow
    from teamkeel.ui.undo import ServiceCommand, push

    settings = QSettings(str(tmp_path / "keel.ini"), QSettings.Format.IniFormat)
    win = MainWindow(settings, prompts)  # type: ignore[arg-type]
    assert win.open_file(team_path, create=True)
    assert win.ctx is not None
    info = TeamInfoService(win.ctx.team)
    push(win.ctx, ServiceCommand(win.ctx, "team", "Rename", lambda: info.rename("A"), lambda: None))
    assert not win.ctx.undo_stack.isClean()
    win.ctx.team.close()
    shiboken6.delete(win)  # takes the context and its undo stack with it
