"""Work off the main thread (``teamkeel.ui.worker``): the result lands in the main
thread, the team file is read on the worker with a connection of its own, and a failure
comes back as one line."""

from __future__ import annotations

import sqlite3
import threading

from teamkeel.core.errors import KeelError
from teamkeel.core.roster import RosterService
from teamkeel.core.storage.teamfile import TeamFile
from teamkeel.ui.worker import KeepGoing, run_in_worker


def test_work_runs_off_the_main_thread_and_its_result_lands_in_it(qtbot, demo_team: TeamFile):
    seen: dict[str, object] = {}

    def work(_keep_going: KeepGoing) -> list[str]:
        seen["worker"] = threading.get_ident()
        with demo_team.reading() as conn:
            seen["connection"] = conn
        return [m.name for m in RosterService(demo_team).list_members()]

    landed: list[tuple[list[str], int]] = []
    job = run_in_worker(work, done=lambda names: landed.append((names, threading.get_ident())))
    qtbot.waitUntil(lambda: bool(landed))
    names, thread = landed[0]
    assert names == [m.name for m in RosterService(demo_team).list_members()]
    assert thread == threading.get_ident() != seen["worker"]
    assert not job.running
    with demo_team.reading() as main_connection:  # the worker had one of its own, now closed
        assert seen["connection"] is not main_connection
    try:
        seen["connection"].execute("SELECT 1")  # type: ignore[attr-defined]
    except sqlite3.ProgrammingError:
        pass
    else:
        raise AssertionError("the worker's connection was left open")


def test_a_failure_comes_back_as_one_line(qtbot):
    def refused(_keep_going: KeepGoing) -> None:
        raise KeelError("The disk is full;\nfree some space and try again.")

    def broken(_keep_going: KeepGoing) -> None:
        raise ValueError("bad\nvalue")

    problems: list[str] = []
    for work in (refused, broken):
        run_in_worker(work, failed=problems.append)
    qtbot.waitUntil(lambda: len(problems) == 2)
    assert sorted(problems) == [
        "The disk is full; free some space and try again.",
        "ValueError: bad value",
    ]


def test_cancel_stops_the_work_at_its_next_progress_report(qtbot):
    started = threading.Event()
    proceed = threading.Event()

    def count(keep_going: KeepGoing) -> int:
        started.set()
        proceed.wait(5)
        done = 0
        while keep_going(done, 1_000_000) and done < 1_000_000:
            done += 1
        return done

    results: list[int] = []
    job = run_in_worker(count, done=results.append)
    started.wait(5)
    job.cancel()
    proceed.set()
    qtbot.waitUntil(lambda: bool(results))
    assert results == [0]
    assert job.cancelled


def test_the_health_report_is_written_on_a_worker_and_the_window_says_so(
    qtbot, window, prompts, demo_path, tmp_path, monkeypatch
):
    from pypdf import PdfReader

    from teamkeel.core.insights.service import InsightsService

    threads: list[int] = []
    real_export = InsightsService.export_report

    def export_and_note_thread(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.get_ident())
        return real_export(self, *args, **kwargs)

    monkeypatch.setattr(InsightsService, "export_report", export_and_note_thread)
    assert window.open_file(demo_path)
    tab = window.tab("insights")
    out = tmp_path / "health.pdf"
    prompts.files.append(str(out))
    tab.choose_export()
    assert not tab.export_button.isEnabled()  # until the worker is done
    qtbot.waitUntil(lambda: bool(prompts.infos), timeout=30_000)
    assert prompts.infos == [("Health report", f"Wrote the team health report to {out}.")]
    assert threads and threads[0] != threading.get_ident()
    assert tab.export_button.isEnabled()
    assert "health" in PdfReader(out).pages[0].extract_text().lower()


def test_a_failed_report_is_shown_as_one_line(qtbot, window, prompts, demo_path):
    assert window.open_file(demo_path)
    tab = window.tab("insights")
    prompts.files.append(str(demo_path))  # the team file itself: never overwritten
    tab.choose_export()
    qtbot.waitUntil(lambda: bool(prompts.errors), timeout=30_000)
    [(title, text)] = prompts.errors
    assert title == "Cannot write the health report"
    assert "\n" not in text and demo_path.name in text
    assert tab.export_button.isEnabled()
